"""Finding a dish the way staff type: part of its name or code, or the pinyin initials of its name (hsr: 红烧肉)."""
from __future__ import annotations

import unicodedata

from sqlalchemy import ColumnElement, func, or_

from pos.dishes.models import Dish

INITIALS_LENGTH = 60


def initials(name: str) -> str:
    """The pinyin initials of a name, lower case, letters and digits kept: 红烧狮子头 -> hsszt, 重庆小面 -> cqxm."""
    from pypinyin import Style, lazy_pinyin  # here: its dictionaries take a quarter of a second to load

    parts = lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.FIRST_LETTER, errors="default")
    return "".join(c for c in "".join(parts).lower() if c.isascii() and c.isalnum())[:INITIALS_LENGTH]


def matching(text: str) -> ColumnElement[bool]:
    """Dishes whose name or code holds `text`, or whose name's initials do."""
    typed = unicodedata.normalize("NFKC", text).strip()
    pattern = "%" + typed.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(func.lower(Dish.name).like(pattern, escape="\\"), func.lower(Dish.code).like(pattern, escape="\\"),
               Dish.initials.like(pattern, escape="\\"))
