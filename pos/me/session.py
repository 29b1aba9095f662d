"""The resident's sign-in, kept apart from staff logins under its own session key.

The cookie carries the token of a server-side sign-in (pos/signins): signing out, a new PIN, the
card it was made with reported lost, or the page left idle ends it, wherever the cookie was copied.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from flask import g, redirect, session, url_for

from pos.clock import utc_now
from pos.context import settings
from pos.db import get_db, read_session
from pos.signins import held

SESSION_KEY = "me_sign_in"
F = TypeVar("F", bound=Callable)


def remember(token: str) -> None:
    """Keep the resident's sign-in in this browser."""
    session[SESSION_KEY] = token


def sign_out() -> None:
    """End the resident's sign-in, here and wherever its cookie went."""
    token = session.pop(SESSION_KEY, None)
    if token:
        with get_db().unit_of_work() as tx:
            held.end(tx, token, utc_now())


def signed_in_resident() -> int | None:
    """The signed-in resident's id, while their sign-in holds."""
    now = utc_now()
    idle = timedelta(minutes=settings().resident_idle_minutes)
    sign_in = held.still_held(get_db(), read_session(), session.get(SESSION_KEY), now, idle)
    if sign_in is None or sign_in.resident_id is None:
        session.pop(SESSION_KEY, None)
        return None
    return sign_in.resident_id


def resident_required(view: F) -> F:
    """Send a browser without a resident sign-in to the sign-in page; sets g.resident_id."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        g.resident_id = signed_in_resident()
        if g.resident_id is None:
            return redirect(url_for("me.sign_in"))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
