"""Top-ups on the API: a key answers for one request only, the resident in its path included."""


def test_a_top_up_key_reused_for_another_resident_is_refused_not_replayed(api, make):
    first, second = make.resident(), make.resident()
    body = {"amount_fen": 1000, "method": "cash", "idempotency_key": "top-up-key-reused"}
    assert api.post(f"/api/v1/residents/{first}/topups", body).status_code == 201
    again = api.post(f"/api/v1/residents/{second}/topups", body)
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "idempotency_conflict")
    assert api.post(f"/api/v1/residents/{first}/topups", body).status_code == 200  # a true retry is replayed


def test_a_top_up_key_reused_for_no_such_resident_is_refused(api, make):
    resident = make.resident()
    body = {"amount_fen": 1000, "method": "cash", "idempotency_key": "top-up-key-nobody"}
    api.post(f"/api/v1/residents/{resident}/topups", body)
    assert api.post("/api/v1/residents/999999/topups", body).status_code == 409
