"""The staff pages at /staff (admins): the list, adding a member of staff, a new password, role, (de)activation."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.auth import roster, services
from pos.auth.fields import LABELS, error_field
from pos.clock import utc_now
from pos.context import page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.i18n import term
from vocabulary import ROLES, StaffRole

bp = Blueprint("staff", __name__, url_prefix="/staff")


def role_names() -> dict[str, str]:
    """Each role's name in the user's language, lowest first."""
    return {role: term(StaffRole(role)) for role in ROLES}


def page_number() -> int:
    """?page= as a number; anything else is the first page."""
    value = request.args.get("page", "")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def list_page(error: CanteenError | None = None, status: int = 200):
    """The list, with a refused action's reason above it."""
    found = roster.list_staff(read_session(), page_number())
    return render_template("auth/staff.html", staff=found, roles=role_names(), error=error), status


@bp.get("/")
@requires("admin")
def index():
    """Every member of staff: role, whether active, when last signed in."""
    return list_page()


@bp.get("/new")
@requires("admin")
def new():
    """The form to add a member of staff."""
    return render_template("auth/staff_new.html", values={"role": "cashier", "must_change_password": True},
                           roles=role_names(), labels=LABELS, error=None, field=None)


@bp.post("/new")
@requires("admin")
def add():
    """Add a member of staff; a refusal shows the form again as typed (but for the passwords)."""
    form = request.form
    new = services.StaffIn(form.get("username", ""), form.get("display_name", ""), form.get("role", ""),
                           form.get("password", ""), form.get("repeat_password", ""),
                           form.get("must_change_password") == "1")
    values = {"username": new.username, "display_name": new.display_name, "role": new.role,
              "must_change_password": new.must_change_password}
    try:
        user = services.add_staff(get_db(), new, page_actor())
    except CanteenError as exc:
        return render_template("auth/staff_new.html", values=values, roles=role_names(), labels=LABELS, error=exc,
                               field=error_field(exc)), exc.status
    flash(_("%(name)s can sign in now as %(role)s.", name=user.username, role=role_names()[user.role]), "ok")
    return redirect(url_for("staff.index"))


@bp.get("/<int:staff_id>/password")
@requires("admin")
def password(staff_id: int):
    """The form to give a member of staff a new password."""
    return render_template("auth/staff_password.html", user=roster.staff_member(read_session(), staff_id),
                           labels=LABELS, error=None, field=None)


@bp.post("/<int:staff_id>/password")
@requires("admin")
def reset_password(staff_id: int):
    """Set the password; the member of staff chooses their own at the next sign-in."""
    try:
        user = services.reset_password(get_db(), staff_id, request.form.get("password", ""),
                                       request.form.get("repeat_password", ""), page_actor(), utc_now())
    except CanteenError as exc:
        return render_template("auth/staff_password.html", user=roster.staff_member(read_session(), staff_id),
                               labels=LABELS, error=exc, field=error_field(exc)), exc.status
    flash(_("New password set for %(name)s: they choose their own at the next sign-in, and their sign-ins "
            "have ended.", name=user.username), "ok")
    return redirect(url_for("staff.index"))


@bp.post("/<int:staff_id>/active")
@requires("admin")
def set_active(staff_id: int):
    """Deactivate (sign-ins end at once) or activate again."""
    active = request.form.get("active") == "1"
    try:
        user = services.set_staff_active(get_db(), staff_id, active, page_actor(), utc_now())
    except CanteenError as exc:
        return list_page(exc, exc.status)
    flash(_("%(name)s may sign in again.", name=user.username) if active else
          _("%(name)s is deactivated and signed out everywhere.", name=user.username), "ok")
    return redirect(url_for("staff.index", page=request.args.get("page")))


@bp.post("/<int:staff_id>/role")
@requires("admin")
def set_role(staff_id: int):
    """Give a member of staff another role."""
    try:
        user = services.set_role(get_db(), staff_id, request.form.get("role", ""), page_actor())
    except CanteenError as exc:
        return list_page(exc, exc.status)
    flash(_("%(name)s is now %(role)s.", name=user.username, role=role_names()[user.role]), "ok")
    return redirect(url_for("staff.index", page=request.args.get("page")))
