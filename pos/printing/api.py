"""Receipts on the API: a sale's or top-up's receipt as PDF, and reprinting a sale's receipt."""
from __future__ import annotations

from dataclasses import replace

from flask import current_app, has_request_context, jsonify, request

from pos.access import requires
from pos.api.blueprint import api_blueprint
from pos.db import read_session
from pos.printing import services
from pos.printing.services import ReceiptDesk

bp = api_blueprint("printing_api", __name__)


def desk() -> ReceiptDesk:
    """The canteen's receipt desk as its settings say; links under its public address, else this request's
    (the configured host and port outside a request). A printer set in app.extensions (tests, embedding) wins
    over the canteen's."""
    config = current_app.extensions["canteen_config"]
    address = request.url_root if has_request_context() else f"http://{config.host}:{config.port}/"
    made = services.receipt_desk(read_session(), config, address)
    if "canteen_printer" in current_app.extensions:
        made = replace(made, printer=current_app.extensions["canteen_printer"])
    return made


def _pdf(receipt_no: str, data: bytes):
    return data, 200, {"Content-Type": "application/pdf",
                       "Content-Disposition": f'inline; filename="receipt-{receipt_no}.pdf"'}


@bp.get("/sales/<int:sale_id>/receipt.pdf")
@requires("cashier")
def sale_receipt_pdf(sale_id: int):
    """A sale's receipt as PDF, 58 or 80 mm wide (?paper=58|80)."""
    return _pdf(*services.sale_receipt_pdf(read_session(), desk(), sale_id,
                                           services.paper(request.args.get("paper"), "80")))


@bp.post("/sales/<int:sale_id>/print")
@requires("cashier")
def reprint_sale(sale_id: int):
    """Print a sale's receipt again; the answer says whether it printed (a printer failure is not an error)."""
    services.require_sale(read_session(), sale_id)
    body = request.get_json(silent=True) if request.is_json else None
    chosen = (body or {}).get("paper") if isinstance(body, dict) else None
    outcome = services.print_sale_receipt(read_session(), desk(), sale_id,
                                          services.paper(chosen or request.args.get("paper"), "58"))
    return jsonify(outcome.as_json())


@bp.get("/topups/<int:topup_id>/receipt.pdf")
@requires("cashier")
def topup_receipt_pdf(topup_id: int):
    """A top-up's receipt as PDF, 58 or 80 mm wide (?paper=58|80)."""
    return _pdf(*services.topup_receipt_pdf(read_session(), desk(), topup_id,
                                            services.paper(request.args.get("paper"), "80")))
