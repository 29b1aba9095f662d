"""The terminals pages: admins register (the token shown once, as text and QR code), rename and revoke."""
import base64
import re

import zxingcpp
from PIL import Image
from sqlalchemy import select

from pos.audit.models import AuditEntry
from pos.terminals.models import Terminal
from tests.conftest import Api


def registered(client, name="Counter 2"):
    response = client.post("/terminals/", data={"name": name})
    page = response.get_data(as_text=True)
    token = re.search(r'id="token" class="token" value="([^"]+)"', page).group(1)
    return response, page, token


def test_only_admins_manage_terminals(client, auth):
    auth.login("manager")
    assert client.get("/terminals/").status_code == 403
    assert client.post("/terminals/", data={"name": "x"}).status_code == 403


def test_the_token_is_shown_once_as_text_and_as_a_qr_code_of_itself(client, auth, database):
    auth.login("admin")
    response, page, token = registered(client)
    assert response.status_code == 201 and "Counter 2 已登记" in page and "令牌只显示这一次。" in page
    assert response.headers["Cache-Control"] == "no-store"
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1))
    assert decode_svg(svg) == token  # a keyboard-wedge scanner types exactly the token into the counter
    listing = client.get("/terminals/").get_data(as_text=True)
    assert "Counter 2" in listing and token not in listing
    with database.unit_of_work() as session:
        assert token not in str(session.scalars(select(AuditEntry.after)).all())


def decode_svg(svg: bytes) -> str:
    """Draw the QR code's path (qrcode's SvgPathImage: 1 mm modules) and read it back."""
    path = re.search(rb' d="([^"]+)"', svg).group(1).decode()
    size = int(float(re.search(rb'width="([\d.]+)mm"', svg).group(1)))
    image = Image.new("L", (size * 10, size * 10), 255)
    for x, y in re.findall(r"M([\d.]+),([\d.]+)", path):
        left, top = int(float(x)) * 10, int(float(y)) * 10
        image.paste(0, (left, top, left + 10, top + 10))
    (code,) = zxingcpp.read_barcodes(image)
    return code.text


def test_a_refused_name_is_kept_and_nothing_stored(client, auth, make, database):
    auth.login("admin")
    make.terminal("Counter 2")
    taken = client.post("/terminals/", data={"name": "Counter 2"})
    assert taken.status_code == 409 and "名称: 终端 Counter 2 已存在" in taken.get_data(as_text=True)
    long = client.post("/terminals/", data={"name": "台" * 61})
    assert long.status_code == 422 and 'value="' + "台" * 61 + '"' in long.get_data(as_text=True)
    with database.unit_of_work() as session:
        assert session.scalars(select(Terminal.name)).all() == ["Counter 2"]


def test_rename_keeps_the_token_working(app, client, auth, make, database):
    make.canteen()
    token = make.terminal("Counter 2")
    auth.login("admin")
    terminal_id = only_id(database)
    assert 'value="Counter 2"' in client.get(f"/terminals/{terminal_id}/name").get_data(as_text=True)
    empty = client.post(f"/terminals/{terminal_id}/name", data={"name": " "})
    assert empty.status_code == 422 and "名称: 必须填写" in empty.get_data(as_text=True)
    renamed = client.post(f"/terminals/{terminal_id}/name", data={"name": "门口收银台"})
    assert renamed.headers["Location"] == "/terminals/"
    assert "终端已改名为 门口收银台。" in client.get("/terminals/").get_data(as_text=True)
    assert Api(app.test_client(), token).get("/api/v1/dishes").status_code == 200


def only_id(database) -> int:
    with database.unit_of_work() as session:
        return session.scalar(select(Terminal.id))


