"""alerts

Revision ID: d3f7a9c2e5b1
Revises: 6116696681d7
Create Date: 2026-11-30 20:00:00

Alerts for staff (a rider found nobody at home), open until acknowledged with a note; one per kind, resident
and meal order (a partial unique index). The canteen's not_seen_days: after how many days without a meal a
resident who usually eats is listed. Plain ADD COLUMN on canteen: other tables refer to it, and a batch copy
on SQLite would break their keys.
"""
import sqlalchemy as sa
from alembic import op

revision = 'd3f7a9c2e5b1'
down_revision = '6116696681d7'
branch_labels = None
depends_on = None

OPEN = "acknowledged_at IS NULL"
FOR_AN_ORDER = "order_id IS NOT NULL"


def upgrade() -> None:
    op.add_column('canteen', sa.Column('not_seen_days', sa.Integer(), nullable=False, server_default='2'))
    op.create_table(
        'alert',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('acknowledged_by_staff_id', sa.Integer(), nullable=True),
        sa.Column('note', sa.String(length=300), nullable=False),
        sa.CheckConstraint("kind IN ('missed_delivery')", name=op.f('ck_alert_kind')),
        sa.CheckConstraint("(acknowledged_at IS NULL) = (acknowledged_by_staff_id IS NULL)",
                           name=op.f('ck_alert_acknowledged_by')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_alert_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_alert_resident_id_resident')),
        sa.ForeignKeyConstraint(['order_id'], ['meal_order.id'], name=op.f('fk_alert_order_id_meal_order')),
        sa.ForeignKeyConstraint(['acknowledged_by_staff_id'], ['staff_user.id'],
                                name=op.f('fk_alert_acknowledged_by_staff_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_alert')),
    )
    op.create_index('ix_alert_resident_id', 'alert', ['resident_id'])
    op.create_index('uq_alert_order', 'alert', ['kind', 'resident_id', 'order_id'], unique=True,
                    sqlite_where=sa.text(FOR_AN_ORDER), postgresql_where=sa.text(FOR_AN_ORDER))
    op.create_index('ix_alert_open', 'alert', ['canteen_id', 'raised_at'],
                    sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    op.drop_index('ix_alert_open', table_name='alert')
    op.drop_index('uq_alert_order', table_name='alert')
    op.drop_index('ix_alert_resident_id', table_name='alert')
    op.drop_table('alert')
    op.execute('ALTER TABLE canteen DROP COLUMN not_seen_days')
