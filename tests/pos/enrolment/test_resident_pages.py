"""The residents pages: who may open them, the forms' refusals by field, masking, the import's two steps, export."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
from sqlalchemy import func, select

from pos.audit import history
from pos.audit.models import AuditEntry
from pos.enrolment.profile import VIEWED_IN_FULL
from pos.residents.models import Resident
from tests.pos.residents.sheets import HEADER_ZH, LI, ZHANG, li, write_xlsx, wrong_check, zhang

ID_NUMBER = "14100219480101000X"
FORM = {"name": "王淑珍", "id_number": ID_NUMBER, "phone": "13912345678", "address": "解放路12号",
        "district": "尧都区", "emergency_name": "王建国", "emergency_phone": "13800001111",
        "diet": ["low_salt", "soft"], "allergens": ["peanut"],
        "categories-0-code": "dibao", "categories-0-held": "y", "categories-0-valid_from": "2026-01-01",
        "categories-0-valid_to": "", "categories-0-proof_note": "低保证 2026-001"}


def residents(database) -> list[Resident]:
    with database.reader() as session:
        return list(session.scalars(select(Resident).order_by(Resident.id)))


def test_only_managers_and_admins_open_the_residents_pages(client, auth):
    auth.login("cashier")
    for url in ("/residents", "/residents/new", "/residents/import", "/residents/export.xlsx"):
        assert client.get(url).status_code == 403
    assert client.post("/residents/import").status_code == 403


def test_register_with_needs_and_contact(client, auth, database):
    auth.login("manager")
    response = client.post("/residents/new", data=FORM)
    [stored] = residents(database)
    assert response.status_code == 302 and response.headers["Location"] == f"/residents/{stored.id}"
    assert (stored.name, stored.phone, stored.district, stored.diet, stored.allergens, stored.name_initials) == (
        "王淑珍", "13912345678", "尧都区", ["low_salt", "soft"], ["peanut"], "wsz")
    assert (stored.emergency_name, stored.emergency_phone) == ("王建国", "13800001111")
    with database.reader() as session:
        [grant] = session.get(Resident, stored.id).categories
        assert (grant.category_code, grant.valid_from, grant.proof_note) == ("dibao", date(2026, 1, 1), "低保证 2026-001")
    page = client.get(f"/residents/{stored.id}").get_data(as_text=True)
    assert "低盐" in page and "过敏：花生" in page and "**************000X" in page and "*******1111" in page
    assert "13912345678" not in page


def test_a_wrong_id_number_is_refused_by_its_field_keeping_what_was_typed(client, auth, database):
    auth.login("manager")
    response = client.post("/residents/new", data=FORM | {"id_number": wrong_check(ID_NUMBER)})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "身份证号: 校验位不正确，请重新核对号码" in page
    assert 'value="王建国"' in page and 'value="13912345678"' in page
    assert residents(database) == []


def test_a_category_ending_before_it_starts_is_refused_and_nothing_stored(client, auth, database):
    auth.login("manager")
    response = client.post("/residents/new", data=FORM | {"categories-0-valid_to": "2025-12-31"})
    assert response.status_code == 422
    assert "补贴类别: dibao 的开始日期晚于结束日期" in response.get_data(as_text=True)
    assert residents(database) == []


def test_a_manager_edits_with_masked_fields_left_as_stored(client, auth, database):
    auth.login("manager")
    client.post("/residents/new", data=FORM)
    [stored] = residents(database)
    form = client.get(f"/residents/{stored.id}/edit").get_data(as_text=True)
    assert "13912345678" not in form and "*******5678" in form
    changed = FORM | {"name": "王淑贞", "phone": "", "address": "", "district": "", "emergency_phone": "13700002222",
                      "diet": ["diabetic"], "allergens": []}
    assert client.post(f"/residents/{stored.id}/edit", data=changed).status_code == 302
    [after] = residents(database)
    assert (after.name, after.phone, after.address, after.district, after.emergency_phone, after.diet,
            after.allergens, after.name_initials) == (
        "王淑贞", "13912345678", "解放路12号", "尧都区", "13700002222", ["diabetic"], [], "wsz")
    with database.reader() as session:
        last = history(session, "resident", stored.id)[-1]
        assert set(last.after) == {"name", "emergency_phone", "diet", "allergens"}


def test_an_admin_sees_the_numbers_whole_and_each_view_is_audited(client, auth, database, make):
    resident = make.resident(name="张桂兰")
    auth.login("admin")
    with database.reader() as session:
        number = session.get(Resident, resident).id_number
    assert number in client.get(f"/residents/{resident}").get_data(as_text=True)
    assert number in client.get(f"/residents/{resident}/edit").get_data(as_text=True)
    with database.reader() as session:
        assert [e.action for e in history(session, "resident", resident)][-2:] == [VIEWED_IN_FULL, VIEWED_IN_FULL]


def test_moved_away_needs_its_date(client, auth, database, make):
    resident = make.resident()
    auth.login("manager")
    refused = client.post(f"/residents/{resident}/status", data={"status": "moved_away", "status_date": ""})
    assert refused.status_code == 422 and "日期: " in refused.get_data(as_text=True)
    assert residents(database)[0].status == "active"
    done = client.post(f"/residents/{resident}/status", data={"status": "deceased", "status_date": "2026-11-20"})
    assert done.status_code == 302
    [after] = residents(database)
    assert (after.status, after.status_date) == ("deceased", date(2026, 11, 20))
    page = client.get(f"/residents/{resident}").get_data(as_text=True)
    assert "已去世" in page and "状态变更" in page


def upload(client, path, cards: bool = False):
    data = {"file": (io.BytesIO(path.read_bytes()), path.name)} | ({"with_cards": "y"} if cards else {})
    return client.post("/residents/import", data=data, content_type="multipart/form-data")


def test_import_reports_first_and_writes_on_confirm(client, auth, database, tmp_path, app):
    auth.login("manager")
    bad = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, zhang(), li(id_number=wrong_check(LI))])
    page = upload(client, bad).get_data(as_text=True)
    assert "<td>3</td><td>身份证号</td><td>校验位不正确" in page and 'id="confirm"' not in page
    assert residents(database) == []
    good = write_xlsx(tmp_path / "名单.xlsx", [HEADER_ZH, zhang(), li()])
    page = upload(client, good).get_data(as_text=True)
    assert "新登记 2 人" in page and 'id="confirm"' in page
    assert residents(database) == []
    [stored_file] = (tmp_path / "instance" / "uploads").iterdir()
    with client.session_transaction() as session:
        token = session["resident_import"]["token"]
    assert stored_file.name == f"{token}.xlsx"
    assert client.post("/residents/import/confirm", data={"token": "0" * 32}).status_code == 302
    assert residents(database) == []
    done = client.post("/residents/import/confirm", data={"token": token})
    assert done.status_code == 302 and done.headers["Location"] == "/residents"
    assert [r.id_number for r in residents(database)] == [ZHANG, LI]
    assert list((tmp_path / "instance" / "uploads").iterdir()) == []
    again = client.post("/residents/import/confirm", data={"token": token})
    assert again.status_code == 302 and again.headers["Location"] == "/residents/import"


def test_export_is_masked_for_a_manager_and_whole_for_an_admin(client, auth, database, make):
    make.canteen()
    resident = make.resident(name="张桂兰", categories=("dibao",), balance_fen=5000)
    with database.reader() as session:
        number = session.get(Resident, resident).id_number
    auth.login("manager")
    response = client.get("/residents/export.xlsx?q=zgl")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["姓名", "身份证号", "性别"]
    assert rows[1][:2] == ["张桂兰", "*" * 14 + number[-4:]] and rows[1][5] == "低保" and rows[1][9] == "50.00"
    auth.logout()
    auth.login("admin")
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/residents/export.xlsx").data)).active
    assert list(sheet.iter_rows(values_only=True))[1][1] == number
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "resident.exported_in_full")) == 1


def test_the_list_searches_and_pages(client, auth, make):
    for name in ("张桂兰", "李福贵", "王秀英"):
        make.resident(name=name)
    auth.login("manager")
    page = client.get("/residents?q=zgl").get_data(as_text=True)
    assert "共 1 位居民" in page and "张桂兰" in page and "李福贵" not in page
    assert "共 3 位居民" in client.get("/residents?page=abc").get_data(as_text=True)
    assert "状态" in client.get("/residents?status=gone").get_data(as_text=True)


def test_the_history_names_each_change_in_words_with_numbers_masked(client, auth, database):
    auth.login("manager")
    client.post("/residents/new", data=FORM)
    [stored] = residents(database)
    client.post(f"/residents/{stored.id}/edit", data=FORM | {"phone": "13700002222", "diet": ["diabetic"]})
    page = client.get(f"/residents/{stored.id}").get_data(as_text=True)
    assert "<td>修改: 饮食需求</td><td>低盐, 软食</td><td>糖尿病</td>" in page
    assert "<td>修改: 电话</td><td>*******5678</td><td>*******2222</td>" in page
    assert "13700002222" not in page


def test_the_api_registers_needs_and_contact_too(manager_api, database):
    response = manager_api.post("/api/v1/residents", {
        "name": "王淑珍", "id_number": ID_NUMBER, "emergency_name": "王建国", "emergency_phone": "13800001111",
        "diet": ["minced"], "allergens": ["egg"]})
    assert response.status_code == 201
    assert {k: response.get_json()[k] for k in ("emergency_name", "emergency_phone", "diet", "allergens")} == {
        "emergency_name": "王建国", "emergency_phone": "*******1111", "diet": ["minced"], "allergens": ["egg"]}
    refused = manager_api.post("/api/v1/residents", {"name": "王淑珍", "id_number": ID_NUMBER, "diet": "soft"})
    assert (refused.status_code, refused.get_json()["error"]["code"]) == (422, "invalid_input")
