"""The printed poster, the JSON feed and the OpenMensa feed of a published week."""
from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from xml.etree import ElementTree as ET

import pytest

from pos.db import get_db
from pos.menus import services
from tests.receipts.pdftools import pdf_fonts, pdf_page_size

OM = "{http://openmensa.org/open-mensa-v2}"


@pytest.fixture
def published(app, plan, this_week):
    """This week planned for three meals and published."""
    plan(this_week, periods=None)
    with app.app_context():
        services.publish(get_db(), this_week, force=True)
    return this_week


def test_poster_has_the_dishes_and_labels_in_an_embedded_font(client, auth, published, tmp_path):
    auth.login("cashier")
    response = client.get(f"/menu/{published}/poster.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "poster.pdf"
    path.write_bytes(response.data)
    width, height = pdf_page_size(path)
    assert round(width) == 842 and round(height) == 595  # A4 landscape
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    feed = client.get(f"/menu/feed.json?week={published}").get_json()
    names = {d["name"] for day in feed["weeks"][0]["days"] for meal in day["meals"] for d in meal["dishes"]}
    assert len(names) > 40 and all(name in text for name in names)
    assert "一周菜单" in text and "午餐" in text and "软烂" in text and "含" in text
    fonts = pdf_fonts(path)
    assert fonts and all(embedded == "yes" for _, embedded in fonts)


def test_json_feed_lists_each_day_with_labels_and_allergens(client, published):
    feed = client.get("/menu/feed.json").get_json()
    [week] = feed["weeks"]
    assert week["week"] == published and len(week["days"]) == 7
    lunch = next(m for m in week["days"][0]["meals"] if m["meal_period"] == "lunch")
    assert [d["slot"] for d in lunch["dishes"]] == ["meat", "half_meat", "vegetable", "staple", "soup"]
    dishes = [d for day in week["days"] for m in day["meals"] for d in m["dishes"]]
    assert any("软烂" in d["labels"] for d in dishes)
    assert any(d["allergens"] and d["allergen_labels"][0].startswith("含") for d in dishes)


def test_openmensa_feed_follows_the_v2_schema(client, published):
    response = client.get("/menu/openmensa.xml")
    assert response.status_code == 200 and "xml" in response.mimetype
    root = ET.fromstring(response.data)
    assert root.tag == f"{OM}openmensa" and root.attrib["version"] == "2.1"
    assert [child.tag for child in root] == [f"{OM}version", f"{OM}canteen"]
    canteen = root.find(f"{OM}canteen")
    tags = [child.tag.removeprefix(OM) for child in canteen]
    metadata = [t for t in tags if t != "day"]
    assert metadata == [t for t in ("name", "address", "city") if t in metadata]   # the schema's order
    assert tags[len(metadata):] == ["day"] * 7                                         # days come last
    monday = date.fromisocalendar(*map(int, published.replace("-W", " ").split()), 1)
    assert [d.attrib["date"] for d in canteen.findall(f"{OM}day")] == [
        (monday + timedelta(days=n)).isoformat() for n in range(7)]
    for day in canteen.findall(f"{OM}day"):
        categories = day.findall(f"{OM}category")
        assert [c.attrib["name"] for c in categories] == ["早餐", "午餐", "晚餐"]
        for category in categories:
            meals = category.findall(f"{OM}meal")
            assert meals
            for meal in meals:
                tags = [child.tag.removeprefix(OM) for child in meal]
                assert tags[0] == "name" and set(tags[1:]) <= {"note", "price"}
                assert tags == ["name"] + ["note"] * tags.count("note") + ["price"] * tags.count("price")
                assert all(1 <= len(child.text) <= 250 for child in meal if child.tag != f"{OM}price")
                [price] = meal.findall(f"{OM}price")
                assert price.attrib == {"role": "other"} and re.fullmatch(r"\d+\.\d\d", price.text)


def test_feeds_are_empty_but_valid_before_anything_is_published(client):
    assert client.get("/menu/feed.json").get_json()["weeks"] == []
    root = ET.fromstring(client.get("/menu/openmensa.xml").data)
    assert root.find(f"{OM}canteen").findall(f"{OM}day") == []
