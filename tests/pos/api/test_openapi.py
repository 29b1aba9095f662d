"""The OpenAPI document is valid and lists every API route."""
import re

from openapi_spec_validator import validate


def test_openapi_document_is_valid_and_complete(client, app):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    documented = {re.sub(r"\{\w+\}", "{}", path) for path in document["paths"]}
    routes = {re.sub(r"<[^>]+>", "{}", rule.rule.removeprefix("/api/v1"))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert sorted(routes - documented - {"/openapi.json", "/session"}) == []
