"""The audit log's pages (managers and admins read them; there is nothing on them to change)."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from pos.access import requires
from pos.auditlog import entries, messages
from pos.auditlog.transactions import transaction_page
from pos.context import settings
from pos.db import read_session
from pos.errors import InvalidInput
from pos.i18n import ui_language

bp = Blueprint("audit", __name__, url_prefix="/audit")


def labels() -> dict:
    """The names the templates give actions, subjects, keys and fields."""
    return {"actions": messages.ACTIONS, "subjects": messages.SUBJECTS, "keys": messages.KEYS,
            "words": messages.VALUES, "fields": messages.FIELDS}


@bp.get("/")
@requires("manager")
def index():
    """The log, newest first, filtered by who, what, resident and day."""
    session = read_session()
    try:
        wanted, error = entries.read_filter(request.args), None
    except InvalidInput as exc:
        wanted, error = entries.AuditFilter(), exc
    found = entries.list_entries(session, wanted, settings().timezone, ui_language())
    query = {k: v for k, v in request.args.items() if k in messages.FIELDS and k != "page"} if not error else {}
    return render_template("auditlog/list.html", found=found, error=error, values=request.args, query=query,
                           staff=entries.staff_choices(session), prefixes=messages.PREFIXES,
                           **labels()), 422 if error else 200


@bp.get("/transactions/<int:transaction_id>")
@requires("manager")
def transaction(transaction_id: int):
    """A ledger transaction: its entries, the sale it belongs to, and the audit rows that name it."""
    return render_template("auditlog/transaction.html",
                           t=transaction_page(read_session(), transaction_id, ui_language()), **labels())
