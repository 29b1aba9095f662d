"""Receipt pages: the public page a receipt's QR code opens (is this receipt genuine, and what does it say),
and, for signed-in staff, a sale's receipt as PDF in the browser and a reprint on the counter's printer."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from pos.access import public, requires
from pos.db import read_session
from pos.printing import services
from pos.printing.api import desk
from pos.printing.receipt_data import sale_receipt, topup_receipt
from pos.printing.services import PrintOutcome
from pos.sales.models import SaleVoid

bp = Blueprint("receipt_check", __name__)


@bp.route("/r/<token>")
@public
def verify(token: str):
    """Show a genuine receipt's main figures; a forged or altered token is a 404."""
    here = desk()
    found = here.links.read(token)
    if found is None:
        abort(404)
    kind, record_id = found
    session = read_session()
    if kind == "s":
        receipt = sale_receipt(session, record_id, here.timezone, here.links)
        voided = session.scalar(select(SaleVoid.voided_at).where(SaleVoid.sale_id == record_id))
        return render_template("receipts/verify.html", sale=receipt, voided=voided is not None)
    topup = topup_receipt(session, record_id, here.timezone, here.canteen_name, here.links, here.footer)
    return render_template("receipts/verify.html", topup=topup, voided=False)


@bp.get("/receipts/sales/<int:sale_id>.pdf")
@requires("cashier")
def sale_receipt_pdf(sale_id: int):
    """A sale's receipt as PDF for staff signed in on a browser (no terminal token): 80 mm, or ?paper=58."""
    receipt_no, data = services.sale_receipt_pdf(read_session(), desk(), sale_id,
                                                 services.paper(request.args.get("paper"), "80"))
    return data, 200, {"Content-Type": "application/pdf",
                       "Content-Disposition": f'inline; filename="receipt-{receipt_no}.pdf"'}


def _pdf(receipt_no: str, data: bytes):
    return data, 200, {"Content-Type": "application/pdf",
                       "Content-Disposition": f'inline; filename="receipt-{receipt_no}.pdf"'}


@bp.get("/receipts/top-ups/<int:topup_id>.pdf")
@requires("cashier")
def topup_receipt_pdf(topup_id: int):
    """A top-up's receipt as PDF for staff signed in on a browser: 80 mm, or ?paper=58."""
    return _pdf(*services.topup_receipt_pdf(read_session(), desk(), topup_id,
                                            services.paper(request.args.get("paper"), "80")))


@bp.get("/receipts/corrections/<int:correction_id>.pdf")
@requires("manager")
def correction_slip_pdf(correction_id: int):
    """A top-up correction's slip as PDF: 80 mm, or ?paper=58."""
    return _pdf(*services.correction_slip_pdf(read_session(), desk(), correction_id,
                                              services.paper(request.args.get("paper"), "80")))


@bp.get("/receipts/refunds/<int:refund_id>.pdf")
@requires("manager")
def refund_slip_pdf(refund_id: int):
    """A leaver's refund's slip as PDF: 80 mm, or ?paper=58."""
    return _pdf(*services.refund_slip_pdf(read_session(), desk(), refund_id,
                                          services.paper(request.args.get("paper"), "80")))


@bp.post("/receipts/sales/<int:sale_id>/print")
@requires("manager")
def reprint_sale(sale_id: int):
    """Print a sale's receipt again on the counter's printer and say how it went, back on the sale's page."""
    services.require_sale(read_session(), sale_id)
    outcome = services.print_sale_receipt(read_session(), desk(), sale_id, services.paper(request.form.get("paper")))
    flash(*outcome_message(outcome))
    return redirect(url_for("sales.show", sale_id=sale_id))


def outcome_message(outcome: PrintOutcome) -> tuple[str, str]:
    """The print's outcome in the page's language, and its flash category."""
    if outcome.printed:
        return _("Receipt %(receipt)s was printed.", receipt=outcome.receipt_no), "ok"
    if not outcome.failed:
        return _("No receipt printer is set up (CANTEEN_PRINTER); nothing was printed."), "error"
    return _("The receipt was not printed: %(reason)s", reason=outcome.message), "error"
