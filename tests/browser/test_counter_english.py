"""English is one tap away, and the page's own words follow it."""
import pytest

pytestmark = pytest.mark.browser


def test_english_is_switchable(counter, make, artifacts):
    resident = make.resident(name="张桂兰", balance_fen=5000)
    make.card(resident, "04A1B2C3")
    dish = make.dish("红烧肉", 1200, name_en="Braised pork")
    counter.page.click("a[lang=en]")
    counter.page.wait_for_selector("body[data-ready=true]")
    assert counter.page.text_content("#settle").startswith("Settle")
    counter.scan("04A1B2C3")
    assert counter.resident_name() == "张桂兰"
    counter.tap(dish)
    counter.payable("¥10.00")
    assert "Braised pork" in counter.page.text_content("#order")
    assert "not used yet" in counter.page.text_content("#subsidy-status")
    counter.screenshot(artifacts, "counter-english-1366x768")
