"""The daily closing and the resident statement: figures from the ledger, PDFs read back."""
from __future__ import annotations

from pos.clock import utc_now
from pos.db import read_session
from pos.residents.models import Resident
from pos.statements import services
from tests.receipts.pdftools import pdf_fonts, pdf_lines


def test_the_daily_closing_counts_takings_voids_and_subsidies(app, month_of_sales, manager_api, database):
    manager_api.post(f"/api/v1/sales/{month_of_sales.sales[2]['sale_id']}/void", {"reason": "退餐"})
    from pos.sales.models import Sale

    with database.unit_of_work() as session:
        day = session.get(Sale, month_of_sales.sales[0]["sale_id"]).business_date
    with app.test_request_context():
        closing = services.closing_for(read_session(), app.extensions["canteen_config"], day, "王经理", utc_now())
    total = closing.day_total
    assert (total.meals, total.subsidised_meals, total.sales_fen, total.subsidy_fen) == (2, 2, 2400, 700)
    assert (total.wallet_fen, total.cash_fen, total.mobile_fen) == (1700, 0, 0)
    assert (total.voids, total.voided_fen, total.topup_cash_fen) == (1, 800, 22_000)
    assert {t.label: t.amount_fen for t in closing.subsidised_by_category} == {"低保": 500, "一般老人": 200}


def test_close_day_writes_the_pdf(runner, month_of_sales, tmp_path):
    result = runner.invoke(args=["close-day", "--out", str(tmp_path / "out"), "--by", "王经理"])
    assert result.exit_code == 0, result.output
    pdf = next((tmp_path / "out").glob("closing-*.pdf"))
    text = " ".join(pdf_lines(pdf))
    assert "日结单" in text and "钱包支付" in text and "17.00" in text and "8.00" in text
    assert all(emb == "yes" for _n, emb in pdf_fonts(pdf))


def test_the_resident_statement_runs_from_opening_to_closing(app, month_of_sales, tmp_path):
    aged, _poor = month_of_sales.residents
    with app.test_request_context():
        settings = app.extensions["canteen_config"]
        st = services.statement_for(read_session(), settings, aged, month_of_sales.month)
        services.write_statement_pdf(settings, st, tmp_path / "st.pdf")
        last_four = read_session().get(Resident, aged).id_number[-4:]
    assert (st.opening_balance_fen, st.closing_balance_fen) == (0, 10_000 - 1000 + 2000)
    assert [(e.kind.value, e.amount_fen, e.balance_after_fen) for e in st.entries] == [
        ("充值", 10_000, 10_000), ("用餐", -1000, 9000), ("充值", 2000, 11_000)]
    assert st.entries[1].subsidy_fen == 200 and st.resident_name == "张*兰"
    assert st.resident_id == "**************" + last_four  # no area or birth date on paper either
    text = " ".join(pdf_lines(tmp_path / "st.pdf"))
    assert "上月结余:¥0.00" in text.replace(" ", "") and "本月结余:¥110.00" in text.replace(" ", "")


def test_statements_residents_writes_one_pdf_each(runner, month_of_sales, tmp_path):
    result = runner.invoke(args=["statements", "residents", "--month", month_of_sales.month.label,
                                 "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("statement-*.pdf"))) == 2


def test_statements_claim_writes_and_reconciles(runner, month_of_sales, tmp_path):
    out = tmp_path / "claims"
    result = runner.invoke(args=["statements", "claim", "--month", month_of_sales.month.label, "--funder",
                                 "district", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "(draft)" in result.output and "500 fen" in result.output and "agrees" in result.output
    assert sorted(p.suffix for p in out.iterdir()) == [".csv", ".pdf", ".xlsx"]
    refused = runner.invoke(args=["statements", "claim", "--month", "2026-13", "--funder", "district",
                                  "--out", str(tmp_path)])
    assert refused.exit_code == 2 and "YYYY-MM" in refused.output


def test_statements_claim_will_not_issue_a_month_still_running(runner, month_of_sales, tmp_path):
    result = runner.invoke(args=["statements", "claim", "--month", month_of_sales.month.label, "--funder",
                                 "district", "--out", str(tmp_path / "out"), "--issue"])
    assert result.exit_code == 1 and month_of_sales.month.label in result.output
