"""Printing receipts. A print never fails a sale: call it after the sale's transaction committed;
every failure comes back as a PrintOutcome (and is logged), and the receipt can be printed again."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app

import receipts
from pos.canteens.services import main_canteen
from pos.db import read_session
from pos.errors import InvalidInput, NotFound
from pos.printing.receipt_data import sale_receipt, topup_receipt
from pos.sales.models import Sale

log = logging.getLogger(__name__)
PAPERS = {"58": receipts.Paper.MM58, "80": receipts.Paper.MM80}


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one print job: printed, skipped (no printer), or failed with a reason."""

    printed: bool
    message: str
    receipt_no: str = ""

    @property
    def failed(self) -> bool:
        return not self.printed and self.message != "no printer configured"

    def as_json(self) -> dict:
        return {"printed": self.printed, "failed": self.failed, "message": self.message,
                "receipt_no": self.receipt_no}


def printer_from_setting(setting: str) -> receipts.Printer | None:
    """CANTEEN_PRINTER: 'none' (no printer), 'tcp://HOST[:PORT]', or a device path."""
    setting = (setting or "none").strip()
    if setting.lower() == "none":
        return None
    if setting.startswith("tcp://"):
        host, _, port = setting[len("tcp://"):].rstrip("/").rpartition(":")
        return receipts.NetworkPrinter(host, int(port)) if host and port.isdigit() \
            else receipts.NetworkPrinter(setting[len("tcp://"):].rstrip("/"))
    return receipts.DevicePrinter(setting)


def printer() -> receipts.Printer | None:
    """The app's printer: one set in app.extensions (tests, embedding) wins over CANTEEN_PRINTER."""
    if "canteen_printer" in current_app.extensions:
        return current_app.extensions["canteen_printer"]
    return printer_from_setting(current_app.extensions["canteen_config"].printer)


def paper(code: object, default: str = "58") -> receipts.Paper:
    """Paper width from '58' or '80'."""
    value = str(code or default)
    if value not in PAPERS:
        raise InvalidInput("must be 58 or 80", field="paper")
    return PAPERS[value]


def _send(render, receipt_no_of, paper_width: receipts.Paper) -> PrintOutcome:
    target = printer()
    try:
        receipt = render()
        if target is None:
            return PrintOutcome(False, "no printer configured", receipt_no_of(receipt))
        target.print_bytes(receipt_bytes(receipt, paper_width))
    except receipts.PrintFailed as exc:
        log.warning("receipt not printed: %s", exc)
        return PrintOutcome(False, str(exc), receipt_no_of(receipt))  # rendered before the printer failed
    except Exception as exc:  # noqa: BLE001 - a receipt must never take the sale down with it
        log.exception("receipt could not be rendered or printed")
        return PrintOutcome(False, f"receipt could not be printed: {exc}")
    return PrintOutcome(True, "printed", receipt_no_of(receipt))


def receipt_bytes(receipt, paper_width: receipts.Paper = receipts.Paper.MM58) -> bytes:
    """ESC/POS bytes for a sale or top-up receipt."""
    if isinstance(receipt, receipts.TopUpReceipt):
        return receipts.render_topup_escpos(receipt, paper_width)
    return receipts.render_sale_escpos(receipt, paper_width)


def zone() -> str:
    return current_app.extensions["canteen_config"].timezone


def print_sale_receipt(sale_id: int, paper_width: receipts.Paper = receipts.Paper.MM58) -> PrintOutcome:
    """Print a committed sale's receipt on the configured printer; never raises."""
    return _send(lambda: sale_receipt(read_session(), sale_id, zone()), lambda r: r.receipt_no, paper_width)


def print_topup_receipt(topup_id: int, paper_width: receipts.Paper = receipts.Paper.MM58) -> PrintOutcome:
    """Print a committed top-up's receipt on the configured printer; never raises."""
    def render():
        session = read_session()
        canteen = main_canteen(session)
        name = canteen.name if canteen else current_app.extensions["canteen_config"].canteen_name
        return topup_receipt(session, topup_id, zone(), name)
    return _send(render, lambda r: r.receipt_no, paper_width)


def require_sale(sale_id: int) -> None:
    """404 unless the sale exists."""
    if read_session().get(Sale, sale_id) is None:
        raise NotFound("no sale %(id)s", code="sale_not_found", id=sale_id)


def sale_receipt_pdf(sale_id: int, paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(receipt number, PDF bytes) of a sale's receipt."""
    receipt = sale_receipt(read_session(), sale_id, zone())
    font = current_app.extensions["canteen_config"].font_path
    return receipt.receipt_no, receipts.render_sale_pdf(receipt, paper_width, font)


def topup_receipt_pdf(topup_id: int, paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(receipt number, PDF bytes) of a top-up's receipt."""
    session = read_session()
    canteen = main_canteen(session)
    name = canteen.name if canteen else current_app.extensions["canteen_config"].canteen_name
    receipt = topup_receipt(session, topup_id, zone(), name)
    return receipt.receipt_no, receipts.render_topup_pdf(receipt, paper_width,
                                                         current_app.extensions["canteen_config"].font_path)
