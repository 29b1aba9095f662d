"""A planted day for the feed: residents of one and two categories, a walk-in, a delivery and a voided sale."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

import pytest

from pos.app import config_for_tests
from pos.sales.services import void_by
from tests.support.connections import watched_app
from tests.support.selling import BORN_1948, BORN_1951, DAY, Till, local

KEY = "k" * 16 + "feed-key-shared-with-the-platform"
AFTER = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)  # 10:00 on 1 December in Shanghai: November is over
BORN_1944 = date(1944, 9, 9)  # 82 on DAY


@pytest.fixture
def app(database_url, tmp_path):
    """The app with a feed key (the root fixture's, otherwise)."""
    yield from watched_app(config_for_tests(database_url, tmp_path / "instance", feed_key=KEY))


@pytest.fixture
def settings(app):
    return app.extensions["canteen_config"]


def use_settings(app, **changes):
    """Change the running app's settings (as its environment would have set them)."""
    app.extensions["canteen_config"] = replace(app.extensions["canteen_config"], **changes)
    return app.extensions["canteen_config"]


@dataclass
class PlantedDay:
    aged: int  # 张桂兰, 75, no category
    poor: int  # 李明德, 78, 低保
    frail: int  # 王秀英, 82, 低保 and 半失能
    sale_ids: list[int]
    receipts: list[str]


@pytest.fixture
def planted(app, make, database) -> PlantedDay:
    """On DAY (2026-11-20): 张桂兰's lunch; 李明德's lunch, voided at 12:30; a walk-in's cash lunch; 王秀英's lunch
    delivered; 张桂兰's dinner."""
    make.canteen()
    till = Till.open(app, make, "counter-1", "王收银")
    aged = make.resident("张桂兰", born=BORN_1951, balance_fen=10_000)
    poor = make.resident("李明德", born=BORN_1948, categories=("dibao",), balance_fen=10_000)
    frail = make.resident("王秀英", born=BORN_1944, categories=("dibao", "semi_disabled"), balance_fen=10_000)
    cards = {r: {"card_uid": make.card(r, uid)} for r, uid in ((aged, "04A1B2C3"), (poor, "04A1B2C4"),
                                                             (frail, "04A1B2C5"))}
    pork, greens = make.dish("红烧肉", 1200), make.dish("清炒油菜", 800, "vegetable")
    sales = [till.sell(local(DAY, 11, 30), cards[aged], (pork, 1)),
             till.sell(local(DAY, 11, 45), cards[poor], (pork, 1)),
             till.sell(local(DAY, 12, 0), {"walk_in": True}, (greens, 1), payment_method="cash"),
             till.sell(local(DAY, 12, 10), cards[frail], (pork, 1), channel="delivery"),
             till.sell(local(DAY, 17, 30), cards[aged], (pork, 1), (greens, 1), period="dinner")]
    assert all("sale_id" in s for s in sales), sales
    manager = make.user(username="经理", role="manager")
    void_by(database, sales[1]["sale_id"], "wrong resident", manager, local(DAY, 12, 30))
    return PlantedDay(aged, poor, frail, [s["sale_id"] for s in sales], [s["receipt_no"] for s in sales])
