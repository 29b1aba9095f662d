"""Manager pages: the daily closing, the monthly subsidy claims, and resident statements."""
from __future__ import annotations

import io
import tempfile
from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from pos.access import requires
from pos.canteens.services import main_canteen
from pos.clock import utc_now
from pos.context import canteen_today, settings
from pos.db import get_db, read_session
from pos.delivery.figures import order_figures
from pos.errors import CanteenError, InvalidInput
from pos.input_text import checked_text, column_length
from pos.statements import services
from pos.statements.models import SubsidyClaim
from pos.statements.names import PolicyNames
from pos.statements.periods import parse_day, parse_month

bp = Blueprint("statements", __name__, url_prefix="/statements")
MIMES = {"pdf": "application/pdf", "csv": "text/csv",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _closing(day):
    return services.closing_for(read_session(), settings(), day, current_user.display_name, utc_now())


@bp.route("/")
@requires("manager")
def index():
    """What can be produced here."""
    session = read_session()
    return render_template("statements/index.html", today=canteen_today(), funders=services.funders(session),
                           claims=services.issued_claims(session), names=PolicyNames(session))


@bp.route("/closing")
@requires("manager")
def closing():
    """A day's closing on screen, with its PDF a click away."""
    day = parse_day(request.args.get("date") or canteen_today().isoformat())
    closing = _closing(day)
    session = read_session()
    canteen = main_canteen(session)
    orders = [] if canteen is None else [(day.isoformat(), order_figures(session, canteen.id, day,
                                                                          day + timedelta(days=1)))]
    return render_template("statements/closing.html", closing=closing, rows=closing.rows, orders=orders)


@bp.route("/closing.pdf")
@requires("manager")
def closing_pdf():
    """A day's closing as PDF."""
    day = parse_day(request.args.get("date"))
    out = io.BytesIO()
    services.write_closing_pdf(settings(), _closing(day), out)
    out.seek(0)
    return send_file(out, MIMES["pdf"], download_name=f"closing-{day.isoformat()}.pdf")


def _funder() -> str:
    """The funder a form or link names: a policy's funder id, as long as a claim's column holds."""
    funder = checked_text((request.values.get("funder") or "").strip(), column_length(SubsidyClaim.funder), "funder")
    if not funder:
        raise InvalidInput("is required", field="funder")
    return funder


def _source():
    month, funder = parse_month(request.values.get("month")), _funder()
    return services.claim_source(read_session(), funder, month)


@bp.route("/claims")
@requires("manager")
def claim():
    """One funder's month: summary, reconciliation with the ledger, issue and download."""
    session, source = read_session(), _source()
    document = services.claim_document(session, settings(), source, utc_now())
    return render_template("statements/claim.html", source=source, claim=document,
                           check=services.reconciliation(session, source))


@bp.route("/claims/issue", methods=["POST"])
@requires("manager")
def issue():
    """Issue (freeze) the claim; it can then only be downloaded, never changed."""
    month, funder = parse_month(request.form.get("month")), _funder()
    try:
        services.issue(get_db(), settings(), funder, month, current_user, utc_now())
        flash(_("The claim was issued and is now frozen."), "ok")
    except CanteenError as exc:
        flash(exc.localised(), "error")
    return redirect(url_for("statements.claim", month=month.label, funder=funder))


@bp.route("/claims/file/<fmt>")
@requires("manager")
def claim_file(fmt: str):
    """The claim (issued or draft) as PDF, XLSX or CSV."""
    if fmt not in MIMES:
        raise InvalidInput("must be pdf, xlsx or csv", field="format")
    source = _source()
    out = tempfile.TemporaryFile()  # a month of detail lines can be large: spool to disk, not memory
    services.write_claim(read_session(), settings(), source, {fmt: out}, utc_now())
    out.seek(0)
    return send_file(out, MIMES[fmt], as_attachment=True, download_name=f"{source.claim_no}.{fmt}")


@bp.route("/residents")
@requires("manager")
def residents():
    """Residents with a statement for the month."""
    month = parse_month(request.args.get("month") or canteen_today().strftime("%Y-%m"))
    return render_template("statements/residents.html", month=month,
                           residents=services.statement_residents(read_session(), settings(), month))


@bp.route("/residents/<int:resident_id>.pdf")
@requires("manager")
def resident_pdf(resident_id: int):
    """One resident's monthly statement as PDF, in large type."""
    month = parse_month(request.args.get("month"))
    out = io.BytesIO()
    services.write_statement_pdf(settings(), services.statement_for(read_session(), settings(), resident_id, month),
                                 out)
    out.seek(0)
    return send_file(out, MIMES["pdf"], download_name=f"statement-{resident_id}-{month.label}.pdf")
