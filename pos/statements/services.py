"""Claim services the pages and the CLI call; each owns its transaction or reads."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

import receipts
from pos.auth.models import User
from pos.canteens.services import main_canteen
from pos.clock import canteen_today, utc_now
from pos.db import read_session, unit_of_work
from pos.errors import Conflict, NotFound
from pos.statements.claim_document import ClaimSource, build_claim, claim_details, source_for  # noqa: F401
from pos.statements.issuing import issue_claim
from pos.statements.models import SubsidyClaim
from pos.statements.periods import Month
from pos.statements.reconcile import Reconciliation, reconcile

FORMATS = ("pdf", "xlsx", "csv")
Progress = Callable[[int], None]


def config():
    """The app's canteen config."""
    return current_app.extensions["canteen_config"]


def canteen_name(session: Session) -> str:
    """The canteen's name as stored, else as configured."""
    canteen = main_canteen(session)
    return canteen.name if canteen else config().canteen_name


def issue(funder: str, month: Month, user: User | None, now: datetime | None = None) -> SubsidyClaim:
    """Issue (freeze) the month's claim to a funder; a second issue is refused."""
    moment = now or utc_now()
    with unit_of_work() as session:
        return issue_claim(session, funder.strip(), month, canteen_today(moment), moment, user.id if user else None)


def issued_claims(session: Session | None = None) -> list[SubsidyClaim]:
    """Every issued claim, newest month first."""
    session = session or read_session()
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


def write_claim(session: Session, source: ClaimSource, targets: dict[str, object],
                progress: Progress | None = None) -> tuple[receipts.SubsidyClaim, receipts.ClaimFiles]:
    """Write the claim to any of pdf/xlsx/csv targets (paths or binary files) in one pass over the detail."""
    claim = build_claim(session, source, canteen_name(session), canteen_today(), prepared_by(session, source),
                        config().timezone)
    files = receipts.write_claim_files(claim, counted(claim_details(session, source), progress),
                                       font_path=config().font_path, **targets)
    return claim, files


def write_claim_to_dir(session: Session, source: ClaimSource, out: Path, formats=FORMATS,
                       progress: Progress | None = None) -> tuple[receipts.SubsidyClaim, list[Path]]:
    """Write the claim's files into a folder, named by claim number."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {fmt: out / f"{source.claim_no}.{fmt}" for fmt in formats}
    claim, _files = write_claim(session, source, dict(paths), progress)
    return claim, list(paths.values())


def reconciliation(session: Session, source: ClaimSource) -> Reconciliation:
    """The claim beside the ledger."""
    return reconcile(session, source)


def closing_for(day, closed_by: str, session: Session | None = None, now: datetime | None = None):
    """The daily closing of the main canteen for `day`."""
    from pos.statements.closing import daily_closing

    session = session or read_session()
    canteen = main_canteen(session)
    if canteen is None:
        raise Conflict("no canteen is set up; run `canteen demo` or create one", code="no_canteen")
    return daily_closing(session, canteen.id, canteen.name, day, config().timezone, closed_by, now or utc_now())


def write_closing_pdf(closing, out) -> int:
    """The daily closing as PDF into a path or binary file; returns its page count."""
    return receipts.write_daily_closing_pdf(closing, out, font_path=config().font_path)


def statement_for(resident_id: int, month: Month, session: Session | None = None):
    """One resident's statement for the month."""
    from pos.statements.resident_statements import resident_statement

    session = session or read_session()
    return resident_statement(session, resident_id, month, canteen_name(session), config().timezone)


def write_statement_pdf(statement, out) -> int:
    """A resident statement as PDF (large type); returns its page count."""
    return receipts.write_resident_statement_pdf(statement, out, font_path=config().font_path)


def statement_residents(month: Month, session: Session | None = None) -> list[tuple[int, str]]:
    """Residents who get a statement for the month."""
    from pos.statements.resident_statements import residents_with_wallets

    return residents_with_wallets(session or read_session(), month, config().timezone)


def funders(session: Session | None = None) -> list[str]:
    """Funder ids known from the stored policies."""
    from pos.statements.names import PolicyNames

    return PolicyNames(session or read_session()).funder_ids()
