"""The public page a receipt's QR code opens: is this receipt genuine, and what does it say."""
from __future__ import annotations

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from pos.access import public
from pos.db import read_session
from pos.printing.api import desk
from pos.printing.receipt_data import sale_receipt, topup_receipt
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
