"""The manager pages: closing, claims (draft, issue, download) and resident statements."""
from __future__ import annotations

import io

from openpyxl import load_workbook


def test_a_manager_sees_issues_and_downloads_a_claim(client, auth, month_of_sales):
    auth.login("manager")
    month = month_of_sales.month.label
    assert client.get("/statements/").status_code == 200
    page = client.get(f"/statements/claims?month={month}&funder=district").get_data(as_text=True)
    assert "¥5.00" in page and 'id="reconcile-ok" class="ok"' in page
    issued = client.post("/statements/claims/issue", data={"month": month, "funder": "district"},
                         follow_redirects=True).get_data(as_text=True)
    assert 'class="flash error"' in issued and "DRAFT-" in issued  # the month has not ended: not issued
    xlsx = client.get(f"/statements/claims/file/xlsx?month={month}&funder=district")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.data))
    assert book.sheetnames[0] == "汇总"
    assert client.get(f"/statements/claims/file/pdf?month={month}&funder=district").data[:4] == b"%PDF"
    assert client.get(f"/statements/claims/file/doc?month={month}&funder=district").status_code == 422


def test_closing_and_resident_pages(client, auth, month_of_sales):
    auth.login("manager")
    page = client.get("/statements/closing").get_data(as_text=True)
    assert "钱包支付" in page and "¥17.00" in page
    assert client.get("/statements/closing.pdf?date=2026-11-01").data[:4] == b"%PDF"
    residents = client.get(f"/statements/residents?month={month_of_sales.month.label}").get_data(as_text=True)
    assert "张桂兰" in residents
    aged = month_of_sales.residents[0]
    assert client.get(f"/statements/residents/{aged}.pdf?month={month_of_sales.month.label}").data[:4] == b"%PDF"


def test_cashiers_may_not_see_statements(client, auth, make):
    auth.login("cashier")
    assert client.get("/statements/").status_code == 403


def test_an_issued_claim_shows_frozen_without_an_issue_button(app, client, auth, month_of_sales):
    from pos.statements import services

    with app.app_context():
        services.issue(*desk(app), "district", month_of_sales.month, None, month_of_sales.after())
    auth.login("manager")
    month = month_of_sales.month.label
    page = client.get(f"/statements/claims?month={month}&funder=district").get_data(as_text=True)
    assert "已出具并冻结" in page and f"BT-{month.replace('-', '')}-district" in page
    assert "/statements/claims/issue" not in page
    listed = client.get("/statements/").get_data(as_text=True)
    assert "¥5.00" in listed  # the issued claim in the list
    csv = client.get(f"/statements/claims/file/csv?month={month}&funder=district")
    assert csv.status_code == 200 and "合计" in csv.data.decode("utf-8-sig")


def desk(app):
    """The app's database and settings, as the pages pass them to the claim services."""
    return app.extensions["canteen_db"], app.extensions["canteen_config"]
