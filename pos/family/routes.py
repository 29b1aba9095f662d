"""The Family section of the back office's resident page (managers): link a family member (adding them if new),
give one a new PIN, unlink one. Each posts through its service and comes back to the resident's page."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.clock import utc_now
from pos.context import page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.family import services
from pos.family.forms import FamilyForm, FamilyPinForm
from pos.family.links import family_of
from pos.residents.masks import mask_number

bp = Blueprint("family", __name__, url_prefix="/family")


def family_section(resident_id: int) -> dict:
    """What the resident's page needs to show its Family section (pos/templates/family/_section.html)."""
    members = [{"id": m.id, "name": m.name, "phone": mask_number(m.phone), "relationship": link.relationship,
                "active": m.active} for m, link in family_of(read_session(), resident_id)]
    return {"family": members, "family_form": FamilyForm(formdata=None)}


@bp.post("/residents/<int:resident_id>")
@requires("manager")
def add(resident_id: int):
    """Link a family member to the resident; a new phone number adds them with the PIN given."""
    form = FamilyForm()
    if not form.validate_on_submit():
        _refused(form)
    else:
        given = services.FamilyIn(form.name.data, form.phone.data, form.relationship.data, form.pin.data or "")
        try:
            member = services.add_family_member(get_db(), resident_id, given, page_actor(), utc_now())
        except CanteenError as exc:
            flash(exc.localised(), "error")
        else:
            flash(_("%(name)s can now book meals on /me with their mobile number and PIN.", name=member["name"]), "ok")
    return _back(resident_id)


@bp.post("/<int:member_id>/pin")
@requires("manager")
def set_pin(member_id: int):
    """A new PIN for a family member (their phones are signed out)."""
    form = FamilyPinForm()
    if not form.validate_on_submit():
        _refused(form)
    else:
        try:
            services.set_family_pin(get_db(), member_id, form.pin.data, page_actor(), utc_now())
        except CanteenError as exc:
            flash(exc.localised(), "error")
        else:
            flash(_("The new PIN is set."), "ok")
    return _back(_resident_id())


@bp.post("/<int:member_id>/unlink")
@requires("manager")
def unlink(member_id: int):
    """The family member no longer books for, nor sees, this resident."""
    resident_id = _resident_id()
    try:
        services.unlink_family_member(get_db(), member_id, resident_id, page_actor(), utc_now())
    except CanteenError as exc:
        flash(exc.localised(), "error")
    else:
        flash(_("The family member is unlinked."), "ok")
    return _back(resident_id)


def _resident_id() -> int:
    text = request.form.get("resident_id", "")
    return int(text) if text.isdigit() and len(text) < 10 else 0


def _refused(form: FamilyForm | FamilyPinForm) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "error")


def _back(resident_id: int):
    return redirect(url_for("residents.show", resident_id=resident_id) + "#family")
