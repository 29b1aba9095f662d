"""The canteen's settings as its admins change them on /settings: each field checked, all stored together or
none, and the change written to the audit log with the values before and after."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.canteens import setting_fields as check
from pos.canteens.cutoffs import DEFAULT_CUTOFFS, Cutoff, format_cutoffs, parse_cutoffs
from pos.canteens.models import DEFAULT_NOT_SEEN_DAYS, Canteen
from pos.config import format_hours
from pos.db import Database
from pos.errors import InvalidInput

FIELDS = ("name", "address", "phone", "hours", "receipt_footer", "printer", "public_base_url", "sale_needs_shift",
          "order_cutoffs", "not_seen_days")
period_field = check.period_field  # the form field of one meal period's hours, e.g. hours_lunch
cutoff_field = check.cutoff_field  # the form field of one meal period's booking cut-off, e.g. cutoff_lunch


@dataclass(frozen=True)
class SettingsIn:
    """The settings as typed on the form: text as entered, each meal period's hours as '10:30-13:30' or ''."""

    name: str
    address: str = ""
    phone: str = ""
    hours: Mapping[str, str] = field(default_factory=dict)
    receipt_footer: str = ""
    printer: str = "none"
    public_base_url: str = ""
    sale_needs_shift: bool = True
    # Each meal period's booking cut-off as 'DAYS@HH:MM' (0: the day itself, 1: the day before), or all of them
    # as the canteen stores them ('lunch=0@09:30,...').
    order_cutoffs: Mapping[str, str] | str = DEFAULT_CUTOFFS
    # After how many days without a meal a resident who usually eats is "not seen" (pos/alerts); '' the default.
    not_seen_days: str | int = DEFAULT_NOT_SEEN_DAYS


@dataclass(frozen=True)
class CanteenSettings:
    """The settings as kept in the canteen's record."""

    name: str
    address: str
    phone: str
    hours: dict[str, tuple[time, time]]
    receipt_footer: str
    printer: str
    public_base_url: str
    sale_needs_shift: bool
    order_cutoffs: dict[str, Cutoff] = field(default_factory=lambda: parse_cutoffs(DEFAULT_CUTOFFS))
    not_seen_days: int = DEFAULT_NOT_SEEN_DAYS

    def stored(self) -> dict[str, object]:
        """The values as the canteen's columns hold them (and the audit log shows them)."""
        return {**asdict(self), "hours": format_hours(self.hours), "order_cutoffs": format_cutoffs(self.order_cutoffs)}


class SettingsRefused(InvalidInput):
    """Some fields were refused; `problems` holds each one's reason by field (the first is the error's own)."""

    def __init__(self, problems: list[InvalidInput]) -> None:
        first = problems[0]
        super().__init__(first.message, code=first.code, field=first.field)
        self.params, self.args = first.params, first.args
        self.problems = {p.field: p for p in problems}


def settings_of(canteen: Canteen) -> CanteenSettings:
    """A canteen's settings from its record."""
    return CanteenSettings(canteen.name, canteen.address, canteen.phone, dict(canteen.serving_hours),
                           canteen.receipt_footer, canteen.printer, canteen.public_base_url, canteen.sale_needs_shift,
                           dict(canteen.cutoffs), canteen.not_seen_days)


def current_settings(session: Session, defaults: CanteenSettings) -> CanteenSettings:
    """The main canteen's settings; `defaults` (from the environment) before any canteen is set up."""
    canteen = _main(session)
    return settings_of(canteen) if canteen else defaults


def check_settings(given: SettingsIn) -> CanteenSettings:
    """The settings as they will be stored, or SettingsRefused naming every field that is wrong."""
    problems: list[InvalidInput] = []

    def checked(check, *args):
        try:
            return check(*args)
        except InvalidInput as exc:
            problems.append(exc)
            return None

    name = checked(check.line, given.name, "name", True)
    address = checked(check.line, given.address, "address", False)
    phone = checked(check.phone_number, given.phone)
    hours = check.serving_hours(given.hours, problems)
    footer = checked(check.line, given.receipt_footer, "receipt_footer", False)
    printer = checked(check.printer_setting, given.printer)
    base_url = checked(check.public_address, given.public_base_url)
    cutoffs = check.order_cutoffs(given.order_cutoffs, problems)
    not_seen_days = checked(check.days_count, given.not_seen_days, "not_seen_days")
    if problems:
        raise SettingsRefused(problems)
    return CanteenSettings(name, address, phone, hours, footer, printer, base_url, bool(given.sale_needs_shift),
                           cutoffs, not_seen_days)


def change_settings(db: Database, given: SettingsIn, actor: Actor) -> tuple[str, ...]:
    """Check and store the canteen's settings; returns the fields changed (audited as canteen.changed with their
    values before and after). A refused field raises SettingsRefused and nothing is stored."""
    wanted = check_settings(given)
    try:
        return _store(db, wanted, actor)
    except IntegrityError:  # another admin's first save made the canteen at the same moment: save over it
        return _store(db, wanted, actor)


def _store(db: Database, wanted: CanteenSettings, actor: Actor) -> tuple[str, ...]:
    with db.unit_of_work() as session:
        canteen = session.scalar(select(Canteen).order_by(Canteen.id).limit(1).with_for_update())
        if canteen is None:  # the first settings of a new installation make its canteen
            canteen = Canteen(code="main", name=wanted.name, hours=format_hours(wanted.hours))
            session.add(canteen)
            session.flush()
            before: dict[str, object] = {}
        else:
            before = settings_of(canteen).stored()
        after = wanted.stored()
        changed = tuple(name for name in FIELDS if before.get(name) != after[name])
        for name in changed:
            setattr(canteen, name, after[name])
        if changed:
            record(session, actor, "canteen.changed", "canteen", canteen.id,
                   before={n: before[n] for n in changed if n in before} or None,
                   after={n: after[n] for n in changed})
    return changed


def _main(session: Session) -> Canteen | None:
    return session.scalar(select(Canteen).order_by(Canteen.id).limit(1))
