"""a top-up keeps its payment's reference number

Revision ID: a7c3e9f1b2d5
Revises: e2b8c6d4f1a7
Create Date: 2026-11-30 17:00:00

WeChat Pay, Alipay and bank top-ups carry the payment's own number (empty for cash), indexed with the
method, unique where given, so one payment is never recorded twice. Plain ADD COLUMN: top_up is referenced
by corrections.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a7c3e9f1b2d5'
down_revision = 'e2b8c6d4f1a7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('top_up', sa.Column('reference', sa.String(length=64), nullable=False, server_default=''))
    op.create_index('uq_top_up_method_reference', 'top_up', ['method', 'reference'], unique=True,
                    sqlite_where=sa.text("reference <> ''"), postgresql_where=sa.text("reference <> ''"))


def downgrade() -> None:
    op.drop_index('uq_top_up_method_reference', table_name='top_up')
    op.execute('ALTER TABLE top_up DROP COLUMN reference')
