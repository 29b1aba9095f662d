"""The printed pass: a manager prints it, a new print revokes the old one."""
import io

import zxingcpp
from PIL import Image


def decode(png: bytes) -> str:
    (barcode,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return barcode.text


def test_a_printed_pass_settles_and_a_reprint_revokes_it(api, manager_api, make):
    resident = make.resident(balance_fen=3000)
    assert manager_api.get(f"/api/v1/residents/{resident}/pass.png").get_json()["error"]["code"] == "pass_not_issued"
    issued = manager_api.post(f"/api/v1/residents/{resident}/pass", {})
    assert issued.status_code == 201
    first = issued.get_json()
    assert first["issue"] == 2 and first["payload"].startswith(f"CS1-{resident}-2-")
    printed = manager_api.get(f"/api/v1/residents/{resident}/pass.png")
    assert printed.mimetype == "image/png"
    assert decode(printed.data) == first["payload"]
    assert manager_api.get(f"/api/v1/residents/{resident}/pass.svg").mimetype == "image/svg+xml"
    panel = api.post("/api/v1/credentials/present", {"credential": {"qr": first["payload"]}}).get_json()
    assert panel["static_pass"] is True
    second = manager_api.post(f"/api/v1/residents/{resident}/pass", {}).get_json()
    assert second["issue"] == 3
    old = api.post("/api/v1/credentials/present", {"credential": {"qr": first["payload"]}})
    assert old.get_json()["error"]["code"] == "qr_revoked"
    assert api.post("/api/v1/credentials/present", {"credential": {"qr": second["payload"]}}).status_code == 200


def test_printing_is_for_managers(api, make):
    resident = make.resident()
    assert api.post(f"/api/v1/residents/{resident}/pass", {}).status_code == 403
    assert api.get(f"/api/v1/residents/{resident}/pass.png").status_code == 403
