"""The kitchen's words: how finely a meal must be cut (a texture need, from the diet), and diet and allergen codes
as a reader reads them."""
from __future__ import annotations

from collections.abc import Iterable

from menu.labels import Labelled
from pos.residents.diet import DietaryNeed

NORMAL, SOFT, MINCED = "normal", DietaryNeed.SOFT.value, DietaryNeed.MINCED.value
TEXTURES: tuple[str, ...] = (NORMAL, SOFT, MINCED)  # the kitchen's columns, coarsest first
_NORMAL_LABEL = ("普通", "normal")


def texture_of(diet: Iterable[str]) -> str:
    """The finest texture the diet asks for: minced over soft over normal."""
    needs = set(diet)
    return next((texture for texture in reversed(TEXTURES) if texture in needs), NORMAL)


def texture_label(texture: str, locale: str) -> str:
    """The texture as the kitchen reads it (普通, 软食, 碎食)."""
    if texture == NORMAL:
        zh, en = _NORMAL_LABEL
        return en if locale.startswith("en") else zh
    return DietaryNeed(texture).label(locale)


def word(kind: type[Labelled], code: str, locale: str) -> str:
    """A diet or allergen code in the reader's words; a code the list no longer knows, as it is stored."""
    try:
        return kind(code).label(locale)
    except ValueError:
        return code
