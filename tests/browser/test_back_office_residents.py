"""The residents back office in Chromium: a manager imports the community office's Excel (a bad row first, then
fixed, with cards), finds a resident by pinyin initials, records a dietary need; the new card scanned at /counter
shows the need and a meal settles. A cashier may not open the residents pages."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pos.credentials.models import Card
from pos.residents.models import Resident
from pos.sales.models import Sale
from pos.wallets.operations import add_top_up
from tests.browser.conftest import staff_page
from tests.pos.residents.sheets import HEADER_ZH, LI, ZHANG, li, write_xlsx, wrong_check, zhang

pytestmark = pytest.mark.browser
ZHANG_CARD = "04A1B2C3"
ZHANG_TYPED = f"{int(ZHANG_CARD, 16):010d}"  # what a keyboard-wedge reader types
LI_CARD = "04D5E6F7"


def residents(database) -> list[Resident]:
    with database.reader() as session:
        return list(session.scalars(select(Resident).order_by(Resident.id)))


@pytest.fixture
def manager(browser, live, make):
    """A manager signed in, in a browser of their own at the till's screen size."""
    base, _token = live
    with staff_page(browser, base, make, "manager", "manager", "/residents") as page:
        page.wait_for_url(f"{base}/residents")
        yield page, base


def upload(page, base: str, path, cards: bool) -> None:
    page.goto(f"{base}/residents/import")
    page.set_input_files("input[name=file]", str(path))
    if cards:
        page.check("input[name=with_cards]")
    page.click("#check")
    page.wait_for_selector("#report-summary")


def test_import_find_and_serve_a_resident(manager, counter, make, database, artifacts, tmp_path):
    page, base = manager
    header = [*HEADER_ZH, "卡号"]
    # 1. The office's list with a wrong ID number in row 3: the report names it, nothing is written.
    bad = write_xlsx(tmp_path / "名单.xlsx", [header, [*zhang(), ZHANG_TYPED], [*li(id_number=wrong_check(LI)), LI_CARD]])
    upload(page, base, bad, cards=True)
    assert page.inner_text("#problems tbody").split("\t")[:2] == ["3", "身份证号"]
    assert "校验位不正确" in page.inner_text("#problems tbody")
    assert "未导入任何内容" in page.inner_text("#report-summary") and page.locator("#confirm").count() == 0
    page.screenshot(path=str(artifacts / "residents-import-bad-row-1366x768.png"))
    assert residents(database) == []
    # 2. Fixed, with cards: checked first (still nothing written), then confirmed.
    fixed = write_xlsx(tmp_path / "名单.xlsx", [header, [*zhang(), ZHANG_TYPED], [*li(), LI_CARD]])
    upload(page, base, fixed, cards=True)
    assert "新登记 2 人" in page.inner_text("#report-summary") and "发卡 2 张" in page.inner_text("#report-summary")
    page.screenshot(path=str(artifacts / "residents-import-checked-1366x768.png"))
    assert residents(database) == []
    page.click("#confirm")
    page.wait_for_url(f"{base}/residents")
    assert "已导入 2 位居民" in page.inner_text(".flash.ok")
    assert [r.id_number for r in residents(database)] == [ZHANG, LI]
    with database.reader() as session:
        assert sorted(session.scalars(select(Card.uid))) == [ZHANG_CARD, LI_CARD]
    page.screenshot(path=str(artifacts / "residents-list-1366x768.png"))
    # 3. Found by pinyin initials; the numbers are masked for a manager.
    page.fill("#q", "zgl")
    page.press("#q", "Enter")
    page.wait_for_selector("#found:has-text('共 1 位居民')")
    row = page.inner_text("#residents tbody tr")
    assert "张桂兰" in row and f"**************{ZHANG[-4:]}" in row and ZHANG_CARD in row
    page.screenshot(path=str(artifacts / "residents-search-initials-1366x768.png"))
    page.click("#residents tbody a:has-text('张桂兰')")
    page.wait_for_selector("#resident-name:has-text('张桂兰')")
    page.screenshot(path=str(artifacts / "residents-show-1366x768.png"))
    # 4. A dietary need, recorded on the edit form; the phone field stays masked and blank (kept).
    page.click("#edit")
    page.wait_for_selector("#save")
    assert page.input_value("input[name=phone]") == ""
    page.screenshot(path=str(artifacts / "residents-edit-1366x768.png"))
    page.check("input[name=diet][value=low_salt]")
    page.check("input[name=allergens][value=peanut]")
    page.click("#save")
    page.wait_for_selector("#resident-needs:has-text('低盐')")
    assert "过敏：花生" in page.inner_text("#resident-needs")
    assert "修改" in page.inner_text("#changes")
    zhang_row = next(r for r in residents(database) if r.id_number == ZHANG)
    assert (zhang_row.phone, zhang_row.diet, zhang_row.allergens) == ("13912345678", ["low_salt"], ["peanut"])
    page.goto(f"{base}/residents/new")
    page.screenshot(path=str(artifacts / "residents-register-1366x768.png"))
    # 5. The new card at the counter: the panel shows the needs, and a lunch settles.
    with database.unit_of_work() as session:
        add_top_up(session, zhang_row.id, 5000, "cash")
    dish = make.dish("清蒸鲈鱼", 1200)
    counter.reload()
    counter.scan(ZHANG_TYPED)
    assert counter.resident_name() == "张桂兰"
    needs = counter.page.inner_text("#resident-needs")
    assert "低盐" in needs and "过敏：花生" in needs
    counter.tap(dish)
    counter.page.wait_for_selector("#payable")
    counter.screenshot(artifacts, "residents-counter-needs-1366x768")
    receipt = counter.settle()
    with database.reader() as session:
        [sale] = session.scalars(select(Sale))
    assert receipt.endswith(sale.receipt_no) and (sale.resident_id, sale.credential_kind) == (zhang_row.id, "card")


def test_a_cashier_may_not_open_the_residents_pages(counter, artifacts):
    response = counter.page.goto(f"{counter.base}/residents")
    assert response.status == 403
    counter.page.screenshot(path=str(artifacts / "residents-cashier-403-1366x768.png"))
