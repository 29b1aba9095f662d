"""The hash a funder keeps: printed on the daily closing (PDF and page) and on the monthly claim PDF."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from pos.ledger.models import ChainLink
from receipts.claim_pdf import write_claim_pdf
from receipts.closing import write_daily_closing_pdf
from tests.receipts.factories import claim_details, subsidy_claim
from tests.receipts.pdftools import pdf_lines
from tests.receipts.test_statements import closing

HASH = "9f2c" * 16


def test_the_closing_pdf_prints_the_days_final_hash_above_the_signatures(tmp_path):
    path = tmp_path / "closing.pdf"
    write_daily_closing_pdf(replace(closing(), chain_hash=HASH), path)
    assert pdf_lines(path)[-3:] == [f"链尾哈希(日终):{HASH}", "收银员签字:__________ 店长签字:__________",
                                    "日结单 2026-11-28 第 1 页"]
    write_daily_closing_pdf(closing(), path)  # none yet (a database before the chain): no line
    assert not any("链尾哈希" in line for line in pdf_lines(path))


def test_the_claim_pdf_prints_the_months_final_hash(tmp_path):
    path = tmp_path / "claim.pdf"
    write_claim_pdf(subsidy_claim(chain_hash=HASH), claim_details(), path)
    lines = pdf_lines(path)
    at = lines.index(f"月末链尾哈希:{HASH}")
    assert lines[at - 1].startswith("本期应结算金额:")


def test_the_closing_page_shows_the_hash(client, auth, make, database):
    make.canteen()
    make.resident(balance_fen=5000)  # a top-up: the chain's first link, written today
    auth.login("manager")
    with database.reader() as session:
        head = session.scalar(select(ChainLink.hash))
    page = client.get("/statements/closing").get_data(as_text=True)
    assert f"<code>{head}</code>" in page
