"""Per-resident limits: is a count cap reached, how many fen are left."""
from __future__ import annotations

from .facts import Usage
from .model import Caps


def count_allows(caps: Caps, used: Usage) -> bool:
    """True if no count cap (day, meal period, month) is already reached."""
    pairs = ((caps.per_day_count, used.day.count),
             (caps.per_period_count, used.period.count),
             (caps.per_month_count, used.month.count))
    return all(cap is None or seen < cap for cap, seen in pairs)


def fen_room(caps: Caps, used: Usage, this_sale_fen: int = 0) -> int | None:
    """Fen still allowed by the amount caps, after this_sale_fen already given (None = no cap)."""
    pairs = ((caps.per_day_fen, used.day.amount_fen),
             (caps.per_period_fen, used.period.amount_fen),
             (caps.per_month_fen, used.month.amount_fen))
    rooms = [cap - seen - this_sale_fen for cap, seen in pairs if cap is not None]
    return max(0, min(rooms)) if rooms else None