def test_a_revoked_terminals_next_api_call_is_refused(app, client, auth, make, database):
    make.canteen()
    counter = Api(app.test_client(), make.terminal("Counter 2")).sign_in(make)
    assert counter.get("/api/v1/shifts/current").status_code == 200
    auth.login("admin")
    terminal_id = only_id(database)
    ask = client.get(f"/terminals/{terminal_id}/revoke").get_data(as_text=True)
    assert "吊销 Counter 2？" in ask and "此操作无法撤销" in ask
    assert client.post(f"/terminals/{terminal_id}/revoke").headers["Location"] == "/terminals/"
    refused = counter.get("/api/v1/shifts/current")
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (401, "terminal_unauthorized")
    assert counter.post("/api/v1/reader/ticket", {}).status_code == 401
    listing = client.get("/terminals/").get_data(as_text=True)
    assert "已吊销" in listing and f"/terminals/{terminal_id}/revoke" not in listing
    again = client.post(f"/terminals/{terminal_id}/revoke")
    assert again.status_code == 409 and "终端 Counter 2 已经吊销" in again.get_data(as_text=True)
    with database.unit_of_work() as session:
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.subject == "terminal")
                                  .order_by(AuditEntry.id)).all()
    assert actions == ["terminal.added", "terminal.revoked"]


def test_no_such_terminal_is_a_404(client, auth):
    auth.login("admin")
    assert client.get("/terminals/999/name").status_code == 404
    assert client.post("/terminals/999/revoke").status_code == 404


def test_revoking_ends_the_terminals_open_reader_streams(app, client, auth, make, database):
    make.terminal("Counter 2")
    other_token = make.terminal("Counter 3")
    auth.login("admin")
    hub = app.extensions["canteen_reader"]
    with database.unit_of_work() as session:
        ids = dict(session.execute(select(Terminal.name, Terminal.id)).all())
    revoked, kept = hub.subscribe(ids["Counter 2"]), hub.subscribe(ids["Counter 3"])
    client.post(f"/terminals/{ids['Counter 2']}/revoke")
    assert (revoked.closed, kept.closed) == (True, False)
    assert Api(app.test_client(), other_token).get("/api/v1/dishes").status_code == 200


def test_an_admin_names_the_card_reader_of_each_counter(app, client, auth, make, database):
    from cards.events import ReaderEvent
    from pos.reader import api as reader_api
    from pos.reader.hub import ReaderHub

    hub = ReaderHub(False)  # no watcher: the readers the server sees are told to it here
    reader_api.init_app(app, hub)
    for reader in ("Virtual PCD 00 00", "Virtual PCD 00 01"):
        hub.on_event(ReaderEvent("reader_online", reader))
    make.terminal("Door")
    make.terminal("Window", reader_name="Virtual PCD 00 01")
    auth.login("admin")
    with database.unit_of_work() as session:
        door = session.scalar(select(Terminal.id).where(Terminal.name == "Door"))
    form = client.get(f"/terminals/{door}/reader").get_data(as_text=True)
    assert "Door 的读卡器" in form and 'value=""' in form
    assert ('<option value="Virtual PCD 00 00"><option value="Virtual PCD 00 01">' in form
            and "服务器当前连接的读卡器： <code>Virtual PCD 00 00</code>, <code>Virtual PCD 00 01</code>" in form)
    taken = client.post(f"/terminals/{door}/reader", data={"reader_name": "Virtual PCD 00 01"})
    assert taken.status_code == 409
    assert "读卡器: 读卡器 Virtual PCD 00 01 已属于终端 Window" in taken.get_data(as_text=True)
    assert 'value="Virtual PCD 00 01"' in taken.get_data(as_text=True)  # as typed, to correct
    named = client.post(f"/terminals/{door}/reader", data={"reader_name": "Virtual PCD 00 00"})
    assert named.headers["Location"] == "/terminals/"
    listing = client.get("/terminals/").get_data(as_text=True)
    assert "Virtual PCD 00 00 上的刷卡现在只到达 Door。" in listing
    assert listing.count("<code>Virtual PCD 00 0") == 2
    client.post(f"/terminals/{door}/reader", data={"reader_name": ""})
    assert "Door 现在没有读卡器：那里的刷卡不会到达任何收银屏。" in client.get("/terminals/").get_data(as_text=True)
    auth.login("manager")
    assert client.get(f"/terminals/{door}/reader").status_code == 403
