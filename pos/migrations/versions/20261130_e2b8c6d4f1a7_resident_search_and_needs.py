"""resident search keys, emergency contact and dietary needs

Revision ID: e2b8c6d4f1a7
Revises: f4a1c7e2b9d3
Create Date: 2026-11-30 16:00:00

The residents list is searched in SQL by the name's pinyin initials and the last four characters of
the ID or phone number, each kept in an indexed column; existing residents get theirs computed here.
Plain ADD COLUMN: the resident table is referenced by many others, so it is never copied (batch mode).
"""
import sqlalchemy as sa
from alembic import op

from pos.residents.search_keys import last_four, name_initials

revision = 'e2b8c6d4f1a7'
down_revision = 'f4a1c7e2b9d3'
branch_labels = None
depends_on = None

COLUMNS = ('emergency_name', 'emergency_phone', 'diet', 'allergens', 'name_initials', 'id_last4', 'phone_last4')
BATCH = 1000


def upgrade() -> None:
    op.add_column('resident', sa.Column('emergency_name', sa.String(length=60), nullable=False, server_default=''))
    op.add_column('resident', sa.Column('emergency_phone', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('resident', sa.Column('diet', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    op.add_column('resident', sa.Column('allergens', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    op.add_column('resident', sa.Column('name_initials', sa.String(length=60), nullable=False, server_default=''))
    op.add_column('resident', sa.Column('id_last4', sa.String(length=4), nullable=False, server_default=''))
    op.add_column('resident', sa.Column('phone_last4', sa.String(length=4), nullable=False, server_default=''))
    fill_search_keys()
    op.create_index('ix_resident_name_initials', 'resident', ['name_initials', 'name', 'id'])
    op.create_index('ix_resident_id_last4', 'resident', ['id_last4'])
    op.create_index('ix_resident_phone_last4', 'resident', ['phone_last4'])


def fill_search_keys() -> None:
    """Every existing resident's initials and last fours, a thousand rows per statement."""
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name, id_number, phone FROM resident ORDER BY id")).all()
    update = sa.text("UPDATE resident SET name_initials = :initials, id_last4 = :id4, phone_last4 = :phone4 "
                     "WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        conn.execute(update, [{"id": r.id, "initials": name_initials(r.name), "id4": last_four(r.id_number),
                               "phone4": last_four(r.phone or "")} for r in rows[start:start + BATCH]])


def downgrade() -> None:
    for index in ('ix_resident_phone_last4', 'ix_resident_id_last4', 'ix_resident_name_initials'):
        op.drop_index(index, table_name='resident')
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE resident DROP COLUMN {column}')
