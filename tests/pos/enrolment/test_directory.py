"""The residents list: every way of searching, the filters, the order and the pages, masked unless in full."""
from __future__ import annotations

from datetime import date

import pytest

from pos.audit import Actor, history
from pos.enrolment.directory import EXPORTED_IN_FULL, ResidentQuery, find_residents, residents_in_full
from pos.errors import InvalidInput
from pos.residents.records import ResidentIn, register_resident, set_status
from tests.factories import HOME

TODAY = date(2026, 11, 30)
ZHANG, LI, WANG, ZHAO = "14100219480101000X", "141002194811020025", "141002195207090056", "141002194601200087"


@pytest.fixture
def people(database, make):
    """张桂兰 (低保, card 04A1B2C3), 李福贵, 王秀英 (moved away), 赵国良: ids by name."""
    ids = {}
    with database.unit_of_work() as session:
        for name, number, phone in (("张桂兰", ZHANG, "13912345678"), ("李福贵", LI, "13800005678"),
                                    ("王秀英", WANG, "13700001234"), ("赵国良", ZHAO, "")):
            ids[name] = register_resident(session, ResidentIn(name=name, id_number=number, phone=phone,
                                                              area=HOME)).id
        set_status(session, ids["王秀英"], "moved_away", date(2026, 10, 1))
    make.card(ids["张桂兰"], "04A1B2C3")
    with database.unit_of_work() as session:
        from pos.residents.records import CategoryGrantIn, get_resident, update_resident
        zhang = get_resident(session, ids["张桂兰"])
        update_resident(session, zhang, ResidentIn(name="张桂兰", id_number=ZHANG, phone="13912345678", area=HOME,
                                                   categories=(CategoryGrantIn("dibao", date(2026, 1, 1)),)))
    return ids


def names(database, in_full: bool = False, **query) -> list[str]:
    with database.reader() as session:
        return [r.name for r in find_residents(session, ResidentQuery(**query), TODAY, in_full).rows]


@pytest.mark.parametrize(("text", "found"), [
    ("zgl", ["张桂兰", "赵国良"]), ("ZG", ["张桂兰", "赵国良"]), ("lfg", ["李福贵"]), ("zglx", []),
    ("桂兰", ["张桂兰"]), ("张桂兰", ["张桂兰"]), ("福", ["李福贵"]), ("%", []), ("_", []),
    ("000X", ["张桂兰"]), ("000x", ["张桂兰"]), ("5678", ["李福贵", "张桂兰"]), ("345678", ["张桂兰"]),
    ("0101000X", ["张桂兰"]), ("678", []), ("1234", ["王秀英"]),
    ("04A1B2C3", ["张桂兰"]), ("04:a1:b2:c3", ["张桂兰"]), (f"{0x04A1B2C3:010d}", ["张桂兰"]),
    (f"{0xC3B2A104:010d}", ["张桂兰"]), ("  ", ["李福贵", "王秀英", "张桂兰", "赵国良"])])
def test_search_by_name_initials_last_digits_and_card(database, people, text, found):
    assert names(database, text=text) == found


def test_the_filters_and_the_order(database, people):
    assert names(database) == ["李福贵", "王秀英", "张桂兰", "赵国良"]  # pinyin order: lfg, wxy, zgl, zgl
    assert names(database, category="dibao") == ["张桂兰"]
    assert names(database, status="moved_away") == ["王秀英"]
    assert names(database, status="active", text="zgl") == ["张桂兰", "赵国良"]
    with pytest.raises(InvalidInput) as refused, database.reader() as session:
        find_residents(session, ResidentQuery(status="gone"), TODAY)
    assert refused.value.field == "status"


def test_pages(database, people):
    with database.reader() as session:
        second = find_residents(session, ResidentQuery(page=2, per_page=3), TODAY)
        beyond = find_residents(session, ResidentQuery(page=99, per_page=3), TODAY)
    assert ([r.name for r in second.rows], second.total, second.page, second.pages) == (["赵国良"], 4, 2, 2)
    assert (beyond.page, [r.name for r in beyond.rows]) == (2, ["赵国良"])


def test_a_row_is_masked_unless_in_full(database, people):
    with database.reader() as session:
        [masked] = find_residents(session, ResidentQuery(text="zgl", category="dibao"), TODAY).rows
        [whole] = find_residents(session, ResidentQuery(text="zgl", category="dibao"), TODAY, in_full=True).rows
    assert (masked.id_number, masked.phone, masked.age, masked.categories, masked.cards, masked.balance_fen) == (
        "**************000X", "*******5678", 78, ["dibao"], [("04A1B2C3", "active")], 0)
    assert (whole.id_number, whole.phone) == (ZHANG, "13912345678")


def test_an_admins_export_in_full_is_audited_with_its_query(database, people, make):
    admin = make.user(role="admin")
    rows = residents_in_full(database, ResidentQuery(text="zgl"), TODAY, Actor(staff_id=admin.id))
    assert [(r.name, r.id_number) for r in rows] == [("张桂兰", ZHANG), ("赵国良", ZHAO)]
    with database.reader() as session:
        [entry] = history(session, "resident", "list")
    assert (entry.action, entry.staff_id, entry.after) == (
        EXPORTED_IN_FULL, admin.id, {"text": "zgl", "category": "", "status": "", "count": 2})
