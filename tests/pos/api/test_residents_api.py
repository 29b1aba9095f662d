"""Residents, wallets and policies through the API: masked numbers, clear refusals, exact money."""
from datetime import date

from pos.audit import history
from pos.integrity.verify import verify_ledger
from pos.residents.id_number import make_id_number
from pos.residents.models import Resident
from tests.conftest import Api
from tests.factories import DEMO_POLICY

ID_NUMBER = make_id_number("141002", date(1948, 2, 29), 17)


def new_resident(**extra):
    return {"name": "赵德福", "id_number": ID_NUMBER, "phone": "13912345678",
            "area": {"district": "尧都区", "street": "解放路街道"}, "categories": [{"code": "dibao"}]} | extra


def test_a_manager_registers_a_resident_and_a_cashier_sees_masked_numbers(api, manager_api, make):
    make.resident()  # makes the standard categories
    created = manager_api.post("/api/v1/residents", new_resident())
    assert created.status_code == 201
    shown = api.get(f"/api/v1/residents/{created.get_json()['id']}").get_json()
    assert (shown["id_number"], shown["phone"]) == ("*" * 14 + ID_NUMBER[-4:], "*******5678")
    assert (shown["sex"], shown["balance_fen"], shown["categories"][0]["code"]) == ("M", 0, "dibao")


def test_a_cashier_sees_the_age_but_no_birth_date_address_or_area(api, manager_api, make):
    make.resident()
    created = manager_api.post("/api/v1/residents", new_resident(address="解放路12号"))
    shown = api.get(f"/api/v1/residents/{created.get_json()['id']}").get_json()
    assert (shown["birth_date"], shown["address"], shown["area"]) == (None, "", None)
    assert isinstance(shown["age"], int)


def test_a_manager_sees_what_a_cashier_sees(manager_api, make):
    make.resident()
    created = manager_api.post("/api/v1/residents", new_resident()).get_json()
    shown = manager_api.get(f"/api/v1/residents/{created['id']}").get_json()
    assert (created["id_number"], created["phone"]) == ("*" * 14 + ID_NUMBER[-4:], "*******5678")
    assert (shown["id_number"], shown["phone"], shown["area"]) == ("*" * 14 + ID_NUMBER[-4:], "*******5678", None)


def test_an_admin_sees_the_whole_number_and_the_view_is_audited(app, api, make, database):
    make.canteen()
    resident = make.resident()
    api.get(f"/api/v1/residents/{resident}")  # a cashier's masked view leaves no row
    admin = Api(app.test_client(), make.terminal()).sign_in(make, "admin")
    shown = admin.get(f"/api/v1/residents/{resident}").get_json()
    with database.unit_of_work() as session:
        number = session.get(Resident, resident).id_number
        views = [(e.action, e.staff_id is not None, e.terminal_id is not None)
                 for e in history(session, "resident", resident) if e.action == "resident.viewed_in_full"]
    assert (shown["id_number"], shown["area"]["district"]) == (number, "尧都区")
    assert views == [("resident.viewed_in_full", True, True)]


def test_a_wrong_check_character_is_refused_by_name(manager_api, make):
    make.resident()
    wrong = ID_NUMBER[:17] + ("0" if ID_NUMBER[17] != "0" else "1")
    response = manager_api.post("/api/v1/residents", new_resident(id_number=wrong))
    assert response.status_code == 422
    assert response.get_json()["error"]["message"] == "身份证号：校验位不正确，请重新核对号码"


def test_cashiers_cannot_register_residents(api):
    assert api.post("/api/v1/residents", new_resident()).status_code == 403


def test_top_up_is_idempotent_and_refused_when_silly(api, make):
    resident = make.resident()
    body = {"amount_fen": 5000, "method": "wechat", "reference": "4200001234", "idempotency_key": "topup-0001"}
    first, again = (api.post(f"/api/v1/residents/{resident}/topups", body) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["balance_fen"] == again.get_json()["balance_fen"] == 5000
    too_much = api.post(f"/api/v1/residents/{resident}/topups", body | {"amount_fen": 600_000, "idempotency_key": "t2-key-xx"})
    assert too_much.get_json()["error"]["message"] == "充值金额：必须在 0.01 元到 5,000.00 元之间"
    bad_method = api.post(f"/api/v1/residents/{resident}/topups", body | {"method": "gold", "idempotency_key": "t3-key-xx"})
    assert bad_method.get_json()["error"]["message"] == "付款方式：必须是现金、微信支付、支付宝或银行转账"


def test_a_wrong_top_up_is_corrected_and_a_leaver_refunded(api, manager_api, make, database):
    resident = make.resident()
    top_up = api.post(f"/api/v1/residents/{resident}/topups",
                      {"amount_fen": 50_000, "method": "cash", "idempotency_key": "typo-topup"}).get_json()
    corrected = manager_api.post(f"/api/v1/topups/{top_up['top_up_id']}/correction",
                                 {"correct_amount_fen": 5_000, "reason": "多输了一个0"})
    assert corrected.get_json()["balance_fen"] == 5_000
    left = manager_api.post(f"/api/v1/residents/{resident}/refund", {"method": "cash", "reason": "搬离本社区"})
    assert left.get_json()["balance_fen"] == 0
    empty = manager_api.post(f"/api/v1/residents/{resident}/refund", {"method": "cash", "reason": "again"})
    assert empty.get_json()["error"]["code"] == "nothing_to_refund"
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok


def test_no_subsidy_after_death(api, manager_api, make):
    resident = make.resident(born=date(1940, 1, 1), balance_fen=5000)
    card, dish = make.card(resident), make.dish(price_fen=1200)
    died = manager_api.post(f"/api/v1/residents/{resident}/status", {"status": "deceased", "date": "2026-01-31"})
    assert died.get_json()["status"] == "deceased"
    quote = api.post("/api/v1/sales/quote", {"credential": {"card_uid": card}, "items": [{"dish_id": dish, "qty": 1}],
                                             "meal_period": "lunch"})
    assert quote.get_json()["subsidy_fen"] == 0


def test_admins_load_policy_versions(app, make):
    make.canteen()
    admin = Api(app.test_client(), make.terminal()).sign_in(make, "admin")
    newer = DEMO_POLICY.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2027.1"').replace(
        "effective_from = 2026-01-01", "effective_from = 2027-01-01")
    assert admin.post("/api/v1/policies", {"toml": newer}).status_code == 201
    assert [p["version"] for p in admin.get("/api/v1/policies").get_json()] == ["2027.1", "2026.1"]
    broken = admin.post("/api/v1/policies", {"toml": newer.replace("subsidy_fen = 500", "subsidy_fen = 5.0")})
    assert broken.status_code == 422
    assert "rules[1]" in broken.get_json()["error"]["message"]
