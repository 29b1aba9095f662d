"""The /me sign-in of a resident or a family member, kept apart from staff logins under its own session key.

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
from pos.me.holder import Holder
from pos.signins import held

SESSION_KEY = "me_sign_in"
F = TypeVar("F", bound=Callable)


def remember(token: str) -> None:
    """Keep the resident's (or family member's) sign-in in this browser."""
    session[SESSION_KEY] = token


def sign_out() -> None:
    """End the sign-in, here and wherever its cookie went."""
    token = session.pop(SESSION_KEY, None)
    if token:
        with get_db().unit_of_work() as tx:
            held.end(tx, token, utc_now())


def signed_in() -> Holder | None:
    """Who is signed in on /me, while their sign-in holds."""
    now = utc_now()
    idle = timedelta(minutes=settings().resident_idle_minutes)
    sign_in = held.still_held(get_db(), read_session(), session.get(SESSION_KEY), now, idle)
    if sign_in is None or (sign_in.resident_id is None and sign_in.family_member_id is None):
        session.pop(SESSION_KEY, None)
        return None
    return Holder(sign_in.resident_id, sign_in.family_member_id)


def signed_in_resident() -> int | None:
    """The signed-in resident's id, while their sign-in holds (None for a family member)."""
    holder = signed_in()
    return holder.resident_id if holder is not None else None


def holder_required(view: F) -> F:
    """Send a browser without a /me sign-in to the sign-in page; sets g.holder."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        g.holder = signed_in()
        if g.holder is None:
            return redirect(url_for("me.sign_in"))
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def resident_required(view: F) -> F:
    """The resident's own pages (their cards, their QR pass): a family member goes to the page they have;
    sets g.resident_id."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        holder = signed_in()
        if holder is None:
            return redirect(url_for("me.sign_in"))
        if holder.resident_id is None:
            return redirect(url_for("me.home"))
        g.resident_id = holder.resident_id
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]
