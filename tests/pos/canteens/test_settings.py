"""The canteen's settings: each field checked, all stored or none, every change audited."""
from __future__ import annotations

from datetime import time

import pytest
from sqlalchemy import delete, select

from pos.audit import Actor, AuditEntry
from pos.canteens.models import Canteen
from pos.canteens.services import sale_needs_shift
from pos.canteens.settings import SettingsIn, SettingsRefused, change_settings, check_settings
from pos.config import DEFAULT_HOURS

GOOD = SettingsIn(name="新百汇社区便民餐厅", address="尧都区解放路12号", phone="0357-2345678",
                  hours={"breakfast": "", "lunch": "11:00-13:00", "dinner": "16:30-18:30"},
                  receipt_footer="谢谢惠顾 欢迎再来", printer="tcp://192.168.1.50:9100",
                  public_base_url="https://canteen.example.cn/yaodu", sale_needs_shift=False)


def with_(**changes) -> SettingsIn:
    return SettingsIn(**{**GOOD.__dict__, **changes})


def with_hours(**hours: str) -> SettingsIn:
    return with_(hours={**GOOD.hours, **hours})


def stored(database) -> dict[str, object]:
    with database.unit_of_work() as session:
        canteen = session.scalars(select(Canteen)).one()
        return {name: getattr(canteen, name) for name in ("name", "address", "phone", "hours", "receipt_footer",
                                                          "printer", "public_base_url", "sale_needs_shift")}


def audit_rows(database) -> list[AuditEntry]:
    with database.unit_of_work() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "canteen.changed")
                                    .order_by(AuditEntry.id)))


def refused(given: SettingsIn) -> dict[str, str]:
    """The refused fields and their reasons (in English, outside a request)."""
    with pytest.raises(SettingsRefused) as caught:
        check_settings(given)
    return {name: problem.message % problem.params for name, problem in caught.value.problems.items()}


def test_the_settings_are_stored_exactly_and_the_change_audited(database, make):
    canteen = make.canteen(name="测试食堂")
    admin = make.user("boss", role="admin")
    changed = change_settings(database, GOOD, Actor(staff_id=admin.id))
    assert changed == ("name", "address", "phone", "hours", "receipt_footer", "printer", "public_base_url",
                       "sale_needs_shift")
    assert stored(database) == {
        "name": "新百汇社区便民餐厅", "address": "尧都区解放路12号", "phone": "0357-2345678",
        "hours": "lunch=11:00-13:00,dinner=16:30-18:30", "receipt_footer": "谢谢惠顾 欢迎再来",
        "printer": "tcp://192.168.1.50:9100", "public_base_url": "https://canteen.example.cn/yaodu",
        "sale_needs_shift": False}
    [row] = audit_rows(database)
    assert (row.subject, row.subject_id, row.staff_id) == ("canteen", str(canteen.id), admin.id)
    assert row.before == {"name": "测试食堂", "address": "", "phone": "", "hours": DEFAULT_HOURS,
                          "receipt_footer": "", "printer": "none", "public_base_url": "",
                          "sale_needs_shift": True}
    assert row.after == {"name": "新百汇社区便民餐厅", "address": "尧都区解放路12号", "phone": "0357-2345678",
                         "hours": "lunch=11:00-13:00,dinner=16:30-18:30", "receipt_footer": "谢谢惠顾 欢迎再来",
                         "printer": "tcp://192.168.1.50:9100", "public_base_url": "https://canteen.example.cn/yaodu",
                         "sale_needs_shift": False}


def test_the_audit_row_holds_only_what_changed_and_an_unchanged_save_writes_none(database, make):
    make.canteen()
    change_settings(database, GOOD, Actor())
    assert change_settings(database, with_(name="  新百汇餐厅 ", hours={**GOOD.hours, "lunch": "11:00-13:30"}),
                           Actor()) == ("name", "hours")
    assert audit_rows(database)[-1].before == {"name": "新百汇社区便民餐厅",
                                               "hours": "lunch=11:00-13:00,dinner=16:30-18:30"}
    assert audit_rows(database)[-1].after == {"name": "新百汇餐厅", "hours": "lunch=11:00-13:30,dinner=16:30-18:30"}
    assert change_settings(database, with_(name="新百汇餐厅", hours={**GOOD.hours, "lunch": "11:00-13:30"}),
                           Actor()) == ()
    assert len(audit_rows(database)) == 2


