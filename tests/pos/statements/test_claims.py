"""The monthly subsidy claim: totals equal the ledger, issue freezes it, later voids become adjustments."""
from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete

from pos.clock import utc_now
from pos.errors import Conflict
from pos.residents.models import ResidentCategory
from pos.statements import services
from tests.receipts.pdftools import pdf_fonts, pdf_lines
from tests.receipts.xlsxtools import value


def write(app, funder, month, tmp_path, name):
    with app.test_request_context():
        from pos.db import read_session

        source = services.claim_source(read_session(), funder, month)
        claim, paths = services.write_claim_to_dir(read_session(), app.extensions["canteen_config"], source,
                                                   tmp_path / name, utc_now())
        return claim, services.reconciliation(read_session(), source), paths


def test_a_draft_claim_equals_the_ledger_to_the_fen(app, month_of_sales, tmp_path):
    claim, check, paths = write(app, "district", month_of_sales.month, tmp_path, "draft")
    assert (claim.meals, claim.subsidised_meals, claim.subsidy_fen) == (3, 2, 500)
    assert (check.ledger_sales_fen, check.ledger_voids_fen, check.claim_fen, check.ok) == (500, 0, 500, True)
    assert {t.label: (t.meals, t.amount_fen) for t in claim.by_category} == {"低保": (1, 300), "一般老人": (1, 200)}
    assert {t.label: t.meals for t in claim.by_age_band} == {"70-79岁": 2}
    assert [(t.label, t.amount_fen) for t in claim.by_meal_period] == [("午餐", 500)]
    street, street_check, _ = write(app, "street", month_of_sales.month, tmp_path, "street")
    assert (street.subsidy_fen, street_check.ledger_net_fen, street_check.ok) == (200, 200, True)


def test_the_claim_files_read_back_with_the_ledger_totals(app, month_of_sales, tmp_path):
    _claim, _check, paths = write(app, "district", month_of_sales.month, tmp_path, "files")
    pdf, xlsx, csv = paths
    text = "\n".join(pdf_lines(pdf))
    assert "补贴结算单" in text and "尧都区民政局" in text
    assert "补贴人次:2" in text.replace(" ", "") and "¥5.00" in text
    assert "张*兰(" in text and "李*德(" in text and "70至79周岁老人" in text
    assert all(emb == "yes" for _name, emb in pdf_fonts(pdf))
    book = load_workbook(xlsx)
    details = [row for row in book["明细1"].iter_rows(min_row=2, values_only=True) if row[0] != "合计"]
    assert len(details) == 2 and sum(Decimal(str(r[7])) for r in details) == Decimal("5.00")
    assert value(book, "汇总", "B10") == Decimal("5.00")
    assert csv.read_text(encoding="utf-8-sig").count("明细") >= 2


def test_an_issued_claim_is_frozen_and_a_later_void_is_taken_back_next_month(app, month_of_sales, manager_api,
                                                                             tmp_path):
    month = month_of_sales.month
    with app.app_context():
        issued = services.issue(*desk(app), "district", month, None, month_of_sales.after())
    assert (issued.claimed_fen, issued.adjustment_fen, issued.meals) == (500, 0, 3)
    voided = manager_api.post(f"/api/v1/sales/{month_of_sales.sales[1]['sale_id']}/void", {"reason": "退餐"})
    assert voided.status_code == 200
    again, check, _ = write(app, "district", month, tmp_path, "again")
    assert (again.subsidy_fen, again.meals, again.claim_no) == (500, 3, f"BT-{month.year}{month.month:02d}-district")
    assert (check.ledger_net_fen, check.voided_since_fen, check.ok) == (200, 300, True)
    with app.app_context():
        later = services.issue(*desk(app), "district", _next(month), None, month_of_sales.after(2))
    assert (later.claimed_fen, later.adjustment_fen) == (0, -300)
    following, check_next, paths = write(app, "district", _next(month), tmp_path, "next")
    assert [(a.amount_fen, a.original_claim_no) for a in following.adjustments] == [(-300, again.claim_no)]
    assert (following.net_fen, check_next.adjustments_ledger_fen, check_next.ok) == (-300, -300, True)
    assert "-3.00" in "\n".join(pdf_lines(paths[0]))


def test_a_claim_is_issued_once_and_only_after_its_month(app, month_of_sales):
    with app.app_context():
        with pytest.raises(Conflict) as early:
            services.issue(*desk(app), "district", month_of_sales.month, None, month_of_sales.after(0))
        services.issue(*desk(app), "district", month_of_sales.month, None, month_of_sales.after())
        with pytest.raises(Conflict) as twice:
            services.issue(*desk(app), "district", month_of_sales.month, None, month_of_sales.after())
    assert (early.value.code, twice.value.code) == ("month_open", "claim_issued")


def _next(month):
    from pos.statements.periods import Month

    return Month(month.next_first.year, month.next_first.month)


def test_correcting_a_category_after_issue_does_not_change_the_claim(app, month_of_sales, database, tmp_path):
    with app.app_context():
        services.issue(*desk(app), "district", month_of_sales.month, None, month_of_sales.after())
    with database.unit_of_work() as session:
        session.execute(delete(ResidentCategory))  # the office finds the 低保 grant was a mistake
    claim, check, _ = write(app, "district", month_of_sales.month, tmp_path, "corrected")
    assert {t.label: (t.meals, t.amount_fen) for t in claim.by_category} == {"低保": (1, 300), "一般老人": (1, 200)}
    assert check.ok


def desk(app):
    """The app's database and settings, as the pages pass them to the claim services."""
    return app.extensions["canteen_db"], app.extensions["canteen_config"]
