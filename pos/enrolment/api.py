"""Residents on the API: register, show (with balance and cards), mark moved away or deceased."""
from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from pos.access import requires
from pos.api.blueprint import actor, api_blueprint, body
from pos.api.parsing import day, text
from pos.context import canteen_today
from pos.db import get_db, read_session
from pos.enrolment.profile import resident_profile, show_in_full
from pos.errors import InvalidInput
from pos.residents import services as residents
from pos.residents.records import CategoryGrantIn, ResidentIn

bp = api_blueprint("enrolment_api", __name__)


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
                         for n, c in enumerate(grants)),
        emergency_name=text(data, "emergency_name", max_len=60),
        emergency_phone=text(data, "emergency_phone", max_len=20),
        diet=_codes(data, "diet"), allergens=_codes(data, "allergens"))


def _codes(data: dict, field: str) -> tuple[str, ...]:
    """A list of codes (dietary needs, allergens); the service checks each is known."""
    codes = data.get(field) or []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise InvalidInput("must be a list of codes", field=field)
    return tuple(codes)


@bp.post("/residents")
@requires("manager")
def create_resident():
    """Register a resident."""
    resident_id = residents.register(get_db(), read_resident(body()), actor())
    return jsonify(_profile(resident_id)), 201


@bp.get("/residents/<int:resident_id>")
@requires("cashier")
def get_resident(resident_id: int):
    """A resident with balance and cards; ID and phone show their last four only, but to admins."""
    return jsonify(_profile(resident_id))


@bp.post("/residents/<int:resident_id>/status")
@requires("manager")
def set_status(resident_id: int):
    """Mark a resident moved away or deceased from a date (no subsidy after it), or active again."""
    data = body()
    status = text(data, "status", required=True, max_len=16)
    residents.change_status(get_db(), resident_id, status, day(data, "date"), actor())
    return jsonify(_profile(resident_id))


def _profile(resident_id: int) -> dict:
    """The resident as this member of staff may see them: whole (and audited) for an admin, else masked."""
    if current_user.has_role("admin"):
        return show_in_full(get_db(), resident_id, canteen_today(), actor())
    return resident_profile(read_session(), resident_id, canteen_today())
