"""a meal collected by a named proxy; a resident identified by their PIN

Revision ID: a8e4c2f6b1d9
Revises: e6c2a8f4d1b3
Create Date: 2026-11-30 23:00:00

A sale and its service record keep the name of whoever collected the meal for the resident (代领); the record is
then identified as 'proxy', and only then has a name. A resident without card may be identified by the PIN they
type at the counter ('pin'). The identification check is rebuilt in batch (SQLite).
"""
import sqlalchemy as sa
from alembic import op

revision = 'a8e4c2f6b1d9'
down_revision = 'e6c2a8f4d1b3'
branch_labels = None
depends_on = None

WORDS = "'card', 'qr', 'qr_static', 'resident_id', 'identity_check', 'walk_in', 'booking'"


def upgrade() -> None:
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proxy_name', sa.String(length=40), nullable=True))
    with op.batch_alter_table('service_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proxy_name', sa.String(length=40), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_service_record_identified'), type_='check')
        batch_op.create_check_constraint('identified', f"identified IN ({WORDS}, 'pin', 'proxy')")
        batch_op.create_check_constraint('proxy_is_named', "(identified = 'proxy') = (proxy_name IS NOT NULL)")


def downgrade() -> None:
    op.execute("UPDATE service_record SET identified = (SELECT credential_kind FROM sale WHERE sale.id = sale_id), "
               "proxy_name = NULL WHERE identified = 'proxy'")
    op.execute("UPDATE service_record SET identified = 'identity_check' WHERE identified = 'pin'")
    with op.batch_alter_table('service_record', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_service_record_proxy_is_named'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_service_record_identified'), type_='check')
        batch_op.create_check_constraint('identified', f"identified IN ({WORDS})")
        batch_op.drop_column('proxy_name')
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.drop_column('proxy_name')
