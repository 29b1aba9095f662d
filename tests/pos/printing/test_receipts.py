"""Sale and top-up receipts from the database: PDF read back, ESC/POS bytes, QR verification, printing."""
from __future__ import annotations

from datetime import date
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import receipts
from pos.clock import as_utc
from pos.db import read_session
from pos.printing import api as printing_api
from pos.printing import services
from pos.residents.models import Resident
from pos.sales.models import Sale
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_page_size, qr_texts_in_pdf

BORN_1951 = date(1951, 6, 1)


class JammedPrinter:
    """A printer that is out of paper: every job fails."""

    def print_bytes(self, data: bytes) -> None:
        raise receipts.PrintFailed("printer out of paper")


def sell(api, make, key="receipt-sale-1"):
    resident = make.resident("张桂兰", born=BORN_1951, balance_fen=5000)
    body = {"credential": {"card_uid": make.card(resident)}, "items": [{"dish_id": make.dish("红烧肉", 1200), "qty": 1}],
            "meal_period": "lunch", "idempotency_key": key}
    sale = api.post("/api/v1/sales", body).get_json()
    assert "sale_id" in sale, sale
    return sale, resident


def test_the_sale_receipt_pdf_reads_back_and_its_qr_opens_the_check_page(api, make, client, tmp_path):
    sale, _resident = sell(api, make)
    for paper, width_mm in (("58", 58), ("80", 80)):
        response = api.get(f"/api/v1/sales/{sale['sale_id']}/receipt.pdf?paper={paper}")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        path = tmp_path / f"r{paper}.pdf"
        path.write_bytes(response.data)
        assert round(pdf_page_size(path)[0] / 72 * 25.4) == width_mm
    text = " ".join(pdf_lines(path))
    for expected in (sale["receipt_no"], "张*兰", "12.00", "尧都区民政局", "-2.00", "钱包支付 10.00", "钱包余额 40.00"):
        assert expected in text, expected
    assert all(emb == "yes" for _name, emb in pdf_fonts(path))
    (tmp_path / "qr").mkdir()
    [url] = qr_texts_in_pdf(path, tmp_path / "qr")
    page = client.get(urlparse(url).path)
    assert page.status_code == 200
    assert sale["receipt_no"] in page.get_data(as_text=True) and "¥12.00" in page.get_data(as_text=True)


def test_a_forged_or_altered_token_is_not_found(client, api, make):
    sell(api, make)
    assert client.get("/r/InMxIg.forged").status_code == 404
    assert client.get("/r/nonsense").status_code == 404


def test_the_printer_gets_the_expected_esc_pos_bytes(app, api, make, database):
    sale, resident_id = sell(api, make)
    printer = receipts.NullPrinter()
    app.extensions["canteen_printer"] = printer
    with app.test_request_context():
        desk = printing_api.desk()
        outcome = services.print_sale_receipt(read_session(), desk, sale["sale_id"])
        url = desk.links.url("s", sale["sale_id"])
    assert (outcome.printed, outcome.receipt_no) == (True, sale["receipt_no"])
    with database.unit_of_work() as session:
        sold_at, resident = session.get(Sale, sale["sale_id"]).sold_at, session.get(Resident, resident_id)
        id_masked = "*" * 14 + resident.id_number[-4:]  # the last four only
    expected = receipts.SaleReceipt(
        canteen_name="测试食堂", printed_at=as_utc(sold_at).astimezone(ZoneInfo("Asia/Shanghai")),
        receipt_no=sale["receipt_no"], cashier="cashier-api", meal_period="午餐",
        lines=(receipts.ReceiptLine("红烧肉", 1, 1200, 1200),), total_fen=1200,
        subsidies=(receipts.SubsidyLine("尧都区民政局", "70至79周岁老人", 200),), paid_from_wallet_fen=1000,
        resident_name="张*兰", resident_id=id_masked, balance_after_fen=4000, verify_url=url)
    assert printer.jobs == [receipts.render_sale_escpos(expected, receipts.Paper.MM58)]
    assert "红烧肉".encode("gb18030") in printer.jobs[0] and printer.jobs[0].startswith(b"\x1b@\x1c&")


def test_a_failed_print_is_reported_and_the_sale_stands(app, api, make):
    app.extensions["canteen_printer"] = JammedPrinter()
    sale, _resident = sell(api, make)
    response = api.post(f"/api/v1/sales/{sale['sale_id']}/print", {})
    assert response.status_code == 200
    assert response.get_json() == {"printed": False, "failed": True, "message": "printer out of paper",
                                   "receipt_no": sale["receipt_no"]}
    app.extensions["canteen_printer"] = receipts.NullPrinter()
    assert api.post(f"/api/v1/sales/{sale['sale_id']}/print", {"paper": "80"}).get_json()["printed"] is True
    assert api.post("/api/v1/sales/99999/print", {}).status_code == 404


def test_without_a_printer_nothing_is_sent_and_nothing_fails(app, api, make):
    sale, _resident = sell(api, make)
    outcome = api.post(f"/api/v1/sales/{sale['sale_id']}/print", {}).get_json()
    assert (outcome["printed"], outcome["failed"]) == (False, False)


def test_the_top_up_receipt(api, make, tmp_path):
    resident = make.resident("李明德", balance_fen=0)
    topup = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 3000, "method": "wechat",
                                                            "reference": "4200009876", "idempotency_key": "receipt-topup-1"}).get_json()
    response = api.get(f"/api/v1/topups/{topup['top_up_id']}/receipt.pdf?paper=58")
    assert response.status_code == 200
    (tmp_path / "t.pdf").write_bytes(response.data)
    text = " ".join(pdf_lines(tmp_path / "t.pdf"))
    assert "充值小票" in text and "李*德" in text and "30.00" in text and "微信" in text and "付款单号 4200009876" in text
    assert api.get(f"/api/v1/topups/{topup['top_up_id']}/receipt.pdf?paper=99").status_code == 422


def test_the_printer_setting():
    assert services.printer_from_setting("none") is None
    network = services.printer_from_setting("tcp://192.168.1.50:9100")
    assert (network.host, network.port) == ("192.168.1.50", 9100)
    assert services.printer_from_setting("tcp://printer.local").port == 9100
    assert services.printer_from_setting("/dev/usb/lp0").path == "/dev/usb/lp0"


def test_a_network_printer_receives_the_receipt_over_tcp(app, api, make):
    """The canteen's printer set to tcp://HOST:PORT, end to end through a real socket on 127.0.0.1."""
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            received.append(b"".join(iter(lambda: conn.recv(65536), b"")))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    make.canteen_settings(printer=f"tcp://127.0.0.1:{server.getsockname()[1]}")
    try:
        sale, _resident = sell(api, make)
        outcome = api.post(f"/api/v1/sales/{sale['sale_id']}/print", {}).get_json()
        thread.join(5)
    finally:
        server.close()
    assert outcome["printed"] is True
    assert received and received[0].startswith(b"\x1b@") and sale["receipt_no"].encode() in received[0]


def test_a_printer_that_is_not_there_fails_the_print_not_the_sale(app, api, make):
    make.canteen_settings(printer="/nonexistent/dev/usb/lp9")
    sale, _resident = sell(api, make)
    outcome = api.post(f"/api/v1/sales/{sale['sale_id']}/print", {}).get_json()
    assert outcome["failed"] is True and "lp9" in outcome["message"]
    assert api.get(f"/api/v1/sales/{sale['sale_id']}/receipt.pdf").status_code == 200
