"""Every answer keeps the app out of other sites' frames and personal data out of caches."""


def test_pages_and_api_answers_carry_protective_headers(client, api, auth):
    auth.login("manager")
    for response in (client.get("/statements/"), client.get("/me/login"), api.get("/api/v1/dishes")):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    response = client.get("/static/canteen.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
