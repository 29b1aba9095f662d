"""The canteen's settings as its admins change them on /settings: each field checked, all stored together or
none, and the change written to the audit log with the values before and after."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import time
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.audit import Actor, record
from pos.canteens.models import Canteen
from pos.config import format_hours
from pos.db import Database
from pos.errors import N_, InvalidInput
from pos.input_text import checked_text, column_length
from vocabulary import MEAL_PERIODS

FIELDS = ("name", "address", "phone", "hours", "receipt_footer", "printer", "public_base_url", "sale_needs_shift")
REQUIRED = N_("must be filled in")
PHONE = re.compile(r"\d+(?:-\d+)*")
BAD_PHONE = N_("must be digits, such as 0357-2345678 or 13812345678")
SPAN = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")
DASHES = str.maketrans({"–": "-", "—": "-", "~": "-", "至": "-", "到": "-", " ": None})
BAD_SPAN = N_("must be a start and an end such as 10:30-13:30")
BAD_TIME = N_("%(time)s is not a time of day")
BACKWARDS = N_("the start %(start)s must be before the end %(end)s")
OVERLAPS = {"breakfast": N_("overlaps breakfast (%(hours)s)"), "lunch": N_("overlaps lunch (%(hours)s)"),
            "dinner": N_("overlaps dinner (%(hours)s)")}
NO_PERIOD = N_("give the hours of at least one meal period")
# As pos/printing reads the setting: none, a network printer, or a printer's device (Linux, Windows).
NETWORK = re.compile(r"tcp://([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?/?")
DEVICE = re.compile(r"/[^\s]+|(?:COM\d{1,3}|LPT\d)|\\\\[^\\\s]+\\.+", re.IGNORECASE)
BAD_PRINTER = N_("must be none, tcp://HOST:PORT or a device path such as /dev/usb/lp0")
BAD_URL = N_("must be a web address starting with http:// or https://, such as https://canteen.example.cn")
URL_EXTRAS = N_("must not contain ?, # or a user name")


def period_field(period: str) -> str:
    """The form field of one meal period's hours."""
    return f"hours_{period}"


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

    def stored(self) -> dict[str, object]:
        """The values as the canteen's columns hold them (and the audit log shows them)."""
        return {**asdict(self), "hours": format_hours(self.hours)}


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
                           canteen.receipt_footer, canteen.printer, canteen.public_base_url, canteen.sale_needs_shift)


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

    name = checked(_text, given.name, "name", True)
    address = checked(_text, given.address, "address", False)
    phone = checked(_phone, given.phone)
    hours = _hours(given.hours, problems)
    footer = checked(_text, given.receipt_footer, "receipt_footer", False)
    printer = checked(_printer, given.printer)
    base_url = checked(_base_url, given.public_base_url)
    if problems:
        raise SettingsRefused(problems)
    return CanteenSettings(name, address, phone, hours, footer, printer, base_url, bool(given.sale_needs_shift))


def change_settings(db: Database, given: SettingsIn, actor: Actor) -> tuple[str, ...]:
    """Check and store the canteen's settings; returns the fields changed (audited as canteen.changed with their
    values before and after). A refused field raises SettingsRefused and nothing is stored."""
    wanted = check_settings(given)
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


def _text(value: str, name: str, required: bool) -> str:
    text = checked_text((value or "").strip(), column_length(getattr(Canteen, name)), field=name)
    if required and not text:
        raise InvalidInput(REQUIRED, field=name)
    return text


def _phone(value: str) -> str:
    phone = _text(unicodedata.normalize("NFKC", value or ""), "phone", False)
    if phone and not PHONE.fullmatch(phone):
        raise InvalidInput(BAD_PHONE, field="phone")
    return phone


def _hours(given: Mapping[str, str], problems: list[InvalidInput]) -> dict[str, tuple[time, time]]:
    """Each meal period's hours that were given, in serving order; the problems of the others appended."""
    spans: dict[str, tuple[time, time]] = {}  # every period's that reads as hours, overlapping or not
    refused = False
    for period in MEAL_PERIODS:
        text = (given.get(period) or "").strip()
        if not text:
            continue
        try:
            start, end = spans[period] = _span(text, period_field(period))
        except InvalidInput as exc:
            problems.append(exc)
            refused = True
            continue
        earlier = next(((other, span) for other, span in spans.items()
                        if other != period and start < span[1] and span[0] < end), None)
        if earlier:
            other, (other_start, other_end) = earlier
            problems.append(InvalidInput(OVERLAPS[other], field=period_field(period),
                                         hours=f"{other_start:%H:%M}-{other_end:%H:%M}"))
            refused = True
    if not spans and not refused:
        problems.append(InvalidInput(NO_PERIOD, field="hours"))
    return spans


def _span(text: str, name: str) -> tuple[time, time]:
    """'10:30-13:30' (full-width characters, spaces, ～ or 至 allowed) as a start before an end."""
    checked_text(text, 40, field=name)
    match = SPAN.fullmatch(unicodedata.normalize("NFKC", text).translate(DASHES))
    if match is None:
        raise InvalidInput(BAD_SPAN, field=name)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    for hour, minute in ((h1, m1), (h2, m2)):
        if hour > 23 or minute > 59:
            raise InvalidInput(BAD_TIME, field=name, time=f"{hour:02d}:{minute:02d}")
    start, end = time(h1, m1), time(h2, m2)
    if start >= end:
        raise InvalidInput(BACKWARDS, field=name, start=f"{start:%H:%M}", end=f"{end:%H:%M}")
    return start, end


def _printer(value: str) -> str:
    printer = _text(value, "printer", False)
    if printer.lower() in ("", "none"):
        return "none"
    network = NETWORK.fullmatch(printer)
    if network:
        if network.group(2) is not None and not 0 < int(network.group(2)) < 65536:
            raise InvalidInput(BAD_PRINTER, field="printer")
        return printer
    if printer.startswith("tcp:") or not DEVICE.fullmatch(printer):
        raise InvalidInput(BAD_PRINTER, field="printer")
    return printer


def _base_url(value: str) -> str:
    url = _text(value, "public_base_url", False)
    if not url:
        return ""
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        raise InvalidInput(BAD_URL, field="public_base_url") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in url:
        raise InvalidInput(BAD_URL, field="public_base_url")
    if "?" in url or "#" in url or "@" in parts.netloc:
        raise InvalidInput(URL_EXTRAS, field="public_base_url")
    return url
