"""The back office's residents pages (community staff: the manager role; admins see numbers whole, audited)."""
from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import Form

from pos.access import requires
from pos.context import canteen_today, page_actor, settings
from pos.db import get_db, read_session
from pos.enrolment import directory, page, uploads
from pos.enrolment.editing import edit_resident, for_editing
from pos.enrolment.export import residents_xlsx
from pos.enrolment.forms import ConfirmForm, ResidentForm, StatusForm, UploadForm
from pos.enrolment.history import resident_history
from pos.enrolment.profile import resident_profile, show_in_full
from pos.errors import CanteenError, InvalidInput
from pos.family.routes import family_section
from pos.residents import services as residents
from pos.residents.records import ResidentIn
from pos.wallets.routes import wallet_section

bp = Blueprint("residents", __name__, url_prefix="/residents")
PENDING = "resident_import"  # the session's key for the upload waiting to be confirmed


def in_full() -> bool:
    """Admins see ID and phone numbers whole (each view audited); everyone else masked."""
    return current_user.has_role("admin")


@bp.get("")
@requires("manager")
def index():
    """The list: search by name, pinyin initials, last digits of ID or phone, card number; filter; page."""
    query = page.query_from_args()
    reads = read_session()
    try:
        found = directory.find_residents(reads, query, canteen_today())
    except InvalidInput as exc:
        flash(exc.localised(), "error")
        found = directory.ResidentPage([], 0, 1, 1)
    return render_template("residents/list.html", found=found, query=query, categories=page.category_names(reads),
                           statuses=page.STATUS_LABELS, needs=page.needs_labels)


