"""The checks of each of the canteen's settings, as an admin types them: each returns the value to store or
raises InvalidInput naming its field, with the reason in words a person reads (translated when shown)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import time
from urllib.parse import urlsplit

from pos.canteens.cutoffs import DAYS_BEFORE, Cutoff, parse_cutoffs
from pos.canteens.models import DEFAULT_NOT_SEEN_DAYS, Canteen
from pos.errors import N_, InvalidInput
from pos.input_text import checked_text, column_length
from vocabulary import MEAL_PERIODS

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
BAD_CUTOFF = N_("must be a time of day such as 09:30, on the day itself or the day before")
BAD_DAYS = N_("must be a whole number of days from %(low)s to %(high)s")
NOT_SEEN_DAYS = (1, 30)  # a day without a meal may be enough to ask; a month is the longest the list looks back


def period_field(period: str) -> str:
    """The form field of one meal period's hours."""
    return f"hours_{period}"


def cutoff_field(period: str) -> str:
    """The form field of one meal period's booking cut-off (its time; `_day` added: the day itself or before)."""
    return f"cutoff_{period}"


def order_cutoffs(given: Mapping[str, str] | str, problems: list[InvalidInput]) -> dict[str, Cutoff]:
    """Each meal period's booking cut-off; an empty one keeps the default, a wrong one is a problem appended."""
    if isinstance(given, str):  # as the canteen stores them
        return parse_cutoffs(given)
    cutoffs = parse_cutoffs("")
    for period in MEAL_PERIODS:
        text = unicodedata.normalize("NFKC", given.get(period) or "").replace(" ", "")
        days, _, at = text.rpartition("@")
        if not at:
            continue
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", at)
        if days not in {str(d) for d in DAYS_BEFORE} or match is None \
                or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            problems.append(InvalidInput(BAD_CUTOFF, field=cutoff_field(period)))
            continue
        cutoffs[period] = Cutoff(int(days), time(int(match.group(1)), int(match.group(2))))
    return cutoffs


def days_count(value: str | int, name: str) -> int:
    """A whole number of days in NOT_SEEN_DAYS (full-width digits read as digits); empty is the default."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return DEFAULT_NOT_SEEN_DAYS
    low, high = NOT_SEEN_DAYS
    if not text.isdigit() or not low <= int(text) <= high:
        raise InvalidInput(BAD_DAYS, field=name, low=low, high=high)
    return int(text)


def line(value: str, name: str, required: bool) -> str:
    """One line of text held to its column (and filled in, when `required`)."""
    text = checked_text((value or "").strip(), column_length(getattr(Canteen, name)), field=name)
    if required and not text:
        raise InvalidInput(REQUIRED, field=name)
    return text


def phone_number(value: str) -> str:
    """Digits, in groups joined by hyphens (full-width digits read as digits)."""
    phone = line(unicodedata.normalize("NFKC", value or ""), "phone", False)
    if phone and not PHONE.fullmatch(phone):
        raise InvalidInput(BAD_PHONE, field="phone")
    return phone


def serving_hours(given: Mapping[str, str], problems: list[InvalidInput]) -> dict[str, tuple[time, time]]:
    """Each meal period's hours that were given, in serving order; the problems of the others appended."""
    spans: dict[str, tuple[time, time]] = {}  # each period whose hours read as a span, overlapping or not
    refused = False
    for period in MEAL_PERIODS:
        text = (given.get(period) or "").strip()
        if not text:
            continue
        try:
            start, end = spans[period] = one_span(text, period_field(period))
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


def one_span(text: str, name: str) -> tuple[time, time]:
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


def printer_setting(value: str) -> str:
    """What pos/printing reads: none (also for empty), tcp://HOST[:PORT], or a device path."""
    printer = line(value, "printer", False)
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


def public_address(value: str) -> str:
    """An absolute http(s) URL without query, fragment or user, or '' (the address each request came to)."""
    url = line(value, "public_base_url", False)
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
