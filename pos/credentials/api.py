"""Credentials on the API: card life, PINs and printed passes."""
from __future__ import annotations

from flask import Response, jsonify, request

from cards.render import qr_png, qr_svg
from pos.access import requires
from pos.api.blueprint import actor, api_blueprint, body
from pos.api.parsing import fen, integer, text
from pos.clock import utc_now
from pos.credentials import life, lookup, passes, pins
from pos.db import get_db, read_session

bp = api_blueprint("credentials_api", __name__)
RESIDENT_ID = (1, 2**31 - 1)


def _method(data: dict) -> str:
    return text(data, "method", max_len=16) or "cash"


@bp.post("/cards")
@requires("cashier")
def issue_card():
    """Issue a card (any accepted UID form) to a resident, with an optional deposit in fen."""
    data = body()
    card = life.issue_card(get_db(), integer(data, "resident_id", *RESIDENT_ID), text(data, "uid", required=True),
                           fen(data, "deposit_fen", 0, life.MAX_DEPOSIT_FEN) if "deposit_fen" in data else 0,
                           _method(data), actor())
    return jsonify(card), 201


@bp.post("/cards/<uid>/lost")
@requires("cashier")
def report_lost(uid: str):
    """Block a card reported lost."""
    return jsonify(life.report_lost(get_db(), uid, actor()))


@bp.post("/cards/<uid>/replace")
@requires("cashier")
def replace_card(uid: str):
    """Give a new card in place of this one; the wallet and deposit carry over."""
    return jsonify(life.replace_card(get_db(), uid, text(body(), "new_uid", required=True), actor())), 201


@bp.post("/cards/<uid>/return")
@requires("cashier")
def return_card(uid: str):
    """Take a card back and refund its deposit."""
    data = request.get_json(silent=True) or {}
    return jsonify(life.return_card(get_db(), uid, _method(data if isinstance(data, dict) else {}), actor()))


@bp.post("/cards/<uid>/unblock")
@requires("manager")
def unblock_card(uid: str):
    """Unblock a card found again."""
    return jsonify(life.unblock_card(get_db(), uid, actor()))


@bp.get("/cards/<uid>/history")
@requires("cashier")
def card_history(uid: str):
    """The card and every step of its life."""
    return jsonify(lookup.card_history(read_session(), uid))


@bp.post("/residents/<int:resident_id>/pin")
@requires("cashier")
def set_pin(resident_id: int):
    """Set the PIN of the resident page (4 to 6 digits)."""
    return jsonify(pins.set_pin(get_db(), resident_id, body().get("pin"), actor(), utc_now()))


@bp.post("/residents/<int:resident_id>/pass")
@requires("manager")
def issue_pass(resident_id: int):
    """Print a new static pass, revoking older prints; returns its payload."""
    return jsonify(passes.issue_static_pass(get_db(), resident_id)), 201


@bp.get("/residents/<int:resident_id>/pass.png")
@requires("manager")
def pass_png(resident_id: int):
    """The current static pass as a PNG, for printing."""
    return Response(qr_png(passes.static_pass(read_session(), resident_id)), mimetype="image/png",
                    headers={"Cache-Control": "no-store"})


@bp.get("/residents/<int:resident_id>/pass.svg")
@requires("manager")
def pass_svg(resident_id: int):
    """The current static pass as an SVG."""
    return Response(qr_svg(passes.static_pass(read_session(), resident_id)), mimetype="image/svg+xml",
                    headers={"Cache-Control": "no-store"})
