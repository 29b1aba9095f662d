"""The list imported from the back office: the same report as the CLI before anything is written, cards too."""
from __future__ import annotations

import stat

import pytest
from sqlalchemy import select

from pos.audit import Actor, history
from pos.credentials.models import Card
from pos.enrolment import uploads
from pos.errors import InvalidInput, NotFound
from tests.pos.residents.sheets import HEADER_ZH, LI, WANG, ZHANG, ZHAO, li, stored, write_xlsx, wrong_check, zhang

HEADER_CARDS = [*HEADER_ZH, "紧急联系人", "卡号"]


def report_lines(report) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, str(p.error)) for p in report.problems]


def cards(database) -> list[tuple[str, str, str]]:
    with database.reader() as session:
        from pos.residents.models import Resident
        return [(c.uid, c.status, r.name) for c, r in session.execute(
            select(Card, Resident).join(Resident, Resident.id == Card.resident_id).order_by(Card.uid))]


@pytest.fixture
def staff(make) -> Actor:
    return Actor(staff_id=make.user(role="manager").id)


def test_a_bad_row_writes_nothing_and_is_named_by_row_column_and_reason(database, tmp_path, staff):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, zhang(), li(id_number=wrong_check(LI))])
    for run in (uploads.check_list, uploads.import_list):
        report = run(database, path, False, staff)
        assert report_lines(report) == [(3, "身份证号", "the check character is wrong; please check the number again")]
        assert (report.rows, report.new, report.bad_rows, report.written) == (2, 1, 1, False)
    assert stored(database) == {}


def test_checking_writes_nothing_and_importing_writes_what_the_check_said(database, tmp_path, staff):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, zhang(), li()])
    checked = uploads.check_list(database, path, False, staff)
    assert (checked.rows, checked.new, checked.updated, checked.problems, checked.written) == (2, 2, 0, [], False)
    assert stored(database) == {}
    done = uploads.import_list(database, path, False, staff)
    assert (done.new, done.updated, done.written) == (2, 0, True)
    assert sorted(stored(database)) == sorted([ZHANG, LI])
    with database.reader() as session:
        from pos.residents.models import Resident
        zhang_id = session.scalar(select(Resident.id).where(Resident.id_number == ZHANG))
        assert history(session, "resident", zhang_id)[0].staff_id == staff.staff_id


def test_importing_with_cards_issues_them_in_the_same_step(database, tmp_path, staff):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_CARDS, [*zhang(), "王建国", "04A1B2C3"],
                                                [*li(), "", f"{0x04D5E6F7:010d}"]])
    assert uploads.check_list(database, path, True, staff).cards == 2
    assert cards(database) == []
    report = uploads.import_list(database, path, True, staff)
    assert (report.new, report.cards, report.written) == (2, 2, True)
    assert cards(database) == [("04A1B2C3", "active", "张桂兰"), ("04D5E6F7", "active", "李福贵")]
    with database.reader() as session:
        card = session.scalar(select(Card).where(Card.uid == "04A1B2C3"))
        assert [(e.action, e.staff_id) for e in history(session, "card", card.id)] == [("card.issued", staff.staff_id)]
    again = uploads.import_list(database, path, True, staff)  # the same list again: updated, no card twice
    assert (again.updated, again.cards, again.written) == (2, 0, True)


def test_without_cards_the_card_column_is_not_read(database, tmp_path, staff):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_CARDS, [*zhang(), "", "not a card"]])
    report = uploads.import_list(database, path, False, staff)
    assert (report.new, report.cards, report.problems) == (1, 0, [])
    assert cards(database) == []


def test_a_card_in_use_or_twice_in_the_list_is_the_rows_problem_naming_the_holder_masked(database, tmp_path, staff,
                                                                                        make):
    holder = make.resident(name="王秀英")
    make.card(holder, "04A1B2C3")
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_CARDS, [*zhang(), "", "04A1B2C3"], [*li(), "", "04D5E6F7"],
                                                [*li(id_number=WANG, name="王五"), "", "04d5e6f7"],
                                                [*li(id_number=ZHAO, name="赵六"), "", "12"]])
    report = uploads.import_list(database, path, True, staff)
    with database.reader() as session:
        from pos.residents.models import Resident
        holder_number = session.get(Resident, holder).id_number
    assert report_lines(report) == [
        (2, "卡号", f"card 04A1B2C3 is already issued to 王*英({holder_number[-4:]})"),
        (4, "卡号", "the same card number is already in row 3"),
        (5, "卡号", "is not a card number: 8, 14 or 20 hex digits, or a decimal of 10 or 15 to 17 digits")]
    assert report.written is False
    assert cards(database) == [("04A1B2C3", "active", "王秀英")]


def test_a_list_with_cards_needs_its_card_column(database, tmp_path, staff):
    path = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, zhang()])
    with pytest.raises(InvalidInput) as refused:
        uploads.check_list(database, path, True, staff)
    assert (refused.value.field, str(refused.value)) == ("file", "the list has no card number column (卡号)")


def test_an_upload_is_kept_for_its_owner_only_under_a_random_name(tmp_path):
    token, suffix = uploads.keep_upload(tmp_path, "名单.XLSX", b"PK")
    path = uploads.upload_path(tmp_path, token, suffix)
    assert (suffix, path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (".xlsx", b"PK", 0o600)
    assert path.parent == tmp_path / "uploads" and len(token) == 32
    for bad in ("../secret_key", token.upper(), "0" * 32):
        with pytest.raises(NotFound):
            uploads.upload_path(tmp_path, bad, suffix)
    uploads.discard_upload(tmp_path, token, suffix)
    assert not path.exists()
    with pytest.raises(InvalidInput) as refused:
        uploads.keep_upload(tmp_path, "名单.exe", b"MZ")
    assert refused.value.field == "file"


def test_an_upload_left_unconfirmed_is_removed_after_an_hour(tmp_path):
    token, suffix = uploads.keep_upload(tmp_path, "a.csv", b"x", now=1_000_000.0)
    old = uploads.upload_path(tmp_path, token, suffix)
    import os
    os.utime(old, (1_000_000.0, 1_000_000.0))
    uploads.keep_upload(tmp_path, "b.csv", b"y", now=1_000_000.0 + uploads.KEEP_SECONDS + 1)
    assert not old.exists()
