"""The feed's fields, in the order files carry them: English name, Chinese label, type, meaning.

docs/feed.md lists the same (a test compares them); the CSV header writes each as `name/中文`.
"""
from __future__ import annotations

from dataclasses import dataclass

from vocabulary import IDENTIFICATIONS

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class Field:
    name: str
    label_zh: str
    type: str
    meaning: str


RECORD_FIELDS = (
    Field("record_id", "记录编号", "string", "canteen code, '-', the service record's number: never changes, never "
                                            "reused"),
    Field("canteen_code", "食堂编码", "string", "the canteen's code"),
    Field("day", "就餐日期", "date", "business day in the canteen's time zone, YYYY-MM-DD"),
    Field("meal_period", "餐次", "enum", "breakfast, lunch, dinner"),
    Field("channel", "就餐方式", "enum", "dine_in (堂食), pick_up (自取), delivery (送餐上门)"),
    Field("identified", "身份核验方式", "enum", ", ".join(IDENTIFICATIONS)),
    Field("proxy_name", "代领人姓名", "string or null", "who collected the meal for the resident (identified = proxy)"),
    Field("resident_ref", "居民编号", "integer or null", "the resident's number here; null: a walk-in"),
    Field("id_number", "身份证号", "string or null", "the resident's ID number as CANTEEN_FEED_ID_NUMBERS says: full, "
                                               "masked, hashed or none (null)"),
    Field("categories", "补贴对象类别", "list of string", "subsidy categories held that day (codes, e.g. dibao); CSV: "
                                                     "joined with ';'"),
    Field("age_band", "年龄段", "enum or null", "age that day: under_60, 60_69, 70_79, 80_89, 90_plus; null: a "
                                             "walk-in"),
    Field("served_at", "服务时间", "datetime", "when the meal was settled, ISO 8601 in UTC (+00:00)"),
    Field("voided_at", "作废时间", "datetime or null", "when the sale was voided (the meal does not count); null: "
                                                   "it stands"),
    Field("receipt_no", "小票号", "string", "the sale's receipt number"),
    Field("subsidy_fen", "补贴合计(分)", "integer", "subsidy on the sale, all funders, in fen"),
    Field("subsidy_by_funder", "各出资方补贴(分)", "object", "fen per funder, e.g. {\"district\": 300}; CSV: "
                                                       "district=300;street=200, funders in alphabetical order"),
)

TOTAL_FIELDS = (
    Field("canteen_code", "食堂编码", "string", "the canteen's code"),
    Field("period", "统计期间", "string", "the month (YYYY-MM) or day (YYYY-MM-DD) the feed covers"),
    Field("scope", "统计口径", "enum", "all: every meal served; funder: the meals one funder subsidised"),
    Field("funder", "出资方", "string or null", "the funder's id in the subsidy policy; null when scope = all"),
    Field("meals", "服务人次", "integer", "meals served (not voided); scope all includes walk-ins"),
    Field("persons", "服务人数", "integer", "different residents served (unduplicated); walk-ins are not counted"),
    Field("diner_days", "服务人日数", "integer", "different (resident, day) pairs: a resident eating twice a day "
                                             "counts once"),
    Field("subsidy_fen", "补贴金额(分)", "integer", "subsidy in fen on meals not voided (scope all: every funder)"),
)


def csv_header(fields: tuple[Field, ...]) -> list[str]:
    """The CSV header cells: `name/中文`; a receiver reads the field's name before the first '/'."""
    return [f"{field.name}/{field.label_zh}" for field in fields]
