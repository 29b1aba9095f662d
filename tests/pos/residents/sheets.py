"""Resident lists as community offices save them, written for a test."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import openpyxl
from sqlalchemy import select

from pos.db import Database
from pos.ledger.models import Account
from pos.residents.id_number import make_id_number
from pos.residents.models import Resident

HEADER_ZH = ["姓名", "身份证号", "联系电话", "住址", "省", "市", "区/县", "街道/乡镇", "社区/村",
             "补贴类别", "类别起始日期", "类别截止日期", "证明材料"]
HEADER_EN = ["name", "id_number", "phone", "address", "province", "city", "district", "street", "community",
             "categories", "valid_from", "valid_to", "proof_note"]
AREA = ["山西省", "临汾市", "尧都区", "解放路街道", "新百汇社区"]
ZHANG = make_id_number("141002", date(1950, 3, 15), 1)
LI = make_id_number("141002", date(1948, 11, 2), 2)
WANG = make_id_number("141002", date(1952, 7, 9), 5)
ZHAO = make_id_number("141002", date(1946, 1, 20), 8)


def wrong_check(number: str) -> str:
    """The same number with a wrong check character."""
    return number[:17] + ("1" if number[17] != "1" else "2")


def zhang(**changes: str) -> list[str]:
    """张桂兰's row: 低保 and 独居 for 2026."""
    row = dict(zip(HEADER_EN, ["张桂兰", ZHANG, "13912345678", "解放路12号", *AREA,
                               "低保、独居", "2026-01-01", "2026/12/31", "低保证 2026-001"]))
    return list((row | changes).values())


def li(**changes: str) -> list[str]:
    """李福贵's row: 特困 from a date written the Chinese way, no phone."""
    row = dict(zip(HEADER_EN, ["李福贵", LI, "", "", *AREA, "特困", "2026年1月1日", "", ""]))
    return list((row | changes).values())


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    """A CSV file in `encoding` (utf-8-sig for the BOM Excel writes)."""
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    """An XLSX workbook with the rows on its only sheet."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def stored(database: Database) -> dict[str, dict]:
    """Every resident by ID number, with categories and whether a wallet is open."""
    with database.reader() as session:
        wallets = set(session.scalars(select(Account.resident_id).where(Account.kind == "wallet")))
        return {r.id_number: {
            "name": r.name, "phone": r.phone, "address": r.address,
            "area": [r.province, r.city, r.district, r.street, r.community],
            "categories": [(c.category_code, c.valid_from, c.valid_to, c.proof_note) for c in r.categories],
            "wallet": r.id in wallets,
        } for r in session.scalars(select(Resident).order_by(Resident.id))}
