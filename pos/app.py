"""The application factory."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from flask import Flask, Response, current_app, request
from flask_wtf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from pos import access, db, errors, i18n, schema
from pos.auth import login_manager
from pos.clock import clock_time
from pos.config import Config
from vocabulary.money import format_yuan

log = logging.getLogger(__name__)
csrf = CSRFProtect()


def create_app(config: Config | None = None) -> Flask:
    """Build the app from `config`, or from the environment when none is given."""
    app = Flask(__name__, instance_relative_config=True)
    config = (config or Config.from_env(instance_path=Path(app.instance_path))).with_secret()
    app.instance_path = str(config.instance_path)  # CANTEEN_INSTANCE_PATH wins over Flask's guess
    app.config.update(flask_settings(config))
    app.extensions["canteen_config"] = config
    if config.proxies:  # the client's address and scheme as the trusted proxies in front report them
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.proxies, x_proto=config.proxies)  # type: ignore[method-assign]
    app.url_map.converters["int"] = DatabaseId  # before any route: /sales/<int:id> refuses 10**30 with a 404
    db.init_app(app, db.Database(config.database_url, pool_size=config.pool_size))
    for module in (errors, i18n, login_manager, access):
        module.init_app(app)
    csrf.init_app(app)
    register_blueprints(app)
    register_commands(app)
    app.after_request(protective_headers)
    app.add_template_filter(format_yuan, "yuan")
    app.add_template_filter(lambda moment: clock_time(moment, config.timezone), "hhmm")  # the canteen's clock
    guard_schema(app)
    return app


class DatabaseId(IntegerConverter):
    """An id in a URL: a whole number a database integer column can hold (1 to 2**31 - 1), else no such page."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def flask_settings(config: Config) -> dict:
    """The Flask and extension settings derived from our config."""
    return {
        "SECRET_KEY": config.secret_key,
        "TESTING": config.testing,
        "CANTEEN_NAME": config.canteen_name,
        "CANTEEN_LOCALE": config.locale,
        "CANTEEN_TIMEZONE": config.timezone,
        "BABEL_DEFAULT_LOCALE": config.locale,
        "BABEL_DEFAULT_TIMEZONE": config.timezone,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": config.https,  # behind HTTPS the cookie never travels in clear text
        "PREFERRED_URL_SCHEME": "https" if config.https else "http",
        "JSON_AS_ASCII": False,
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,  # 2 MB: more than any request or upload needs; a 413 otherwise
    }


# Scripts only from our own files (no inline script, no eval), nothing from other sites, no frames.
# Inline style attributes stay allowed: they cannot run code.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")


def protective_headers(response: Response) -> Response:
    """No page in another site's frame, no script but ours; nothing personal kept by a browser or a proxy."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def register_blueprints(app: Flask) -> None:
    """Every feature's pages and JSON routes, registered here and nowhere else."""
    from pos.alerts import routes as alert_pages
    from pos.apidoc import api as apidoc
    from pos.auditlog import routes as audit_pages
    from pos.auth import api as auth_api
    from pos.auth import routes as auth_pages
    from pos.auth import staff_routes as staff_pages
    from pos.canteens import routes as canteen_pages
    from pos.counter import api as counter_api
    from pos.counter import routes as counter_pages
    from pos.credentials import api as credentials_api
    from pos.credentials import routes as card_pages
    from pos.dashboard import routes as dashboard_pages
    from pos.delivery import routes as delivery_pages
    from pos.dishes import api as dishes_api
    from pos.dishes import routes as dish_pages
    from pos.enrolment import api as enrolment_api
    from pos.enrolment import routes as resident_pages
    from pos.family import routes as family_pages
    from pos.feed import routes as feed_pages
    from pos.fraud import routes as fraud_pages
    from pos.integrity import api as integrity_api
    from pos.kitchen import routes as kitchen_pages
    from pos.me import meal_routes as me_meal_pages
    from pos.me import routes as me_pages
    from pos.menus import api as menus_api
    from pos.menus import routes as menu_pages
    from pos.menus import rules_routes as menu_rule_pages
    from pos.orders import api as orders_api
    from pos.orders import routes as order_pages
    from pos.orders import standing_routes as standing_order_pages
    from pos.policies import api as policies_api
    from pos.policies import routes as policy_pages
    from pos.printing import api as printing_api
    from pos.printing import routes as receipt_check_pages
    from pos.reader import api as reader_api
    from pos.sales import api as sales_api
    from pos.sales import routes as sales_pages
    from pos.servicerecords import routes as service_record_pages
    from pos.shifts import api as shifts_api
    from pos.shifts.services import require_open_shift
    from pos.statements import routes as statement_pages
    from pos.terminals import routes as terminal_pages
    from pos.wallets import api as wallets_api
    from pos.wallets import routes as wallet_pages

    for pages in (auth_pages, dashboard_pages, counter_pages, me_pages, me_meal_pages, menu_pages, menu_rule_pages,
                  order_pages, delivery_pages, standing_order_pages, kitchen_pages, statement_pages, feed_pages,
                  policy_pages, receipt_check_pages, sales_pages, audit_pages, dish_pages,
                  canteen_pages, resident_pages, card_pages, wallet_pages, family_pages,
                  staff_pages, terminal_pages, alert_pages, service_record_pages, fraud_pages):
        app.register_blueprint(pages.bp)
    for api in (apidoc, auth_api, counter_api, credentials_api, dishes_api, enrolment_api, integrity_api, menus_api,
                orders_api, policies_api, printing_api, reader_api, sales_api, shifts_api, wallets_api):
        csrf.exempt(api.bp)  # every API call carries a bearer token, which a forged cross-site request cannot
        app.register_blueprint(api.bp)
    reader_api.init_app(app)
    # Sales and top-ups sit below shifts (which count them): they get the rule on shifts from here.
    app.extensions["canteen_shift_rule"] = require_open_shift


def register_commands(app: Flask) -> None:
    """The `canteen` command groups."""
    from pos.commands import register

    register(app)


def guard_schema(app: Flask) -> None:
    """Refuse to serve pages on a database behind the code, saying how to fix it."""
    current = {"ok": False}  # once current, a database does not fall behind while we run

    @app.before_request
    def refuse_if_behind():
        if current["ok"]:
            return None
        try:
            schema.check_current(db.get_db().engine)
        except schema.SchemaBehind as exc:
            return errors.error_response(503, "database_behind", str(exc))
        current["ok"] = True
        return None


def config_for_tests(database_url: str, instance_path: Path, **overrides) -> Config:
    """A config for tests: fixed secret, given database."""
    base = Config(instance_path=instance_path, database_url=database_url, secret_key="test", testing=True)
    return replace(base, **overrides)
