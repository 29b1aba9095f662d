"""The catalog as a spreadsheet: its columns, reading a CSV or XLSX file, writing one.

One row a dish, one column a detail, as a person reads them: Chinese (or English) headers, categories
and allergens by name, lists separated by 、, amounts in yuan. Reading accepts either language and the
stored codes. A CSV cell that a spreadsheet would run as a formula is written with a leading apostrophe
(and read back without it); an XLSX cell is always stored as text, which a spreadsheet never runs.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from menu import Allergen, Category, FoodGroup, GrainType, Method, Season
from menu.rules import FLAG_LABELS
from pos import spreadsheets
from pos.dishes.details import OTHER_CATEGORY_LABELS, DishIn, category_label
from pos.errors import InvalidInput
from pos.spreadsheets import Sheet
from receipts.claim_csv import FORMULA_STARTS, neutralised
from vocabulary import MealPeriod, format_fen

# Field -> the headers it is known by: the Chinese one written on export first, the English one last.
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("编码", "code"), "name": ("菜名", "名称", "name"), "name_en": ("英文名", "英文名称", "name_en"),
    "category": ("类别", "category"), "price": ("售价(元)", "售价", "price"), "on_sale": ("在售", "on_sale"),
    "main_ingredient": ("主料", "main_ingredient"), "food_group": ("食物类别", "food_group"),
    "other_groups": ("其他食物类别", "other_groups"), "grain": ("粮食类型", "grain"), "method": ("做法", "method"),
    "flags": ("标签", "flags"), "allergens": ("过敏原", "allergens"), "kcal": ("能量(千卡)", "能量", "kcal"),
    "protein_g": ("蛋白质(克)", "蛋白质", "protein_g"), "fat_g": ("脂肪(克)", "脂肪", "fat_g"),
    "sodium_mg": ("钠(毫克)", "钠", "sodium_mg"), "cost": ("成本(元)", "成本", "cost"),
    "seasons": ("季节", "seasons"), "periods": ("餐次", "periods"), "wok_min": ("炒锅分钟", "wok_min"),
    "prep_min": ("备菜分钟", "prep_min"), "is_delivery_fee": ("送餐费", "is_delivery_fee"),
}
REQUIRED = ("name", "category")
SEPARATORS = re.compile(r"[、,，;；/|\n]+")
ALL_YEAR = ("全年", "all year")
YES, NO = ("是", "yes"), ("否", "no")
CHOICES: dict[str, dict[str, tuple[str, str]]] = {  # field -> stored value -> (zh, en) label
    "category": {c.value: (c.label("zh_CN"), c.label("en")) for c in Category} | OTHER_CATEGORY_LABELS,
    "food_group": {g.value: (g.label("zh_CN"), g.label("en")) for g in FoodGroup},
    "grain": {g.value: (g.label("zh_CN"), g.label("en")) for g in GrainType},
    "method": {m.value: (m.label("zh_CN"), m.label("en")) for m in Method},
    "flags": dict(FLAG_LABELS),
    "allergens": {a.value: (a.label("zh_CN"), a.label("en")) for a in Allergen},
    "seasons": {s.value: (s.label("zh_CN"), s.label("en")) for s in Season},
    "periods": {p.value: (p.label("zh_CN"), p.label("en")) for p in MealPeriod},
}
CHOICES["other_groups"] = CHOICES["food_group"]
LIST_COLUMNS = ("other_groups", "flags", "allergens", "seasons", "periods")
YUAN_COLUMNS = ("price", "cost")
NUMBER_COLUMNS = YUAN_COLUMNS + ("kcal", "protein_g", "fat_g", "sodium_mg", "wok_min", "prep_min")


def read_sheet(name: str, data: bytes) -> Sheet:
    """The header and rows of an uploaded .csv or .xlsx file (an XLSX file's first sheet)."""
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    rows = spreadsheets.read_rows(suffix, data, field="file")
    return spreadsheets.find_header(rows, COLUMNS, REQUIRED, key=_key, text=cell_text, join="、", field="file")


def _key(header: str) -> str:
    """A header without spaces, case, full-width brackets or the * that marks a required column."""
    return "".join(unicodedata.normalize("NFKC", header).split()).lower().strip("*")


def cell_text(value: object) -> str:
    """A cell as text: a whole-number float without its .0, full-width folded, an apostrophe before a formula
    character (as our CSV writes it) taken off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def choice(field: str, text: str) -> str:
    """A stored value from its code or its Chinese or English name (any case)."""
    wanted = _folded(text)
    for value, labels in CHOICES[field].items():
        if wanted in (value, *(_folded(label) for label in labels)):
            return value
    raise InvalidInput("%(value)s is not one of the choices on the list", field=field, value=text.strip())


def _folded(text: str) -> str:
    """Text as compared: full-width folded (（小麦） is (小麦)), trimmed, lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def choices(field: str, text: str) -> list[str]:
    """Stored values from a list separated by 、 , ; or /; 全年 (all year) and blank are none."""
    parts = [p.strip() for p in SEPARATORS.split(text) if p.strip()]
    if field == "seasons" and [p.lower() for p in parts] in ([a] for a in ALL_YEAR):
        return []
    return [choice(field, p) for p in parts]


def yes_no(on: bool, locale: str) -> str:
    return (YES if on else NO)[1 if locale.startswith("en") else 0]


def label_of(field: str, value: str, locale: str) -> str:
    """A stored value as the sheet writes it."""
    if field == "category":
        return category_label(value, locale)
    zh, en = CHOICES[field].get(value, (value, value))
    return en if locale.startswith("en") else zh


@dataclass(frozen=True)
class ExportRow:
    """One dish as the sheet has it."""

    details: DishIn
    price_fen: int | None
    on_sale: bool


def header_row(locale: str) -> list[str]:
    """The export's header: Chinese, or English in English."""
    return [names[-1] if locale.startswith("en") else names[0] for names in COLUMNS.values()]


def export_cells(row: ExportRow, locale: str) -> list[str]:
    """One dish's cells in the order of COLUMNS."""
    d, sep = row.details, ", " if locale.startswith("en") else "、"
    cells = {"code": d.code, "name": d.name, "name_en": d.name_en, "category": label_of("category", d.category, locale),
             "price": "" if row.price_fen is None else format_fen(row.price_fen),
             "on_sale": yes_no(row.on_sale, locale), "is_delivery_fee": yes_no(d.is_delivery_fee, locale)}
    if d.planned:
        cells |= {"main_ingredient": d.main_ingredient, "food_group": label_of("food_group", d.food_group, locale),
                  "grain": label_of("grain", d.grain, locale) if d.grain else "",
                  "method": label_of("method", d.method, locale), "kcal": str(d.kcal), "protein_g": str(d.protein_g),
                  "fat_g": str(d.fat_g), "sodium_mg": str(d.sodium_mg), "cost": format_fen(d.cost_fen),
                  "wok_min": str(d.wok_min), "prep_min": str(d.prep_min)}
        cells |= {f: sep.join(label_of(f, v, locale) for v in getattr(d, f)) for f in LIST_COLUMNS}
    return [cells.get(field, "") for field in COLUMNS]


def write_csv(rows: Iterable[ExportRow], locale: str) -> bytes:
    """The catalog as CSV, UTF-8 with BOM so Excel reads the Chinese; formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header_row(locale))
    for row in rows:
        writer.writerow([neutralised(cell) for cell in export_cells(row, locale)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(rows: Iterable[ExportRow], locale: str) -> bytes:
    """The catalog as an XLSX workbook: amounts and counts as numbers, the rest as text (never a formula)."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Dishes" if locale.startswith("en") else "菜品")
    sheet.append(header_row(locale))
    for row in rows:
        cells = []
        for field, text in zip(COLUMNS, export_cells(row, locale)):
            if field in NUMBER_COLUMNS and text:
                cell = WriteOnlyCell(sheet, value=Decimal(text))
                cell.number_format = "0.00" if field in YUAN_COLUMNS else "General"
            else:
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"  # text as text: openpyxl would take "=..." for a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
