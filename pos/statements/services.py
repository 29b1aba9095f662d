"""Claims, closings and statements for the pages and the CLI: each takes its session (or database) and settings."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import receipts
from pos.auth.models import User
from pos.canteens.services import canteen_name, main_canteen
from pos.clock import local_date
from pos.config import Config
from pos.db import Database
from pos.errors import Conflict, NotFound
from pos.statements.claim_document import ClaimSource, build_claim, claim_details, source_for  # noqa: F401
from pos.statements.issuing import issue_claim
from pos.statements.models import SubsidyClaim
from pos.statements.periods import Month
from pos.statements.reconcile import Reconciliation, reconcile

FORMATS = ("pdf", "xlsx", "csv")
Progress = Callable[[int], None]


def issue(db: Database, settings: Config, funder: str, month: Month, user: User | None,
          now: datetime) -> SubsidyClaim:
    """Issue (freeze) the month's claim to a funder; a second issue is refused."""
    with db.unit_of_work() as session:
        return issue_claim(session, funder.strip(), month, local_date(now, settings.timezone), now,
                           user.id if user else None)


def issued_claims(session: Session) -> list[SubsidyClaim]:
    """Every issued claim, newest month first."""
    return list(session.scalars(select(SubsidyClaim).order_by(SubsidyClaim.month.desc(), SubsidyClaim.funder)))


def claim_source(session: Session, funder: str, month: Month) -> ClaimSource:
    """The issued claim for funder and month if there is one, else a draft."""
    issued = session.scalar(select(SubsidyClaim).where(SubsidyClaim.funder == funder,
                                                       SubsidyClaim.month == month.label))
    return source_for(issued) if issued else ClaimSource(funder, month)


def issued_source(session: Session, claim_id: int) -> ClaimSource:
    """The source of an issued claim, or 404."""
    issued = session.get(SubsidyClaim, claim_id)
    if issued is None:
        raise NotFound("no claim %(id)s", code="claim_not_found", id=claim_id)
    return source_for(issued)


def prepared_by(session: Session, source: ClaimSource) -> str:
    """Who issued the claim, for the signature block."""
    user = session.get(User, source.issued.issued_by) if source.issued and source.issued.issued_by else None
    return user.display_name if user else ""


def counted(details: Iterable, progress: Progress | None, every: int = 10_000) -> Iterator:
    """Pass details through, telling `progress` how many went by every `every` lines."""
    n = 0
    for n, detail in enumerate(details, 1):
        if progress and n % every == 0:
            progress(every)
        yield detail
    if progress and n % every:
        progress(n % every)


def claim_document(session: Session, settings: Config, source: ClaimSource, now: datetime) -> receipts.SubsidyClaim:
    """The claim's summary as the document shows it."""
    return build_claim(session, source, canteen_name(session, settings.canteen_name),
                       local_date(now, settings.timezone), prepared_by(session, source), settings.timezone)


def write_claim(session: Session, settings: Config, source: ClaimSource, targets: dict[str, Any], now: datetime,
                progress: Progress | None = None) -> tuple[receipts.SubsidyClaim, receipts.ClaimFiles]:
    """Write the claim to any of pdf/xlsx/csv targets (paths or binary files) in one pass over the detail."""
    claim = claim_document(session, settings, source, now)
    files = receipts.write_claim_files(claim, counted(claim_details(session, source), progress),
                                       font_path=settings.font_path, **targets)
    return claim, files


def write_claim_to_dir(session: Session, settings: Config, source: ClaimSource, out: Path, now: datetime,
                       formats=FORMATS, progress: Progress | None = None) -> tuple[receipts.SubsidyClaim, list[Path]]:
    """Write the claim's files into a folder, named by claim number."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"{source.claim_no}.{fmt}" for fmt in formats}
    claim, _files = write_claim(session, settings, source, dict(paths), now, progress)
    return claim, list(paths.values())


def reconciliation(session: Session, source: ClaimSource) -> Reconciliation:
    """The claim beside the ledger."""
    return reconcile(session, source)


def closing_for(session: Session, settings: Config, day, closed_by: str, now: datetime):
    """The daily closing of the main canteen for `day`."""
    from pos.statements.closing import daily_closing

    canteen = main_canteen(session)
    if canteen is None:
        raise Conflict("no canteen is set up; run `canteen demo` or create one", code="no_canteen")
    return daily_closing(session, canteen.id, canteen.name, day, settings.timezone, closed_by, now)


def write_closing_pdf(settings: Config, closing, out) -> int:
    """The daily closing as PDF into a path or binary file; returns its page count."""
    return receipts.write_daily_closing_pdf(closing, out, font_path=settings.font_path)


def statement_for(session: Session, settings: Config, resident_id: int, month: Month):
    """One resident's statement for the month."""
    from pos.statements.resident_statements import resident_statement

    return resident_statement(session, resident_id, month, canteen_name(session, settings.canteen_name),
                              settings.timezone)


def write_statement_pdf(settings: Config, statement, out) -> int:
    """A resident statement as PDF (large type); returns its page count."""
    return receipts.write_resident_statement_pdf(statement, out, font_path=settings.font_path)


def statement_residents(session: Session, settings: Config, month: Month) -> list[tuple[int, str]]:
    """Residents who get a statement for the month."""
    from pos.statements.resident_statements import residents_with_wallets

    return residents_with_wallets(session, month, settings.timezone)


def funders(session: Session) -> list[str]:
    """Funder ids known from the stored policies."""
    from pos.statements.names import PolicyNames

    return PolicyNames(session).funder_ids()
