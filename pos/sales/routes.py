"""The back office's sales pages (managers): the list, a sale's detail, and voiding a sale with a reason."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pos.access import requires
from pos.canteens.services import main_canteen
from pos.clock import utc_now
from pos.context import canteen_today
from pos.db import get_db, read_session
from pos.errors import CanteenError, InvalidInput
from pos.i18n import lazy_text as _l
from pos.i18n import term, ui_language
from pos.sales import detail, listing, services
from pos.sales.forms import VoidForm
from pos.sales.models import Sale
from vocabulary import Channel, Identified, MealPeriod, PaymentMethod, Term, format_yuan

bp = Blueprint("sales", __name__, url_prefix="/sales")
FIELDS = {"day": _l("Day"), "meal_period": _l("Meal period"), "cashier": _l("Cashier"), "terminal": _l("Terminal"),
          "resident": _l("Resident"), "receipt_no": _l("Receipt number"), "sort": _l("Sort"), "page": _l("Page")}
TERMS: dict[str, type[Term]] = {"period": MealPeriod, "method": PaymentMethod, "channel": Channel,
                                "identified": Identified}


def word(kind: str, value: str) -> str:
    """A stored word (meal period, payment method, channel, how identified) in the page's language."""
    try:
        return term(TERMS[kind](value))
    except ValueError:
        return value


@bp.get("/")
@requires("manager")
def index():
    """The sales of a day (today unless chosen), filtered, sorted and paged, with their totals."""
    session, today = read_session(), canteen_today()
    canteen = main_canteen(session)
    try:
        wanted, error = listing.read_filter(request.args, today), None
    except InvalidInput as exc:
        wanted, error = listing.SaleFilter(today), exc
    found = listing.list_sales(session, canteen.id if canteen else 0, wanted)
    return render_template(
        "sales/list.html", found=found, wanted=wanted, error=error, fields=FIELDS, word=word, today=today,
        values=request.args if error else query_of(wanted), query=query_of(wanted),
        periods=[(p.value, term(p)) for p in MealPeriod], staff=listing.staff_choices(session),
        terminals=listing.terminal_choices(session)), 422 if error else 200


def query_of(wanted: listing.SaleFilter) -> dict[str, str]:
    """The filter as the list's query string (its links keep it)."""
    return {"day": wanted.day.isoformat() if wanted.day else "", "meal_period": wanted.meal_period or "",
            "cashier": str(wanted.cashier_id or ""), "terminal": str(wanted.terminal_id or ""),
            "resident": wanted.resident, "receipt_no": wanted.receipt_no, "sort": wanted.sort}


def detail_page(sale_id: int, form: VoidForm, status: int = 200, refusal: str | None = None):
    """The sale's page, with the void form as given (its errors and value kept) and any refusal."""
    return render_template("sales/detail.html", d=detail.sale_detail(read_session(), sale_id), form=form,
                           refusal=refusal, word=word, lang=ui_language()), status


@bp.get("/<int:sale_id>")
@requires("manager")
def show(sale_id: int):
    """One sale: lines, subsidy lines, payment, ledger transaction, who sold it where, its void."""
    return detail_page(sale_id, VoidForm(formdata=None))


@bp.post("/<int:sale_id>/void")
@requires("manager")
def void(sale_id: int):
    """Void the sale with a reason: its ledger transaction is reversed (a wallet gets its money back)."""
    form = VoidForm()
    if not form.validate_on_submit():
        return detail_page(sale_id, form, 422)
    try:
        result = services.void_by(get_db(), sale_id, form.reason.data.strip(), current_user._get_current_object(),
                                  utc_now())
    except InvalidInput as exc:
        form.reason.errors = [*form.reason.errors, exc.reason()]
        return detail_page(sale_id, form, exc.status)
    except CanteenError as exc:  # already voided (or, for the record, not allowed): nothing was written
        return detail_page(sale_id, form, exc.status, refusal=exc.localised())
    flash(voided_message(result), "ok")
    return redirect(url_for("sales.show", sale_id=sale_id))


def voided_message(result: dict) -> str:
    """What the manager is told after a void: where the money went back to."""
    sale = read_session().get_one(Sale, result["sale_id"])
    if result["balance_after_fen"] is not None:
        return _("Receipt %(receipt)s is voided: %(paid)s went back to the wallet, whose balance is now %(balance)s.",
                 receipt=sale.receipt_no, paid=format_yuan(sale.paid_fen),
                 balance=format_yuan(result["balance_after_fen"]))
    return _("Receipt %(receipt)s is voided: give %(paid)s back (%(method)s).", receipt=sale.receipt_no,
             paid=format_yuan(sale.paid_fen), method=word("method", sale.payment_method))
