"""Receipt PDFs read back with pdftotext, pdffonts and a QR decoder."""

import io

import pytest
import zxingcpp
from PIL import Image

from receipts.documents import Paper, ReceiptLine
from receipts.qr import qr_png
from receipts.receipt_pdf import render_sale_pdf, render_topup_pdf
from tests.receipts.factories import VERIFY_URL, sale_receipt, topup_receipt
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_page_size, qr_texts_in_pdf

SALE_TEXT = [
    "新百汇社区便民餐厅", "消费小票", "单号:S20261128-0001", "时间:2026-11-28 11:32", "收银:王芳", "餐次:午餐",
    "居民:张*华 **************1234", "一荤两素套餐 1x12.00 12.00", "小米粥 2x1.50 3.00", "合计(元) 15.00",
    "补贴 区民政局 低保60+ -5.00", "钱包支付 10.00", "钱包余额 120.50", "扫码核验小票",
]


@pytest.fixture(params=[Paper.MM58, Paper.MM80], ids=["58mm", "80mm"])
def paper(request):
    return request.param


def write(tmp_path, data: bytes):
    path = tmp_path / "receipt.pdf"
    path.write_bytes(data)
    return path


def test_sale_receipt_text(tmp_path, paper):
    assert pdf_lines(write(tmp_path, render_sale_pdf(sale_receipt(), paper))) == SALE_TEXT


def test_a_meal_collected_by_someone_else_names_them_under_the_resident(tmp_path, paper):
    lines = pdf_lines(write(tmp_path, render_sale_pdf(sale_receipt(collected_by="王芳"), paper)))
    assert lines[6:8] == ["居民:张*华 **************1234", "代领人:王芳"]


def test_page_is_paper_wide_and_grows_with_the_content(tmp_path, paper):
    short = pdf_page_size(write(tmp_path, render_sale_pdf(sale_receipt(), paper)))
    more = tuple(ReceiptLine(f"菜{i}", 1, 100, 100) for i in range(10))
    long = pdf_page_size(write(tmp_path, render_sale_pdf(
        sale_receipt(lines=more, total_fen=1000, subsidies=(), paid_from_wallet_fen=1000), paper)))
    assert round(short[0] / 72 * 25.4) == paper.width_mm
    line = paper.printable_mm / 25.4 * 72 / paper.columns * 2 * 1.3  # receipt type size x leading
    assert long[1] - short[1] == pytest.approx(7 * line, abs=0.01)  # 8 more dish lines, 1 subsidy line less


def test_cjk_font_is_embedded_and_nothing_else_is_used(tmp_path, paper):
    fonts = pdf_fonts(write(tmp_path, render_sale_pdf(sale_receipt(), paper)))
    assert fonts == [("AAAAAA+WenQuanYiMicroHei-0", "yes")]


def test_qr_in_the_pdf_decodes_to_the_verify_url(tmp_path, paper):
    assert qr_texts_in_pdf(write(tmp_path, render_sale_pdf(sale_receipt(), paper)), tmp_path) == [VERIFY_URL]


def test_qr_image_decodes_to_the_url():
    barcodes = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(VERIFY_URL))))
    assert [b.text for b in barcodes] == [VERIFY_URL]


def test_walk_in_cash_sale_without_resident_or_qr(tmp_path):
    receipt = sale_receipt(subsidies=(), paid_from_wallet_fen=0, cash_paid_fen=1500, resident_name=None,
                           resident_id=None, balance_after_fen=None, verify_url=None)
    lines = pdf_lines(write(tmp_path, render_sale_pdf(receipt, Paper.MM58)))
    assert lines[6:] == ["一荤两素套餐 1x12.00 12.00", "小米粥 2x1.50 3.00", "合计(元) 15.00", "现金 15.00"]


def test_topup_receipt_text(tmp_path):
    assert pdf_lines(write(tmp_path, render_topup_pdf(topup_receipt(), Paper.MM58))) == [
        "新百汇社区便民餐厅", "充值小票", "单号:T20261128-0003", "时间:2026-11-28 09:05", "收银:王芳",
        "居民:张*华 **************1234", "充值金额(现金) 100.00", "充值后余额 220.50", "扫码核验小票"]


def test_a_receipt_that_does_not_add_up_is_refused():
    with pytest.raises(ValueError, match="subsidies and payments"):
        sale_receipt(paid_from_wallet_fen=900)
    with pytest.raises(ValueError, match="lines do not sum"):
        sale_receipt(total_fen=1400)


def test_the_canteens_footer_is_the_last_line(tmp_path, paper):
    lines = pdf_lines(write(tmp_path, render_sale_pdf(sale_receipt(footer="谢谢惠顾 欢迎再来"), paper)))
    assert lines == [*SALE_TEXT, "谢谢惠顾 欢迎再来"]
    topup = pdf_lines(write(tmp_path, render_topup_pdf(topup_receipt(footer="谢谢惠顾"), paper)))
    assert topup[-2:] == ["扫码核验小票", "谢谢惠顾"]
