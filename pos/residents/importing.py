"""Reading the resident list a community office keeps (CSV or XLSX) into `ResidentIn` rows.

Parsing and validation only: no app, no database. Each cell goes through the
validators the app uses (text no longer than its column, without control
characters), and each problem names the row and the column header as the user
sees them in the spreadsheet. Messages stay untranslated here.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from cards.errors import UidInvalid
from cards.identifiers import candidate_uids
from pos import spreadsheets
from pos.errors import N_, InvalidInput
from pos.input_text import checked_text, column_length, without_control
from pos.residents.id_number import parse_id_number
from pos.residents.models import Resident, ResidentCategory
from pos.residents.records import AREA_FIELDS, CategoryGrantIn, ResidentIn
from pos.spreadsheets import Problem, Sheet

# Every header a field is known by: as offices write it, then the English one.
HEADERS = {
    "name": ("姓名", "name"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "id_number"),
    "phone": ("联系电话", "电话", "手机", "手机号", "phone"),
    "address": ("住址", "地址", "家庭住址", "address"),
    "province": ("省", "省份", "province"),
    "city": ("市", "city"),
    "district": ("区/县", "区县", "区", "县", "district"),
    "street": ("街道/乡镇", "街道", "乡镇", "street"),
    "community": ("社区/村", "社区", "村", "community"),
    "categories": ("补贴类别", "类别", "categories"),
    "valid_from": ("类别起始日期", "起始日期", "valid_from"),
    "valid_to": ("类别截止日期", "截止日期", "valid_to"),
    "proof_note": ("证明材料", "proof_note"),
    "emergency_name": ("紧急联系人", "emergency_name"),
    "emergency_phone": ("紧急联系人电话", "紧急联系电话", "emergency_phone"),
    "card": ("卡号", "居民卡号", "card"),  # read only when cards are issued in the same step
}
REQUIRED = ("name", "id_number")
MAX_LENGTH = {f: column_length(getattr(Resident, f))
              for f in ("name", "phone", "address", "emergency_name", "emergency_phone", *AREA_FIELDS)} | {
    "proof_note": column_length(ResidentCategory.proof_note)}
# Details a list may leave out: a resident updated from a list without their column keeps what is stored.
KEPT_UNLESS_GIVEN = ("phone", "address", "categories", "emergency_name", "emergency_phone")
FULL_WIDTH = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
CATEGORY_SEPARATORS = re.compile(r"[、,，;；\s]+")
DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
EXCEL_NUMBER = re.compile(r"\d+(\.\d+)?e\+?\d+", re.IGNORECASE)
LOST_DIGITS = N_("Excel turned it into a number, which loses digits; "
                 "format the column as text and type the number again")


@dataclass(frozen=True)
class ParsedRow:
    """One row: the resident it describes, or what is wrong with it."""

    number: int
    resident: ResidentIn | None
    problems: tuple[Problem, ...] = ()
    card: str = ""  # the canonical UID of the card in the row's card-number column, if any


def read_sheet(path: Path) -> Sheet:
    """The header and rows of a .csv or .xlsx file (an XLSX file's sheet it opens on)."""
    rows = spreadsheets.read_rows(path.suffix, path.read_bytes(), active_sheet=True)
    return spreadsheets.find_header(rows, HEADERS, REQUIRED, key=_header_key, text=clean_text, join=", ")


def _header_key(header: str) -> str:
    """A header without spaces, case or the * that marks a required column."""
    return "".join(header.split()).lower().strip("*")


def clean_text(value: object) -> str:
    """A cell as text: full-width digits and letters folded, spaces trimmed and collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).translate(FULL_WIDTH).split())


def parse_rows(sheet: Sheet, categories: Mapping[str, str]) -> list[ParsedRow]:
    """Every row checked; an ID number seen in an earlier row is refused in the later one."""
    first_row: dict[str, int] = {}
    parsed = []
    for number, cells in sheet.rows:
        row = parse_row(number, cells, sheet.headers, categories)
        if row.resident is not None:
            seen = first_row.setdefault(row.resident.id_number, number)
            if seen != number:
                error = InvalidInput("the same ID number is already in row %(row)s", row=seen)
                row = ParsedRow(number, None, (Problem(number, sheet.headers["id_number"], error),))
        parsed.append(row)
    return parsed


def parse_row(number: int, cells: Mapping[str, object], headers: Mapping[str, str],
              categories: Mapping[str, str]) -> ParsedRow:
    """One row into a `ResidentIn`, or every problem found in it."""
    problems: list[Problem] = []

    def take(field: str, convert, *args):
        try:
            return convert(plain(cells.get(field)), *args)
        except InvalidInput as exc:
            problems.append(Problem(number, headers.get(field, field), exc))
            return None

    name = take("name", required, MAX_LENGTH["name"])
    ident = take("id_number", id_number)
    phone = take("phone", phone_number)
    emergency_phone = take("emergency_phone", phone_number, "emergency_phone")
    text = {f: take(f, limited_text, MAX_LENGTH[f]) for f in ("address", *AREA_FIELDS, "proof_note", "emergency_name")}
    card = take("card", card_number) if "card" in headers else ""
    codes = take("categories", category_codes, categories) or ()
    valid_from, valid_to = take("valid_from", day), take("valid_to", day)
    if valid_from and valid_to and valid_from > valid_to:
        problems.append(Problem(number, headers["valid_to"], InvalidInput("is before the start date")))
    if problems:
        return ParsedRow(number, None, tuple(problems))
    grants = tuple(CategoryGrantIn(c, valid_from, valid_to, text["proof_note"]) for c in codes)
    return ParsedRow(number, ResidentIn(name=name, id_number=ident, phone=phone, address=text["address"],
                                        area={f: text[f] for f in AREA_FIELDS}, categories=grants,
                                        emergency_name=text["emergency_name"], emergency_phone=emergency_phone),
                     card=card or "")


def plain(value: object) -> object:
    """A cell, refused when its text holds a control character (its tabs and line breaks fold into spaces)."""
    if isinstance(value, str):
        without_control(clean_text(value))
    return value


def required(value: object, max_len: int) -> str:
    """A text cell that must not be blank."""
    text = limited_text(value, max_len)
    if not text:
        raise InvalidInput("is required")
    return text


def limited_text(value: object, max_len: int) -> str:
    """A text cell of at most `max_len` characters."""
    return checked_text(clean_text(value), max_len)


def _digits_text(value: object) -> str:
    """A number kept as text; refused when Excel stored it as a number or wrote it as 1.41E+17."""
    if isinstance(value, (int, float)) or EXCEL_NUMBER.fullmatch(clean_text(value)):
        raise InvalidInput(LOST_DIGITS)
    return "".join(clean_text(value).split()).lstrip("'")


def id_number(value: object) -> str:
    """An 18-character ID number, checked as the app checks it."""
    text = _digits_text(value)
    if not text:
        raise InvalidInput("is required")
    return parse_id_number(text).number


def phone_number(value: object, column: str = "phone") -> str:
    """A phone number; an 11-digit mobile number Excel kept as a number is fine."""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and value < 10**15):
        return limited_text(str(int(value)), MAX_LENGTH[column])
    return limited_text(_digits_text(value), MAX_LENGTH[column])


def card_number(value: object) -> str:
    """A card number in any form a reader types (hex, or decimal kept as text), as its canonical UID; blank: none."""
    if isinstance(value, (int, float)):  # a number cell holds 15 digits at most, and no leading zero
        if not float(value).is_integer() or value >= 10**15:
            raise InvalidInput(LOST_DIGITS)
        value = str(int(value))
    text = clean_text(value)
    if not text:
        return ""
    try:
        return candidate_uids(text)[0]
    except UidInvalid:
        raise InvalidInput("is not a card number: 8, 14 or 20 hex digits, or a decimal of 10 or 15 to 17 digits") \
            from None


def day(value: object) -> date | None:
    """A date cell or 2026-01-01, 2026/1/1, 2026年1月1日; blank is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_text(value)
    if not text:
        return None
    match = DATE_TEXT.fullmatch(text)
    if match:
        with suppress(ValueError):  # no such day
            return date(*map(int, match.groups()))
    raise InvalidInput("must be a date like 2026-11-28")


def category_codes(value: object, known: Mapping[str, str]) -> tuple[str, ...]:
    """Category codes from names such as 低保、独居 (or codes), each once."""
    names = [n for n in CATEGORY_SEPARATORS.split(clean_text(value)) if n]
    unknown = [n for n in names if n not in known and n.lower() not in known]
    if unknown:
        raise InvalidInput("unknown category %(category)s", category="、".join(unknown))
    return tuple(dict.fromkeys(known.get(n) or known[n.lower()] for n in names))


def keep_missing(data: ResidentIn, stored: ResidentIn, columns: Mapping[str, str]) -> ResidentIn:
    """`data` with the details of columns the file does not have taken from `stored`."""
    area = {f: (data.area if f in columns else stored.area).get(f, "") for f in AREA_FIELDS}
    kept = {f: getattr(stored, f) for f in KEPT_UNLESS_GIVEN if f not in columns}
    return replace(data, area=area, diet=stored.diet, allergens=stored.allergens, **kept)
