"""Every invariant of the ledger and of the records written with it, in one run."""
from __future__ import annotations

from sqlalchemy.orm import Session

from pos.credentials.checks import CARD_CHECKS
from pos.ledger.chain_verify import ChainReport, verify_chain
from pos.ledger.verify import LEDGER_CHECKS, Verification
from pos.sales.checks import SALE_CHECKS


def verify_ledger(session: Session, chain: bool = False, kept: tuple[str, ...] = ()) -> Verification:
    """Run every check and collect what is wrong; `chain` also recomputes the hash chain (a full pass) and finds
    the `kept` hashes in it."""
    result = Verification()
    for check in (*LEDGER_CHECKS, *SALE_CHECKS, *CARD_CHECKS):
        check(session, result)
    if chain:
        add_chain(result, verify_chain(session, kept))
    return result


def add_chain(result: Verification, report: ChainReport) -> None:
    """The chain's counts and findings, the first first, into the verification."""
    for what, count in report.checked.items():
        result.checked[f"chain: {what}"] = count
    result.violations.extend(f"chain: {finding}" for finding in report.findings)
    if report.problems > len(report.findings):
        result.violations.append(f"chain: {report.problems - len(report.findings)} more differences")
    result.chain_head = {"seq": report.head.seq, "hash": report.head.hash}
