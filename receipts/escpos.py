"""Receipts as ESC/POS bytes in GB18030 for Chinese thermal printers."""

from __future__ import annotations

from .columns import center, clean, display_width, two_columns, wrap
from .documents import Paper, SaleReceipt, TopUpReceipt
from .receipt_layout import (
    QR,
    Block,
    Heading,
    Row,
    Rule,
    Title,
    sale_blocks,
    topup_blocks,
)

INIT = b"\x1b@"  # ESC @: reset the printer
CHINESE_ON = b"\x1c&"  # FS &: bytes >= 0x80 are read as double-byte GB codes
ALIGN_LEFT, ALIGN_CENTER = b"\x1ba\x00", b"\x1ba\x01"
BOLD_ON, BOLD_OFF = b"\x1bE\x01", b"\x1bE\x00"
# GS !: character size for Latin and Chinese alike.
DOUBLE_SIZE, DOUBLE_HEIGHT, NORMAL_SIZE = b"\x1d!\x11", b"\x1d!\x01", b"\x1d!\x00"
CUT = b"\x1dVB\x00"  # GS V 66 0: feed to the cutter and cut partially
DRAWER_KICK = b"\x1bp\x00\x19\xfa"  # ESC p 0 25 250: pulse pin 2 for 50 ms on, 500 ms off
LF = b"\n"
QR_MODULE_SIZE = {Paper.MM58: 5, Paper.MM80: 6}


def text(s: str) -> bytes:
    """Encode text for the printer, with control characters removed."""
    return clean(s).encode("gb18030", errors="replace")


def feed(lines: int) -> bytes:
    """ESC d n: print and feed n lines."""
    return b"\x1bd" + bytes([lines])


def qr_code(data: str, module_size: int) -> bytes:
    """GS ( k: select model 2, module size, error level M, store data, print."""
    payload = data.encode("utf-8")
    n = len(payload) + 3
    return b"".join((
        b"\x1d(k\x04\x001A2\x00",  # fn 165: model 2
        b"\x1d(k\x03\x001C" + bytes([module_size]),  # fn 167: module size in dots
        b"\x1d(k\x03\x001E1",  # fn 169: error correction M (49)
        b"\x1d(k" + bytes([n % 256, n // 256]) + b"1P0" + payload,  # fn 180: store
        b"\x1d(k\x03\x001Q0",  # fn 181: print the stored symbol
    ))


def _lines(lines: list[str]) -> bytes:
    return b"".join(text(line.rstrip()) + LF for line in lines)


def _cleaned(block: Block) -> Block:
    """Strip control characters before layout, so column counts match what is printed."""
    if isinstance(block, Row):
        return Row(clean(block.left), clean(block.right), block.bold)
    if isinstance(block, (Title, Heading)):
        return type(block)(clean(block.text))
    return block


def _block(block: Block, paper: Paper) -> bytes:
    cols = paper.columns
    block = _cleaned(block)
    if isinstance(block, Title):
        # Double width halves the columns; a long canteen name keeps full width, double height.
        size, width = (DOUBLE_SIZE, cols // 2) if display_width(block.text) <= cols // 2 else (DOUBLE_HEIGHT, cols)
        body = _lines([center(line, width) for line in wrap(block.text, width)])
        return BOLD_ON + size + body + NORMAL_SIZE + BOLD_OFF
    if isinstance(block, Heading):
        return BOLD_ON + _lines([center(block.text, cols)]) + BOLD_OFF
    if isinstance(block, Row):
        body = _lines(two_columns(block.left, block.right, cols))
        return BOLD_ON + body + BOLD_OFF if block.bold else body
    if isinstance(block, Rule):
        return text("-" * cols) + LF
    if isinstance(block, QR):
        return (ALIGN_CENTER + qr_code(block.data, QR_MODULE_SIZE[paper]) + LF
                + text(block.caption) + LF + ALIGN_LEFT)
    raise TypeError(f"unknown block {block!r}")


def render_blocks(blocks: list[Block], paper: Paper, open_drawer: bool = False) -> bytes:
    """Return ESC/POS bytes for blocks: init, Chinese mode, content, feed and partial cut."""
    body = b"".join(_block(b, paper) for b in blocks)
    return INIT + CHINESE_ON + (DRAWER_KICK if open_drawer else b"") + body + feed(4) + CUT


def render_sale_escpos(receipt: SaleReceipt, paper: Paper = Paper.MM58, open_drawer: bool = False) -> bytes:
    """Return ESC/POS bytes for a sale receipt; open_drawer kicks the cash drawer first."""
    return render_blocks(sale_blocks(receipt), paper, open_drawer)


def render_topup_escpos(receipt: TopUpReceipt, paper: Paper = Paper.MM58, open_drawer: bool = False) -> bytes:
    """Return ESC/POS bytes for a top-up receipt."""
    return render_blocks(topup_blocks(receipt), paper, open_drawer)
