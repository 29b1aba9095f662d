"""Admins load policy versions from a page; managers read them; a bad file is refused with its key."""
from tests.factories import DEMO_POLICY


def test_managers_read_and_admins_load_versions(client, auth, make):
    make.canteen()
    auth.login("manager")
    page = client.get("/policies/").get_data(as_text=True)
    assert "尧都区老年助餐补贴（演示）" in page and "2026.1" in page and "导入新版本" not in page
    auth.logout()
    auth.login("admin", username="root")
    newer = DEMO_POLICY.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2027.1"')
    response = client.post("/policies/", data={"toml": newer, "use": "1"}, follow_redirects=True)
    assert "已导入政策 yaodu-demo 版本 2027.1。" in response.get_data(as_text=True)


def test_a_bad_policy_file_is_refused_by_key(client, auth, make):
    make.canteen()
    auth.login("admin")
    broken = DEMO_POLICY.read_text(encoding="utf-8").replace("subsidy_fen = 500", "subsidy_fen = 5.0")
    response = client.post("/policies/", data={"toml": broken})
    assert response.status_code == 422
    assert "rules[1]" in response.get_data(as_text=True)


def test_cashiers_cannot_load_policies(client, auth):
    auth.login("cashier")
    assert client.post("/policies/", data={"toml": "x"}).status_code == 403
