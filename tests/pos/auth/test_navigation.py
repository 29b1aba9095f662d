"""The top bar links what each role works with, and the dashboard's tiles open the lists behind them."""
import re

from pos.context import canteen_today


def links(page: str) -> list[str]:
    nav = re.search(r'<nav aria-label="[^"]+">(.*?)</nav>', page, re.S).group(1)
    return re.findall(r'<a [^>]*?href="([^"]+)"', nav)


def test_a_cashier_sees_the_counter(client, auth):
    auth.login("cashier")
    assert links(client.get("/password").get_data(as_text=True)) == ["/counter", "/password", "/locale/zh_CN",
                                                                       "/locale/en"]


def test_a_rider_sees_their_deliveries_and_starts_there(client, auth):
    assert auth.login("rider").headers["Location"] == "/deliver"
    assert links(client.get("/deliver").get_data(as_text=True)) == ["/deliver", "/password", "/locale/zh_CN",
                                                                     "/locale/en"]
    assert client.get("/counter").status_code == 403


def test_a_manager_sees_the_back_office_they_run(client, auth):
    auth.login("manager")
    assert links(client.get("/").get_data(as_text=True)) == [
        "/", "/menu/", "/dishes/", "/residents", "/cards", "/orders", "/kitchen", "/deliveries", "/sales/",
        "/statements/", "/feed/", "/fraud", "/audit/", "/password", "/locale/zh_CN", "/locale/en"]


def test_an_admin_also_sees_staff_terminals_and_policies(client, auth):
    auth.login("admin")
    page = client.get("/terminals/").get_data(as_text=True)
    assert links(page) == ["/", "/menu/", "/dishes/", "/residents", "/cards", "/orders", "/kitchen", "/deliveries",
                           "/sales/", "/statements/", "/feed/", "/fraud", "/audit/", "/staff/", "/terminals/",
                           "/settings", "/policies/", "/password", "/locale/zh_CN",
                           "/locale/en"]
    assert '<a href="/terminals/" aria-current="page">终端</a>' in page


def test_the_dashboard_tiles_open_their_lists(app, client, auth, make):
    make.canteen()
    auth.login("manager")
    page = client.get("/").get_data(as_text=True)
    with app.test_request_context():
        closing = f"/statements/closing?date={canteen_today().isoformat()}"
    tiles = dict((tile_id, href) for href, tile_id in re.findall(
        r'<a class="tile" href="([^"]+)">\s*<span class="label">[^<]+</span><span class="value" id="(\w+)">', page))
    assert tiles == {"meals": closing, "subsidised": closing, "takings": closing, "subsidy": "/statements/",
                     "topups": closing}
    assert client.get(closing).status_code == 200


def test_a_cashiers_dashboard_links_nowhere_they_may_not_go(client, auth):
    auth.login("cashier")
    page = client.get("/").get_data(as_text=True)
    assert '<a class="tile"' not in page and page.count('<div class="tile">') == 5
