"""The Family section of the back office's resident page: a manager links a family member, gives a new PIN,
unlinks; a cashier may not."""
from __future__ import annotations

from sqlalchemy import select

from pos.audit import AuditEntry
from pos.family.models import FamilyLink, FamilyMember
from pos.signins.secrets import secret_matches
from tests.pos.family.conftest import PHONE, PIN


def link(client, resident_id, **changes):
    data = {"name": "李强", "phone": "139 1234 5678", "relationship": "儿子", "pin": PIN} | changes
    return client.post(f"/family/residents/{resident_id}", data=data, follow_redirects=True)


def test_a_manager_links_sets_a_pin_and_unlinks(client, auth, family, database):
    auth.login("manager")
    html = link(client, family.zhang).get_data(as_text=True)
    assert "李强现在可以在 /me 用手机号和密码订餐。" in html
    row = html.split('id="family-list"')[1].split("</table>")[0]
    assert "李强" in row and "儿子" in row and "*******5678" in row and PHONE not in row
    with database.reader() as session:
        member = session.scalars(select(FamilyMember)).one()
    html = client.post(f"/family/{member.id}/pin", data={"pin": "97531", "resident_id": family.zhang},
                       follow_redirects=True).get_data(as_text=True)
    assert "新密码已设置。" in html
    html = client.post(f"/family/{member.id}/unlink", data={"resident_id": family.zhang},
                       follow_redirects=True).get_data(as_text=True)
    assert "已解除家属关联。" in html and "没有关联的家属。" in html
    with database.reader() as session:
        assert secret_matches(session.get_one(FamilyMember, member.id).pin_hash, "97531")
        assert session.scalars(select(FamilyLink)).all() == []
        assert [e.action for e in session.scalars(select(AuditEntry).where(
            AuditEntry.subject == "family_member").order_by(AuditEntry.id))] == [
            "family.added", "family.pin_set", "family.linked", "family.pin_set", "family.unlinked"]


def test_a_bad_number_is_refused_on_the_page(client, auth, family, database):
    auth.login("manager")
    html = link(client, family.zhang, phone="12345").get_data(as_text=True)
    assert "电话：须为11位手机号，如139 1234 5678" in html
    with database.reader() as session:
        assert session.scalars(select(FamilyMember)).all() == []


def test_a_cashier_cannot_set_up_family(client, auth, family, database):
    auth.login("cashier")
    assert link(client, family.zhang).status_code == 403
    with database.reader() as session:
        assert session.scalars(select(FamilyMember)).all() == []
