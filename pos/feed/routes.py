"""The feed page (managers): make a closed month's or day's feed, download its files and signatures, and see
every push to the platform."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _

from pos.access import requires
from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.db import get_db, read_session, release_read_session
from pos.errors import CanteenError
from pos.feed.periods import chosen_period
from pos.feed.push import Pacing, push_files, recent_attempts, shown_url
from pos.feed.services import FILE_NAME, export_feed, feed_files, feed_folder
from pos.feed.signing import key_id

bp = Blueprint("feed", __name__, url_prefix="/feed")
PAGE_PACING = Pacing(first_pause=1.0, timeout=10.0)  # a manager waits on the page: 3 tries within about 35 s
MIMES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "sig": "application/json"}


@bp.route("/")
@requires("manager")
def index():
    """The form, the feeds made so far, how the platform is set up and the pushes."""
    config = settings()
    last_month = canteen_today().replace(day=1) - timedelta(days=1)  # the latest month a feed can be made for
    files = [(path, path.stat().st_size, datetime.fromtimestamp(path.stat().st_mtime, timezone.utc))
             for path in feed_files(feed_folder(config))]
    return render_template("feed/index.html", files=files, attempts=recent_attempts(read_session()),
                           last_month=last_month.strftime("%Y-%m"),
                           key_id=key_id(config.feed_key) if config.feed_key else None,
                           id_numbers=config.feed_id_numbers,
                           url=shown_url(config.feed_url) if config.feed_url else None)


@bp.route("/make", methods=["POST"])
@requires("manager")
def make():
    """Write the period's feed into the instance folder, signed; then back to the list."""
    try:
        period = chosen_period(request.form.get("month", "").strip() or None,
                               request.form.get("day", "").strip() or None)
        release_read_session()  # the export reads in one snapshot of its own
        made = export_feed(get_db(), settings(), period, request.form.get("format", "jsonl"), feed_folder(settings()),
                           utc_now())
        flash(_("The feed for %(period)s was written: %(files)s", period=period.label,
                files=", ".join(f.path.name for f in made)), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return redirect(url_for("feed.index"))


@bp.route("/push", methods=["POST"])
@requires("manager")
def push():
    """POST one feed file and its signature to CANTEEN_FEED_URL now (quicker tries than the command's)."""
    name = request.form.get("name", "")
    path = feed_folder(settings()) / name
    if not FILE_NAME.match(name) or name.endswith(".sig") or not path.is_file():
        abort(404)
    try:
        result = push_files(get_db(), settings(), [path], utc_now, PAGE_PACING)[0]
    except CanteenError as exc:
        flash(exc.localised(), "error")
    else:
        if result.delivered:
            flash(_("%(file)s was accepted by the platform.", file=name), "ok")
        else:
            flash(_("%(file)s was not delivered: %(error)s", file=name, error=result.error), "error")
    return redirect(url_for("feed.index"))


@bp.route("/files/<name>")
@requires("manager")
def download(name: str):
    """A feed file or its signature, by the name the list shows (nothing else in the folder is served)."""
    if not FILE_NAME.match(name):
        abort(404)
    return send_from_directory(feed_folder(settings()), name, as_attachment=True,
                               mimetype=MIMES[name.rsplit(".", 1)[1]], max_age=0)
