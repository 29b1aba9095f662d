"""The monthly claim shows counts beside money (meals, persons, diner-days, from the service records) and the
operating subsidy its policy pays the canteen, in the PDF read back with pdftotext."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from pos.clock import utc_now
from pos.db import read_session
from pos.policies.services import store_policy
from pos.sales.services import void_by
from pos.statements import services
from pos.statements.periods import Month
from receipts.claim import CountLine, OperatingLine
from tests.receipts.pdftools import pdf_lines
from tests.support.planted import plant_month

NOVEMBER = Month(2026, 11)
DEMO = Path(__file__).resolve().parents[3] / "pos" / "demo" / "yaodu-demo-policy.toml"
OPERATING = '''
[[operating]]
id = "canteen-ops"
name_zh = "助餐点运营补贴"
name_en = "Canteen operating subsidy"
funder = "district"
per = "diner_day"
amount_fen = 300
age_min = 60
per_month_count = 5

[[operating]]
id = "delivery-ops"
name_zh = "送餐运营补贴"
name_en = "Delivery operating subsidy"
funder = "street"
per = "meal"
amount_fen = 100
channels = ["delivery"]
per_month_fen = 150
'''


@pytest.fixture
def planted(app, make, database):
    """The planted month, and from 15 November a version of the demo policy that pays operating subsidies."""
    found = plant_month(app, make)
    text = DEMO.read_text(encoding="utf-8").replace('version = "2026.1"', 'version = "2026.11"').replace(
        "effective_from = 2026-01-01", "effective_from = 2026-11-15")
    with database.unit_of_work() as session:
        store_policy(session, text + OPERATING)
    return found


def claim_of(app, funder: str, out: Path):
    with app.test_request_context():
        source = services.claim_source(read_session(), funder, NOVEMBER)
        claim, paths = services.write_claim_to_dir(read_session(), app.extensions["canteen_config"], source, out,
                                                   utc_now(), formats=("pdf",))
        return claim, paths[0]


def test_the_claim_counts_the_month_and_pays_the_operating_subsidy_within_its_caps(app, planted, tmp_path):
    claim, pdf = claim_of(app, "district", tmp_path)
    counts = claim.counts
    assert (counts.total, counts.walk_in_meals) == (CountLine("合计", 9, 3, 6), 2)
    assert claim.meals == counts.total.meals  # the sales and their service records agree
    assert counts.by_category == (CountLine("低保", 5, 2, 4), CountLine("失能", 3, 1, 2),
                                  CountLine("一般老人", 2, 1, 2), CountLine("散客", 2, 0, 0))
    assert counts.by_age_band == (CountLine("70–79岁", 6, 3, 5), CountLine("80–89岁", 1, 1, 1),
                                  CountLine("散客", 2, 0, 0))
    assert counts.by_channel == (CountLine("堂食", 5, 3, 3), CountLine("自取", 2, 1, 1), CountLine("送餐", 2, 2, 2))
    assert counts.by_meal_period == (CountLine("午餐", 8, 3, 6), CountLine("晚餐", 1, 1, 1))
    assert claim.operating == (OperatingLine("助餐点运营补贴", "人天", 6, 5, 300, "每月最多5人天(已达上限)", 1500,
                                             "2026.11"),)
    page = pdf_lines(pdf, 2, 2)
    assert page[:3] == ["服务人次统计(来自服务记录)", "用餐人次:9 服务人数:3 服务人天:6 其中散客人次:2",
                        "按类别 人次 人数 人天"]
    assert ["低保 5 2 4", "失能 3 1 2", "一般老人 2 1 2", "散客 2 0 0", "合计(不重复) 9 3 6"] == page[3:8]
    assert "送餐 2 2 2" in page and "晚餐 1 1 1" in page
    assert page[-4:-1] == ["项目 计算基数 上限 金额(元)",
                           "助餐点运营补贴 6人天,计付5人天 × 3.00元 每月最多5人天(已达上限) 15.00",
                           "运营补贴合计:¥15.00"]


def test_each_funder_sees_its_own_operating_line(app, planted, tmp_path):
    street, pdf = claim_of(app, "street", tmp_path)
    assert street.operating == (OperatingLine("送餐运营补贴", "人次", 2, 2, 100, "每月最多1.50元(已达上限)", 150,
                                              "2026.11"),)
    assert "送餐运营补贴 2人次 × 1.00元 每月最多1.50元(已达上限) 1.50" in pdf_lines(pdf, 2, 2)


def test_a_month_before_the_operating_version_has_no_operating_line(app, planted, tmp_path):
    with app.test_request_context():
        source = services.claim_source(read_session(), "district", Month(2026, 10))
        claim = services.claim_document(read_session(), app.extensions["canteen_config"], source, utc_now())
    assert claim.operating == () and claim.counts.total == CountLine("合计", 1, 1, 1)


def test_an_issued_claim_keeps_its_counts_when_a_meal_is_voided_later(app, make, planted, tmp_path):
    database, settings = app.extensions["canteen_db"], app.extensions["canteen_config"]
    with app.app_context():
        services.issue(database, settings, "district", NOVEMBER, None, datetime(2026, 12, 2, 4, tzinfo=timezone.utc))
    manager = make.user(username="后来的经理", role="manager")
    void_by(database, planted.sale_ids[4], "补录作废", manager, datetime(2026, 12, 3, 4, tzinfo=timezone.utc))
    issued, _pdf = claim_of(app, "district", tmp_path)
    assert issued.claim_no == "BT-202611-district"
    assert (issued.counts.total, issued.operating[0].amount_fen) == (CountLine("合计", 9, 3, 6), 1500)
    assert issued.meals == issued.counts.total.meals


def test_the_claim_page_shows_the_operating_line_and_the_counts(client, auth, planted):
    auth.login("manager")
    page = client.get("/statements/claims?month=2026-11&funder=district").get_data(as_text=True)
    assert ("<tr><th>助餐点运营补贴</th><td>6人天,计付5人天 × 3.00元</td><td>每月最多5人天(已达上限)</td><td>¥15.00</td></tr>"
            in page)
    assert "<tr><td>低保</td><td>5</td><td>2</td><td>4</td></tr>" in page
    assert '<tr><th>' in page.split('id="counts"')[1] and "<td>9</td><td>3</td><td>6</td>" in page
