"""claim items keep their category

Revision ID: 8f2c4d6e1a3b
Revises: 7e3a9b21c4d5
Create Date: 2026-11-28 17:20:00

An issued claim is frozen: the resident category each line was claimed under is
recorded with it, so correcting a resident's categories later cannot change it.
"""
import sqlalchemy as sa
from alembic import op

revision = '8f2c4d6e1a3b'
down_revision = '7e3a9b21c4d5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('claim_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('claim_item', schema=None) as batch_op:
        batch_op.drop_column('category')
