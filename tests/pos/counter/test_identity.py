"""A resident without card at the counter: found by name or ID digits, settled after an ID card check;
a lost card shows whose it is but never pays."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from cards.qrpass import dynamic_payload, new_secret
from pos.audit.models import AuditEntry
from pos.auth.models import User
from pos.clock import utc_now
from pos.ledger.posting import wallet_of
from pos.residents.models import Resident
from pos.residents.records import ResidentIn, register_resident
from pos.sales.models import Sale
from pos.wallets.operations import add_top_up
from tests.conftest import Api
from tests.factories import HOME

ID_NUMBER = "14100219480101000X"  # born 1948-01-01 in 尧都区, serial 000
CARD = "04A1B2C3"
NEW_CARD = "04D5E6F7"


def register(database, name: str = "王淑珍", phone: str = "13912345678", balance_fen: int = 5000) -> int:
    with database.unit_of_work() as session:
        resident = register_resident(session, ResidentIn(name=name, id_number=ID_NUMBER, phone=phone, area=HOME))
        wallet_of(session, resident.id)
        add_top_up(session, resident.id, balance_fen, "cash")
        return resident.id


def sale_body(credential: dict, dish: int, key: str) -> dict:
    return {"idempotency_key": key, "meal_period": "lunch", "credential": credential,
            "items": [{"dish_id": dish, "qty": 1}]}


def found(api, text: str) -> dict:
    response = api.get(f"/api/v1/counter/residents?q={text}")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_counter_finds_a_resident_by_initials_or_last_four_masked(api, make, database):
    resident = register(database)
    make.resident(name="张桂兰")
    row = {"id": resident, "name": "王淑珍", "id_number": "**************000X", "phone": "*******5678", "age": 78,
           "status": "active", "status_date": None, "may_settle": True}
    assert found(api, "wsz") == {"total": 1, "residents": [row]}
    assert found(api, "WS") == {"total": 1, "residents": [row]}
    assert found(api, "5678") == {"total": 1, "residents": [row]}
    assert found(api, "000x") == {"total": 1, "residents": [row]}
    assert found(api, "淑珍") == {"total": 1, "residents": [row]}
    assert found(api, "") == {"total": 0, "residents": []}
    assert found(api, "qqq") == {"total": 0, "residents": []}


def test_the_search_is_for_signed_in_staff_and_refuses_a_long_text(client, make):
    make.canteen()
    terminal = Api(client, make.terminal())
    assert terminal.get("/api/v1/counter/residents?q=wsz").status_code == 401
    terminal.sign_in(make)
    refused = terminal.get("/api/v1/counter/residents?q=" + "z" * 41)
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (422, "invalid_input")


def test_an_identity_check_settles_with_the_subsidy_and_records_who_checked(api, make, database):
    resident = make.resident(name="张桂兰", balance_fen=5000)  # 76 years old: 2 yuan off lunch (demo policy)
    dish = make.dish(price_fen=1200)
    [listed] = found(api, "zgl")["residents"]
    checked = api.post("/api/v1/credentials/identity-check", {"resident_id": listed["id"]})
    assert checked.status_code == 200, checked.get_json()
    panel = checked.get_json()
    assert (panel["credential_kind"], panel["static_pass"], panel["resident"]["name"]) == (
        "identity_check", False, "张桂兰")
    assert "card_uid" not in panel  # no card at all: Replace card gives a first one
    sale = api.post("/api/v1/sales", sale_body({"presentation": panel["presentation"]}, dish, "id-check-0001"))
    assert sale.status_code == 201, sale.get_json()
    assert (sale.get_json()["subsidy_fen"], sale.get_json()["paid_fen"], sale.get_json()["balance_after_fen"]) == (
        200, 1000, 4000)
    with database.unit_of_work() as session:
        cashier = session.scalars(select(User.id).where(User.username == "cashier-api")).one()
        stored = session.scalars(select(Sale)).one()
        assert (stored.resident_id, stored.credential_kind, stored.credential_ref, stored.cashier_id) == (
            resident, "identity_check", str(cashier), cashier)
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "resident.identity_checked")).all()
        assert (entry.staff_id, entry.subject, entry.subject_id, entry.after) == (
            cashier, "resident", str(resident), {"credential_kind": "identity_check"})


def test_only_the_cashier_who_checked_settles_and_no_client_claims_a_check(app, make, database):
    make.canteen()
    token = make.terminal()
    first = Api(app.test_client(), token).sign_in(make).open_shift()
    second = Api(app.test_client(), token).sign_in(make, username="cashier-two").open_shift()
    resident = make.resident(balance_fen=5000)
    dish = make.dish(price_fen=1200)
    presentation = first.post("/api/v1/credentials/identity-check", {"resident_id": resident}).get_json()[
        "presentation"]
    other = second.post("/api/v1/sales", sale_body({"presentation": presentation}, dish, "id-check-0002"))
    assert (other.status_code, other.get_json()["error"]["code"]) == (403, "identity_not_checked")
    claimed = first.post("/api/v1/sales", sale_body({"identity_check": resident}, dish, "id-check-0003"))
    assert (claimed.status_code, claimed.get_json()["error"]["code"]) == (422, "invalid_input")
    signed_out = Api(app.test_client(), token).post("/api/v1/credentials/identity-check", {"resident_id": resident})
    assert signed_out.status_code == 401
    with database.unit_of_work() as session:
        assert session.scalars(select(Sale)).all() == []


def test_a_resident_who_moved_away_is_listed_but_cannot_be_settled(api, make, database):
    resident = register(database)
    with database.unit_of_work() as session:
        moved = session.get_one(Resident, resident)
        moved.status, moved.status_date = "moved_away", date(2020, 1, 31)
    [row] = found(api, "wsz")["residents"]
    assert (row["status"], row["status_date"], row["may_settle"]) == ("moved_away", "2020-01-31", False)
    refused = api.post("/api/v1/credentials/identity-check", {"resident_id": resident})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (409, "resident_not_active")
    assert refused.get_json()["error"]["message"] == "该居民已迁出或已故，不能为其结算"
    unknown = api.post("/api/v1/credentials/identity-check", {"resident_id": resident + 100})
    assert (unknown.status_code, unknown.get_json()["error"]["code"]) == (404, "unknown_credential")


def test_a_lost_card_shows_its_holder_but_never_pays_and_is_replaced(api, make, database):
    resident = make.resident(name="刘玉梅", balance_fen=5000)
    dish = make.dish(price_fen=1200)
    api.post("/api/v1/cards", {"resident_id": resident, "uid": CARD})
    api.post(f"/api/v1/cards/{CARD}/lost", {})
    shown = api.post("/api/v1/credentials/present", {"credential": {"card_uid": CARD}})
    assert shown.status_code == 200
    panel = shown.get_json()
    assert "presentation" not in panel
    assert (panel["resident"]["name"], panel["resident"]["balance_fen"], panel["card_uid"], panel["card_status"]) == (
        "刘玉梅", 5000, CARD, "lost")
    refused = api.post("/api/v1/sales", sale_body({"card_uid": CARD}, dish, "lost-0001"))
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "card_blocked")
    assert api.post(f"/api/v1/cards/{CARD}/replace", {"new_uid": NEW_CARD}).status_code == 201
    again = api.post("/api/v1/credentials/present", {"credential": {"card_uid": CARD}}).get_json()
    assert (again["card_status"], "presentation" in again) == ("replaced", False)
    new = api.post("/api/v1/credentials/present", {"credential": {"card_uid": NEW_CARD}}).get_json()
    assert (new["card_uid"], new["card_status"], new["credential_kind"]) == (NEW_CARD, "active", "card")
    sale = api.post("/api/v1/sales", sale_body({"presentation": new["presentation"]}, dish, "lost-0002"))
    assert (sale.status_code, sale.get_json()["balance_after_fen"]) == (201, 4000)


def test_a_returned_card_is_still_refused(api, make):
    resident = make.resident()
    make.card(resident, CARD, status="returned")
    refused = api.post("/api/v1/credentials/present", {"credential": {"card_uid": CARD}})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (403, "card_blocked")


def test_a_qr_pass_offers_the_lost_card_for_replacement(api, make, database):
    resident = make.resident(balance_fen=3000)
    api.post("/api/v1/cards", {"resident_id": resident, "uid": CARD})
    api.post(f"/api/v1/cards/{CARD}/lost", {})
    secret = new_secret()
    with database.unit_of_work() as session:
        session.get_one(Resident, resident).qr_secret = secret
    panel = api.post("/api/v1/credentials/present",
                     {"credential": {"qr": dynamic_payload(resident, secret, utc_now())}}).get_json()
    assert (panel["credential_kind"], panel["card_uid"], panel["card_status"]) == ("qr", CARD, "lost")
    assert panel["presentation"]
    checked = api.post("/api/v1/credentials/identity-check", {"resident_id": resident}).get_json()
    assert (checked["card_uid"], checked["card_status"]) == (CARD, "lost")
