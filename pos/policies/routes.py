"""The subsidy policies page: managers read the versions, admins load a new one."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pos.access import requires
from pos.context import page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.policies import services

bp = Blueprint("policies", __name__, url_prefix="/policies")


@bp.get("/")
@requires("manager")
def index():
    """Every stored version, newest first, and the form to load one."""
    return render_template("policies/index.html", versions=services.list_versions(read_session()),
                           may_load=current_user.has_role("admin"))


@bp.post("/")
@requires("admin")
def load():
    """Check an uploaded policy file and store it as a new version."""
    upload = request.files.get("policy")
    text = upload.read().decode("utf-8", errors="replace") if upload else request.form.get("toml", "")
    try:
        stored = services.load_version(get_db(), text, bool(request.form.get("use")), page_actor())
    except CanteenError as exc:
        flash(exc.localised(), "error")
        return render_template("policies/index.html", versions=services.list_versions(read_session()), may_load=True,
                               toml=text), 422
    flash(_("Loaded %(policy)s version %(version)s.", policy=stored["policy_id"], version=stored["version"]), "ok")
    return redirect(url_for("policies.index"))
