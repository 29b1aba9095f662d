"""A resident's allergens at the counter: a dish that contains one is marked on its order line and the cashier is
told in plain words when it is added; the sale is not blocked (the cashier decides). Dietary needs are tags."""
import pytest
from playwright.sync_api import expect

from pos.residents.models import Resident

pytestmark = pytest.mark.browser
CARD_UID = "04A11E60"


def with_needs(database, resident_id: int, diet: list[str], allergens: list[str]) -> None:
    with database.unit_of_work() as session:
        resident = session.get_one(Resident, resident_id)
        resident.diet, resident.allergens = diet, allergens


def test_a_peanut_dish_is_marked_and_told_but_the_sale_goes_through(counter, make, database, artifacts):
    resident = make.resident(name="赵秀兰", balance_fen=10_000)
    with_needs(database, resident, ["diabetic", "low_salt", "soft"], ["peanut"])
    make.card(resident, CARD_UID)
    rice = make.dish("米饭", 100, "staple")
    kung_pao = make.dish("宫保鸡丁", 1500, "meat", attributes={"allergens": "peanut;soy"})
    counter.reload()
    counter.scan(CARD_UID)
    expect(counter.page.locator("#resident-needs .tag")).to_have_text(["糖尿病", "低盐", "软食", "过敏：花生"])
    counter.tap(rice)
    expect(counter.page.locator("#alert")).to_be_hidden()
    counter.tap(kung_pao)
    assert counter.alert() == "该居民对花生过敏，本菜含花生"
    line = counter.page.locator(f"#order tr[data-line='{kung_pao}']")
    expect(line).to_have_class("picked allergy")
    expect(line.locator(".allergen-mark")).to_have_text("含花生")
    expect(counter.page.locator(f"#order tr[data-line='{rice}'] .allergen-mark")).to_have_count(0)
    counter.screenshot(artifacts, "counter-allergen-warning")
    counter.payable("¥14.00")  # 16 − 2 (70–79)
    assert counter.settle().endswith("-0001")  # the warning does not block: the cashier decided


def test_dishes_picked_before_the_card_are_marked_when_the_resident_is_shown(counter, make, database):
    resident = make.resident(name="钱桂芳", balance_fen=10_000)
    with_needs(database, resident, [], ["peanut", "sesame"])
    make.card(resident, CARD_UID)
    salad = make.dish("麻酱凉面", 800, "staple", attributes={"allergens": "sesame;gluten;peanut"})
    counter.reload()
    counter.tap(salad)
    expect(counter.page.locator(".allergen-mark")).to_have_count(0)
    counter.scan(CARD_UID)
    assert counter.alert() == "该居民对花生、芝麻过敏，本菜含花生、芝麻"
    expect(counter.page.locator(f"#order tr[data-line='{salad}'] .allergen-mark")).to_have_text("含花生、芝麻")
