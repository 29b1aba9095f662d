"""The resident's own page: balance, meals with their subsidy lines, reporting a card lost."""
from pos import create_app
from pos.app import config_for_tests


def settle(api, make, uid, key):
    dish = make.dish("红烧肉", price_fen=1000)
    return api.post("/api/v1/sales", {"idempotency_key": key, "meal_period": "lunch",
                                      "credential": {"card_uid": uid}, "items": [{"dish_id": dish, "qty": 1}]})


def test_the_page_shows_balance_and_meals_in_chinese(api, make, resident, phone):
    assert settle(api, make, resident.uid, "me-home-0001").status_code == 201
    page = phone.get("/me")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "张桂兰" in text and "余额" in text and "最近用餐" in text
    # 30 yuan less 8: a 10-yuan meal with the 2-yuan age-70 subsidy
    assert '<strong id="balance">\u00a522.00</strong>' in text
    assert "红烧肉 × 1" in text and "70至79周岁老人" in text and "−\u00a52.00" in text
    assert "尾号 B2C3" in text and "挂失" in text


def test_reporting_lost_blocks_the_card_at_once(api, make, resident, phone):
    page = phone.get("/me").get_data(as_text=True)
    card_id = page.split('name="card_id" value="')[1].split('"')[0]
    response = phone.post("/me/lost", data={"card_id": card_id}, follow_redirects=True)
    assert "已挂失" in response.get_data(as_text=True)
    history = api.get(f"/api/v1/cards/{resident.uid}/history").get_json()
    assert (history["status"], history["events"][-1]["kind"], history["events"][-1]["by_resident"]) == (
        "blocked", "reported_lost", True)
    assert settle(api, make, resident.uid, "me-lost-0001").get_json()["error"]["code"] == "card_blocked"


def test_a_resident_cannot_report_someone_elses_card(api, make, resident, phone):
    other = make.resident(name="王建国")
    card = api.post("/api/v1/cards", {"resident_id": other, "uid": "04D5E6F7"}).get_json()
    phone.post("/me/lost", data={"card_id": str(card["id"])})
    assert api.get("/api/v1/cards/04D5E6F7/history").get_json()["status"] == "active"


def test_the_lost_card_form_needs_its_csrf_token(database_url, tmp_path, make, resident):
    app = create_app(config_for_tests(database_url, tmp_path / "csrf"))  # CSRF on, as in production
    browser = app.test_client()
    page = browser.get("/me/sign-in").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    signed_in = browser.post("/me/sign-in", data={"card": resident.uid, "pin": "2580", "csrf_token": token})
    assert signed_in.status_code == 302
    refused = browser.post("/me/lost", data={"card_id": "1"})
    assert refused.status_code == 400
    app.extensions["canteen_db"].dispose()
