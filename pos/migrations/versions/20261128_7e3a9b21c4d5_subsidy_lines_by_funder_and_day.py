"""subsidy lines by funder and day

Revision ID: 7e3a9b21c4d5
Revises: 5b1d7c0e2a91
Create Date: 2026-11-28 17:00:00

Monthly claims and their ledger check select a funder's lines for a month;
without this index they scan every subsidy line ever written.
"""
from alembic import op

revision = '7e3a9b21c4d5'
down_revision = '5b1d7c0e2a91'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sale_subsidy_funder_business_date", "sale_subsidy", ["funder", "business_date"])


def downgrade() -> None:
    op.drop_index("ix_sale_subsidy_funder_business_date", table_name="sale_subsidy")