def test_whether_a_sale_needs_an_open_shift_is_yes_until_the_admins_say_no(database, make):
    with database.unit_of_work() as session:
        assert sale_needs_shift(session) is True  # no canteen yet
    make.canteen()
    with database.unit_of_work() as session:
        assert sale_needs_shift(session) is True
    change_settings(database, GOOD, Actor())
    with database.unit_of_work() as session:
        assert sale_needs_shift(session) is False


@pytest.mark.parametrize(("lunch", "reason"), [
    ("11:00", "must be a start and an end such as 10:30-13:30"),
    ("11.00-13.00", "must be a start and an end such as 10:30-13:30"),
    ("lunch time", "must be a start and an end such as 10:30-13:30"),
    ("11:00-24:00", "24:00 is not a time of day"),
    ("11:75-13:00", "11:75 is not a time of day"),
    ("13:00-11:00", "the start 13:00 must be before the end 11:00"),
    ("11:00-11:00", "the start 11:00 must be before the end 11:00"),
    ("11:00-13:00\x00", "must not contain control characters"),
])
def test_bad_hours_are_refused_naming_the_meal_period_and_nothing_is_written(database, make, lunch, reason):
    make.canteen()
    before = stored(database)
    with pytest.raises(SettingsRefused) as caught:
        change_settings(database, with_hours(lunch=lunch), Actor())
    assert caught.value.field == "hours_lunch"
    assert {n: p.message % p.params for n, p in caught.value.problems.items()} == {"hours_lunch": reason}
    assert stored(database) == before and audit_rows(database) == []


def test_overlapping_meal_periods_are_refused_and_touching_ones_are_not(database, make):
    make.canteen()
    assert refused(with_hours(lunch="10:30-13:30", dinner="13:00-19:00")) == {
        "hours_dinner": "overlaps lunch (10:30-13:30)"}
    assert refused(with_hours(breakfast="06:30-12:00", lunch="10:30-13:30", dinner="12:00-19:00")) == {
        "hours_lunch": "overlaps breakfast (06:30-12:00)", "hours_dinner": "overlaps lunch (10:30-13:30)"}
    assert refused(with_hours(breakfast="07:00-08:00", lunch="06:00-09:00", dinner="")) == {
        "hours_lunch": "overlaps breakfast (07:00-08:00)"}
    with pytest.raises(SettingsRefused):
        change_settings(database, with_hours(lunch="10:30-13:30", dinner="13:00-19:00"), Actor())
    assert stored(database)["hours"] == DEFAULT_HOURS and audit_rows(database) == []
    touching = check_settings(with_hours(breakfast="06:30-10:30", lunch="10:30-13:30", dinner="13:30-19:00"))
    assert touching.hours == {"breakfast": (time(6, 30), time(10, 30)), "lunch": (time(10, 30), time(13, 30)),
                              "dinner": (time(13, 30), time(19, 0))}


def test_hours_as_people_type_them_are_read(database, make):
    checked = check_settings(with_hours(breakfast="6:30 - 9:00", lunch="１１：００－１３：００", dinner="16:30～18:30"))
    assert checked.hours == {"breakfast": (time(6, 30), time(9, 0)), "lunch": (time(11, 0), time(13, 0)),
                             "dinner": (time(16, 30), time(18, 30))}
    assert check_settings(with_hours(breakfast="", lunch="11:00至13:00", dinner="")).hours == {
        "lunch": (time(11, 0), time(13, 0))}


def test_a_canteen_must_serve_at_least_one_meal_period():
    assert refused(with_hours(breakfast="", lunch="  ", dinner="")) == {
        "hours": "give the hours of at least one meal period"}


@pytest.mark.parametrize("url", ["canteen.example.cn", "ftp://canteen.example.cn", "https://", "http:///r",
                                 "https://canteen example.cn", "https://canteen.example.cn:99999/",
                                 "//canteen.example.cn/"])
def test_a_base_url_that_is_no_web_address_is_refused(database, make, url):
    make.canteen()
    assert refused(with_(public_base_url=url)) == {
        "public_base_url": "must be a web address starting with http:// or https://, such as https://canteen.example.cn"}
    with pytest.raises(SettingsRefused):
        change_settings(database, with_(public_base_url=url), Actor())
    assert stored(database)["public_base_url"] == "" and audit_rows(database) == []


