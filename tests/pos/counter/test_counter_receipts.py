"""What the cashier screen is told about receipts: whether a printer is set up, where a sale's receipt PDF is,
and whether the receipts' QR codes would point at this loopback address (no public address set)."""
import pytest

import receipts
from pos.counter.page import loopback
from tests.pos.counter.test_counter_page import boot_config

NO_PRINTER = '<span id="printer-none" class="notice" >'


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1:8000", True), ("localhost", True), ("LOCALHOST:5000", True), ("127.0.1.1", True),
    ("[::1]:8000", True), ("counter.localhost", True), ("192.168.1.20:8000", False), ("canteen.example.cn", False),
    ("localhost.example.cn", False), ("", False)])
def test_loopback_hosts(host, expected):
    assert loopback(host) is expected


def test_without_a_printer_or_public_address_at_localhost_the_header_says_both(client, auth, make):
    make.canteen()
    auth.login("cashier")
    response = client.get("/counter")
    config, html = boot_config(response), response.get_data(as_text=True)
    assert (config["printer"], config["receipt_qr_unreachable"]) == (False, True)
    assert config["receipt_pdf"] == "/receipts/sales/{id}.pdf"
    assert NO_PRINTER in html and "未配置打印机" in html
    assert 'id="qr-warning"' in html and 'id="qr-warning-settings"' not in html  # only admins change settings


def test_an_admin_is_sent_to_the_settings(client, auth, make):
    make.canteen()
    auth.login("admin")
    html = client.get("/counter").get_data(as_text=True)
    assert '<a id="qr-warning-settings" href="/settings">' in html


def test_a_public_address_or_a_lan_address_needs_no_warning(client, auth, make):
    make.canteen()
    make.user(username="lan-cashier", role="cashier", password="secret-pass")
    lan = "http://192.168.1.20:8000"
    client.post("/login", data={"username": "lan-cashier", "password": "secret-pass"}, base_url=lan)
    assert boot_config(client.get("/counter", base_url=lan))["receipt_qr_unreachable"] is False
    auth.login("cashier")
    make.canteen_settings(public_base_url="https://canteen.example.cn")
    response = client.get("/counter")
    assert boot_config(response)["receipt_qr_unreachable"] is False
    assert 'id="qr-warning"' not in response.get_data(as_text=True)


def test_a_printer_set_up_is_not_mentioned(app, client, auth, make):
    make.canteen()
    make.canteen_settings(printer="tcp://192.168.1.50:9100")
    auth.login("cashier")
    response = client.get("/counter")
    assert boot_config(response)["printer"] is True
    assert '<span id="printer-none" class="notice" hidden>' in response.get_data(as_text=True)
    app.extensions["canteen_printer"] = receipts.NullPrinter()  # as the browser tests set one up
    make.canteen_settings(printer="none")
    assert boot_config(client.get("/counter"))["printer"] is True
