"""Load the demo canteen: staff, residents, cards, dishes, a policy and a week of menu."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.auth.services import create_user
from pos.canteens.services import ensure_canteen

# Demo logins are printed by `canteen serve`; never use them on a real canteen.
DEMO_LOGINS = (("manager", "manager123", "manager", "王经理"),
               ("cashier", "cashier123", "cashier", "李收银"),
               ("admin", "admin1234", "admin", "管理员"))
DEMO_AREA = {"province": "山西省", "city": "临汾市", "district": "尧都区", "street": "解放路街道",
             "community": "新百汇社区"}


def is_empty(session: Session) -> bool:
    """True when no staff account exists yet."""
    return session.scalar(select(func.count()).select_from(User)) == 0


def load_demo(session: Session, canteen_name: str) -> dict[str, int]:
    """Fill an empty database with the demo canteen; returns what was made."""
    ensure_canteen(session, canteen_name, code="main", **DEMO_AREA)
    for username, password, role, name in DEMO_LOGINS:
        create_user(session, username, password, role, name)
    return {"staff": len(DEMO_LOGINS)}


def demo_logins_text(session: Session) -> str:
    """The demo logins, when the demo accounts exist."""
    names = {u for u in session.scalars(select(User.username))}
    rows = [f"  {role:8} {username} / {password}" for username, password, role, _ in DEMO_LOGINS if username in names]
    return "demo logins:\n" + "\n".join(rows) if rows else ""
