"""A JSON string holding half of a UTF-16 pair is refused by name, not stored (no database can)."""
from __future__ import annotations

from sqlalchemy import func, select

from pos.residents.models import Resident
from tests.pos.residents.sheets import ZHANG


def test_a_lone_surrogate_is_refused_not_a_500(manager_api, database):
    body = '{"name": "\\ud800张桂兰", "id_number": "%s"}' % ZHANG
    response = manager_api.client.post("/api/v1/residents", data=body,
                                       headers=manager_api.headers | {"Content-Type": "application/json"})
    assert (response.status_code, response.get_json()["error"]["message"]) == (422, "含有无法保存的字符")
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
