"""Evaluate the few formulas the claim workbook uses, to prove its totals really add up."""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import Workbook


def value(wb: Workbook, sheet: str, ref: str) -> Decimal:
    """The cell's value, evaluating =SUM(range), 'sheet'!ref and + between them."""
    v = wb[sheet][ref].value
    if isinstance(v, str) and v.startswith("="):
        return sum((_term(wb, sheet, t) for t in v[1:].split("+")), Decimal(0))
    return Decimal(str(v)) if v is not None else Decimal(0)


def _term(wb: Workbook, sheet: str, term: str) -> Decimal:
    if m := re.fullmatch(r"SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)", term):
        col, first, last = m.group(1), int(m.group(2)), int(m.group(4))
        return sum((value(wb, sheet, f"{col}{r}") for r in range(first, last + 1)), Decimal(0))
    if m := re.fullmatch(r"(?:'([^']+)'!)?([A-Z]+\d+)", term):
        return value(wb, m.group(1) or sheet, m.group(2))
    return Decimal(term)
