"""The claim pages refuse a funder longer than the claim's column, or holding a control character."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from pos.statements.models import SubsidyClaim


def message(response) -> tuple[int, str]:
    return response.status_code, re.search(r"<h1>\d+</h1>\s*<p>([^<]*)</p>", response.get_data(as_text=True))[1]


def test_a_funder_too_long_for_the_claim_is_refused_and_no_claim_written(client, auth, make, database):
    # PostgreSQL refuses a 41-character funder for its 40-character column: a 500, without the check.
    make.canteen()
    auth.login("manager")
    response = client.post("/statements/claims/issue", data={"month": "2025-01", "funder": "f" * 41})
    assert message(response) == (422, "必须是不超过 40 个字符的文字")
    with database.reader() as session:
        assert session.scalar(select(func.count()).select_from(SubsidyClaim)) == 0


def test_a_funder_with_a_control_character_is_refused(client, auth, make):
    make.canteen()
    auth.login("manager")
    response = client.get("/statements/claims", query_string={"month": "2025-01", "funder": "dis\x00trict"})
    assert message(response) == (422, "不能包含控制字符")
