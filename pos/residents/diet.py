"""A resident's dietary needs, which the counter shows beside the name as short labels.

Allergens are the menu's own list (menu.Allergen), the one the dishes are labelled with.
"""
from __future__ import annotations

from collections.abc import Iterable

from menu import Allergen
from menu.labels import Labelled
from pos.errors import InvalidInput


class DietaryNeed(Labelled):
    """A way a resident must eat; the label is what the cashier reads on the panel."""

    DIABETIC = "diabetic"
    LOW_SALT = "low_salt"
    SOFT = "soft"
    MINCED = "minced"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {"diabetic": ("糖尿病", "diabetic"), "low_salt": ("低盐", "low-salt"),
                "soft": ("软食", "soft food"), "minced": ("碎食", "minced")}


DIETARY_NEEDS: tuple[str, ...] = tuple(d.value for d in DietaryNeed)
ALLERGENS: tuple[str, ...] = tuple(a.value for a in Allergen)


def checked_codes(codes: Iterable[str], known: tuple[str, ...], field: str) -> list[str]:
    """The codes, each known and once, in the list's own order; else InvalidInput naming `field`."""
    wanted = set(codes)
    unknown = sorted(wanted - set(known))
    if unknown:
        raise InvalidInput("unknown value %(value)s", field=field, value=", ".join(unknown))
    return [code for code in known if code in wanted]
