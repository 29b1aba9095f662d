"""A sheet of printed QR passes for residents without a smartphone: A4, eight to a page, cut along the lines.

Each pass shows its QR code and, beside it, the resident's name and masked ID number, so that staff can hand
each one to the right person. The caller masks; this library only draws.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import register_cjk_font
from .pdfpage import Output, canvas_target
from .qr import draw_qr

COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
MARGIN = 12 * mm
QR_SIZE = 44 * mm


@dataclass(frozen=True)
class PrintedPass:
    """One pass on the sheet: the name and masked ID printed beside its code."""

    name: str
    masked_id: str
    payload: str


@dataclass(frozen=True)
class PassSheet:
    """The sheet's words (in the canteen's language) and its passes, in order."""

    canteen_name: str
    printed_on: str  # e.g. "2026-11-30"
    passes: Sequence[PrintedPass]
    id_label: str = "身份证"
    caption: str = "就餐码 · 出示给收银员扫码"
    title: str = "就餐码"


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The size at which text fits the width (down to 60 %)."""
    return max(size * 0.6, min(size, size * width / max(1.0, stringWidth(text, font, size))))


def write_pass_sheet_pdf(sheet: PassSheet, out: Output, font_path: str | os.PathLike[str] | None = None) -> int:
    """Write the sheet; returns its page count."""
    font = register_cjk_font(font_path)
    width, height = A4
    c = Canvas(canvas_target(out), pagesize=A4, initialFontName=font, pageCompression=1)
    c.setTitle(f"{sheet.canteen_name} {sheet.title}")
    cell_w = (width - 2 * MARGIN) / COLUMNS
    cell_h = (height - 2 * MARGIN - 10 * mm) / ROWS
    pages = max(1, -(-len(sheet.passes) // PER_PAGE))
    for page in range(pages):
        c.setFont(font, 11)
        c.drawString(MARGIN, height - MARGIN - 4 * mm,
                     f"{sheet.canteen_name} {sheet.title}  {sheet.printed_on}  ({page + 1}/{pages})")
        top = height - MARGIN - 10 * mm
        for index, printed in enumerate(sheet.passes[page * PER_PAGE:(page + 1) * PER_PAGE]):
            col, row = index % COLUMNS, index // COLUMNS
            x, y = MARGIN + col * cell_w, top - (row + 1) * cell_h
            c.setDash(3, 3)
            c.setLineWidth(0.4)
            c.rect(x, y, cell_w, cell_h)
            c.setDash()
            qr_y = y + (cell_h - QR_SIZE) / 2
            draw_qr(c, printed.payload, x + 3 * mm, qr_y, QR_SIZE)
            text_x, text_w = x + QR_SIZE + 6 * mm, cell_w - QR_SIZE - 9 * mm
            c.setFont(font, _fit(printed.name, font, 20, text_w))
            c.drawString(text_x, y + cell_h / 2 + 10 * mm, printed.name)
            id_text = f"{sheet.id_label} {printed.masked_id}"
            c.setFont(font, _fit(id_text, font, 10, text_w))
            c.drawString(text_x, y + cell_h / 2 + 2 * mm, id_text)
            c.setFont(font, _fit(sheet.caption, font, 8, text_w))
            c.drawString(text_x, y + cell_h / 2 - 6 * mm, sheet.caption)
            c.setFont(font, _fit(sheet.canteen_name, font, 8, text_w))
            c.drawString(text_x, y + cell_h / 2 - 12 * mm, sheet.canteen_name)
        c.showPage()
    c.save()
    return pages
