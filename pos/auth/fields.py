"""The staff pages' form fields by name, as a refusal names them, with their labels in the user's language."""
from __future__ import annotations

from pos.errors import CanteenError
from pos.i18n import lazy_text as _l

LABELS = {
    "username": _l("Username"),
    "display_name": _l("Name shown on receipts"),
    "role": _l("Role"),
    "password": _l("Password"),
    "repeat_password": _l("Password again"),
    "current_password": _l("Current password"),
    "new_password": _l("New password"),
}
# Refusals that concern one field without naming it (they are not about a typing mistake in it).
FIELD_OF_CODE = {"user_exists": "username"}


def error_field(error: CanteenError | None) -> str | None:
    """The form field a refusal is about, if any."""
    if error is None:
        return None
    return error.field or FIELD_OF_CODE.get(error.code)
