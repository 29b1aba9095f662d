"""canteen settings

Revision ID: f4a1c7e2b9d3
Revises: e3b8c1d4f6a7
Create Date: 2026-11-30 16:00:00

The canteen's address, phone, receipt footer, printer, public address for receipt QR codes and whether a
sale needs an open shift are its own, set by its admins on /settings. A canteen that exists takes the
CANTEEN_PRINTER of the environment the upgrade runs in (what it printed on), else none.

Plain ADD COLUMN / DROP COLUMN: sale and receipt_counter refer to the canteen table, and copying a
referenced table, as a batch would on SQLite, breaks their foreign keys.
"""
import os

import sqlalchemy as sa
from alembic import op

revision = 'f4a1c7e2b9d3'
down_revision = 'e3b8c1d4f6a7'
branch_labels = None
depends_on = None

COLUMNS = ('address', 'phone', 'receipt_footer', 'printer', 'public_base_url', 'sale_needs_shift')


def current_printer() -> str:
    printer = (os.environ.get("CANTEEN_PRINTER") or "none").strip()
    return printer[:200] or "none"


def upgrade() -> None:
    op.add_column('canteen', sa.Column('address', sa.String(length=120), nullable=False, server_default=''))
    op.add_column('canteen', sa.Column('phone', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('canteen', sa.Column('receipt_footer', sa.String(length=100), nullable=False, server_default=''))
    op.add_column('canteen', sa.Column('printer', sa.String(length=200), nullable=False, server_default='none'))
    op.add_column('canteen', sa.Column('public_base_url', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('canteen', sa.Column('sale_needs_shift', sa.Boolean(), nullable=False, server_default=sa.true()))
    printer = current_printer()
    if printer != 'none':
        op.get_bind().execute(sa.text("UPDATE canteen SET printer = :printer"), {"printer": printer})


def downgrade() -> None:
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE canteen DROP COLUMN {column}')
