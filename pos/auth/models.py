"""Staff accounts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String, false, func
from sqlalchemy.orm import Mapped, mapped_column

from pos.canteens.models import owning_canteen
from pos.clock import utc_now
from pos.db import Base
from vocabulary import ROLES, sql_in


class User(Base):
    """A member of staff who signs in: cashier, manager or admin."""

    __tablename__ = "staff_user"
    __table_args__ = (CheckConstraint(sql_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The canteen they work at; none for an account above the canteens (the first admin, made before any
    # canteen exists). Usernames stay unique across all canteens: a person signs in once.
    canteen_id: Mapped[int | None] = owning_canteen(nullable=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    # Set when an admin gives the account a password: its holder must choose their own at the next sign-in.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, server_default=func.now())

    # What flask-login asks of a signed-in user, without the model importing it.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    def has_role(self, role: str) -> bool:
        """True when this user's role is at least `role`."""
        return ROLES.index(self.role) >= ROLES.index(role)
