"""The dashboard shows today's meals and money."""
import re
from datetime import date


def test_dashboard_counts_todays_meals_and_money(client, auth, api, make):
    resident = make.resident(born=date(1951, 6, 1), balance_fen=5000)
    card, dish = make.card(resident), make.dish(price_fen=1200)
    api.post("/api/v1/sales", {"idempotency_key": "dash-0001", "credential": {"card_uid": card},
                               "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch"})
    api.post("/api/v1/sales", {"idempotency_key": "dash-0002", "credential": {"walk_in": True},
                               "items": [{"dish_id": dish, "qty": 1}], "meal_period": "lunch"})
    auth.login("manager")
    page = client.get("/").get_data(as_text=True)
    tiles = dict(re.findall(r'<span class="value" id="(\w+)">([^<]+)</span>', page))
    assert tiles == {"meals": "2", "subsidised": "1", "takings": "¥22.00", "subsidy": "¥2.00", "topups": "¥50.00"}
