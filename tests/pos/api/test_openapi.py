"""The OpenAPI document is valid and describes every API route, and only those, as its view declares it."""
import re

from openapi_spec_validator import validate

from pos.access import PUBLIC, access_of
from pos.api.blueprint import API_PREFIX

AUTOMATIC = {"HEAD", "OPTIONS"}  # Flask answers these for every route


def documented_operations(document: dict) -> dict[tuple[str, str], dict]:
    """(path with {} for each parameter, METHOD) -> the operation."""
    return {(re.sub(r"\{\w+\}", "{}", path), method.upper()): op
            for path, item in document["paths"].items() for method, op in item.items() if method != "parameters"}


def api_routes(app) -> dict[tuple[str, str], str]:
    """(path with {} for each parameter, METHOD) -> the endpoint, for every rule under the API's prefix."""
    return {(re.sub(r"<[^>]+>", "{}", rule.rule.removeprefix(API_PREFIX)), method): rule.endpoint
            for rule in app.url_map.iter_rules() if rule.rule.startswith(API_PREFIX + "/")
            for method in rule.methods - AUTOMATIC}


def test_openapi_document_is_valid(client):
    validate(client.get("/api/v1/openapi.json").get_json())


def test_every_route_is_documented_and_every_documented_operation_is_a_route(client, app):
    documented = documented_operations(client.get("/api/v1/openapi.json").get_json())
    routes = api_routes(app)
    assert sorted(routes.keys() - documented.keys()) == [], "routes missing from pos/apidoc/document.py"
    assert sorted(documented.keys() - routes.keys()) == [], "documented operations that are no route"


def test_each_operation_says_who_may_call_it_as_its_view_does(client, app):
    documented = documented_operations(client.get("/api/v1/openapi.json").get_json())
    for key, endpoint in api_routes(app).items():
        op = documented[key]
        assert op["x-access"] == access_of(endpoint, app), key
        assert ("security" in op and op["security"] == []) == (op["x-access"] == PUBLIC), key


def test_each_operation_declares_the_refusals_every_call_can_meet(client, app):
    document = client.get("/api/v1/openapi.json").get_json()
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            statuses = set(op["responses"])
            if op["x-access"] != PUBLIC:
                assert {"401", "503"} <= statuses, (path, method)
            if "requestBody" in op:
                assert {"413", "422"} <= statuses, (path, method)
            if "{" in path:
                assert "404" in statuses, (path, method)
            assert "500" not in statuses and "default" not in statuses, (path, method)


def test_a_method_a_path_does_not_list_is_refused_with_405_and_an_error_body(api):
    response = api.client.delete("/api/v1/dishes", headers=api.headers)
    assert (response.status_code, response.get_json()["error"]["code"]) == (405, "method_not_allowed")
