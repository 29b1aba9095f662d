"""What the residents pages show, in the request's language: names of categories, statuses, needs, columns."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask import request
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from menu import Allergen
from pos.enrolment.directory import ListedResident, ResidentQuery
from pos.errors import InvalidInput
from pos.i18n import ui_language
from pos.residents.diet import DietaryNeed
from pos.residents.models import SubsidyCategory
from vocabulary import format_fen

STATUS_LABELS = {"active": _l("Active"), "moved_away": _l("Moved away"),
                 "deceased": _l("Deceased")}
# The history's words for the audit log's actions and a resident's details.
ACTION_LABELS = {"resident.registered": _l("Registered"), "resident.changed": _l("Changed"),
                 "resident.status": _l("Status changed"),
                 "resident.viewed_in_full": _l("Viewed with full ID and phone numbers"),
                 "wallet.top_up": _l("Wallet topped up"), "wallet.refund": _l("Balance refunded")}
DETAIL_LABELS = {"name": _l("Full name"), "phone": _l("Phone"), "address": _l("Address"),
                 "province": _l("Province"), "city": _l("City"),
                 "district": _l("District or county"), "street": _l("Street or town"),
                 "community": _l("Community or village"), "status": _l("Status"),
                 "status_date": _l("Status date"), "categories": _l("Subsidy categories"),
                 "emergency_name": _l("Emergency contact"),
                 "emergency_phone": _l("Emergency contact's phone"),
                 "diet": _l("Dietary needs"), "allergens": _l("Allergies"),
                 "amount_fen": _l("Amount"), "balance_fen": _l("Balance"), "method": _l("Payment method"),
                 "reference": _l("Payment reference number"), "top_up_id": _l("Top-up")}


def english() -> bool:
    return ui_language() == "en"


def category_names(session: Session) -> dict[str, str]:
    """Category code -> its name in the request's language, in the order they were added."""
    rows = session.execute(select(SubsidyCategory.code, SubsidyCategory.name_zh, SubsidyCategory.name_en))
    return {code: (en if english() else zh) for code, zh, en in rows}


def diet_choices() -> dict[str, str]:
    """Each dietary need by its label, for the form's checkboxes."""
    return {need.value: need.label(ui_language()) for need in DietaryNeed}


def allergen_choices() -> dict[str, str]:
    """Each allergen the menu knows, by its label."""
    return {allergen.value: allergen.label(ui_language()) for allergen in Allergen}


def needs_labels(diet: Iterable[str], allergens: Iterable[str]) -> list[str]:
    """Short labels of a resident's dietary needs, as the counter shows them."""
    language = ui_language()
    return [DietaryNeed(d).label(language) for d in diet] + [
        gettext("Allergy: %(allergen)s", allergen=Allergen(a).label(language)) for a in allergens]


def query_from_args() -> ResidentQuery:
    """The list's search, filters and page from the URL; a page that is not a number is the first."""
    args = request.args
    page = args.get("page", "1")
    text = args.get("q", "")[:100]
    if any(ord(c) < 32 for c in text):
        raise InvalidInput("must not contain control characters", field="q")
    return ResidentQuery(text=text, category=args.get("category", "")[:32], status=args.get("status", "")[:16],
                         page=int(page) if page.isdigit() and len(page) < 7 else 1)


EXPORT_COLUMNS = (_l("Full name"), _l("ID number"), _l("Sex"), _l("Age"),
                  _l("Phone"), _l("Subsidy categories"), _l("Status"),
                  _l("Status date"), _l("Cards"), _l("Balance (yuan)"),
                  _l("Emergency contact"), _l("Emergency contact's phone"),
                  _l("Dietary needs"))


def export_rows(rows: Iterable[ListedResident], categories: dict[str, str]) -> Iterator[list[object]]:
    """The export's cells for each resident, in the request's language."""
    sexes = {"M": gettext("male"), "F": gettext("female")}
    for r in rows:
        yield [r.name, r.id_number, sexes.get(r.sex, r.sex), r.age, r.phone,
               "、".join(categories.get(c, c) for c in r.categories), str(STATUS_LABELS.get(r.status, r.status)),
               r.status_date.isoformat() if r.status_date else "", " ".join(uid for uid, _s in r.cards),
               format_fen(r.balance_fen), r.emergency_name, r.emergency_phone,
               "、".join(needs_labels(r.diet, r.allergens))]
