"""The pass sheet library: A4, eight passes a page, each name and masked ID beside a code that decodes back."""
from __future__ import annotations

from receipts.pass_sheet import PassSheet, PrintedPass, write_pass_sheet_pdf
from tests.receipts.pdftools import pdf_fonts, pdf_lines, pdf_page_size, pdf_pages, qr_texts_in_pdf


def test_nine_passes_take_two_a4_pages_and_read_back(tmp_path):
    passes = [PrintedPass(f"居民{n}号", f"**************{n:04d}", f"CS1-{n}-2-ABCDEFGHJKMNPQRS") for n in range(1, 10)]
    path = tmp_path / "sheet.pdf"
    assert write_pass_sheet_pdf(PassSheet("阳光社区长者食堂", "2026-11-30", passes), path) == 2
    assert (pdf_pages(path), pdf_page_size(path)) == (2, (595.276, 841.89))
    assert all(embedded == "yes" for _name, embedded in pdf_fonts(path))
    first, second = "\n".join(pdf_lines(path, 1, 1)), "\n".join(pdf_lines(path, 2, 2))
    assert "阳光社区长者食堂 就餐码 2026-11-30 (1/2)" in first and "(2/2)" in second
    assert all(f"居民{n}号" in first and f"身份证 **************{n:04d}" in first for n in range(1, 9))
    assert "居民9号" in second and "居民1号" not in second
    assert sorted(qr_texts_in_pdf(path, tmp_path)) == sorted(p.payload for p in passes)
