"""Every route says who may use it, and the roles hold."""
from flask import Blueprint

from pos.access import access_of, requires


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
