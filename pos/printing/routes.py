"""The public page a receipt's QR code opens: is this receipt genuine, and what does it say."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import select

from pos.access import public
from pos.db import read_session
from pos.printing.receipt_data import sale_receipt, topup_receipt
from pos.printing.tokens import read_token
from pos.sales.models import SaleVoid

bp = Blueprint("receipt_check", __name__)


@bp.route("/r/<token>")
@public
def verify(token: str):
    """Show a genuine receipt's main figures; a forged or altered token is a 404."""
    found = read_token(token)
    if found is None:
        abort(404)
    kind, record_id = found
    session, config = read_session(), current_app.extensions["canteen_config"]
    if kind == "s":
        receipt = sale_receipt(session, record_id, config.timezone)
        voided = session.scalar(select(SaleVoid.voided_at).where(SaleVoid.sale_id == record_id))
        return render_template("receipts/verify.html", sale=receipt, voided=voided is not None)
    receipt = topup_receipt(session, record_id, config.timezone, config.canteen_name)
    return render_template("receipts/verify.html", topup=receipt, voided=False)
