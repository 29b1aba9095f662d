"""The cashier screen page: who may open it and what it boots from."""
import json
import re


def boot_config(response) -> dict:
    match = re.search(r'<script id="counter-config" type="application/json">(.*?)</script>',
                      response.get_data(as_text=True), re.S)
    return json.loads(match.group(1))


def test_the_counter_needs_a_signed_in_cashier(client, auth):
    response = client.get("/counter")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    auth.login("cashier")
    assert client.get("/counter").status_code == 200


def test_the_page_carries_its_words_translated_and_its_scripts_locally(client, auth, make):
    make.canteen()
    auth.login("cashier")
    response = client.get("/counter")
    html = response.get_data(as_text=True)
    config = boot_config(response)
    assert config["messages"]["err_card_blocked"].startswith("此卡已停用")
    assert config["messages"]["subsidy_used"] == "今日{period}补贴已使用（{amount}）"
    assert [config["messages"][key] for key in ("diet_low_salt", "diet_minced", "allergen_peanut", "allergy")] == [
        "低盐", "碎食", "花生", "过敏：{allergen}"]
    assert config["user"]["role"] == "cashier"
    assert config["funders"]["district"] == "尧都区民政局"
    assert config["api"] == "/api/v1"
    assert "/static/counter/counter.js" in html and "/static/counter/counter.css" in html
    assert "http://" not in html and "https://" not in html  # no CDN: canteens sit on unreliable networks
    assert client.get("/static/counter/counter.js").status_code == 200


def test_english_is_switchable(client, auth):
    auth.login("cashier")
    client.get("/locale/en")
    config = boot_config(client.get("/counter"))
    assert config["locale"] == "en"
    assert config["messages"]["err_card_blocked"].startswith("This card is blocked")
    assert [config["messages"][key] for key in ("diet_soft", "allergen_peanut", "allergy")] == [
        "soft food", "peanut", "Allergy: {allergen}"]


def test_the_page_polls_its_dish_panel_and_names_the_dish_groups(client, auth, make):
    make.canteen()
    auth.login("cashier")
    config = boot_config(client.get("/counter"))
    assert config["menu_poll_ms"] == 30_000  # the panel itself comes from GET /api/v1/menu/counter
    assert [config["messages"][f"cat_{c}"] for c in ("set", "meat", "half_meat", "staple", "fruit", "other")] == [
        "套餐", "荤菜", "荤素菜", "主食", "水果", "其他"]


def test_no_script_text_is_hard_coded_chinese():
    from pathlib import Path

    modules = sorted((Path(__file__).parents[3] / "pos" / "static" / "counter").glob("*.js"))
    assert len(modules) > 10  # the screen's ES modules, each with one job
    for module in modules:
        assert not re.search(r"[\u4e00-\u9fff]", module.read_text(encoding="utf-8")), module.name


def test_the_dialogs_check_the_limits_the_api_holds_and_say_them_in_yuan(client, auth):
    auth.login("cashier")
    config = boot_config(client.get("/counter"))
    assert config["limits"] == {"top_up_min_fen": 1, "top_up_max_fen": 500_000, "cash_max_fen": 10_000_000,
                                "reference_max_chars": 64}
    assert [config["messages"][key] for key in ("err_top_up_range", "err_reference_needed", "allergen_warning")] == [
        "充值金额必须在 {low} 元到 {high} 元之间", "请填写付款单号：微信支付和支付宝充值必须填写。",
        "该居民对{allergens}过敏，本菜含{allergens}"]
