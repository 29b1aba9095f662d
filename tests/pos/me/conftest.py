"""A resident with a card and a PIN, and a browser signed in as them."""
from dataclasses import dataclass

import pytest

PIN = "2580"


@dataclass
class Resident:
    id: int
    uid: str


@pytest.fixture
def resident(api, make) -> Resident:
    """张桂兰, 76, with 30 yuan, card 04A1B2C3 and PIN 2580 set at the counter."""
    resident_id = make.resident(balance_fen=3000)
    api.post("/api/v1/cards", {"resident_id": resident_id, "uid": "04A1B2C3"})
    assert api.post(f"/api/v1/residents/{resident_id}/pin", {"pin": PIN}).status_code == 200
    return Resident(resident_id, "04A1B2C3")


@pytest.fixture
def phone(app, resident):
    """The resident's phone, signed in on /me (a browser of its own, without staff login)."""
    browser = app.test_client()
    response = browser.post("/me/sign-in", data={"card": "0077705923", "pin": PIN})  # the UID typed as decimal
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser
