"""GET /api/v1/openapi.json: the document, for programs and for people reading the API."""
from __future__ import annotations

from flask import jsonify

from pos.access import public
from pos.api.blueprint import api_blueprint
from pos.apidoc.document import DOCUMENT

bp = api_blueprint("api", __name__)  # url_for("api.openapi") finds the API's root


@bp.get("/openapi.json")
@public
def openapi():
    """The OpenAPI document."""
    return jsonify(DOCUMENT)
