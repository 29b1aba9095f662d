"""The kitchen's counts as the PDF sheet for the wall (receipts.kitchen_sheet), in Chinese."""
from __future__ import annotations

import io
from datetime import datetime

from menu import Allergen
from pos.kitchen.counts import KitchenCounts
from pos.kitchen.textures import TEXTURES, texture_label, word
from pos.residents.diet import DietaryNeed
from receipts.kitchen_sheet import DishLine, KitchenSheet, WatchOrder, write_kitchen_sheet_pdf
from vocabulary import CHANNELS, ZH, Channel, MealPeriod


def kitchen_sheet(counts: KitchenCounts, canteen_name: str, printed_at: datetime) -> KitchenSheet:
    """The sheet's plain data: every word in Chinese, every count as the kitchen counts gave it."""
    names = {d.dish_id: d.name for d in counts.dishes}
    return KitchenSheet(
        canteen_name, counts.day, MealPeriod(counts.meal_period).label(ZH),
        tuple(texture_label(t, ZH) for t in TEXTURES), tuple(counts.meals_by_texture[t] for t in TEXTURES),
        tuple((Channel(c).label(ZH), counts.meals_by_channel[c]) for c in CHANNELS),
        tuple(DishLine(d.name, tuple(d.by_texture[t] for t in TEXTURES)) for d in counts.dishes),
        tuple(WatchOrder(o.resident_name, Channel(o.channel).label(ZH),
                         tuple(word(DietaryNeed, code, ZH) for code in o.diet),
                         tuple(word(Allergen, code, ZH) for code in o.allergens),
                         tuple(names[dish_id] for dish_id in o.conflicts)) for o in counts.flagged),
        printed_at)


def kitchen_pdf(counts: KitchenCounts, canteen_name: str, printed_at: datetime, font_path: str | None = None) -> bytes:
    """The kitchen sheet as PDF bytes (the Chinese font embedded)."""
    buffer = io.BytesIO()
    write_kitchen_sheet_pdf(kitchen_sheet(counts, canteen_name, printed_at), buffer, font_path)
    return buffer.getvalue()
