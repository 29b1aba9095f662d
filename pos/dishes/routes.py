"""The manager's dish catalog at /dishes: the list, a dish and its prices, the dish form, import and export."""
from __future__ import annotations

import base64
import binascii
from datetime import timedelta

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.audit import history
from pos.context import canteen_today, page_actor
from pos.db import get_db, read_session
from pos.dishes import exporting, importing, prices, services
from pos.dishes.details import dish_in_of
from pos.dishes.entry import form_values, read_day, read_dish, read_yuan
from pos.dishes.page import history_words, page_words, submitted_dish
from pos.dishes.sheet import read_sheet
from pos.errors import CanteenError, InvalidInput
from pos.i18n import ui_language
from vocabulary import format_fen

bp = Blueprint("dishes", __name__, url_prefix="/dishes")
ON_SALE = {"on": True, "off": False}


@bp.get("/")
@requires("manager")
def index():
    """The catalog: search by name, code or pinyin initials, filter by category and sale, paged in SQL."""
    args = request.args
    page = args.get("page", "1")
    query = services.CatalogQuery(text=args.get("q", "")[:60], category=args.get("category", "")[:24],
                                  on_sale=ON_SALE.get(args.get("sale", "")), sort=args.get("sort", "code"),
                                  page=int(page) if page.isdigit() and len(page) < 7 else 1)
    session = read_session()
    found = services.find_dishes(session, query, canteen_today())
    return render_template("dishes/list.html", found=found, query=query, sale=args.get("sale", ""),
                           categories=services.categories_in_use(session), **page_words())


def dish_form(values: dict[str, object], dish=None, error: CanteenError | None = None, status: int = 200):
    """The add or edit form with `values` and, after a refused save, the reason beside its field."""
    return render_template("dishes/form.html", values=values, dish=dish, error=error, **page_words()), status


@bp.get("/new")
@requires("manager")
def new():
    """An empty dish form."""
    return dish_form({"periods": ["lunch", "dinner"], "cost": "0.00"})


@bp.post("/new")
@requires("manager")
def add():
    """Add a dish on sale from today; a bad field shows the form again as typed, nothing stored."""
    values = submitted_dish()
    try:
        price = read_yuan(values.get("price"), "price")
        dish = services.add_dish(get_db(), read_dish(values), price, canteen_today(), page_actor())
    except CanteenError as exc:
        return dish_form(values, error=exc, status=exc.status)
    flash(_("Dish %(name)s added, on sale from today.", name=dish.name), "ok")
    return redirect(url_for("dishes.show", dish_id=dish.id))


@bp.get("/<int:dish_id>")
@requires("manager")
def show(dish_id: int, price_values: dict | None = None, error: CanteenError | None = None, status: int = 200):
    """A dish: its details, its price today and to come, the price history, what changed, and its actions."""
    session, today = read_session(), canteen_today()
    dish = services.get_dish(session, dish_id)
    changes = [entry for entry in reversed(history(session, "dish", dish_id))][:20]
    return render_template("dishes/dish.html", dish=dish, details=dish_in_of(dish), today=today,
                           price=prices.price_on(session, dish_id, today),
                           history=prices.price_history(session, dish_id, today), changes=changes,
                           price_values=price_values or {"effective_from": (today + timedelta(days=1)).isoformat()},
                           error=error, **history_words(session, changes), **page_words()), status


@bp.get("/<int:dish_id>/edit")
@requires("manager")
def edit(dish_id: int):
    """The dish form filled in with the dish as it is."""
    dish = services.get_dish(read_session(), dish_id)
    return dish_form(form_values(dish_in_of(dish)), dish)


@bp.post("/<int:dish_id>/edit")
@requires("manager")
def save(dish_id: int):
    """Store a dish's new details; a bad field shows the form again as typed, nothing stored."""
    values = submitted_dish()
    try:
        services.edit_dish(get_db(), dish_id, read_dish(values), page_actor())
    except CanteenError as exc:
        if exc.status == 404:
            raise
        return dish_form(values, services.get_dish(read_session(), dish_id), exc, exc.status)
    flash(_("Dish saved."), "ok")
    return redirect(url_for("dishes.show", dish_id=dish_id))


