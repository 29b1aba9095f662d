"""Every route says who may use it, and the roles hold."""
from flask import Blueprint

from pos.access import TERMINAL, access_of, requires
from tests.conftest import Api


def test_every_endpoint_declares_its_access(app):
    undeclared = [rule.endpoint for rule in app.url_map.iter_rules() if access_of(rule.endpoint, app) is None]
    assert undeclared == []


def test_undeclared_view_is_refused(app, client, auth):
    app.add_url_rule("/forgotten", "forgotten", lambda: "open?")
    auth.login("admin")
    assert client.get("/forgotten").status_code == 403


def test_roles_are_ordered(app, client, auth):
    bp = Blueprint("probe", __name__)
    bp.add_url_rule("/probe/manager", "m", requires("manager")(lambda: "ok"))
    app.register_blueprint(bp)
    auth.login("cashier")
    assert client.get("/probe/manager").status_code == 403
    auth.logout()
    auth.login("admin", username="boss")
    assert client.get("/probe/manager").get_data(as_text=True) == "ok"


def test_unknown_api_path_gets_a_json_error(client):
    response = client.get("/api/v1/anything")
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": "not_found", "message": "页面不存在。"}}


# What a terminal's token opens without a member of staff signed in: nothing that names a resident.
TOKEN_ALONE = {"auth_api.sign_in", "dishes_api.list_dishes", "menus_api.menu_today_view", "menus_api.counter_menu_view",
               "menus_api.counter_menu_version", "reader_api.reader_status", "reader_api.reader_ticket"}


def test_a_token_alone_opens_no_resident(app):
    terminal_only = {rule.endpoint for rule in app.url_map.iter_rules() if access_of(rule.endpoint, app) == TERMINAL}
    assert terminal_only == TOKEN_ALONE


def test_a_token_alone_cannot_quote_a_residents_balance(app, make):
    make.canteen()
    card = make.card(make.resident(balance_fen=5000))
    bare = Api(app.test_client(), make.terminal())
    response = bare.post("/api/v1/sales/quote", {"credential": {"card_uid": card},
                                                 "items": [{"dish_id": make.dish(), "qty": 1}]})
    assert response.status_code == 401
    assert "balance" not in response.get_data(as_text=True)
