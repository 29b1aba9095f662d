"""The back office's card pages (managers): issue, report lost, replace, unblock, return; the pass sheet.

Cashiers do the same at the counter through the API; these pages are for community staff. Each action is
one service of pos.credentials.life, which audits it.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from pos.access import requires
from pos.canteens.services import canteen_name
from pos.context import canteen_today, page_actor, settings
from pos.credentials import life, sheet
from pos.credentials.forms import CARD_NUMBER_MAX, ActionForm, IssueForm, ReplaceForm, ReturnForm
from pos.credentials.lookup import card_by_uid
from pos.db import get_db, read_session
from pos.errors import CanteenError, InvalidInput
from pos.residents.masks import mask_number
from pos.residents.records import get_resident
from vocabulary import format_yuan, parse_yuan

bp = Blueprint("cards", __name__, url_prefix="/cards")


@bp.get("")
@requires("manager")
def index():
    """Whose card is this? Scan or type a number to open its holder's page; the way to the pass sheet."""
    typed = request.args.get("uid", "")[:CARD_NUMBER_MAX].strip()
    refusal = None
    if typed:
        try:
            card = card_by_uid(read_session(), typed)
        except InvalidInput as exc:
            card, refusal = None, exc.reason()
        if card is not None:
            return _back(card.resident_id)
        refusal = refusal or _("no card has this number")
    return render_template("cards/index.html", typed=typed, refusal=refusal), 404 if refusal else 200


def _resident(resident_id: int) -> dict:
    """The resident as the card pages name them (ID number masked)."""
    resident = get_resident(read_session(), resident_id)
    return {"id": resident.id, "name": resident.name, "id_number": mask_number(resident.id_number)}


def _card(uid: str) -> dict:
    """The card in the URL (read before any write releases the read session), or no such page."""
    try:
        card = card_by_uid(read_session(), uid)
    except InvalidInput:
        card = None
    if card is None:
        abort(404)
    return {"uid": card.uid, "resident_id": card.resident_id, "status": card.status, "deposit": card.deposit_fen}


def _show(form: FlaskForm, exc: CanteenError, names: dict[str, str]) -> None:
    """A refusal beside the field it names, else at the top of the page."""
    field = getattr(form, names.get(exc.field or "", exc.field or ""), None) if exc.field else None
    if field is None:
        flash(exc.localised(), "error")
    else:
        field.errors = [*field.errors, exc.reason()]


def _back(resident_id: int):
    return redirect(url_for("residents.show", resident_id=resident_id) + "#cards")


@bp.route("/residents/<int:resident_id>/issue", methods=["GET", "POST"])
@requires("manager")
def issue(resident_id: int):
    """Issue a card: scan it on the reader (it types the number and Enter) or type it; deposit optional."""
    resident, form = _resident(resident_id), IssueForm()
    if form.validate_on_submit():
        deposit = _deposit_fen(form)
        if deposit is not None:
            try:
                card = life.issue_card(get_db(), resident_id, form.uid.data or "", deposit, form.method.data or "cash",
                                       page_actor())
            except CanteenError as exc:
                _show(form, exc, {"deposit_fen": "deposit"})
            else:
                flash(_("Card %(uid)s is issued to %(name)s.", uid=card["uid"], name=resident["name"]), "ok")
                return _back(resident_id)
    return render_template("cards/issue.html", form=form, resident=resident,
                           max_deposit=format_yuan(life.MAX_DEPOSIT_FEN)), 422 if form.is_submitted() else 200


def _deposit_fen(form: IssueForm) -> int | None:
    """The deposit typed in yuan, as fen; None (with the field's error) when it is not an amount we take."""
    text = (form.deposit.data or "").strip()
    if not text:
        return 0
    try:
        fen = parse_yuan(text)
    except ValueError:
        form.deposit.errors = [*form.deposit.errors, _("is not an amount in yuan, such as 20 or 20.00")]
        return None
    if fen > life.MAX_DEPOSIT_FEN:
        form.deposit.errors = [*form.deposit.errors,
                               _("must be at most %(max)s", max=format_yuan(life.MAX_DEPOSIT_FEN))]
        return None
    return fen


