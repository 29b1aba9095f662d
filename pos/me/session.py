"""The resident's sign-in, kept apart from staff logins under its own session key.

The session holds the resident id and a fingerprint of their PIN hash, so a
PIN reset at the counter signs out every phone that used the old PIN.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from flask import g, redirect, session, url_for

from pos.credentials.pins import pin_stamp
from pos.db import read_session
from pos.residents.models import Resident

SESSION_KEY = "me_resident"
F = TypeVar("F", bound=Callable)


def sign_in(resident_id: int, stamp: str) -> None:
    """Remember the resident in this browser."""
    session.pop(SESSION_KEY, None)
    session[SESSION_KEY] = {"id": resident_id, "pin": stamp}


def sign_out() -> None:
    """Forget the resident."""
    session.pop(SESSION_KEY, None)


def signed_in_resident() -> int | None:
    """The signed-in resident's id, if their PIN has not changed since."""
    held = session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return None
    resident = read_session().get(Resident, held.get("id"))
    if resident is None or not resident.pin_hash or pin_stamp(resident) != held.get("pin"):
        sign_out()
        return None
    return resident.id


def resident_required(view: F) -> F:
    """Send a browser without a resident sign-in to the sign-in page; sets g.resident_id."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        g.resident_id = signed_in_resident()
        if g.resident_id is None:
            return redirect(url_for("me.sign_in"))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
