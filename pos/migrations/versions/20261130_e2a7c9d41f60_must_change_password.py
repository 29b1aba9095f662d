"""staff must change a password an admin set

Revision ID: e2a7c9d41f60
Revises: a7c3e9f1b2d5
Create Date: 2026-11-30 16:00:00

An admin resetting a password from the staff page knows it; the member of staff is made to choose
their own at the next sign-in. A plain ADD COLUMN: staff_user is referenced by other tables, so
SQLite must not rebuild it.
"""
import sqlalchemy as sa
from alembic import op

revision = 'e2a7c9d41f60'
down_revision = 'a7c3e9f1b2d5'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('staff_user', sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                          server_default=sa.false()))


def downgrade() -> None:
    op.execute('ALTER TABLE staff_user DROP COLUMN must_change_password')
