"""A run's sheet, from the database to receipts.run_sheet's plain data."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from pos.auth.models import User
from pos.canteens.services import canteen_in_use
from pos.delivery.listing import needs_text, run_view
from pos.delivery.models import DeliveryRun
from pos.errors import NotFound
from receipts.run_sheet import RunSheet, SheetStop, render_run_sheet
from vocabulary import MealPeriod


def run_sheet_pdf(session: Session, run_id: int, now: datetime, timezone: str, locale: str,
                  words: tuple[str, ...]) -> bytes:
    """The run's sheet as PDF bytes; `words` are the rider's label and the column titles, in the reader's language
    (#, resident, address, phone, needs, to pay, signature)."""
    run = session.get(DeliveryRun, run_id)
    if run is None:
        raise NotFound("no delivery run %(id)s", code="no_run", id=run_id)
    canteen = canteen_in_use(session)
    rider = session.get_one(User, run.rider_id).display_name if run.rider_id else "—"
    shown = run_view(session, canteen, run, rider, now, timezone)  # this run's stops only, not the whole meal's
    title = " · ".join((canteen.name, run.day.isoformat(), MealPeriod(run.meal_period).label(locale),
                        run.area, f"{words[0]}: {rider}"))
    return render_run_sheet(RunSheet(title, words[1:], tuple(  # type: ignore[arg-type]
        SheetStop(s.position, s.resident.name, s.resident.address, s.resident.phone, needs_text(s.resident, locale),
                  s.payable_fen) for s in shown.stops)))
