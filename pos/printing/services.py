"""Printing receipts. A print never fails a sale: call it after the sale's transaction committed;
every failure comes back as a PrintOutcome (and is logged), and the receipt can be printed again."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

import receipts
from pos.canteens.services import main_canteen
from pos.config import Config
from pos.errors import InvalidInput, NotFound
from pos.printing.receipt_data import sale_receipt, topup_receipt
from pos.printing.tokens import ReceiptLinks
from pos.printing.wallet_slips import correction_slip, refund_slip
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


def paper(code: object, default: str = "58") -> receipts.Paper:
    """Paper width from '58' or '80'."""
    value = str(code or default)
    if value not in PAPERS:
        raise InvalidInput("must be 58 or 80", field="paper")
    return PAPERS[value]


def _send(target: receipts.Printer | None, render, receipt_no_of, paper_width: receipts.Paper) -> PrintOutcome:
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


@dataclass(frozen=True)
class ReceiptDesk:
    """What printing a receipt needs: the canteen's time zone, name and receipt footer, a CJK font for PDFs,
    the links to the verification page, and the printer (None: none configured)."""

    timezone: str
    canteen_name: str
    footer: str
    font_path: str | None
    links: ReceiptLinks
    printer: receipts.Printer | None


def receipt_desk(session: Session, settings: Config, address: str) -> ReceiptDesk:
    """The receipt desk of the canteen this server runs: its name, footer and printer from its record (the
    environment's before any canteen is set up), and receipt links under its public address, else `address`
    (the address the request came to)."""
    canteen = main_canteen(session)
    base = canteen.public_base_url if canteen and canteen.public_base_url else address
    return ReceiptDesk(settings.timezone, canteen.name if canteen else settings.canteen_name,
                       canteen.receipt_footer if canteen else "", settings.font_path,
                       ReceiptLinks(settings.secret_key, base),
                       printer_from_setting(canteen.printer if canteen else settings.printer))


def print_sale_receipt(session: Session, desk: ReceiptDesk, sale_id: int,
                       paper_width: receipts.Paper = receipts.Paper.MM58) -> PrintOutcome:
    """Print a committed sale's receipt on the desk's printer; never raises."""
    return _send(desk.printer, lambda: sale_receipt(session, sale_id, desk.timezone, desk.links),
                 lambda r: r.receipt_no, paper_width)


def print_topup_receipt(session: Session, desk: ReceiptDesk, topup_id: int,
                        paper_width: receipts.Paper = receipts.Paper.MM58) -> PrintOutcome:
    """Print a committed top-up's receipt on the desk's printer; never raises."""
    return _send(desk.printer, lambda: topup_receipt(session, topup_id, desk.timezone, desk.canteen_name,
                                                     desk.links, desk.footer), lambda r: r.receipt_no, paper_width)


def require_sale(session: Session, sale_id: int) -> None:
    """404 unless the sale exists."""
    if session.get(Sale, sale_id) is None:
        raise NotFound("no sale %(id)s", code="sale_not_found", id=sale_id)


def sale_receipt_pdf(session: Session, desk: ReceiptDesk, sale_id: int,
                     paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(receipt number, PDF bytes) of a sale's receipt."""
    receipt = sale_receipt(session, sale_id, desk.timezone, desk.links)
    return receipt.receipt_no, receipts.render_sale_pdf(receipt, paper_width, desk.font_path)


def topup_receipt_pdf(session: Session, desk: ReceiptDesk, topup_id: int,
                      paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(receipt number, PDF bytes) of a top-up's receipt."""
    receipt = topup_receipt(session, topup_id, desk.timezone, desk.canteen_name, desk.links, desk.footer)
    return receipt.receipt_no, receipts.render_topup_pdf(receipt, paper_width, desk.font_path)


def correction_slip_pdf(session: Session, desk: ReceiptDesk, correction_id: int,
                        paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(slip number, PDF bytes) of a top-up correction's slip."""
    slip = correction_slip(session, correction_id, desk.timezone, desk.canteen_name, desk.footer)
    return slip.receipt_no, receipts.render_wallet_slip_pdf(slip, paper_width, desk.font_path)


def refund_slip_pdf(session: Session, desk: ReceiptDesk, refund_id: int,
                    paper_width: receipts.Paper) -> tuple[str, bytes]:
    """(slip number, PDF bytes) of a leaver's refund's slip."""
    slip = refund_slip(session, refund_id, desk.timezone, desk.canteen_name, desk.footer)
    return slip.receipt_no, receipts.render_wallet_slip_pdf(slip, paper_width, desk.font_path)
