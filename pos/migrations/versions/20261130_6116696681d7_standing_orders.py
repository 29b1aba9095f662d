"""standing orders

Revision ID: 6116696681d7
Revises: d7a3f9c2e5b1
Create Date: 2026-11-30 20:00:00

A resident's standing order ("every weekday lunch, delivered"), the days it is paused, and on each meal
order the standing order that booked it at the cut-off. At most one active standing order per resident and
meal period: a partial unique index.

meal_order gains its column by plain ADD COLUMN with the foreign key inline (SQLite allows it when the
default is NULL): meal_order_line refers to meal_order, and a batch copy on SQLite would break that key.
"""
import sqlalchemy as sa
from alembic import op

revision = '6116696681d7'
down_revision = 'd7a3f9c2e5b1'
branch_labels = None
depends_on = None

ACTIVE = "active"
FK = 'fk_meal_order_standing_order_id_standing_order'


def upgrade() -> None:
    op.create_table(
        'standing_order',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('meal_period', sa.String(length=16), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('weekdays', sa.Integer(), nullable=False),
        sa.Column('set_meal', sa.Boolean(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by_staff_id', sa.Integer(), nullable=True),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')",
                           name=op.f('ck_standing_order_meal_period')),
        sa.CheckConstraint("channel IN ('dine_in', 'pick_up', 'delivery')", name=op.f('ck_standing_order_channel')),
        sa.CheckConstraint('weekdays BETWEEN 1 AND 127', name=op.f('ck_standing_order_weekdays')),
        sa.CheckConstraint('ends_on IS NULL OR ends_on >= starts_on', name=op.f('ck_standing_order_ends_after_start')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_standing_order_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_standing_order_resident_id_resident')),
        sa.ForeignKeyConstraint(['created_by_staff_id'], ['staff_user.id'],
                                name=op.f('fk_standing_order_created_by_staff_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_order')),
    )
    op.create_index('ix_standing_order_resident_id', 'standing_order', ['resident_id'])
    op.create_index('uq_standing_order_active', 'standing_order', ['resident_id', 'meal_period'], unique=True,
                    sqlite_where=sa.text(ACTIVE), postgresql_where=sa.text(ACTIVE))
    op.create_table(
        'order_pause',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('from_day', sa.Date(), nullable=False),
        sa.Column('to_day', sa.Date(), nullable=False),
        sa.Column('reason', sa.String(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('to_day >= from_day', name=op.f('ck_order_pause_to_after_from')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_order_pause_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_order_pause_resident_id_resident')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_order_pause')),
    )
    op.create_index('ix_order_pause_resident_id_to_day', 'order_pause', ['resident_id', 'to_day'])
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE meal_order ADD COLUMN standing_order_id INTEGER CONSTRAINT {FK} '
                   'REFERENCES standing_order (id)')
    else:
        op.add_column('meal_order', sa.Column('standing_order_id', sa.Integer(), nullable=True))
        op.create_foreign_key(FK, 'meal_order', 'standing_order', ['standing_order_id'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE meal_order DROP COLUMN standing_order_id')
    else:
        op.drop_constraint(FK, 'meal_order', type_='foreignkey')
        op.drop_column('meal_order', 'standing_order_id')
    op.drop_table('order_pause')
    op.drop_index('uq_standing_order_active', table_name='standing_order')
    op.drop_index('ix_standing_order_resident_id', table_name='standing_order')
    op.drop_table('standing_order')
