"""each terminal names its card reader

Revision ID: c5d2e8a4b7f3
Revises: b9d4e6f2a1c8
Create Date: 2026-11-30 16:30:00

A tap used to reach every open counter screen; now only the terminal that names the reader gets it.
An installation with exactly one counter in use keeps working as before: that terminal takes every
reader ("*"). With two or more, which reader stands at which counter is not known here, so none is
named and an admin names them on /terminals. A plain ADD COLUMN: terminal is referenced by other
tables, so SQLite must not rebuild it.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c5d2e8a4b7f3'
down_revision = 'b9d4e6f2a1c8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('terminal', sa.Column('reader_name', sa.String(length=128), nullable=False, server_default=''))
    op.execute("UPDATE terminal SET reader_name = '*' WHERE active "
               "AND (SELECT count(*) FROM terminal AS t WHERE t.active) = 1")


def downgrade() -> None:
    op.execute('ALTER TABLE terminal DROP COLUMN reader_name')
