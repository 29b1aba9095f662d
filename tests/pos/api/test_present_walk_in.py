"""A walk-in has no resident to present: POST /credentials/present refuses it (found by test_openapi_fuzz.py)."""
import pytest


@pytest.mark.parametrize("value", [True, None, 1])
def test_a_walk_in_presented_at_the_counter_is_refused(manager_api, make, value):
    make.resident()
    response = manager_api.post("/api/v1/credentials/present", {"credential": {"walk_in": value}})
    assert (response.status_code, response.get_json()["error"]["code"]) == (422, "invalid_input")
