"""Languages: Simplified Chinese first, English second, chosen per session."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, has_request_context, redirect, request, session
from flask_babel import Babel, LazyString, format_date, format_datetime, get_locale, lazy_gettext

from pos.access import public
from pos.config import LOCALES
from vocabulary import Term

bp = Blueprint("i18n", __name__)


def ui_language() -> str:
    """The request's language as the data names it: "en" or "zh_CN"."""
    return "en" if get_locale().language == "en" else "zh_CN"


def term(word: Term) -> str:
    """A word of the canteen's vocabulary in the request's language, as a heading or button says it."""
    text = word.label(ui_language())
    return text[:1].upper() + text[1:]


def lazy_term(word: Term) -> LazyString:
    """`term`, resolved when shown (for labels defined at import time)."""
    return LazyString(term, word)


def lazy_text(text: str, **params: object) -> LazyString:
    """UI text translated when shown, for labels defined at import time (extracted as `_l`)."""
    return lazy_gettext(text, **params)


def select_locale() -> str:
    """The session's choice, else the canteen's default (also for CLI commands)."""
    if not has_request_context():
        return current_app.config["CANTEEN_LOCALE"]
    chosen = session.get("locale")
    if chosen in LOCALES:
        return chosen
    if request.path.startswith("/api/") and request.accept_languages:
        # Programs say which language their users read; pages default to the canteen's.
        best = request.accept_languages.best_match(["zh-CN", "zh", "en"])
        if best:
            return "en" if best == "en" else "zh_CN"
    return current_app.config["CANTEEN_LOCALE"]


@bp.route("/locale/<code>", methods=["POST", "GET"])
@public
def choose_locale(code: str):
    """Switch the UI language for this browser."""
    if code in LOCALES:
        session["locale"] = code
    target = request.referrer or "/"
    return redirect(target if target.startswith(request.host_url) or target.startswith("/") else "/")


def init_app(app: Flask) -> None:
    """Install Flask-Babel with our catalogs."""
    # Babel reads "zh_CN" as zh_Hans_CN, so that is the catalog's folder name.
    Babel(app, locale_selector=select_locale, default_translation_directories="translations")
    app.register_blueprint(bp)

    app.jinja_env.globals.update(format_date=format_date, format_datetime=format_datetime)

    @app.context_processor
    def html_lang() -> dict[str, str]:
        return {"html_lang": "en" if get_locale().language == "en" else "zh-CN"}
