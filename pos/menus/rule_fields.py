"""One field of the planning rules form: its label and range, and how its text is checked and shown."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from menu import Allergen
from pos.errors import N_, InvalidInput
from vocabulary.money import format_fen, parse_yuan

WHOLE = re.compile(r"[0-9]{1,4}")
TICKED, UNTICKED = ("1", "on", "true", "yes"), ("", "0", "off", "false", "no")
REFUSALS = {"whole": N_("%(name)s must be a whole number from %(low)s to %(high)s"),
            "count": N_("%(name)s must be a whole number from %(low)s to %(high)s, or blank for no rule"),
            "flag": N_("%(name)s must be ticked or not"),
            "choice": N_("%(name)s must be one of the choices on the list"),
            "yuan": N_("%(name)s must be an amount in yuan from %(low)s to %(high)s, with at most two decimals")}


@dataclass(frozen=True)
class Field:
    """One setting on the form: a whole number, a count (blank = no rule), a flag, yuan, allergens, or a choice."""

    name: str
    label: object  # a lazy string: shown, and named in refusals, in the user's language
    kind: str = "whole"
    low: int = 0
    high: int = 0
    choices: tuple[str, ...] = ()  # the values a "choice" may take

    @property
    def key(self) -> str:
        """Its key in the stored document: money is kept as integer fen."""
        return f"{self.name}_fen" if self.kind == "yuan" else self.name

    def parse(self, raw: object) -> int | bool | str | list[str] | None:
        """The typed value of the form's text, or InvalidInput naming the field and the reason."""
        if self.kind == "allergens":
            return self._allergens(raw)
        if self.kind == "flag" and isinstance(raw, bool):
            return raw
        if not isinstance(raw, str):
            raise self.refusal()
        text = unicodedata.normalize("NFKC", raw).strip()  # full-width digits from a Chinese keyboard
        if self.kind == "flag" and text.lower() in TICKED + UNTICKED:
            return text.lower() in TICKED
        if self.kind == "choice":
            if text not in self.choices:
                raise self.refusal()
            return text
        if self.kind == "count" and text == "":
            return None
        number = self._number(text)
        if number is None or not self.low <= number <= self.high:
            raise self.refusal()
        return number

    def _number(self, text: str) -> int | None:
        """A whole number, or fen for a yuan field; None for anything else."""
        if self.kind == "yuan":
            try:
                return parse_yuan(text)
            except ValueError:
                return None
        return int(text) if self.kind in ("whole", "count") and WHOLE.fullmatch(text) else None

    def refusal(self) -> InvalidInput:
        """Why the field's value was refused, in the user's language."""
        low, high = (format_fen(self.low), format_fen(self.high)) if self.kind == "yuan" else (self.low, self.high)
        return InvalidInput(REFUSALS[self.kind], field=self.name, name=self.label, low=low, high=high)

    def text(self, value: object) -> object:
        """A stored value as the form shows it: money as yuan text, blank for no rule."""
        if self.kind in ("flag", "allergens"):
            return value
        if value is None:
            return ""
        return format_fen(value) if self.kind == "yuan" else str(value)  # type: ignore[arg-type]

    def _allergens(self, raw: object) -> list[str]:
        chosen = [] if raw in ("", None) else [raw] if isinstance(raw, str) else raw
        if not isinstance(chosen, (list, tuple)):
            raise InvalidInput("%(name)s must be ticked or not", field=self.name, name=self.label)
        known = {a.value for a in Allergen}
        for value in chosen:
            if value not in known:
                raise InvalidInput("%(name)s: %(value)s is not an allergen on the list", field=self.name,
                                   name=self.label, value=str(value)[:24])
        return [a.value for a in Allergen if a.value in chosen]  # the list's order, once each
