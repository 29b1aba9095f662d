"""canteen hours

Revision ID: b7c3e5d9a2f1
Revises: a1d17e0c4b52
Create Date: 2026-11-30 10:40:00

A canteen's serving hours are its own, in its record, as its name is. Canteens that exist take the
CANTEEN_HOURS of the environment the upgrade runs in (what they were served by), else the default.
"""
import os

import sqlalchemy as sa
from alembic import op

from pos.config import DEFAULT_HOURS, ConfigError, format_hours, parse_hours

revision = 'b7c3e5d9a2f1'
down_revision = 'a1d17e0c4b52'
branch_labels = None
depends_on = None


def current_hours() -> str:
    try:
        return format_hours(parse_hours(os.environ.get("CANTEEN_HOURS") or DEFAULT_HOURS))
    except ConfigError:
        return DEFAULT_HOURS


def upgrade() -> None:
    with op.batch_alter_table('canteen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hours', sa.String(length=120), nullable=False,
                                      server_default=current_hours()))


def downgrade() -> None:
    with op.batch_alter_table('canteen', schema=None) as batch_op:
        batch_op.drop_column('hours')
