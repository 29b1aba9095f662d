"""A sale's receipt for staff in a browser (no terminal token): the PDF, and a reprint on the counter's printer."""
from __future__ import annotations

import receipts
from tests.pos.printing.test_receipts import JammedPrinter, sell
from tests.receipts.pdftools import pdf_lines, pdf_page_size


def test_a_signed_in_cashier_opens_the_receipt_pdf_without_a_token(app, api, make, client, auth, tmp_path):
    sale, _resident = sell(api, make)
    url = f"/receipts/sales/{sale['sale_id']}.pdf"
    assert app.test_client().get(url).status_code == 302  # not signed in: to the sign-in page
    auth.login("cashier", username="收银员甲")
    for paper, width_mm in (("", 80), ("58", 58)):
        response = client.get(url, query_string={"paper": paper} if paper else {})
        assert (response.status_code, response.mimetype) == (200, "application/pdf")
        assert response.headers["Content-Disposition"] == f'inline; filename="receipt-{sale["receipt_no"]}.pdf"'
        path = tmp_path / f"receipt-{width_mm}.pdf"
        path.write_bytes(response.data)
        assert round(pdf_page_size(path)[0] / 72 * 25.4) == width_mm
    text = " ".join(pdf_lines(path))
    for expected in (sale["receipt_no"], "张*兰", "红烧肉", "12.00", "尧都区民政局", "钱包支付 10.00", "钱包余额 40.00"):
        assert expected in text, expected
    assert client.get(url, query_string={"paper": "57"}).status_code == 422
    assert client.get("/receipts/sales/99999.pdf").status_code == 404


def test_a_reprint_says_how_it_went(app, api, make, client, auth):
    sale, _resident = sell(api, make)
    auth.login("manager", username="经理")
    url = f"/receipts/sales/{sale['sale_id']}/print"
    printer = receipts.NullPrinter()
    app.extensions["canteen_printer"] = printer
    response = client.post(url)
    assert (response.status_code, response.location) == (302, f"/sales/{sale['sale_id']}")
    assert f"小票 {sale['receipt_no']} 已打印。" in client.get(response.location).get_data(as_text=True)
    assert len(printer.jobs) == 1 and "红烧肉".encode("gb18030") in printer.jobs[0]
    app.extensions["canteen_printer"] = JammedPrinter()
    page = client.get(client.post(url).location).get_data(as_text=True)
    assert "小票没有打印：printer out of paper" in page
    app.extensions["canteen_printer"] = None
    page = client.get(client.post(url).location).get_data(as_text=True)
    assert "未设置小票打印机（CANTEEN_PRINTER），没有打印。" in page
    assert client.post("/receipts/sales/99999/print").status_code == 404


def test_a_cashier_may_not_reprint_from_the_back_office(api, make, client, auth):
    sale, _resident = sell(api, make)
    auth.login("cashier", username="收银员乙")
    assert client.post(f"/receipts/sales/{sale['sale_id']}/print").status_code == 403
