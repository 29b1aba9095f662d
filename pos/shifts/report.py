"""What happened during a shift: meals, subsidised meals, takings by kind, and the cash drawer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.clock import as_utc
from pos.shifts.models import Shift
from pos.shifts.takings import shift_filters, takings


@dataclass(frozen=True)
class ShiftReport:
    """A shift's figures; the cash difference is known once the drawer is counted."""

    shift: Shift
    cashier_name: str
    meals: int
    subsidised_meals: int
    voided_meals: int
    wallet_takings_fen: int
    cash_sales_fen: int
    cash_top_ups_fen: int
    mobile_takings_fen: int

    @property
    def cash_takings_fen(self) -> int:
        return self.cash_sales_fen + self.cash_top_ups_fen

    @property
    def expected_cash_fen(self) -> int:
        return self.shift.opening_float_fen + self.cash_takings_fen

    @property
    def difference_fen(self) -> int | None:
        counted = self.shift.counted_cash_fen
        return None if counted is None else counted - self.expected_cash_fen

    def as_json(self) -> dict:
        """The report as the API returns it."""
        shift = self.shift
        return {"shift": {"id": shift.id, "cashier_id": shift.cashier_id, "cashier": self.cashier_name,
                          "terminal_id": shift.terminal_id, "opened_at": as_utc(shift.opened_at).isoformat(),
                          "closed_at": as_utc(shift.closed_at).isoformat() if shift.closed_at else None,
                          "opening_float_fen": shift.opening_float_fen, "note": shift.note},
                "meals": self.meals, "subsidised_meals": self.subsidised_meals, "voided_meals": self.voided_meals,
                "wallet_takings_fen": self.wallet_takings_fen, "cash_sales_fen": self.cash_sales_fen,
                "cash_top_ups_fen": self.cash_top_ups_fen, "cash_takings_fen": self.cash_takings_fen,
                "mobile_takings_fen": self.mobile_takings_fen, "expected_cash_fen": self.expected_cash_fen,
                "counted_cash_fen": shift.counted_cash_fen, "difference_fen": self.difference_fen}


def report_shift(session: Session, shift: Shift, now: datetime) -> ShiftReport:
    """Count the cashier's sales and cash top-ups from the opening to the close (or now)."""
    taken = takings(session, "", *shift_filters(shift, shift.closed_at or now))
    cashier = session.get(User, shift.cashier_id)
    return ShiftReport(shift, cashier.display_name if cashier else "", taken.meals, taken.subsidised_meals,
                       taken.voids, taken.wallet_fen, taken.cash_fen, taken.topup_cash_fen, taken.mobile_fen)
