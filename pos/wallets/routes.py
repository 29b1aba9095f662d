"""The back office's wallet pages (managers): top up by cash, WeChat Pay, Alipay or bank transfer, correct a
wrong top-up, refund a leaver's balance. Each posts through its service, which writes the ledger and the audit
row; the receipts open from the resident's page (pos.printing)."""
from __future__ import annotations

from uuid import uuid4

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from pos.access import requires
from pos.context import page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError, InvalidInput
from pos.i18n import term
from pos.idempotency import RequestKey
from pos.residents.records import get_resident
from pos.wallets import services
from pos.wallets.forms import CorrectionForm, RefundForm, TopUpForm
from pos.wallets.models import correction_number, refund_number, topup_number
from pos.wallets.panel import top_up_of, wallet_panel
from vocabulary import PaymentMethod, format_yuan, parse_yuan

bp = Blueprint("wallets", __name__, url_prefix="/wallets")
# The services' field names, as the page's fields.
FORM_FIELDS = {"amount_fen": "amount", "correct_amount_fen": "correct_amount"}


def method_name(method: str) -> str:
    """A payment method in the page's language."""
    return term(PaymentMethod(method))


def wallet_section(resident_id: int) -> dict:
    """What the resident's page needs to show its Wallet section (pos/templates/wallets/_section.html)."""
    return {"wallet": wallet_panel(read_session(), resident_id), "wallet_method": method_name}


def read_amount(text: str | None, field: str) -> int:
    """Yuan typed on the page as fen, or a refusal naming the service's field."""
    try:
        return parse_yuan(text or "")
    except ValueError:
        raise InvalidInput("must be an amount in yuan, with at most two decimals, like 50.00", field=field) from None


def refused(form: FlaskForm, exc: CanteenError) -> str | None:
    """Put a refusal by its field on the form; one that names no field of the form is returned to show above."""
    field = getattr(form, FORM_FIELDS.get(exc.field or "", exc.field or ""), None)
    if field is None or exc.field == "idempotency_key":
        return exc.reason() if exc.field == "idempotency_key" else exc.localised()
    field.errors = [*field.errors, exc.reason()]
    return None


def page(template: str, status: int, **values):
    """A wallet page for one resident, with the methods' names."""
    return render_template(f"wallets/{template}", method_name=method_name, **values), status


@bp.route("/residents/<int:resident_id>/top-up", methods=["GET", "POST"])
@requires("manager")
def top_up(resident_id: int):
    """Top up once per form shown: the form carries its own idempotency key, so a double submit tops up once."""
    form, refusal, status = TopUpForm(), None, 422
    if request.method == "GET":
        form.idempotency_key.data = uuid4().hex
    elif form.validate_on_submit():
        try:
            amount = read_amount(form.amount.data, "amount_fen")
            body = {"idempotency_key": form.idempotency_key.data, "resident_id": resident_id, "amount_fen": amount,
                    "method": form.method.data, "reference": (form.reference.data or "").strip()}
            answer = services.top_up(get_db(), resident_id, amount, form.method.data, RequestKey.of(body),
                                     page_actor(), body["reference"])
        except CanteenError as exc:
            refusal, status = refused(form, exc), exc.status
        else:
            flash(_("Top-up %(receipt)s of %(amount)s is recorded; the balance is now %(balance)s.",
                    receipt=topup_number(answer.payload["top_up_id"]), amount=format_yuan(amount),
                    balance=format_yuan(answer.payload["balance_fen"])), "ok")
            return redirect(url_for("residents.show", resident_id=resident_id, _anchor="wallet"))
    wallet = wallet_panel(read_session(), resident_id)
    return page("top_up.html", 200 if request.method == "GET" else status, form=form, refusal=refusal,
                wallet=wallet, resident=get_resident(read_session(), resident_id))


@bp.route("/top-ups/<int:top_up_id>/correct", methods=["GET", "POST"])
@requires("manager")
def correct(top_up_id: int):
    """Put right a top-up keyed in wrongly: the difference is posted back, the top-up itself stays."""
    row = top_up_of(read_session(), top_up_id)
    form, refusal, status = CorrectionForm(), None, 422
    if form.validate_on_submit():
        try:
            answer = services.correct(get_db(), top_up_id, read_amount(form.correct_amount.data, "correct_amount_fen"),
                                      form.reason.data.strip(), page_actor())
        except CanteenError as exc:
            refusal, status = refused(form, exc), exc.status
        else:
            flash(_("Top-up %(receipt)s is corrected (%(slip)s); the balance is now %(balance)s.",
                    receipt=topup_number(top_up_id), slip=correction_number(answer["id"]),
                    balance=format_yuan(answer["balance_fen"])), "ok")
            return redirect(url_for("residents.show", resident_id=row.resident_id, _anchor="wallet"))
    return page("correct.html", 200 if request.method == "GET" else status, form=form, refusal=refusal, row=row,
                resident=get_resident(read_session(), row.resident_id))


@bp.route("/residents/<int:resident_id>/refund", methods=["GET", "POST"])
@requires("manager")
def refund(resident_id: int):
    """Pay a leaving resident their whole balance back."""
    form, refusal, status = RefundForm(), None, 422
    if form.validate_on_submit():
        try:
            answer = services.refund(get_db(), resident_id, form.method.data, form.reason.data.strip(), page_actor())
        except CanteenError as exc:
            refusal, status = refused(form, exc), exc.status
        else:
            flash(_("The balance is refunded (%(slip)s); the balance is now %(balance)s.",
                    slip=refund_number(answer["id"]), balance=format_yuan(answer["balance_fen"])), "ok")
            return redirect(url_for("residents.show", resident_id=resident_id, _anchor="wallet"))
    wallet = wallet_panel(read_session(), resident_id)
    return page("refund.html", 200 if request.method == "GET" else status, form=form, refusal=refusal,
                wallet=wallet, resident=get_resident(read_session(), resident_id))
