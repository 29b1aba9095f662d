"""The application factory."""
from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from flask import Flask, render_template
from flask_wtf import CSRFProtect

from pos import db, errors, i18n, schema
from pos.auth import access, login_manager
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
    db.init_app(app, db.Database(config.database_url, pool_size=config.pool_size))
    for module in (errors, i18n, login_manager, access):
        module.init_app(app)
    csrf.init_app(app)
    register_blueprints(app)
    register_commands(app)
    app.add_template_filter(format_yuan, "yuan")
    guard_schema(app)
    return app


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
        "JSON_AS_ASCII": False,
    }


def register_blueprints(app: Flask) -> None:
    """One blueprint per feature; the API's route modules register on the API blueprint when imported."""
    from pos.api import catalog, ledger, menus, openapi, policies, receipts, residents, sales, shifts  # noqa: F401
    from pos.api.blueprint import bp as api_bp
    from pos.auth.routes import bp as auth_bp
    from pos.counter.routes import bp as counter_bp
    from pos.credentials import api as credentials_api  # noqa: F401  (card life, PINs, passes)
    from pos.dashboard.routes import bp as dashboard_bp
    from pos.me.routes import bp as me_bp
    from pos.menus.routes import bp as menus_bp
    from pos.menus.rules_routes import bp as menu_rules_bp
    from pos.policies.routes import bp as policies_bp
    from pos.printing.routes import bp as receipt_check_bp
    from pos.reader import api as reader_api
    from pos.statements.routes import bp as statements_bp

    csrf.exempt(api_bp)  # every API call carries a bearer token, which a forged cross-site request cannot
    for bp in (auth_bp, dashboard_bp, api_bp, counter_bp, me_bp, menus_bp, menu_rules_bp, statements_bp, policies_bp,
               receipt_check_bp):
        app.register_blueprint(bp)
    reader_api.init_app(app)


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
            return render_template("error.html", status=503, message=str(exc)), 503
        current["ok"] = True
        return None


def config_for_tests(database_url: str, instance_path: Path, **overrides) -> Config:
    """A config for tests: fixed secret, given database."""
    base = Config(instance_path=instance_path, database_url=database_url, secret_key="test", testing=True)
    return replace(base, **overrides)