@pytest.mark.parametrize("url", ["https://canteen.example.cn/?from=qr", "https://canteen.example.cn/#top",
                                 "https://admin:secret@canteen.example.cn/"])
def test_a_base_url_with_a_query_fragment_or_user_is_refused(url):
    assert refused(with_(public_base_url=url)) == {"public_base_url": "must not contain ?, # or a user name"}


@pytest.mark.parametrize(("url", "kept"), [("", ""), ("  http://192.168.1.20:8000/ ", "http://192.168.1.20:8000/"),
                                           ("HTTPS://Canteen.Example.cn", "HTTPS://Canteen.Example.cn")])
def test_good_base_urls_are_kept(url, kept):
    assert check_settings(with_(public_base_url=url)).public_base_url == kept


@pytest.mark.parametrize("printer", ["nnone", "printer", "tcp://", "tcp://:9100", "tcp://printer.local:0",
                                     "tcp://printer.local:70000", "tcp://printer.local:port", "tcp:/printer.local",
                                     "usb/lp0", "http://192.168.1.50:9100"])
def test_a_printer_setting_printing_cannot_use_is_refused(database, make, printer):
    make.canteen()
    assert refused(with_(printer=printer)) == {
        "printer": "must be none, tcp://HOST:PORT or a device path such as /dev/usb/lp0"}
    with pytest.raises(SettingsRefused):
        change_settings(database, with_(printer=printer), Actor())
    assert stored(database)["printer"] == "none" and audit_rows(database) == []


@pytest.mark.parametrize(("printer", "kept"), [
    ("none", "none"), ("NONE", "none"), ("", "none"), ("tcp://192.168.1.50:9100", "tcp://192.168.1.50:9100"),
    ("tcp://printer.local", "tcp://printer.local"), (" /dev/usb/lp0 ", "/dev/usb/lp0"), ("COM3", "COM3"),
    (r"\\.\COM10", r"\\.\COM10")])
def test_printer_settings_printing_reads_are_kept(printer, kept):
    assert check_settings(with_(printer=printer)).printer == kept


@pytest.mark.parametrize(("phone", "kept"), [("", ""), ("13812345678", "13812345678"), ("0357-2345678", "0357-2345678"),
                                             ("１３８１２３４５６７８", "13812345678")])
def test_phone_numbers_are_digits(phone, kept):
    assert check_settings(with_(phone=phone)).phone == kept


@pytest.mark.parametrize("phone", ["abc", "0357 2345678", "+86 13812345678", "0357--2345678", "-2345678",
                                   "1" * 21])
def test_a_phone_that_is_not_digits_is_refused(phone):
    reason = refused(with_(phone=phone))["phone"]
    assert reason in ("must be digits, such as 0357-2345678 or 13812345678",
                      "must be text of at most 20 characters")


def test_text_is_held_to_its_column_and_one_line():
    assert refused(with_(receipt_footer="谢" * 101, address="路" * 121, name="")) == {
        "name": "must be filled in", "address": "must be text of at most 120 characters",
        "receipt_footer": "must be text of at most 100 characters"}
    assert check_settings(with_(receipt_footer="谢" * 100)).receipt_footer == "谢" * 100
    assert refused(with_(receipt_footer="谢谢\n惠顾", name="食堂\x1b")) == {
        "name": "must not contain control characters", "receipt_footer": "must not contain control characters"}


def test_every_refused_field_is_named_at_once_the_first_as_the_errors_own(database, make):
    make.canteen()
    with pytest.raises(SettingsRefused) as caught:
        change_settings(database, with_(name="", hours={"lunch": "x"}, printer="lp0", public_base_url="x"), Actor())
    assert caught.value.field == "name"
    assert list(caught.value.problems) == ["name", "hours_lunch", "printer", "public_base_url"]
    assert audit_rows(database) == []


def test_the_first_settings_of_a_new_installation_make_its_canteen(database):
    with database.unit_of_work() as session:  # a schema made without `canteen db upgrade`, which makes one
        session.execute(delete(Canteen))
    assert change_settings(database, GOOD, Actor())[0] == "name"
    assert stored(database)["name"] == "新百汇社区便民餐厅"
    [row] = audit_rows(database)
    assert row.before is None and row.after["printer"] == "tcp://192.168.1.50:9100"
