"""Scan first, pick dishes, settle: a QR code is spent at the scan, the presentation settles."""
from datetime import date

from cards.qrpass import dynamic_payload, new_secret
from pos.clock import utc_now
from pos.residents.models import Resident
from tests.conftest import Api


def give_pass(database, resident_id) -> str:
    secret = new_secret()
    with database.unit_of_work() as session:
        session.get(Resident, resident_id).qr_secret = secret
    return secret


def test_a_qr_scan_gives_the_panel_and_settles_once(api, make, database):
    resident = make.resident(name="李秀英", born=date(1951, 6, 1), categories=("dibao",), balance_fen=3000)
    code = dynamic_payload(resident, give_pass(database, resident), utc_now())
    scan = api.post("/api/v1/credentials/present", {"credential": {"qr": code}})
    assert scan.status_code == 200
    panel = scan.get_json()
    assert panel["resident"]["name"] == "李秀英"
    assert panel["resident"]["categories"] == [{"code": "dibao", "name": "低保"}]
    assert (panel["resident"]["balance_fen"], panel["static_pass"], panel["subsidies_today"]) == (3000, False, [])
    replay = api.post("/api/v1/credentials/present", {"credential": {"qr": code}})
    assert replay.get_json()["error"]["code"] == "qr_reused"
    dish = make.dish(price_fen=1000)
    sale = api.post("/api/v1/sales", {"idempotency_key": "qr-sale-001", "meal_period": "lunch",
                                      "credential": {"presentation": panel["presentation"]},
                                      "items": [{"dish_id": dish, "qty": 1}]})
    assert sale.status_code == 201
    assert (sale.get_json()["subsidy_fen"], sale.get_json()["balance_after_fen"]) == (500, 2500)
    again = api.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}})
    assert again.get_json()["subsidies_today"] == [{"meal_period": "lunch", "amount_fen": 500}]


def test_a_presentation_from_another_counter_is_refused(api, make, client):
    resident = make.resident(balance_fen=3000)
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}}).get_json()
    other = Api(client, make.terminal())
    response = other.post("/api/v1/sales/quote", {"credential": {"presentation": panel["presentation"]},
                                                  "items": [{"dish_id": make.dish(), "qty": 1}]})
    assert response.get_json()["error"]["code"] == "presentation_invalid"


def test_a_resident_with_a_qr_pass_can_have_their_card_reported_lost(api, make, database):
    resident = make.resident(balance_fen=3000)
    card = make.card(resident, uid="0A1B2C3D")
    code = dynamic_payload(resident, give_pass(database, resident), utc_now())
    panel = api.post("/api/v1/credentials/present", {"credential": {"qr": code}}).get_json()
    assert panel["card_uid"] == card
    assert api.post(f"/api/v1/cards/{card}/lost", {}).status_code == 200
    refused = api.post("/api/v1/sales/quote", {"credential": {"card_uid": card}, "items": [{"dish_id": make.dish(), "qty": 1}]})
    assert refused.get_json()["error"]["code"] == "card_blocked"
