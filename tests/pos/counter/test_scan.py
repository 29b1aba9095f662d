"""The cashier's resident panel after a scan: enough to recognise the person, not to rebuild the ID number."""
from __future__ import annotations

from pos.ledger.posting import wallet_of
from pos.residents.records import ResidentIn, register_resident
from tests.conftest import Api
from tests.factories import HOME

ID_NUMBER = "14100219480101000X"  # born 1948-01-01 in 尧都区, serial 000


def register(database, phone: str = "13912345678", **needs) -> int:
    with database.unit_of_work() as session:
        resident = register_resident(session, ResidentIn(name="王淑珍", id_number=ID_NUMBER, phone=phone, area=HOME,
                                                         **needs))
        wallet_of(session, resident.id)
        return resident.id


def test_the_panel_shows_the_id_numbers_last_four_only(api, make, database):
    resident = register(database)
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}}).get_json()
    assert panel["resident"]["id_number"] == "**************000X"


def test_the_panel_has_an_age_but_no_birth_date_phone_or_area(api, make, database):
    resident = register(database)
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}}).get_json()
    assert sorted(panel["resident"]) == ["age", "allergens", "balance_fen", "categories", "diet", "id", "id_number",
                                         "name", "status"]


def test_the_panel_carries_the_dietary_needs_and_the_page_their_words(api, make, database, client):
    resident = register(database, diet=("low_salt", "diabetic"), allergens=("peanut",))
    panel = api.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}}).get_json()
    assert (panel["resident"]["diet"], panel["resident"]["allergens"]) == (["diabetic", "low_salt"], ["peanut"])


def test_an_admin_at_the_counter_sees_the_same_panel(app, make, database):
    make.canteen()
    admin = Api(app.test_client(), make.terminal()).sign_in(make, "admin")
    resident = register(database)
    panel = admin.post("/api/v1/credentials/present", {"credential": {"card_uid": make.card(resident)}}).get_json()
    assert panel["resident"]["id_number"] == "**************000X"
