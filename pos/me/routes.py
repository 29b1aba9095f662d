"""The resident page: sign in with card number and PIN (a family member: phone number and PIN), balance, meals,
lost card, the QR pass. Booking meals is in meal_routes.py.

These views are open to the access layer (@public): they are for residents,
not staff, and check the resident's own session themselves.
"""
from __future__ import annotations

from flask import Blueprint, Response, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from cards.render import qr_png, qr_svg
from pos.access import public
from pos.clock import utc_now
from pos.context import canteen_today, client_address
from pos.credentials.passes import dynamic_pass
from pos.credentials.pins import sign_in_with_pin
from pos.db import get_db, read_session
from pos.errors import CanteenError
from pos.family.signing import sign_in_with_phone
from pos.i18n import ui_language
from pos.me import services
from pos.me.forms import FamilySignInForm, LostCardForm, SignInForm
from pos.me.meal_routes import meal_words
from pos.me.meals import upcoming
from pos.me.session import holder_required, remember, resident_required, sign_out, signed_in_resident

bp = Blueprint("me", __name__, url_prefix="/me")
NO_STORE = {"Cache-Control": "no-store"}


@bp.get("")
@public
@holder_required
def home():
    """A resident's balance, cards, meals booked and recent meals; a family member's linked residents."""
    if g.holder.family_member_id is not None:
        family = services.family_overview(read_session(), g.holder.family_member_id, canteen_today(), ui_language())
        return render_template("me/family_home.html", family=family, form=LostCardForm(), **meal_words())
    me = services.overview(read_session(), g.holder.resident_id)
    orders = upcoming(read_session(), g.holder.resident_id, canteen_today(), ui_language())
    return render_template("me/home.html", me=me, orders=orders, resident_id=g.holder.resident_id,
                           lost_form=LostCardForm(), **meal_words())


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    """Card number and PIN, or a family member's phone number and PIN; guessing is limited per card (phone) and
    per address (pos/signins/guessing.py)."""
    form, family = SignInForm(), FamilySignInForm(prefix="family")
    as_family = "family-phone" in request.form
    chosen = family if as_family else form
    status, headers = 200, {}
    if chosen.validate_on_submit():
        try:
            if as_family:
                token = sign_in_with_phone(get_db(), read_session(), family.phone.data, family.pin.data,
                                           client_address(), utc_now())
            else:
                token = sign_in_with_pin(get_db(), read_session(), form.card.data, form.pin.data,
                                         client_address(), utc_now())
        except CanteenError as exc:
            flash(exc.localised(), "error")
            status = exc.status
            headers = exc.headers()
        else:
            remember(token)
            return redirect(url_for("me.home"))
    elif chosen.is_submitted():
        status = 400
    return render_template("me/sign_in.html", form=form, family=family, as_family=as_family), status, headers


@bp.post("/sign-out")
@public
def sign_out_view():
    """Forget the resident in this browser (CSRFProtect checks the form's token)."""
    sign_out()
    return redirect(url_for("me.sign_in"))


@bp.post("/lost")
@public
@resident_required
def report_lost():
    """Block one of the resident's cards at once."""
    form = LostCardForm()
    if form.validate_on_submit() and form.card_id.data.isdigit():
        try:
            services.report_own_card_lost(get_db(), read_session(), g.resident_id, int(form.card_id.data))
        except CanteenError as exc:
            flash(exc.localised(), "error")
        else:
            flash(_("The card is blocked. Bring your ID to the canteen for a new card."), "ok")
    return redirect(url_for("me.home"))  # signed in with the lost card: that sign-in ended, the sign-in page shows


@bp.get("/pass")
@public
@resident_required
def show_pass():
    """The one-time QR pass, refreshing itself every 30-second step."""
    return render_template("me/pass.html", qr=dynamic_pass(get_db(), read_session(), g.resident_id)), 200, NO_STORE


@bp.get("/pass.json")
@public
def pass_json():
    """The current pass for the page's script: payload, step, seconds left, and the SVG."""
    resident_id = signed_in_resident()
    if resident_id is None:
        return jsonify({"error": {"code": "signed_out", "message": _("Please sign in again.")}}), 401
    qr = dynamic_pass(get_db(), read_session(), resident_id)
    return jsonify(qr | {"svg": qr_svg(qr["payload"])}), 200, NO_STORE


@bp.get("/pass.svg")
@public
@resident_required
def pass_svg():
    """The current pass as an SVG image."""
    code = dynamic_pass(get_db(), read_session(), g.resident_id)["payload"]
    return Response(qr_svg(code), mimetype="image/svg+xml", headers=NO_STORE)


@bp.get("/pass.png")
@public
@resident_required
def pass_png():
    """The current pass as a PNG image, for phones that show SVG poorly."""
    code = dynamic_pass(get_db(), read_session(), g.resident_id)["payload"]
    return Response(qr_png(code), mimetype="image/png", headers=NO_STORE)
