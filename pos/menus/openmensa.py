"""The published menu as an OpenMensa v2.1 feed (https://doc.openmensa.org/feed/v2/), for menu apps.

OpenMensa has no meal periods: each period is a category of the day (早餐, 午餐, 晚餐); a dish is a
meal whose notes are its position, diet labels and allergens; its one price is for everyone ("other").
"""
from __future__ import annotations

from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from menu.labels import role_label
from pos.canteens.models import Canteen
from pos.menus.exports import Served, served
from pos.menus.models import MenuWeek
from vocabulary import MealPeriod, format_fen

NAMESPACE = "http://openmensa.org/open-mensa-v2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NAMESPACE} http://openmensa.org/open-mensa-v2.xsd"
MAX_TEXT = 250  # the schema's limit for names, notes and category names
LOCALE = "zh_CN"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text[:MAX_TEXT]
    return element


def _meal(parent: ET.Element, row: Served) -> None:
    """One dish: name, notes (position, labels, allergens), price in yuan with two decimals."""
    meal = ET.SubElement(parent, "meal")
    _text(meal, "name", row.dish.name)
    for note in [role_label(row.slot, LOCALE), *(label.text for label in row.labels(LOCALE))]:
        if note:
            _text(meal, "note", note)
    if row.price_fen is not None:  # the price in force on the day
        price = ET.SubElement(meal, "price", role="other")
        price.text = format_fen(row.price_fen)


def _canteen(root: ET.Element, canteen: Canteen | None, name: str) -> ET.Element:
    """The canteen element with its metadata, in the schema's order (name, address, city)."""
    element = ET.SubElement(root, "canteen")
    _text(element, "name", canteen.name if canteen else name)
    if canteen is not None:
        address = "".join((canteen.province, canteen.city, canteen.district, canteen.street, canteen.community))
        if address:
            _text(element, "address", address)
        if canteen.city:
            _text(element, "city", canteen.city)
    return element


def openmensa_xml(session: Session, weeks: list[MenuWeek], canteen: Canteen | None, name: str) -> bytes:
    """The feed document, UTF-8 with an XML declaration."""
    root = ET.Element("openmensa", {"version": "2.1", "xmlns": NAMESPACE, "xmlns:xsi": XSI,
                                    "xsi:schemaLocation": SCHEMA_LOCATION})
    _text(root, "version", "canteen-menu-1")  # the feed generator's version, not the canteen's
    element = _canteen(root, canteen, name)
    for week in weeks:
        rows = served(session, week)
        for day in sorted({r.day for r in rows}):
            day_element = ET.SubElement(element, "day", date=day.isoformat())
            for period in MealPeriod:
                meals = [r for r in rows if r.day == day and r.period == period]
                if meals:
                    category = ET.SubElement(day_element, "category", name=period.label(LOCALE))
                    for row in meals:
                        _meal(category, row)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
