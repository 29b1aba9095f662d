"""Receipts as PDF on thermal-paper-wide pages whose height fits the content."""

from __future__ import annotations

import io
import os
from typing import Callable

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .documents import Paper, SaleReceipt, TopUpReceipt, WalletSlip
from .fonts import register_cjk_font
from .qr import draw_qr
from .receipt_layout import (
    QR,
    Block,
    Heading,
    Row,
    Rule,
    Title,
    sale_blocks,
    topup_blocks,
    wallet_slip_blocks,
)

Draw = Callable[[Canvas, float], None]  # draws given the page height
QR_SIZE_MM = 34


class _Layout:
    """Lays blocks top-down, recording draw steps so the page height is known before drawing."""

    def __init__(self, paper: Paper, font: str) -> None:
        self.font, self.size = font, paper.printable_mm * mm / paper.columns * 2
        self.left = (paper.width_mm - paper.printable_mm) / 2 * mm
        self.right = self.left + paper.printable_mm * mm
        self.y = 4 * mm  # grows downward from the top edge
        self.steps: list[Draw] = []

    def _wrap(self, text: str, size: float, width: float) -> list[str]:
        lines, line = [], ""
        for ch in text:
            if line and stringWidth(line + ch, self.font, size) > width:
                lines.append(line)
                line = ""
            line += ch
        return lines + [line]

    def text(self, s: str, size: float, align: str = "left", right: str = "") -> None:
        """Add lines of text; right text is right-aligned on the last line."""
        width = self.right - self.left - (stringWidth(right, self.font, size) + size if right else 0)
        lines = self._wrap(s, size, width) if s else [""]
        for i, line in enumerate(lines):
            self.y += size * 1.3
            tail = right if i == len(lines) - 1 else ""

            def step(c: Canvas, h: float, y: float = self.y, line: str = line, tail: str = tail) -> None:
                self._draw(c, h - y, line, size, align, tail)
            self.steps.append(step)

    def _draw(self, c: Canvas, y: float, line: str, size: float, align: str, right: str) -> None:
        c.setFont(self.font, size)
        if align == "center":
            c.drawCentredString((self.left + self.right) / 2, y, line)
        else:
            c.drawString(self.left, y, line)
        if right:
            c.drawRightString(self.right, y, right)

    def add(self, block: Block) -> None:
        """Lay out one block."""
        if isinstance(block, Title):
            self.text(block.text, self.size * 1.5, "center")
        elif isinstance(block, Heading):
            self.text(block.text, self.size * 1.1, "center")
        elif isinstance(block, Row):
            self.text(block.left, self.size, right=block.right)
        elif isinstance(block, Rule):
            self.y += self.size * 0.8
            y = self.y

            def dashed_rule(c: Canvas, h: float) -> None:
                c.setDash(2, 2)
                c.line(self.left, h - y, self.right, h - y)
            self.steps.append(dashed_rule)
        elif isinstance(block, QR):
            top, side = self.y + 2 * mm, QR_SIZE_MM * mm
            x = (self.left + self.right - side) / 2
            self.steps.append(lambda c, h: draw_qr(c, block.data, x, h - top - side, side))
            self.y = top + side
            self.text(block.caption, self.size, "center")


def render_blocks_pdf(blocks: list[Block], paper: Paper, font_path: str | os.PathLike[str] | None = None) -> bytes:
    """Return a one-page PDF of the blocks, paper wide and as tall as the content."""
    font = register_cjk_font(font_path)
    layout = _Layout(paper, font)
    for block in blocks:
        layout.add(block)
    height = layout.y + 6 * mm
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(paper.width_mm * mm, height), pageCompression=1,
                    initialFontName=font)  # else an unembedded Helvetica is referenced
    canvas.setTitle("receipt")
    for step in layout.steps:
        step(canvas, height)
    canvas.save()
    return out.getvalue()


def render_sale_pdf(receipt: SaleReceipt, paper: Paper = Paper.MM80, font_path: str | None = None) -> bytes:
    """Return a sale receipt as PDF bytes."""
    return render_blocks_pdf(sale_blocks(receipt), paper, font_path)


def render_topup_pdf(receipt: TopUpReceipt, paper: Paper = Paper.MM80, font_path: str | None = None) -> bytes:
    """Return a top-up receipt as PDF bytes."""
    return render_blocks_pdf(topup_blocks(receipt), paper, font_path)


def render_wallet_slip_pdf(slip: WalletSlip, paper: Paper = Paper.MM80, font_path: str | None = None) -> bytes:
    """Return a correction's or a refund's slip as PDF bytes."""
    return render_blocks_pdf(wallet_slip_blocks(slip), paper, font_path)
