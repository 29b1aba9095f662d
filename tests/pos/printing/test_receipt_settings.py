"""Receipts as the canteen's settings say: its name and footer printed, its QR code under its public address."""
from __future__ import annotations

from urllib.parse import urlparse

from tests.pos.printing.test_receipts import sell
from tests.receipts.pdftools import pdf_lines, qr_texts_in_pdf


def read_pdf(response, tmp_path, name: str) -> tuple[list[str], list[str]]:
    """The PDF's lines and the texts of its QR codes."""
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(response.data)
    (tmp_path / name).mkdir()
    return pdf_lines(path), qr_texts_in_pdf(path, tmp_path / name)


def test_a_receipt_carries_the_stored_name_and_footer_and_its_qr_the_public_address(api, make, client, tmp_path):
    sale, resident = sell(api, make)
    make.canteen_settings(name="新百汇社区便民餐厅", receipt_footer="谢谢惠顾 欢迎再来",
                          public_base_url="https://canteen.example.cn/yaodu/")
    lines, [url] = read_pdf(api.get(f"/api/v1/sales/{sale['sale_id']}/receipt.pdf?paper=80"), tmp_path, "sale")
    assert (lines[0], lines[-2:]) == ("新百汇社区便民餐厅", ["扫码核验小票", "谢谢惠顾 欢迎再来"])
    assert url.startswith("https://canteen.example.cn/yaodu/r/")
    assert client.get(urlparse(url).path.removeprefix("/yaodu")).status_code == 200  # the proxy strips /yaodu

    topup = api.post(f"/api/v1/residents/{resident}/topups", {"amount_fen": 3000, "method": "cash",
                                                            "idempotency_key": "settings-topup-1"}).get_json()
    lines, [url] = read_pdf(api.get(f"/api/v1/topups/{topup['top_up_id']}/receipt.pdf"), tmp_path, "topup")
    assert (lines[0], lines[-1]) == ("新百汇社区便民餐厅", "谢谢惠顾 欢迎再来")
    assert url.startswith("https://canteen.example.cn/yaodu/r/")


def test_without_a_public_address_the_qr_code_points_where_the_request_came(api, make, tmp_path):
    sale, _resident = sell(api, make)
    make.canteen_settings(public_base_url="https://canteen.example.cn")
    make.canteen_settings(public_base_url="")
    _lines, [url] = read_pdf(api.get(f"/api/v1/sales/{sale['sale_id']}/receipt.pdf"), tmp_path, "sale")
    assert url.startswith("http://localhost/r/")
