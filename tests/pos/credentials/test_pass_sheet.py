"""The sheet of printed QR passes: chosen on the residents list, warned about before printing, read back from the PDF
(names, masked ID numbers, the codes), each code settling at the counter; a new print revokes the old one."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from pos.audit.models import AuditEntry
from pos.residents.models import Resident
from pos.sales.models import Sale
from tests.receipts.pdftools import pdf_lines, pdf_page_size, pdf_pages, qr_texts_in_pdf

NAMES = ("张桂兰", "李秀英", "王淑珍")


def three(make) -> list[int]:
    return [make.resident(name=name, born=date(1950 + i, 3, 15), balance_fen=3000) for i, name in enumerate(NAMES)]


def id_numbers(database, ids: list[int]) -> list[str]:
    with database.reader() as session:
        return [session.get(Resident, i).id_number for i in ids]


def present_and_settle(api, payload: str, dish: int, key: str):
    panel = api.post("/api/v1/credentials/present", {"credential": {"qr": payload}})
    if panel.status_code != 200:
        return panel
    return api.post("/api/v1/sales", {"idempotency_key": key, "meal_period": "lunch",
                                      "credential": {"presentation": panel.get_json()["presentation"]},
                                      "items": [{"dish_id": dish, "qty": 1}]})


def test_the_list_ticks_residents_and_the_page_warns_before_printing(client, auth, make, database):
    ids = three(make)
    auth.login("manager")
    listing = client.get("/residents").get_data(as_text=True)
    assert f'name="resident" value="{ids[0]}" form="passes-form"' in listing and 'id="passes-form"' in listing
    page = client.get(f"/cards/passes?resident={ids[0]}&resident={ids[2]}").get_data(as_text=True)
    assert "打印会发放新的二维码：这些居民以前打印的二维码将立即失效。" in page
    numbers = id_numbers(database, ids)
    assert "张桂兰" in page and "王淑珍" in page and "李秀英" not in page
    assert "*" * 14 + numbers[0][-4:] in page and numbers[0] not in page
    assert "打印 2 张二维码（PDF）" in page
    empty = client.get("/cards/passes")
    assert empty.status_code == 302 and "请至少选择一位居民" in client.get("/residents").get_data(as_text=True)


def test_the_printed_sheet_reads_back_and_each_code_settles_once(client, auth, make, database, api, tmp_path):
    ids = three(make)
    auth.login("manager")
    response = client.post("/cards/passes", data={"resident": [str(i) for i in ids]})
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    assert response.headers["Content-Disposition"].startswith("inline; filename=passes-")
    pdf = tmp_path / "passes.pdf"
    pdf.write_bytes(response.data)
    assert pdf_pages(pdf) == 1 and pdf_page_size(pdf) == (595.276, 841.89)
    text = "\n".join(pdf_lines(pdf))
    numbers = id_numbers(database, ids)
    for name, number in zip(NAMES, numbers):
        assert name in text and f"身份证 {'*' * 14}{number[-4:]}" in text and number not in text
    codes = qr_texts_in_pdf(pdf, tmp_path)
    assert sorted((c.split("-")[0], int(c.split("-")[1]), c.split("-")[2]) for c in codes) == [
        ("CS1", i, "2") for i in ids]
    with database.reader() as session:
        assert [r.qr_static_issue for r in session.scalars(select(Resident).order_by(Resident.id))] == [2, 2, 2]
        audited = session.scalars(select(AuditEntry).where(AuditEntry.action == "pass.printed")
                                  .order_by(AuditEntry.subject_id))
        assert [(a.subject_id, a.before, a.after) for a in audited] == [
            (str(i), {"issue": 1}, {"issue": 2}) for i in sorted(ids)]
    make.canteen_settings(sale_needs_shift=False)  # the client's session is the manager's now, with no shift
    dish = make.dish(price_fen=1000)
    for n, code in enumerate(codes):
        sale = present_and_settle(api, code, dish, f"pass-sale-{n:04d}")
        assert sale.status_code == 201, sale.get_json()
        settled = sale.get_json()
        assert settled["balance_after_fen"] == 3000 - 1000 + settled["subsidy_fen"]
    with database.reader() as session:
        assert sorted(session.scalars(select(Sale.resident_id))) == ids  # one meal each, to its own resident
    # Printed again: the new codes settle, the first sheet's are refused.
    again = client.post("/cards/passes", data={"resident": [str(ids[0])]})
    second = tmp_path / "again"
    second.mkdir()
    (second / "passes.pdf").write_bytes(again.data)
    [new_code] = qr_texts_in_pdf(second / "passes.pdf", second)
    assert new_code.startswith(f"CS1-{ids[0]}-3-")
    old_code = next(c for c in codes if c.startswith(f"CS1-{ids[0]}-"))
    refused = api.post("/api/v1/credentials/present", {"credential": {"qr": old_code}})
    assert refused.get_json()["error"]["code"] == "qr_revoked"


def test_nothing_chosen_prints_nothing(client, auth, make, database):
    three(make)
    auth.login("manager")
    response = client.post("/cards/passes", data={"resident": ["999999"]})
    assert response.status_code == 302
    with database.reader() as session:
        assert [r.qr_static_issue for r in session.scalars(select(Resident))] == [1, 1, 1]
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "pass.printed")).all() == []
