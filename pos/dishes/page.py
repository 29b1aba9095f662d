"""What the catalog pages show besides the dishes: the choices of each list, in the reader's language."""
from __future__ import annotations

from flask import request
from sqlalchemy import select
from sqlalchemy.orm import Session

from menu import Allergen, FoodGroup, GrainType, Method, Season
from menu.catalog import FLAGS
from pos.audit import AuditEntry
from pos.auth.models import User
from pos.dishes.details import CATEGORIES, PLANNED_CATEGORIES, category_label, flag_label
from pos.dishes.entry import FIELD_LABELS, LIST_FIELDS
from pos.dishes.sheet import COLUMNS
from pos.i18n import lazy_text as _l
from pos.i18n import ui_language
from vocabulary import MealPeriod


def choices() -> dict[str, list[tuple[str, str]]]:
    """Each list of the dish form as (value, label) pairs."""
    locale = ui_language()
    return {
        "category": [(c, category_label(c, locale)) for c in CATEGORIES],
        "food_group": [(g.value, g.label(locale)) for g in FoodGroup],
        "grain": [(g.value, g.label(locale)) for g in GrainType],
        "method": [(m.value, m.label(locale)) for m in Method],
        "flags": [(f, flag_label(f, locale)) for f in FLAGS],
        "allergens": [(a.value, a.label(locale)) for a in Allergen],
        "seasons": [(s.value, s.label(locale)) for s in Season],
        "periods": [(p.value, p.label(locale)) for p in MealPeriod],
    }


def page_words() -> dict[str, object]:
    """What every dish page template needs: the lists, the field names, which categories are planned."""
    return {"choices": choices(), "labels": FIELD_LABELS, "planned_categories": PLANNED_CATEGORIES,
            "columns": list(COLUMNS.values()),
            "category_label": lambda c: category_label(c, ui_language())}


ACTIONS = {"dish.added": _l("Added"), "dish.changed": _l("Details changed"), "dish.price_changed": _l("Price changed"),
           "dish.taken_off_sale": _l("Taken off sale"), "dish.back_on_sale": _l("Back on sale")}


def changed_fields(entry: AuditEntry) -> list[str]:
    """The fields a dish.changed row changed, by their names on the form."""
    names = {**FIELD_LABELS, "attributes": _l("planning details")}
    return [str(names.get(key, key)) for key in (entry.after or {})]


def history_words(session: Session, entries: list[AuditEntry]) -> dict[str, object]:
    """What the dish page's list of changes needs: who each member of staff is, what each action is called."""
    ids = {e.staff_id for e in entries if e.staff_id is not None}
    query = select(User.id, User.display_name).where(User.id.in_(ids))
    staff = {staff_id: name for staff_id, name in session.execute(query)} if ids else {}
    return {"staff": staff, "actions": ACTIONS, "changed_fields": changed_fields}


def submitted_dish() -> dict[str, object]:
    """The dish form as posted, the checkbox lists as lists."""
    values: dict[str, object] = {**request.form.to_dict()}
    for name in LIST_FIELDS:
        values[name] = request.form.getlist(name)
    values["is_delivery_fee"] = request.form.get("is_delivery_fee", "")
    return values
