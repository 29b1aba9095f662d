"""Every answer keeps the app out of other sites' frames, runs no script but ours, keeps personal data out of
caches; behind HTTPS the cookie never travels in clear."""
import re
from pathlib import Path

from sqlalchemy import select

from pos import create_app
from pos.app import CONTENT_SECURITY_POLICY, config_for_tests
from pos.signins.models import SignIn

TEMPLATES = Path(__file__).resolve().parents[2] / "pos" / "templates"


def test_pages_and_api_answers_carry_protective_headers(client, api, auth):
    auth.login("manager")
    for response in (client.get("/statements/"), client.get("/me/login"), api.get("/api/v1/dishes")):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
        assert "Strict-Transport-Security" not in response.headers  # plain HTTP: HSTS would lock browsers out
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]


def test_no_template_holds_a_script_the_policy_would_block():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        inline = [tag for tag in re.findall(r"<script\b[^>]*>", text)
                  if "src=" not in tag and 'type="application/json"' not in tag]
        assert inline == [], template
        assert re.search(r"\son[a-z]+\s*=", text) is None, template  # onclick=, onsubmit=, ...
        assert "javascript:" not in text, template


def test_static_files_may_be_cached(client):
    response = client.get("/static/canteen.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_behind_https_cookies_are_secure_and_browsers_told_to_stay(database_url, tmp_path, make):
    app = create_app(config_for_tests(database_url, tmp_path, https=True, proxies=1))
    app.config["WTF_CSRF_ENABLED"] = False
    make.user(username="wang", role="manager", password="secret-pass")
    browser = app.test_client()
    response = browser.post("/login", data={"username": "wang", "password": "secret-pass"},
                            base_url="https://canteen.example", headers={"X-Forwarded-For": "203.0.113.5"})
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    with app.extensions["canteen_db"].unit_of_work() as session:
        assert session.scalar(select(SignIn.client)) == "203.0.113.5"  # the proxy's word for the client
