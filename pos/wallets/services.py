"""Wallet services the API and CLI call; each owns its transaction and writes its audit row."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from pos.audit import Actor
from pos.db import Database
from pos.idempotency import Answer, RequestKey, once
from pos.wallets import operations
from pos.wallets.operations import MAX_TOP_UP_FEN, MIN_TOP_UP_FEN  # noqa: F401  (the API and counter check with them)


def top_up(db: Database, resident_id: int, amount_fen: int, method: str, request: RequestKey, actor: Actor,
           reference: str = "", shift_rule: Callable[[Session, int | None], None] | None = None) -> Answer:
    """Top up once per idempotency key (per terminal, or per member of staff on a page); a retry gets the
    first answer, replayed. Cash taken at a till goes into its cashier's drawer: `shift_rule` (the canteen's
    "a sale needs an open shift", handed down by the app: shifts sit above wallets) may refuse it."""
    with db.unit_of_work() as session:
        def work() -> dict:
            if shift_rule is not None and actor.terminal_id is not None and method == "cash":
                shift_rule(session, actor.staff_id)
            change = operations.add_top_up(session, resident_id, amount_fen, method, actor, reference)
            return {"transaction_id": change.transaction_id, "top_up_id": change.record_id,
                    "balance_fen": change.balance_fen}

        return once(session, request_scope(actor), request, work)


def request_scope(actor: Actor) -> str:
    """Whose idempotency keys a key is unique among: the terminal's, else (a page) the member of staff's."""
    return f"terminal:{actor.terminal_id}" if actor.terminal_id is not None else f"staff:{actor.staff_id}"


def refund(db: Database, resident_id: int, method: str, reason: str, actor: Actor) -> dict:
    """Pay a leaving resident their balance."""
    with db.unit_of_work() as session:
        return operations.refund_balance(session, resident_id, method, reason, actor).as_json()


def correct(db: Database, top_up_id: int, correct_amount_fen: int, reason: str, actor: Actor) -> dict:
    """Correct a wrongly keyed top-up."""
    with db.unit_of_work() as session:
        return operations.correct_top_up(session, top_up_id, correct_amount_fen, reason, actor).as_json()
