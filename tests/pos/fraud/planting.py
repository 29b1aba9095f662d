"""Meals written fast, shaped as the sale service writes them (a sale with its receipt number, its line, its subsidy
line, a balanced ledger transaction and the service record record_service writes), at any moment and by any
cashier: months of history in a test, and patterns a counter would refuse to ring up (two subsidised lunches)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos.canteens.models import Canteen
from pos.clock import local_date
from pos.db import Database
from pos.ledger.posting import account, post
from pos.residents.models import Resident
from pos.sales.models import Sale, SaleLine, SaleSubsidy
from pos.sales.settle import next_receipt_seq
from pos.servicerecords.writing import Served, record_service

ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class Planted:
    sale_id: int
    receipt_no: str
    day: date


@dataclass
class Kitchen:
    """Writes meals into one canteen of a test database."""

    database: Database
    dish_id: int
    canteen_id: int | None = None
    session: Session | None = None

    @contextmanager
    def batch(self) -> Iterator[Kitchen]:
        """Meals served inside this block share one transaction (a month in a fraction of a second)."""
        with self.database.unit_of_work() as session:
            self.session = session
            try:
                yield self
            finally:
                self.session = None

    def serve(self, resident_id: int | None, at: datetime, period: str = "lunch", identified: str = "card",
              staff_id: int | None = None, terminal_id: int | None = None, subsidy_fen: int = 200,
              total_fen: int = 1200, channel: str = "dine_in") -> Planted:
        """One meal paid in cash: subsidised by the district when `subsidy_fen` (a walk-in never is)."""
        subsidy_fen = subsidy_fen if resident_id is not None else 0
        identified = identified if resident_id is not None else "walk_in"
        day = local_date(at, ZONE)
        if self.session is not None:
            return self._write(self.session, resident_id, at, day, period, identified, staff_id, terminal_id,
                               subsidy_fen, total_fen, channel)
        with self.database.unit_of_work() as session:
            return self._write(session, resident_id, at, day, period, identified, staff_id, terminal_id, subsidy_fen,
                               total_fen, channel)

    def _write(self, session: Session, resident_id: int | None, at: datetime, day: date, period: str,
               identified: str, staff_id: int | None, terminal_id: int | None, subsidy_fen: int, total_fen: int,
               channel: str) -> Planted:
        canteen = session.get(Canteen, self.canteen_id) if self.canteen_id else session.scalar(
            select(Canteen).order_by(Canteen.id).limit(1))
        assert canteen is not None
        legs = [(account(session, "cash", "cash"), total_fen - subsidy_fen),
                (account(session, "receivable:district", "subsidy_receivable", "district"), subsidy_fen),
                (account(session, "meal_revenue", "meal_revenue"), -total_fen)]
        txn = post(session, "sale", legs)
        seq = next_receipt_seq(session, canteen.id, day)
        sale = Sale(canteen_id=canteen.id, business_date=day, seq=seq, receipt_no=f"{day:%Y%m%d}-{seq:04d}",
                    sold_at=at, meal_period=period, channel=channel, terminal_id=terminal_id, cashier_id=staff_id,
                    resident_id=resident_id, credential_kind=identified, credential_ref="",
                    policy_id="yaodu-demo" if subsidy_fen else None, policy_version="1" if subsidy_fen else None,
                    total_fen=total_fen, subsidy_fen=subsidy_fen, paid_fen=total_fen - subsidy_fen,
                    payment_method="cash", transaction_id=txn.id)
        session.add(sale)
        session.flush()
        session.execute(insert(SaleLine.__table__).values(sale_id=sale.id, dish_id=self.dish_id, name="套餐",
                                                          qty=1, unit_price_fen=total_fen, amount_fen=total_fen))
        if subsidy_fen:
            session.execute(insert(SaleSubsidy.__table__).values(
                sale_id=sale.id, resident_id=resident_id, business_date=day, meal_period=period,
                policy_id="yaodu-demo", policy_version="1", rule_group="meal", rule_id="age-70",
                funder="district", applies_to="meal", amount_fen=subsidy_fen, reason_zh="", reason_en=""))
        resident = session.get(Resident, resident_id) if resident_id is not None else None
        # A proxy is written as the sale service writes one: the card shown, and who collected the meal.
        proxy = "王芳" if identified == "proxy" else None
        record_service(session, Served(canteen.id, sale.id, day, period, channel, "card" if proxy else identified,
                                       terminal_id, staff_id, at, proxy), resident)
        return Planted(sale.id, sale.receipt_no, day)
