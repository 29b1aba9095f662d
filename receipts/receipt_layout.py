"""The content of a receipt as blocks, shared by the ESC/POS and the PDF renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from vocabulary.money import format_fen

from .documents import SaleReceipt, TopUpReceipt, WalletSlip


@dataclass(frozen=True)
class Title:
    """The canteen name: bold, double size, centred."""

    text: str


@dataclass(frozen=True)
class Heading:
    """A centred bold line such as the receipt kind."""

    text: str


@dataclass(frozen=True)
class Row:
    """Left text and right-aligned right text; bold for totals."""

    left: str
    right: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A separator line."""


@dataclass(frozen=True)
class QR:
    """A QR code with a caption under it."""

    data: str
    caption: str


Block = Union[Title, Heading, Row, Rule, QR]
DATETIME = "%Y-%m-%d %H:%M"


def _header(canteen: str, kind: str, receipt_no: str, printed_at, cashier: str) -> list[Block]:
    return [Title(canteen), Heading(kind), Row(f"单号:{receipt_no}"),
            Row(f"时间:{printed_at.strftime(DATETIME)}"), Row(f"收银:{cashier}")]


def _footer(verify_url: str | None, footer: str) -> list[Block]:
    blocks: list[Block] = [Rule(), QR(verify_url, "扫码核验小票")] if verify_url else [Rule()]
    return [*blocks, Row(footer)] if footer else blocks


def sale_blocks(r: SaleReceipt) -> list[Block]:
    """Return the blocks of a sale receipt."""
    blocks = _header(r.canteen_name, "消费小票", r.receipt_no, r.printed_at, r.cashier)
    blocks.append(Row(f"餐次:{r.meal_period}"))
    if r.resident_name:
        blocks.append(Row(f"居民:{r.resident_name}", r.resident_id or ""))
    if r.collected_by:
        blocks.append(Row(f"代领人:{r.collected_by}"))
    blocks.append(Rule())
    for line in r.lines:
        blocks.append(Row(line.name, f"{line.qty}x{format_fen(line.unit_price_fen)} {format_fen(line.amount_fen):>7}"))
    blocks += [Rule(), Row("合计(元)", format_fen(r.total_fen), bold=True)]
    blocks += [Row(f"补贴 {s.funder} {s.rule}", format_fen(-s.amount_fen)) for s in r.subsidies]
    payments = (("钱包支付", r.paid_from_wallet_fen), ("现金", r.cash_paid_fen), ("移动支付", r.mobile_paid_fen))
    for label, fen in payments:
        if fen:
            blocks.append(Row(label, format_fen(fen), bold=True))
    if r.balance_after_fen is not None:
        blocks.append(Row("钱包余额", format_fen(r.balance_after_fen)))
    return blocks + _footer(r.verify_url, r.footer)


def topup_blocks(r: TopUpReceipt) -> list[Block]:
    """Return the blocks of a top-up receipt."""
    blocks = _header(r.canteen_name, "充值小票", r.receipt_no, r.printed_at, r.cashier)
    blocks += [Row(f"居民:{r.resident_name}", r.resident_id), Rule(),
               Row(f"充值金额({r.method})", format_fen(r.amount_fen), bold=True)]
    if r.reference:
        blocks.append(Row("付款单号", r.reference))
    blocks.append(Row("充值后余额", format_fen(r.balance_after_fen)))
    return blocks + _footer(r.verify_url, r.footer)


def wallet_slip_blocks(r: WalletSlip) -> list[Block]:
    """Return the blocks of a correction's or a refund's slip."""
    blocks = _header(r.canteen_name, r.kind, r.receipt_no, r.printed_at, r.cashier)
    blocks += [Row(f"居民:{r.resident_name}", r.resident_id), Rule()]
    blocks += [Row(label, text) for label, text in r.rows]
    blocks.append(Row("钱包余额", format_fen(r.balance_after_fen), bold=True))
    return blocks + _footer(None, r.footer)
