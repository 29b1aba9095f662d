"""The API described: the OpenAPI document of every /api/v1 route (it knows every feature; no feature knows it)."""
