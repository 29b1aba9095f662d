"""standard subsidy categories

Revision ID: 5b1d7c0e2a91
Revises: 9c42f1486483
Create Date: 2026-11-28 16:15:00

The categories of DOMAIN.md as reference data, so a fresh install can register
residents with them; an admin may add more.
"""
import sqlalchemy as sa
from alembic import op

revision = '5b1d7c0e2a91'
down_revision = '9c42f1486483'
branch_labels = None
depends_on = None

CATEGORIES = (
    ("dibao", "低保", "minimum living allowance"),
    ("tekun", "特困", "extreme poverty support"),
    ("low_income", "低收入", "low income"),
    ("disabled_care", "失能", "fully dependent"),
    ("semi_disabled", "半失能", "partly dependent"),
    ("living_alone", "独居", "living alone"),
    ("youfu", "优抚", "entitled groups (veterans' families)"),
    ("disability", "残疾", "disability"),
)


def upgrade() -> None:
    table = sa.table("subsidy_category", sa.column("code"), sa.column("name_zh"), sa.column("name_en"))
    have = {row[0] for row in op.get_bind().execute(sa.select(table.c.code))}
    rows = [{"code": c, "name_zh": zh, "name_en": en} for c, zh, en in CATEGORIES if c not in have]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    pass  # residents may hold these categories; leave them