@bp.post("/<int:dish_id>/price")
@requires("manager")
def change_price(dish_id: int):
    """A new price from a day on (today or later); a day already past is refused with the reason."""
    values = {"price": request.form.get("price", ""), "effective_from": request.form.get("effective_from", "")}
    try:
        change = prices.change_price(get_db(), dish_id, read_yuan(values["price"], "price"),
                                     read_day(values["effective_from"]), canteen_today(), page_actor())
    except CanteenError as exc:
        if exc.status == 404:
            raise
        return show(dish_id, values, exc, exc.status)
    flash(_("New price %(price)s yuan from %(day)s. Sales before that day keep their price.",
            price=format_fen(change.price_fen),
            day=change.effective_from.isoformat()), "ok")
    return redirect(url_for("dishes.show", dish_id=dish_id))


@bp.post("/<int:dish_id>/off-sale")
@requires("manager")
def take_off_sale(dish_id: int):
    """Stop offering a dish at the counter and in planning; its old sales and menus keep it."""
    if services.set_on_sale(get_db(), dish_id, False, page_actor()):
        flash(_("Taken off sale: the counter no longer offers it and the planner leaves it out."), "ok")
    return redirect(url_for("dishes.show", dish_id=dish_id))


@bp.post("/<int:dish_id>/on-sale")
@requires("manager")
def bring_back(dish_id: int):
    """Offer a dish again."""
    if services.set_on_sale(get_db(), dish_id, True, page_actor()):
        flash(_("Back on sale."), "ok")
    return redirect(url_for("dishes.show", dish_id=dish_id))


@bp.get("/export.<any(csv, xlsx):kind>")
@requires("manager")
def export(kind: str):
    """The whole catalog at today's prices, as the import reads it."""
    today = canteen_today()
    data, media_type = exporting.export_catalog(read_session(), today, kind, ui_language())
    name = f"dishes-{today.isoformat()}.{kind}"
    return Response(data, mimetype=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def import_page(**context):
    """The import page: the upload form, a file's problems, or what it would do and the button to do it."""
    context.setdefault("effective_from", (canteen_today() + timedelta(days=1)).isoformat())
    status = 422 if context.get("error") or (context.get("plan") and context["plan"].problems) else 200
    return render_template("dishes/import.html", **context, **page_words()), status


@bp.get("/import")
@requires("manager")
def import_form():
    """Upload a catalog file; nothing is written before the check and the confirmation."""
    return import_page()


@bp.post("/import")
@requires("manager")
def import_check():
    """Check an uploaded file row by row and show what it would do; nothing is written."""
    upload = request.files.get("file")
    name, data = (upload.filename or "", upload.read()) if upload else ("", b"")
    effective_from = request.form.get("effective_from", "")
    try:
        if not data:
            raise InvalidInput("choose a .csv or .xlsx file", field="file")
        plan = importing.plan_import(read_session(), read_sheet(name, data), canteen_today(),
                                     read_day(effective_from))
    except CanteenError as exc:
        return import_page(error=exc, effective_from=effective_from)
    return import_page(plan=plan, file_name=name, effective_from=effective_from,
                       payload=base64.b64encode(data).decode("ascii"))


@bp.post("/import/confirm")
@requires("manager")
def import_confirm():
    """Write the checked file: checked again, then every row or, if one has gone wrong since, none."""
    name, effective_from = request.form.get("file_name", ""), request.form.get("effective_from", "")
    try:
        data = base64.b64decode(request.form.get("payload", ""), validate=True)
        plan = importing.import_catalog(get_db(), read_sheet(name, data), canteen_today(), read_day(effective_from),
                                        page_actor())
    except binascii.Error:
        return import_page(error=InvalidInput("choose a .csv or .xlsx file", field="file"))
    except CanteenError as exc:
        return import_page(error=exc, effective_from=effective_from)
    if plan.problems:
        return import_page(plan=plan, file_name=name, effective_from=effective_from, stale=True)
    flash(_("Catalog imported: %(added)s dishes added, %(changed)s changed, %(repriced)s new prices.",
            added=plan.count("added"), changed=plan.count("changed"), repriced=plan.count("repriced")), "ok")
    return redirect(url_for("dishes.index"))
