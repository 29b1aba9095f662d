"""All of a claim's files from one pass over its detail lines (the query runs once)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import BinaryIO, Iterable

from .claim import ClaimDetail, SubsidyClaim, check_details
from .claim_csv import ClaimCsv
from .claim_feed import feed
from .claim_pdf import DETAIL_LIMIT, ClaimPdf
from .claim_xlsx import ClaimXlsx

Target = str | os.PathLike[str] | BinaryIO


@dataclass(frozen=True)
class ClaimFiles:
    """What was written: detail lines, their total, and the PDF's page count (if any)."""

    detail_lines: int
    detail_fen: int
    pdf_pages: int | None


def write_claim_files(claim: SubsidyClaim, details: Iterable[ClaimDetail], *, pdf: Target | None = None,
                      xlsx: Target | None = None, csv: Target | None = None, detail_limit: int = DETAIL_LIMIT,
                      font_path: str | os.PathLike[str] | None = None) -> ClaimFiles:
    """Write any of PDF, XLSX and CSV in one pass; raise ClaimMismatch (after writing) if details disagree."""
    pdf_sink = ClaimPdf(claim, pdf, detail_limit, font_path) if pdf is not None else None
    others: list[ClaimXlsx | ClaimCsv] = [ClaimXlsx(claim, xlsx)] if xlsx is not None else []
    others += [ClaimCsv(claim, csv)] if csv is not None else []
    count, total = feed(details, [s for s in (pdf_sink, *others) if s is not None])
    pages = pdf_sink.finish() if pdf_sink else None
    for sink in others:
        sink.finish()
    check_details(claim, count, total)
    return ClaimFiles(count, total, pages)
