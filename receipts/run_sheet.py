"""A delivery run sheet for the rider: A4, the stops in walking order with address, phone, dietary notes, what the
wallet pays, and a column for the resident's signature."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from vocabulary import format_fen

from .fonts import register_cjk_font

ROW = 13 * mm  # room to sign in
MARGIN = 12 * mm


@dataclass(frozen=True)
class SheetStop:
    """One stop as printed."""

    position: int
    name: str
    address: str
    phone: str
    needs: str
    payable_fen: int


@dataclass(frozen=True)
class RunSheet:
    """The run: its title line (canteen, day, meal, area, rider), the column titles, its stops."""

    title: str
    columns: tuple[str, str, str, str, str, str, str]  # #, name, address, phone, needs, to pay, signature
    stops: tuple[SheetStop, ...]


WIDTHS = (10, 26, 78, 32, 55, 22, 50)  # mm, on A4 landscape's 273 mm between the margins


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """The text cut to the column's width, with an ellipsis when cut."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def render_run_sheet(sheet: RunSheet) -> bytes:
    """The sheet as PDF bytes; as many pages as the stops need, the titles on each."""
    font = register_cjk_font()
    out = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(out, pagesize=(width, height))
    xs = [MARGIN]
    for w in WIDTHS[:-1]:
        xs.append(xs[-1] + w * mm)

    def page_top() -> float:
        canvas.setFont(font, 15)
        canvas.drawString(MARGIN, height - MARGIN - 4 * mm, sheet.title)
        canvas.setFont(font, 11)
        y = height - MARGIN - 14 * mm
        for x, title in zip(xs, sheet.columns):
            canvas.drawString(x, y, title)
        canvas.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
        return y - 2 * mm

    y = page_top()
    for stop in sheet.stops:
        if y - ROW < MARGIN:
            canvas.showPage()
            y = page_top()
        cells = (str(stop.position), stop.name, stop.address, stop.phone, stop.needs,
                 f"¥{format_fen(stop.payable_fen)}", "")
        canvas.setFont(font, 11)
        for x, w, text in zip(xs, WIDTHS, cells):
            canvas.drawString(x, y - 8 * mm, _fit(canvas, text, font, 11, w * mm - 2 * mm))
        y -= ROW
        canvas.line(MARGIN, y, width - MARGIN, y)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