@bp.post("/<uid>/lost")
@requires("manager")
def report_lost(uid: str):
    """Block the card at once."""
    card = _card(uid)
    if _checked(ActionForm()):
        _act(lambda: life.report_lost(get_db(), card["uid"], page_actor()),
             _("Card %(uid)s is blocked: it is refused everywhere from now on.", uid=card["uid"]))
    return _back(card["resident_id"])


@bp.post("/<uid>/unblock")
@requires("manager")
def unblock(uid: str):
    """Unblock a card found again (not one already replaced)."""
    card = _card(uid)
    if _checked(ActionForm()):
        _act(lambda: life.unblock_card(get_db(), card["uid"], page_actor()),
             _("Card %(uid)s works again.", uid=card["uid"]))
    return _back(card["resident_id"])


def _checked(form: ActionForm) -> bool:
    """The button's form is genuine (its CSRF token good); else the page says to try again."""
    if form.validate_on_submit():
        return True
    flash(_("The form has expired; please try again."), "error")
    return False


def _act(action, done: str) -> None:
    try:
        action()
    except CanteenError as exc:
        flash(exc.localised(), "error")
    else:
        flash(done, "ok")


@bp.route("/<uid>/replace", methods=["GET", "POST"])
@requires("manager")
def replace(uid: str):
    """A new card in place of this one, without the old card: wallet and deposit carry over, the old is blocked."""
    card, form = _card(uid), ReplaceForm()
    resident, old = _resident(card["resident_id"]), card
    if form.validate_on_submit():
        try:
            result = life.replace_card(get_db(), old["uid"], form.new_uid.data or "", page_actor())
        except CanteenError as exc:
            _show(form, exc, {})
        else:
            flash(_("Card %(new)s replaces card %(old)s, which is blocked.", new=result["new"]["uid"],
                    old=old["uid"]), "ok")
            return _back(resident["id"])
    return render_template("cards/replace.html", form=form, resident=resident, card=old), \
        422 if form.is_submitted() else 200


@bp.route("/<uid>/return", methods=["GET", "POST"])
@requires("manager")
def give_back(uid: str):
    """Take the card back and refund its deposit; the card may be given out again."""
    card, form = _card(uid), ReturnForm()
    resident, returned = _resident(card["resident_id"]), card
    if form.validate_on_submit():
        try:
            result = life.return_card(get_db(), returned["uid"], form.method.data or "cash", page_actor())
        except CanteenError as exc:
            _show(form, exc, {})
        else:
            flash(_("Card %(uid)s is returned; deposit refunded: %(amount)s.", uid=returned["uid"],
                    amount=format_yuan(result["refunded_fen"])), "ok")
            return _back(resident["id"])
    return render_template("cards/return.html", form=form, resident=resident, card=returned), \
        422 if form.is_submitted() else 200


def _picked() -> list[int]:
    values = request.values.getlist("resident")
    return [int(v) for v in values if v.isdigit() and len(v) < 11]


@bp.get("/passes")
@requires("manager")
def passes():
    """The residents ticked on the list, and what printing their passes does, before it is done."""
    try:
        chosen = sheet.chosen_residents(read_session(), _picked())
    except InvalidInput as exc:
        flash(exc.localised(), "error")
        return redirect(url_for("residents.index"))
    return render_template("cards/passes.html", chosen=chosen, form=ActionForm())


@bp.post("/passes")
@requires("manager")
def print_passes():
    """Issue new static passes for the residents (older prints stop working) and show the A4 sheet."""
    form, picked = ActionForm(), _picked()
    if not form.validate_on_submit():
        flash(_("The form has expired; please try again."), "error")
        return redirect(url_for("cards.passes", resident=picked))
    name, today = canteen_name(read_session(), settings().canteen_name), canteen_today()
    try:
        pdf = sheet.print_pass_sheet(get_db(), picked, name, today.isoformat(), page_actor())
    except InvalidInput as exc:
        flash(exc.localised(), "error")
        return redirect(url_for("residents.index"))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f"inline; filename=passes-{today.isoformat()}.pdf", "Cache-Control": "no-store"})
