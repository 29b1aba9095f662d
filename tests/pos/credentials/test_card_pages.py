"""The card pages of the back office: issue with a deposit, a number in use refused naming its holder (masked),
report lost, replace without the old card (wallet and deposit kept), unblock, return with the deposit refunded."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from pos.audit.models import AuditEntry
from pos.credentials.models import Card
from pos.ledger.models import Account, LedgerTransaction
from pos.ledger.posting import wallet_of
from pos.residents.models import Resident


def cards(database) -> list[tuple[str, int, str, int]]:
    with database.reader() as session:
        return [(c.uid, c.resident_id, c.status, c.deposit_fen) for c in session.scalars(select(Card).order_by(Card.id))]


def balances(database) -> dict[str, int]:
    with database.reader() as session:
        return {a.code: a.balance_fen for a in session.scalars(select(Account).where(Account.resident_id.is_(None)))}


def counts(database) -> tuple[int, int, int]:
    """Cards, ledger transactions and audit rows: what an action refused must leave as it was."""
    with database.reader() as session:
        return (session.scalar(select(func.count()).select_from(Card)),
                session.scalar(select(func.count()).select_from(LedgerTransaction)),
                session.scalar(select(func.count()).select_from(AuditEntry)))


def actions(database, uid: str) -> list[str]:
    with database.reader() as session:
        card_id = session.scalar(select(Card.id).where(Card.uid == uid))
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.subject == "card",
                                                                    AuditEntry.subject_id == str(card_id))
                                    .order_by(AuditEntry.id)))


def masked_id(database, resident_id: int) -> str:
    with database.reader() as session:
        return "*" * 14 + session.get(Resident, resident_id).id_number[-4:]


def test_only_managers_open_the_card_pages(client, auth, make):
    resident = make.resident()
    uid = make.card(resident)
    auth.login("cashier")
    assert client.get(f"/cards/residents/{resident}/issue").status_code == 403
    assert client.post(f"/cards/{uid}/lost").status_code == 403
    assert client.get(f"/cards/{uid}/replace").status_code == 403
    assert client.get(f"/cards/passes?resident={resident}").status_code == 403


def test_issue_a_card_with_a_deposit(client, auth, make, database):
    resident = make.resident()
    auth.login("manager")
    form = client.get(f"/cards/residents/{resident}/issue").get_data(as_text=True)
    assert "张桂兰" in form and masked_id(database, resident) in form and 'autofocus' in form
    # A keyboard-wedge reader types the decimal number of the UID (and Enter, which submits the form).
    response = client.post(f"/cards/residents/{resident}/issue",
                           data={"uid": f"{0x04A1B2C3:010d}", "deposit": "20", "method": "wechat"})
    assert (response.status_code, response.headers["Location"]) == (302, f"/residents/{resident}#cards")
    assert cards(database) == [("04A1B2C3", resident, "active", 2000)]
    assert balances(database) == {"wechat": 2000, "card_deposit": 2000}
    assert actions(database, "04A1B2C3") == ["card.issued"]
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert "卡 04A1B2C3 已发给 张桂兰。" in page
    assert "04A1B2C3</td>" in page and "使用中" in page and "¥20.00" in page and "挂失" in page


def test_a_card_number_in_use_names_its_holder_masked_and_changes_nothing(client, auth, make, database):
    holder = make.resident(name="张桂兰")
    other = make.resident(name="李秀英", born=date(1951, 6, 1))
    auth.login("manager")
    client.post(f"/cards/residents/{holder}/issue", data={"uid": "04A1B2C3", "deposit": "", "method": "cash"})
    before = counts(database)
    response = client.post(f"/cards/residents/{other}/issue",
                           data={"uid": "04:a1:b2:c3", "deposit": "20.00", "method": "cash"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    holder_id = masked_id(database, holder)[-4:]
    assert f"卡号: 卡 04A1B2C3 已发给 张*兰({holder_id})" in page
    assert 'value="20.00"' in page and 'value="04:a1:b2:c3"' in page
    assert counts(database) == before
    assert cards(database) == [("04A1B2C3", holder, "active", 0)]
    assert balances(database) == {}


def test_a_wrong_deposit_or_number_is_refused_by_its_field(client, auth, make, database):
    resident = make.resident()
    auth.login("manager")
    before = counts(database)
    for deposit, reason in (("abc", "押金（元）: 不是以元为单位的金额，如 20 或 20.00"),
                            ("200.01", "押金（元）: 不能超过 ¥200.00")):
        page = client.post(f"/cards/residents/{resident}/issue",
                           data={"uid": "04A1B2C3", "deposit": deposit, "method": "cash"}).get_data(as_text=True)
        assert reason in page and f'value="{deposit}"' in page
    bad = client.post(f"/cards/residents/{resident}/issue", data={"uid": "XYZ", "deposit": "", "method": "cash"})
    assert bad.status_code == 422 and "卡号: 不是有效的卡号" in bad.get_data(as_text=True)
    assert counts(database) == before and cards(database) == []


def test_lost_then_replaced_without_the_old_card_keeps_wallet_and_deposit(client, auth, make, database, api):
    resident = make.resident(balance_fen=3000)
    auth.login("manager")
    client.post(f"/cards/residents/{resident}/issue", data={"uid": "04A1B2C3", "deposit": "20", "method": "cash"})
    assert client.post("/cards/04A1B2C3/lost").headers["Location"] == f"/residents/{resident}#cards"
    assert cards(database) == [("04A1B2C3", resident, "blocked", 2000)]
    form = client.get("/cards/04A1B2C3/replace").get_data(as_text=True)
    assert "¥20.00" in form
    response = client.post("/cards/04A1B2C3/replace", data={"new_uid": "04D5E6F7"})
    assert response.headers["Location"] == f"/residents/{resident}#cards"
    assert cards(database) == [("04A1B2C3", resident, "blocked", 0), ("04D5E6F7", resident, "active", 2000)]
    with database.reader() as session:
        assert wallet_of(session, resident).balance_fen == 3000
    assert balances(database) == {"cash": 5000, "card_deposit": 2000}
    assert actions(database, "04A1B2C3") == ["card.issued", "card.reported_lost", "card.replaced"]
    assert actions(database, "04D5E6F7") == ["card.issued"]
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert "已换新卡（永久停用）" in page and 'action="/cards/04A1B2C3/unblock"' not in page
    # The replaced card stays blocked; the new one settles a meal.
    again = client.post("/cards/04A1B2C3/unblock")
    assert "这张卡已补办新卡，不能解除挂失" in client.get(again.headers["Location"]).get_data(as_text=True)
    make.canteen_settings(sale_needs_shift=False)  # the client's session is the manager's now, with no shift
    sale = api.post("/api/v1/sales", {"idempotency_key": "new-card-0001", "meal_period": "lunch",
                                      "credential": {"card_uid": "04D5E6F7"},
                                      "items": [{"dish_id": make.dish(price_fen=1000), "qty": 1}]})
    settled = sale.get_json()
    assert (sale.status_code, settled["subsidy_fen"], settled["balance_after_fen"]) == (201, 200, 2200)


def test_a_new_card_number_in_use_is_refused_naming_its_holder(client, auth, make, database):
    resident = make.resident(name="张桂兰")
    other = make.resident(name="王淑珍", born=date(1949, 2, 2))
    make.card(resident, uid="04A1B2C3")
    make.card(other, uid="04D5E6F7")
    auth.login("manager")
    before = counts(database)
    response = client.post("/cards/04A1B2C3/replace", data={"new_uid": "04D5E6F7"})
    assert response.status_code == 422
    assert f"新卡号: 卡 04D5E6F7 已发给 王*珍({masked_id(database, other)[-4:]})" in response.get_data(as_text=True)
    assert counts(database) == before
    assert cards(database) == [("04A1B2C3", resident, "active", 0), ("04D5E6F7", other, "active", 0)]


def test_unblock_and_return_with_the_deposit_refunded(client, auth, make, database):
    resident = make.resident()
    auth.login("manager")
    client.post(f"/cards/residents/{resident}/issue", data={"uid": "04A1B2C3", "deposit": "15.50", "method": "cash"})
    client.post("/cards/04A1B2C3/lost")
    client.post("/cards/04A1B2C3/unblock")
    assert cards(database) == [("04A1B2C3", resident, "active", 1550)]
    assert "应退押金：¥15.50" in client.get("/cards/04A1B2C3/return").get_data(as_text=True)
    response = client.post("/cards/04A1B2C3/return", data={"method": "cash"})
    assert "卡 04A1B2C3 已退回；已退押金 ¥15.50。" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert cards(database) == [("04A1B2C3", resident, "returned", 0)]
    assert balances(database) == {"cash": 0, "card_deposit": 0}
    assert actions(database, "04A1B2C3") == ["card.issued", "card.reported_lost", "card.unblocked", "card.returned"]
    # Returned, the card may be given out again (to anyone).
    other = make.resident(name="李秀英", born=date(1951, 6, 1))
    assert client.post(f"/cards/residents/{other}/issue", data={"uid": "04A1B2C3", "method": "cash"}).status_code == 302
    assert cards(database) == [("04A1B2C3", other, "active", 0)]


def test_a_lost_card_reported_twice_is_told_and_nothing_changes(client, auth, make, database):
    resident = make.resident()
    make.card(resident)
    auth.login("manager")
    client.post("/cards/04A1B2C3/lost")
    before = counts(database)
    response = client.post("/cards/04A1B2C3/lost")
    assert "卡 04A1B2C3 已经挂失（或已补办新卡）" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert counts(database) == before
    assert client.post("/cards/FFFFFFFF/lost").status_code == 404



def test_whose_card_is_this(client, auth, make):
    resident = make.resident()
    make.card(resident)
    auth.login("manager")
    assert "这是谁的卡？" in client.get("/cards").get_data(as_text=True)
    found = client.get(f"/cards?uid={0x04A1B2C3:010d}")
    assert (found.status_code, found.headers["Location"]) == (302, f"/residents/{resident}#cards")
    unknown = client.get("/cards?uid=04FFFFFF")
    assert unknown.status_code == 404 and "卡号: 没有这个卡号的卡" in unknown.get_data(as_text=True)
    bad = client.get("/cards?uid=XYZ")
    assert bad.status_code == 404 and "卡号: 不是有效的卡号" in bad.get_data(as_text=True)
    auth.login("cashier")
    assert client.get("/cards").status_code == 403


def test_in_english_the_refusal_names_the_field_and_the_holder(client, auth, make, database):
    holder = make.resident(name="张桂兰")
    other = make.resident(name="李秀英", born=date(1951, 6, 1))
    make.card(holder)
    auth.login("manager")
    client.get("/locale/en")
    page = client.post(f"/cards/residents/{other}/issue",
                       data={"uid": "04A1B2C3", "deposit": "2o", "method": "cash"}).get_data(as_text=True)
    assert "Deposit (yuan): is not an amount in yuan, such as 20 or 20.00" in page
    page = client.post(f"/cards/residents/{other}/issue",
                       data={"uid": "04A1B2C3", "deposit": "20", "method": "cash"}).get_data(as_text=True)
    assert f"Card number: card 04A1B2C3 is already issued to 张*兰({masked_id(database, holder)[-4:]})" in page
    shown = client.get(f"/residents/{holder}").get_data(as_text=True)
    assert "Active, in use" in shown and "Report lost" in shown and "Replace with a new card" in shown


def test_a_button_without_its_csrf_token_changes_nothing(app, client, auth, make, database):
    resident = make.resident()
    make.card(resident)
    auth.login("manager")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/cards/04A1B2C3/lost")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400  # refused by CSRFProtect before the page runs
    assert cards(database) == [("04A1B2C3", resident, "active", 0)]
