"""Receipts on the API: a sale's or top-up's receipt as PDF, and reprinting a sale's receipt."""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, jsonify, request

import receipts
from pos.access import requires
from pos.api.blueprint import api_blueprint
from pos.db import read_session
from pos.printing import services
from pos.printing.services import ReceiptDesk
from pos.printing.tokens import ReceiptLinks

bp = api_blueprint("printing_api", __name__)


def desk(app: Flask | None = None) -> ReceiptDesk:
    """The app's receipt desk; links under this request's address (the configured one outside a request)."""
    app = app or current_app
    config = app.extensions["canteen_config"]
    base = request.url_root if has_request_context() else f"http://{config.host}:{config.port}/"
    return ReceiptDesk(config.timezone, config.canteen_name, config.font_path, ReceiptLinks(config.secret_key, base),
                       printer(app))


def printer(app: Flask) -> receipts.Printer | None:
    """The app's printer: one set in app.extensions (tests, embedding) wins over CANTEEN_PRINTER."""
    if "canteen_printer" in app.extensions:
        return app.extensions["canteen_printer"]
    return services.printer_from_setting(app.extensions["canteen_config"].printer)


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
