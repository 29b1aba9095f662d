"""The feed of a planted day, byte for byte: a walk-in, a voided sale, a delivery, a resident of two categories."""
from __future__ import annotations

import json

from pos.feed.periods import day_period, month_period
from pos.feed.schema import RECORD_FIELDS, TOTAL_FIELDS
from pos.feed.services import export_feed
from tests.pos.feed.conftest import AFTER
from tests.pos.feed.helpers import id_numbers, record_ids

HEADER = ("record_id/记录编号,canteen_code/食堂编码,day/就餐日期,meal_period/餐次,channel/就餐方式,"
          "identified/身份核验方式,proxy_name/代领人姓名,resident_ref/居民编号,id_number/身份证号,"
          "categories/补贴对象类别,age_band/年龄段,served_at/服务时间,voided_at/作废时间,receipt_no/小票号,"
          "subsidy_fen/补贴合计(分),subsidy_by_funder/各出资方补贴(分)")


def masked(number: str) -> str:
    return "*" * 14 + number[-4:]


def expected_records(planted, database) -> list[dict]:
    ids, rec = id_numbers(database), record_ids(database)
    s, r = planted.sale_ids, planted.receipts

    def record(i, resident, period, channel, identified, categories, band, served, subsidy, voided=None):
        return {"record_id": f"main-{rec[s[i]]}", "canteen_code": "main", "day": "2026-11-20", "meal_period": period,
                "channel": channel, "identified": identified, "proxy_name": None, "resident_ref": resident,
                "id_number": masked(ids[resident]) if resident else None, "categories": categories,
                "age_band": band, "served_at": served, "voided_at": voided, "receipt_no": r[i],
                "subsidy_fen": sum(subsidy.values()), "subsidy_by_funder": subsidy}

    return [record(0, planted.aged, "lunch", "dine_in", "card", [], "70_79", "2026-11-20T03:30:00+00:00",
                   {"district": 200}),
            record(1, planted.poor, "lunch", "dine_in", "card", ["dibao"], "70_79", "2026-11-20T03:45:00+00:00",
                   {"district": 300, "street": 200}, voided="2026-11-20T04:30:00+00:00"),
            record(2, None, "lunch", "dine_in", "walk_in", [], None, "2026-11-20T04:00:00+00:00", {}),
            record(3, planted.frail, "lunch", "delivery", "card", ["dibao", "semi_disabled"], "80_89",
                   "2026-11-20T04:10:00+00:00", {"district": 300, "street": 200}),
            record(4, planted.aged, "dinner", "dine_in", "card", [], "70_79", "2026-11-20T09:30:00+00:00",
                   {"district": 200})]


# Four meals stand (the void does not count); two residents eat (the walk-in is no person counted), on one day
# each; the district paid 200 + 300 + 200, the street 200.
TOTALS = [("all", None, 4, 2, 2, 900), ("funder", "district", 3, 2, 2, 700), ("funder", "street", 1, 1, 1, 200)]


def totals(period: str) -> list[dict]:
    return [{"canteen_code": "main", "period": period, "scope": scope, "funder": funder, "meals": meals,
             "persons": persons, "diner_days": days, "subsidy_fen": fen}
            for scope, funder, meals, persons, days, fen in TOTALS]


def line(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def test_a_days_records_and_totals_as_json_lines(planted, database, settings, tmp_path):
    records, sums = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    assert records.path.name == "feed-main-2026-11-20-records.jsonl" and records.rows == 5
    expected = expected_records(planted, database)
    assert records.path.read_bytes() == "".join(line(row) for row in expected).encode()
    assert [list(json.loads(text)) for text in records.path.read_text().splitlines()] == \
        [[f.name for f in RECORD_FIELDS]] * 5
    assert sums.path.name == "feed-main-2026-11-20-totals.jsonl"
    assert sums.path.read_bytes() == "".join(line(row) for row in totals("2026-11-20")).encode()
    assert list(json.loads(sums.path.read_text().splitlines()[0])) == [f.name for f in TOTAL_FIELDS]


def test_the_same_day_as_csv(planted, database, settings, tmp_path):
    records, sums = export_feed(database, settings, day_period("2026-11-20"), "csv", tmp_path, AFTER)
    ids, rec, s, r = id_numbers(database), record_ids(database), planted.sale_ids, planted.receipts
    aged, poor, frail = (masked(ids[x]) for x in (planted.aged, planted.poor, planted.frail))
    assert records.path.read_bytes().decode().split("\r\n") == [
        HEADER,
        f"main-{rec[s[0]]},main,2026-11-20,lunch,dine_in,card,,{planted.aged},{aged},,70_79,"
        f"2026-11-20T03:30:00+00:00,,{r[0]},200,district=200",
        f"main-{rec[s[1]]},main,2026-11-20,lunch,dine_in,card,,{planted.poor},{poor},dibao,70_79,"
        f"2026-11-20T03:45:00+00:00,2026-11-20T04:30:00+00:00,{r[1]},500,district=300;street=200",
        f"main-{rec[s[2]]},main,2026-11-20,lunch,dine_in,walk_in,,,,,,2026-11-20T04:00:00+00:00,,{r[2]},0,",
        f"main-{rec[s[3]]},main,2026-11-20,lunch,delivery,card,,{planted.frail},{frail},dibao;semi_disabled,80_89,"
        f"2026-11-20T04:10:00+00:00,,{r[3]},500,district=300;street=200",
        f"main-{rec[s[4]]},main,2026-11-20,dinner,dine_in,card,,{planted.aged},{aged},,70_79,"
        f"2026-11-20T09:30:00+00:00,,{r[4]},200,district=200",
        ""]
    assert sums.path.read_bytes() == (
        "canteen_code/食堂编码,period/统计期间,scope/统计口径,funder/出资方,meals/服务人次,persons/服务人数,"
        "diner_days/服务人日数,subsidy_fen/补贴金额(分)\r\n"
        "main,2026-11-20,all,,4,2,2,900\r\n"
        "main,2026-11-20,funder,district,3,2,2,700\r\n"
        "main,2026-11-20,funder,street,1,1,1,200\r\n").encode()


def test_the_month_holds_the_same_records_and_sums(planted, database, settings, tmp_path):
    records, sums = export_feed(database, settings, month_period("2026-11"), "jsonl", tmp_path, AFTER)
    assert records.path.name == "feed-main-2026-11-records.jsonl"
    assert records.path.read_bytes() == "".join(line(row) for row in expected_records(planted, database)).encode()
    assert sums.path.read_bytes() == "".join(line(row) for row in totals("2026-11")).encode()


def test_another_day_is_empty_but_still_counted(planted, database, settings, tmp_path):
    records, sums = export_feed(database, settings, day_period("2026-11-19"), "jsonl", tmp_path, AFTER)
    assert records.path.read_bytes() == b"" and records.rows == 0
    assert sums.path.read_text().splitlines() == [line({
        "canteen_code": "main", "period": "2026-11-19", "scope": "all", "funder": None, "meals": 0, "persons": 0,
        "diner_days": 0, "subsidy_fen": 0}).strip()]
