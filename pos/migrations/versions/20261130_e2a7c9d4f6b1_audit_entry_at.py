"""audit log by time: an index on audit_entry.at

Revision ID: e2a7c9d4f6b1
Revises: d5f9b2a3c8e4
Create Date: 2026-11-30 16:00:00

The audit page lists the log newest first and filters it by day; with a row for every sale the table
grows by a month's meals each month, so it is read through an index on its time, not by sorting it all.
"""
from alembic import op

revision = 'e2a7c9d4f6b1'
down_revision = 'd5f9b2a3c8e4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_entry_at', 'audit_entry', ['at'])


def downgrade() -> None:
    op.drop_index('ix_audit_entry_at', table_name='audit_entry')
