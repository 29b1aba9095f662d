"""The fraud checks page shows the month's findings with their evidence; a manager marks one explained with a
note (audited), and it stays listed as explained; without a note nothing changes; `canteen fraud report` prints
the same findings, as text or JSON."""
from __future__ import annotations

import json
import re
from datetime import date

from sqlalchemy import func, select

from pos.audit import AuditEntry
from pos.fraud.models import FraudExplanation
from tests.support.selling import local

NINTH = date(2026, 10, 9)


def planted(world):
    """Two late subsidised meals by the first cashier on 9 October (lunch after 13:45, dinner at 22:05), one
    ordinary lunch."""
    staff, terminal = world.cashiers[0], world.terminals[0]
    late = world.kitchen.serve(world.residents[0], local(NINTH, 13, 50), "lunch", "card", staff, terminal)
    night = world.kitchen.serve(world.residents[1], local(NINTH, 22, 5), "dinner", "card", staff, terminal)
    world.kitchen.serve(world.residents[2], local(NINTH, 12, 0), "lunch", "card", staff, terminal)
    return staff, late, night


def shown(page: str) -> list[tuple[str, str, bool]]:
    """(check, key, explained) of every finding on the page."""
    return [(check, key, "explained" in classes) for classes, check, key in re.findall(
        r'<article class="finding([^"]*)" data-check="([^"]+)" data-key="([^"]+)">', page)]


def test_a_manager_sees_each_finding_with_its_receipts(world, client, auth):
    staff, late, night = planted(world)
    auth.login("manager")
    page = client.get("/fraud?month=2026-10").get_data(as_text=True)
    assert shown(page) == [("closed_hours", f"2026-10-09:dinner:s{staff}", False),
                           ("closed_hours", f"2026-10-09:lunch:s{staff}", False)]
    assert re.findall(r'<td class="receipt"><a href="/sales/\d+">([^<]+)</a>', page) == [night.receipt_no,
                                                                                       late.receipt_no]
    assert "2026-10-09 22:05" in page and "2026-10-09 13:50" in page and "王收银" in page
    assert page.count('<section id="') == 6 and '<a href="/fraud" aria-current="page">' in page


def test_marking_a_finding_explained_keeps_it_listed_with_the_note(world, client, auth, database):
    staff, _late, _night = planted(world)
    auth.login("manager")
    key = f"2026-10-09:dinner:s{staff}"
    answer = client.post("/fraud/explain", data={"month": "2026-10", "check": "closed_hours", "key": key,
                                                 "note": "  送餐晚归，已核实  "})
    assert answer.status_code == 302 and answer.headers["Location"] == "/fraud?month=2026-10#closed_hours"
    page = client.get("/fraud?month=2026-10").get_data(as_text=True)
    assert shown(page) == [("closed_hours", key, True), ("closed_hours", f"2026-10-09:lunch:s{staff}", False)]
    assert '<span class="note">送餐晚归，已核实</span>' in page and page.count('class="explain"') == 1
    with database.reader() as session:
        row = session.scalar(select(FraudExplanation))
        audit = session.scalar(select(AuditEntry).where(AuditEntry.action == "fraud.explained"))
    assert (row.check, row.key, row.note, row.canteen_id) == ("closed_hours", key, "送餐晚归，已核实", 1)
    assert (audit.subject, audit.subject_id, audit.note, audit.staff_id) == (
        "fraud_finding", f"closed_hours:{key}", "送餐晚归，已核实", row.staff_id)
    again = client.post("/fraud/explain", data={"month": "2026-10", "check": "closed_hours", "key": key,
                                                "note": "second"}, follow_redirects=True)
    assert "送餐晚归，已核实" in again.get_data(as_text=True)
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(FraudExplanation)) == 1


def test_without_a_note_the_page_names_the_field_and_nothing_changes(world, client, auth, database):
    staff, _late, _night = planted(world)
    auth.login("manager")
    key = f"2026-10-09:lunch:s{staff}"
    answer = client.post("/fraud/explain", data={"month": "2026-10", "check": "closed_hours", "key": key,
                                                 "note": "   "})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422
    error = re.search(r'<p class="error" role="alert" id="note-closed_hours-2-error">([^<]+)</p>', page).group(1)
    assert error.startswith("备注")
    assert 'aria-invalid="true"' in page and shown(page)[1] == ("closed_hours", key, False)
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(FraudExplanation)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "fraud.explained")) == 0
    unknown = client.post("/fraud/explain", data={"month": "2026-10", "check": "nonsense", "key": key, "note": "x"})
    assert unknown.status_code == 422


def test_only_managers_and_a_month_written_right(world, client, auth):
    auth.login("cashier")
    assert client.get("/fraud").status_code == 403
    auth.logout()
    auth.login("manager")
    assert client.get("/fraud?month=2026-13").status_code == 422
    assert client.get("/fraud").status_code == 200


def test_the_command_prints_the_findings_as_text_and_json(world, runner):
    staff, late, night = planted(world)
    text = runner.invoke(args=["fraud", "report", "--month", "2026-10"])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines()[0] == "fraud checks 2026-10 · 测试食堂: 2 findings, 0 explained"
    assert f"  {night.receipt_no}  2026-10-09T22:05+08:00  dinner  card  李明德  counter-1  王收银  200 fen" in text.output
    document = json.loads(runner.invoke(args=["fraud", "report", "--month", "2026-10", "--json"]).output)
    assert [(f["key"], [m["receipt_no"] for m in f["meals"]]) for f in document["checks"]["closed_hours"]] == [
        (f"2026-10-09:dinner:s{staff}", [night.receipt_no]), (f"2026-10-09:lunch:s{staff}", [late.receipt_no])]
    assert document["checks"]["closed_hours"][0]["staff"] == "王收银"
    assert {check for check, found in document["checks"].items() if found} == {"closed_hours"}
    bad = runner.invoke(args=["fraud", "report", "--month", "October"])
    assert bad.exit_code == 2 and "--month" in bad.output
