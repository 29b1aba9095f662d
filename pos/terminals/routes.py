"""The terminals pages at /terminals (admins): register a counter (its token shown once), rename, name its card
reader, revoke."""
from __future__ import annotations

import base64

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cards.render import qr_svg
from pos.access import requires
from pos.context import page_actor
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.terminals import services

bp = Blueprint("terminals", __name__, url_prefix="/terminals")


def page_number() -> int:
    """?page= as a number; anything else is the first page."""
    value = request.args.get("page", "")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def list_page(name: str = "", error: CanteenError | None = None, status: int = 200):
    """The list and the form to register one, with a refusal beside the name as typed."""
    found = services.list_terminals(read_session(), page_number())
    return render_template("terminals/index.html", terminals=found, name=name, error=error), status


@bp.get("/")
@requires("admin")
def index():
    """Every terminal, in use first."""
    return list_page()


@bp.post("/")
@requires("admin")
def register():
    """Register a terminal and show its token this once, as text and as a QR code the counter can scan.

    The page is the answer to the POST and is never stored (no-store): reloading it, or coming back
    later, cannot show the token again. Its script moves the address to the list, so a reload is a GET.
    """
    name = request.form.get("name", "")
    try:
        terminal, token = services.register_terminal(get_db(), name, page_actor())
    except CanteenError as exc:
        return list_page(name, exc, exc.status)
    qr = "data:image/svg+xml;base64," + base64.b64encode(qr_svg(token).encode()).decode()
    return render_template("terminals/registered.html", terminal=terminal, token=token, qr=qr), 201


@bp.get("/<int:terminal_id>/name")
@requires("admin")
def rename_form(terminal_id: int):
    """The form to rename a terminal."""
    found = services.terminal_by_id(read_session(), terminal_id)
    return render_template("terminals/rename.html", terminal=found, name=found.name, error=None)


@bp.post("/<int:terminal_id>/name")
@requires("admin")
def rename(terminal_id: int):
    """Rename a terminal; its token keeps working."""
    name = request.form.get("name", "")
    try:
        renamed = services.rename_terminal(get_db(), terminal_id, name, page_actor())
    except CanteenError as exc:
        found = services.terminal_by_id(read_session(), terminal_id)
        return render_template("terminals/rename.html", terminal=found, name=name, error=exc), exc.status
    flash(_("The terminal is now called %(name)s.", name=renamed.name), "ok")
    return redirect(url_for("terminals.index"))


def readers_seen() -> list[str]:
    """The PC/SC readers this server sees now, offered on the reader form (pos/reader registers the lookup)."""
    seen = current_app.extensions.get("canteen_readers_seen")
    return seen() if seen else []


def reader_page(terminal, reader_name: str, error: CanteenError | None = None, status: int = 200):
    """The form naming a terminal's card reader, the readers seen now offered to pick from."""
    return render_template("terminals/reader.html", terminal=terminal, reader_name=reader_name, error=error,
                           seen=readers_seen(), every=services.EVERY_READER), status


@bp.get("/<int:terminal_id>/reader")
@requires("admin")
def reader_form(terminal_id: int):
    """The form to name the card reader at a terminal."""
    found = services.terminal_by_id(read_session(), terminal_id)
    return reader_page(found, found.reader_name)


@bp.post("/<int:terminal_id>/reader")
@requires("admin")
def name_reader(terminal_id: int):
    """Name the card reader whose taps reach this terminal's screen; its open screen follows at once."""
    reader_name = request.form.get("reader_name", "")
    try:
        named = services.name_reader(get_db(), terminal_id, reader_name, page_actor())
    except CanteenError as exc:
        return reader_page(services.terminal_by_id(read_session(), terminal_id), reader_name, exc, exc.status)
    if not named.reader_name:
        flash(_("%(name)s has no card reader now: taps reach no screen there.", name=named.name), "ok")
    elif named.reader_name == services.EVERY_READER:
        flash(_("%(name)s now takes the taps of every card reader.", name=named.name), "ok")
    else:
        flash(_("Taps on %(reader)s now reach %(name)s only.", reader=named.reader_name, name=named.name), "ok")
    return redirect(url_for("terminals.index"))


@bp.get("/<int:terminal_id>/revoke")
@requires("admin")
def revoke_form(terminal_id: int):
    """Ask before revoking: it cannot be undone."""
    return render_template("terminals/revoke.html", terminal=services.terminal_by_id(read_session(), terminal_id))


@bp.post("/<int:terminal_id>/revoke")
@requires("admin")
def revoke(terminal_id: int):
    """Revoke a terminal: its token is refused from its next call on."""
    try:
        revoked = services.revoke_terminal(get_db(), terminal_id, page_actor())
    except CanteenError as exc:
        return list_page(error=exc, status=exc.status)
    flash(_("%(name)s is revoked: its token no longer works. Register the counter again to give it a new one.",
            name=revoked.name), "ok")
    return redirect(url_for("terminals.index"))
