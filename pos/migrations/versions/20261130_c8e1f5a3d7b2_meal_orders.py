"""meal orders

Revision ID: c8e1f5a3d7b2
Revises: c5d2e8a4b7f3
Create Date: 2026-11-30 18:00:00

A meal booked ahead for a resident, a day and a meal period, its dishes, and the canteen's booking cut-off
per meal period. At most one live (booked) order per resident, day and period: a partial unique index.
Plain ADD COLUMN on canteen: other tables refer to it, and a batch copy on SQLite would break their keys.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c8e1f5a3d7b2'
down_revision = 'c5d2e8a4b7f3'
branch_labels = None
depends_on = None

LIVE = "status = 'booked'"


def upgrade() -> None:
    op.add_column('canteen', sa.Column('order_cutoffs', sa.String(length=120), nullable=False,
                                       server_default='breakfast=1@19:00,lunch=0@09:30,dinner=0@14:00'))
    op.create_table(
        'meal_order',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('meal_period', sa.String(length=16), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('set_meal', sa.Boolean(), nullable=False),
        sa.Column('booked_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('booked_by_staff_id', sa.Integer(), nullable=True),
        sa.Column('booked_by_resident_id', sa.Integer(), nullable=True),
        sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sale_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')", name=op.f('ck_meal_order_meal_period')),
        sa.CheckConstraint("channel IN ('dine_in', 'pick_up', 'delivery')", name=op.f('ck_meal_order_channel')),
        sa.CheckConstraint("status IN ('booked', 'cancelled', 'served', 'not_served')",
                           name=op.f('ck_meal_order_status')),
        sa.CheckConstraint("(status = 'served') = (sale_id IS NOT NULL)", name=op.f('ck_meal_order_served_has_sale')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_meal_order_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_meal_order_resident_id_resident')),
        sa.ForeignKeyConstraint(['booked_by_staff_id'], ['staff_user.id'],
                                name=op.f('fk_meal_order_booked_by_staff_id_staff_user')),
        sa.ForeignKeyConstraint(['booked_by_resident_id'], ['resident.id'],
                                name=op.f('fk_meal_order_booked_by_resident_id_resident')),
        sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_meal_order_sale_id_sale')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meal_order')),
        sa.UniqueConstraint('sale_id', name=op.f('uq_meal_order_sale_id')),
    )
    op.create_index('ix_meal_order_canteen_id_day_meal_period', 'meal_order', ['canteen_id', 'day', 'meal_period'])
    op.create_index('ix_meal_order_resident_id', 'meal_order', ['resident_id'])
    op.create_index('uq_meal_order_live', 'meal_order', ['resident_id', 'day', 'meal_period'], unique=True,
                    sqlite_where=sa.text(LIVE), postgresql_where=sa.text(LIVE))
    op.create_table(
        'meal_order_line',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('dish_id', sa.Integer(), nullable=False),
        sa.Column('qty', sa.Integer(), nullable=False),
        sa.CheckConstraint('qty > 0', name=op.f('ck_meal_order_line_qty_positive')),
        sa.ForeignKeyConstraint(['order_id'], ['meal_order.id'], name=op.f('fk_meal_order_line_order_id_meal_order')),
        sa.ForeignKeyConstraint(['dish_id'], ['dish.id'], name=op.f('fk_meal_order_line_dish_id_dish')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_meal_order_line')),
        sa.UniqueConstraint('order_id', 'dish_id', name=op.f('uq_meal_order_line_order_id_dish_id')),
    )


def downgrade() -> None:
    op.drop_table('meal_order_line')
    op.drop_index('uq_meal_order_live', table_name='meal_order')
    op.drop_index('ix_meal_order_resident_id', table_name='meal_order')
    op.drop_index('ix_meal_order_canteen_id_day_meal_period', table_name='meal_order')
    op.drop_table('meal_order')
    op.execute('ALTER TABLE canteen DROP COLUMN order_cutoffs')
