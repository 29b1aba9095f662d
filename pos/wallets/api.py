"""Wallets on the API: top-ups (idempotent), a leaver's refund, the correction of a wrong top-up."""
from __future__ import annotations

from flask import current_app, jsonify

from pos.access import requires
from pos.api.blueprint import actor, api_blueprint, body
from pos.api.parsing import fen, text
from pos.db import get_db
from pos.idempotency import RequestKey
from pos.wallets import services as wallets

bp = api_blueprint("wallets_api", __name__)


@bp.post("/residents/<int:resident_id>/topups")
@requires("cashier")
def top_up(resident_id: int):
    """Top up a wallet once per idempotency key."""
    data = body()
    request = RequestKey.of(data | {"resident_id": resident_id})  # the key answers for this resident only
    amount_fen = fen(data, "amount_fen", wallets.MIN_TOP_UP_FEN, wallets.MAX_TOP_UP_FEN)
    answer = wallets.top_up(get_db(), resident_id, amount_fen, text(data, "method", required=True, max_len=16),
                            request, actor(), text(data, "reference", max_len=64),
                            current_app.extensions["canteen_shift_rule"])
    return jsonify(answer.payload), 200 if answer.replayed else 201


@bp.post("/residents/<int:resident_id>/refund")
@requires("manager")
def refund(resident_id: int):
    """Pay a leaving resident their whole balance."""
    data = body()
    return jsonify(wallets.refund(get_db(), resident_id, text(data, "method", required=True, max_len=16),
                                  text(data, "reason", required=True), actor()))


@bp.post("/topups/<int:top_up_id>/correction")
@requires("manager")
def correct_top_up(top_up_id: int):
    """Put right a top-up keyed in wrongly."""
    data = body()
    return jsonify(wallets.correct(get_db(), top_up_id, fen(data, "correct_amount_fen", 0, wallets.MAX_TOP_UP_FEN),
                                   text(data, "reason", required=True), actor()))
