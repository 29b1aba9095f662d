"""The staff list: who works here, in what role, and when each last signed in; paged in SQL."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.clock import as_utc
from pos.errors import NotFound
from pos.signins.models import SignIn

PER_PAGE = 25


@dataclass(frozen=True)
class StaffRow:
    """One member of staff as the list shows them."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    must_change_password: bool
    last_sign_in: datetime | None


@dataclass(frozen=True)
class StaffPage:
    """One page of the list: active staff first, then by username."""

    rows: list[StaffRow]
    page: int
    pages: int
    total: int


def list_staff(session: Session, page: int = 1, per_page: int = PER_PAGE) -> StaffPage:
    """The page `page` of the staff list (past the last page: the last page)."""
    total = session.scalar(select(func.count()).select_from(User)) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    last = (select(SignIn.staff_id, func.max(SignIn.started_at).label("at"))
            .where(SignIn.staff_id.is_not(None)).group_by(SignIn.staff_id).subquery())
    found = session.execute(
        select(User.id, User.username, User.display_name, User.role, User.active, User.must_change_password, last.c.at)
        .outerjoin(last, last.c.staff_id == User.id)
        .order_by(User.active.desc(), User.username).limit(per_page).offset((page - 1) * per_page))
    rows = [StaffRow(row.id, row.username, row.display_name, row.role, row.active, row.must_change_password,
                     as_utc(row.at) if row.at is not None else None) for row in found]
    return StaffPage(rows, page, pages, total)


def staff_member(session: Session, staff_id: int) -> User:
    """One member of staff, or NotFound."""
    user = session.get(User, staff_id)
    if user is None:
        raise NotFound("there is no such member of staff", code="user_not_found")
    return user
