"""The QR pass on the phone: a new code every 30-second step, and it settles a meal once."""
import io
from datetime import datetime, timezone

import zxingcpp
from PIL import Image

from cards.qrpass import dynamic_payload
from pos.credentials import passes
from pos.residents.models import Resident

# A step boundary: Unix time 1_795_838_400 is step 59_861_280.
STEP_START = datetime(2026, 11, 28, 4, 0, 0, tzinfo=timezone.utc)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def decode(png: bytes) -> str:
    (barcode,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    return barcode.text


def test_the_pass_page_counts_down_and_loads_its_script(phone):
    page = phone.get("/me/pass")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "请在柜台出示这个码" in text and "新码还有" in text
    assert '/static/me.js' in text and 'data-source="/me/pass.json"' in text


def test_a_new_step_gives_a_new_code(phone, resident, database, monkeypatch):
    clock = FakeClock(STEP_START.replace(second=5))
    monkeypatch.setattr(passes, "utc_now", clock)
    first = phone.get("/me/pass.json").get_json()
    with database.unit_of_work() as session:
        secret = session.get(Resident, resident.id).qr_secret  # created on first use
    assert len(secret) == 32
    assert (first["step"], first["seconds_left"], first["used"]) == (59_861_280, 25, False)
    assert first["payload"] == dynamic_payload(resident.id, secret, clock.now)
    assert first["svg"].startswith("<svg") or first["svg"].startswith("<?xml")
    clock.now = STEP_START.replace(second=29)
    assert phone.get("/me/pass.json").get_json()["payload"] == first["payload"]
    clock.now = STEP_START.replace(second=30)
    second = phone.get("/me/pass.json").get_json()
    assert (second["step"], second["seconds_left"]) == (59_861_281, 30)
    assert second["payload"] != first["payload"]
    assert second["payload"] == f"CP1-{resident.id}-59861281-{second['payload'].rsplit('-', 1)[1]}"
    with database.unit_of_work() as session:
        assert session.get(Resident, resident.id).qr_secret == secret  # the secret stays


def test_the_code_on_the_phone_settles_a_meal_once(api, make, phone):
    payload = decode(phone.get("/me/pass.png").data)
    panel = api.post("/api/v1/credentials/present", {"credential": {"qr": payload}})
    assert panel.status_code == 200
    assert (panel.get_json()["resident"]["name"], panel.get_json()["static_pass"]) == ("张桂兰", False)
    assert phone.get("/me/pass.json").get_json()["used"] is True
    dish = make.dish(price_fen=1000)
    sale = api.post("/api/v1/sales", {"idempotency_key": "phone-pass-0001", "meal_period": "lunch",
                                      "credential": {"presentation": panel.get_json()["presentation"]},
                                      "items": [{"dish_id": dish, "qty": 1}]})
    assert sale.status_code == 201
    assert (sale.get_json()["subsidy_fen"], sale.get_json()["balance_after_fen"]) == (200, 2200)
    again = api.post("/api/v1/credentials/present", {"credential": {"qr": payload}})
    assert again.get_json()["error"]["code"] == "qr_reused"
