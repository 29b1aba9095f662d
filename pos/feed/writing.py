"""Rows to bytes: JSON Lines (one object a line) or CSV (RFC 4180, UTF-8 without BOM, `name/中文` header).

The bytes are what is signed, so the same rows always make the same bytes: fields in schema order, no spaces
in JSON, '\\n' after every JSON line, '\\r\\n' after every CSV row.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from pos.feed.schema import Field, csv_header

FORMATS = ("jsonl", "csv")
PLAIN = (str, int)
# One encoder for every line: json.dumps with options builds a new one per call, a tenth of a month's time.
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_jsonl(out: IO[str], rows: Iterable[dict]) -> int:
    """One compact JSON object per line, Chinese as is (UTF-8); returns the count."""
    count = 0
    for row in rows:
        out.write(ENCODE(row) + "\n")
        count += 1
    return count


def write_csv(out: IO[str], fields: tuple[Field, ...], rows: Iterable[dict]) -> int:
    """A header of `name/中文` cells, then one row per record; null is an empty cell. Returns the count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(fields))
    names = [field.name for field in fields]
    count = 0
    for row in rows:
        # Most cells are text or numbers, written as they are; only lists, maps and nulls are spelled out.
        writer.writerow([value if type(value) in PLAIN else _cell(value) for value in map(row.__getitem__, names)])
        count += 1
    return count


def _cell(value: object) -> object:
    """A list as a;b, a funder map as district=300;street=200 (sorted), None as empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, dict):
        return ";".join(f"{key}={value[key]}" for key in sorted(value))
    return value