@bp.get("/export.xlsx")
@requires("manager")
def export():
    """The list as filtered, every page, as XLSX: numbers masked, or whole for an admin (audited)."""
    query, today = page.query_from_args(), canteen_today()
    if in_full():
        rows = directory.residents_in_full(get_db(), query, today, page_actor())
    else:
        rows = list(directory.all_residents(read_session(), query, today))
    workbook = residents_xlsx([str(c) for c in page.EXPORT_COLUMNS],
                              page.export_rows(rows, page.category_names(read_session())), _("Residents"))
    return Response(workbook, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=residents-{today.isoformat()}.xlsx"})


@bp.route("/new", methods=["GET", "POST"])
@requires("manager")
def new():
    """Register a resident: ID number checked, categories with their dates and proof, needs, emergency contact."""
    form = ResidentForm()
    _prepare(form, None)
    if form.validate_on_submit():
        try:
            resident_id = residents.register(get_db(), form.resident_in(), page_actor())
        except CanteenError as exc:
            _show(form, exc)
        else:
            flash(_("%(name)s is registered.", name=form.name.data), "ok")
            return redirect(url_for("residents.show", resident_id=resident_id))
    return render_template("residents/form.html", form=form, resident=None, masked={},
                           categories=page.category_names(read_session())), _status(form)


@bp.get("/<int:resident_id>")
@requires("manager")
def show(resident_id: int):
    """A resident whole: details, categories, cards, balance, needs, emergency contact, status and history."""
    return _show_page(resident_id, StatusForm(formdata=None, data={"status_date": canteen_today()}))


@bp.post("/<int:resident_id>/status")
@requires("manager")
def set_status(resident_id: int):
    """Mark moved away or deceased from a date (no subsidy after it), or active again."""
    form = StatusForm()
    if form.validate_on_submit():
        try:
            residents.change_status(get_db(), resident_id, form.status.data, form.status_date.data, page_actor())
        except InvalidInput as exc:
            _show(form, exc)
        else:
            flash(_("The status is saved."), "ok")
            return redirect(url_for("residents.show", resident_id=resident_id))
    return _show_page(resident_id, form), 422


@bp.route("/<int:resident_id>/edit", methods=["GET", "POST"])
@requires("manager")
def edit(resident_id: int):
    """Change a resident's details; masked fields left blank keep what is stored."""
    if request.method == "GET":
        editable = for_editing(get_db(), resident_id, in_full(), page_actor())
        form = ResidentForm(formdata=None, data=_form_data(editable.details))
        masked, whole_id = editable.masked, editable.details.id_number if in_full() else None
    else:
        form = ResidentForm()
        masked, whole_id = ({} if in_full() else for_editing(get_db(), resident_id, False, page_actor()).masked), None
    _prepare(form, resident_id)
    if form.validate_on_submit():
        try:
            edit_resident(get_db(), resident_id, form.resident_in(id_number=""), not in_full(), page_actor())
        except CanteenError as exc:
            _show(form, exc)
        else:
            flash(_("The changes are saved."), "ok")
            return redirect(url_for("residents.show", resident_id=resident_id))
    profile = resident_profile(read_session(), resident_id, canteen_today())
    return render_template("residents/form.html", form=form, resident=profile, masked=masked,
                           id_number=whole_id or profile["id_number"],
                           categories=page.category_names(read_session())), _status(form)


@bp.get("/import")
@requires("manager")
def import_page():
    """Upload the community office's list."""
    return render_template("residents/import.html", form=UploadForm(), report=None)


@bp.post("/import")
@requires("manager")
def import_check():
    """Keep the uploaded list and report what importing it would do; nothing is written yet."""
    form, report = UploadForm(), None
    upload = request.files.get("file")
    if form.validate_on_submit():
        _forget_pending()
        try:
            token, suffix = uploads.keep_upload(settings().instance_path, (upload.filename or "") if upload else "",
                                                upload.read() if upload else b"")
            with_cards = bool(form.with_cards.data)
            report = uploads.check_list(get_db(), uploads.upload_path(settings().instance_path, token, suffix),
                                        with_cards, page_actor())
        except CanteenError as exc:
            _show(form, exc, default="file")
        else:
            session[PENDING] = {"token": token, "suffix": suffix, "cards": with_cards,
                                "name": (upload.filename or "") if upload else ""}
    confirm = ConfirmForm(formdata=None, data={"token": session.get(PENDING, {}).get("token", "")})
    status = 200 if report is not None else 422
    return render_template("residents/import.html", form=form, report=report, confirm=confirm,
                           pending=session.get(PENDING)), status


@bp.post("/import/confirm")
@requires("manager")
def import_confirm():
    """Import the checked list (and its cards): all rows, or nothing if any has a problem now."""
    form, pending = ConfirmForm(), session.get(PENDING) or {}
    if not form.validate_on_submit() or form.token.data != pending.get("token"):
        flash(_("The uploaded list is no longer here; please upload it again."), "error")
        return redirect(url_for("residents.import_page"))
    folder = settings().instance_path
    report = uploads.import_list(get_db(), uploads.upload_path(folder, pending["token"], pending["suffix"]),
                                 pending["cards"], page_actor())
    if not report.written:
        return render_template("residents/import.html", form=UploadForm(formdata=None), report=report,
                               confirm=form, pending=pending), 409
    _forget_pending()
    flash(_("Imported %(count)s residents: %(new)s new, %(updated)s updated; %(cards)s cards issued.",
            count=report.new + report.updated, new=report.new, updated=report.updated, cards=report.cards), "ok")
    return redirect(url_for("residents.index"))


def _forget_pending() -> None:
    """Remove the upload waiting for confirmation, if any."""
    pending = session.pop(PENDING, None)
    if pending:
        uploads.discard_upload(settings().instance_path, pending.get("token", ""), pending.get("suffix", ""))


def _show_page(resident_id: int, status_form: StatusForm):
    """The resident's page, with this status form (as typed, after a refusal)."""
    if in_full():
        profile = show_in_full(get_db(), resident_id, canteen_today(), page_actor())
    else:
        profile = resident_profile(read_session(), resident_id, canteen_today())
    history_page = request.args.get("history", "1")
    number = int(history_page) if history_page.isdigit() and len(history_page) < 6 else 1
    changes, total = resident_history(read_session(), resident_id, in_full(), page.english(), number)
    return render_template("residents/show.html", r=profile, status_form=status_form, changes=changes,
                           history_total=total, history_page=number, categories=page.category_names(read_session()),
                           statuses=page.STATUS_LABELS, actions=page.ACTION_LABELS, details=page.DETAIL_LABELS,
                           needs=page.needs_labels(profile["diet"], profile["allergens"]),
                           **wallet_section(resident_id), **family_section(resident_id))


def _prepare(form: ResidentForm, resident_id: int | None) -> None:
    """The choices of the form, and a row for every category (held ones first, as stored)."""
    form.diet.choices = page.diet_choices()
    form.allergens.choices = page.allergen_choices()
    codes = {entry.form.code.data for entry in form.categories}
    for code in page.category_names(read_session()):
        if code not in codes:
            form.categories.append_entry({"code": code, "held": False})


def _form_data(details: ResidentIn) -> dict:
    """The form's values from stored details."""
    return {"name": details.name, "id_number": details.id_number, "phone": details.phone,
            "address": details.address, **details.area, "emergency_name": details.emergency_name,
            "emergency_phone": details.emergency_phone, "diet": list(details.diet),
            "allergens": list(details.allergens),
            "categories": [{"code": g.code, "held": True, "valid_from": g.valid_from, "valid_to": g.valid_to,
                            "proof_note": g.proof_note} for g in details.categories]}


def _show(form: Form, exc: CanteenError, default: str | None = None) -> None:
    """A refusal beside the field it names (categories' details beside the categories), else at the top."""
    name = {"proof_note": "categories", "date": "status_date"}.get(exc.field or "", exc.field) or default
    field = getattr(form, name, None) if name else None
    if field is None:
        flash(exc.localised(), "error")
    elif name == "categories":  # a list of rows: its own errors are the rows'
        form.category_errors = [exc.reason()]
    else:
        field.errors = [*field.errors, exc.reason()]


def _status(form: Form) -> int:
    return 422 if form.is_submitted() else 200
