"""Residents, their wallets and cards."""
from __future__ import annotations

from flask import g, jsonify
from flask_login import current_user

from pos.api.blueprint import body, bp, staff
from pos.api.parsing import day, integer, text
from pos.auth.access import requires
from pos.errors import InvalidInput
from pos.residents import services as residents
from pos.residents.records import CategoryGrantIn, ResidentIn
from pos.wallets import services as wallets


def read_resident(data: dict) -> ResidentIn:
    """A ResidentIn from a JSON body."""
    area = data.get("area") or {}
    if not isinstance(area, dict):
        raise InvalidInput("must be an object", field="area")
    grants = data.get("categories") or []
    if not isinstance(grants, list) or not all(isinstance(c, dict) for c in grants):
        raise InvalidInput("must be a list of {code, valid_from, valid_to, proof_note}", field="categories")
    return ResidentIn(
        name=text(data, "name", required=True, max_len=60), id_number=text(data, "id_number", required=True),
        phone=text(data, "phone", max_len=20), address=text(data, "address"),
        area={k: text(area, k, max_len=40) for k in residents.AREA_FIELDS},
        categories=tuple(CategoryGrantIn(text(c, "code", required=True, max_len=32),
                                         day(c, "valid_from", f"categories[{n}].valid_from"),
                                         day(c, "valid_to", f"categories[{n}].valid_to"), text(c, "proof_note"))
                         for n, c in enumerate(grants)))


@bp.post("/residents")
@requires("manager")
def create_resident():
    """Register a resident."""
    resident_id = residents.register(read_resident(body()))
    return jsonify(residents.show(resident_id, admin=current_user.has_role("admin"))), 201


@bp.get("/residents/<int:resident_id>")
@requires("cashier")
def get_resident(resident_id: int):
    """A resident with balance and cards; ID and phone masked except to admins."""
    return jsonify(residents.show(resident_id, admin=current_user.has_role("admin")))


@bp.post("/residents/<int:resident_id>/topups")
@requires("cashier")
def top_up(resident_id: int):
    """Top up a wallet once per idempotency key."""
    data = body()
    status, payload = wallets.top_up(resident_id, integer(data, "amount_fen", 1, wallets.MAX_TOP_UP_FEN),
                                     text(data, "method", required=True, max_len=16), data, g.terminal.id, staff())
    return jsonify(payload), status


@bp.post("/residents/<int:resident_id>/status")
@requires("manager")
def set_status(resident_id: int):
    """Mark a resident moved away or deceased from a date (no subsidy after it), or active again."""
    data = body()
    residents.change_status(resident_id, text(data, "status", required=True, max_len=16), day(data, "date"))
    return jsonify(residents.show(resident_id, admin=current_user.has_role("admin")))


@bp.post("/residents/<int:resident_id>/refund")
@requires("manager")
def refund(resident_id: int):
    """Pay a leaving resident their whole balance."""
    data = body()
    return jsonify(wallets.refund(resident_id, text(data, "method", required=True, max_len=16),
                                  text(data, "reason", required=True), current_user))


@bp.post("/topups/<int:top_up_id>/correction")
@requires("manager")
def correct_top_up(top_up_id: int):
    """Put right a top-up keyed in wrongly."""
    data = body()
    return jsonify(wallets.correct(top_up_id, integer(data, "correct_amount_fen", 0, wallets.MAX_TOP_UP_FEN),
                                   text(data, "reason", required=True), current_user))
