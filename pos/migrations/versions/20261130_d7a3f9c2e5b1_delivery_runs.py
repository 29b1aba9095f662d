"""delivery runs and riders

Revision ID: d7a3f9c2e5b1
Revises: c8e1f5a3d7b2
Create Date: 2026-11-30 19:00:00

The rider role (送餐员), and the day's delivery runs by area with their stops, one per delivery order, each with
the outcome the rider marked. staff_user's role check is rebuilt in batch (SQLite runs migrations with foreign
keys off, pos/migrations/env.py, so the tables that refer to staff_user keep their keys).
"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a3f9c2e5b1'
down_revision = 'c8e1f5a3d7b2'
branch_labels = None
depends_on = None

OUTCOMES = "outcome IS NULL OR outcome IN ('delivered', 'not_at_home', 'refused')"


def _roles(words: str) -> None:
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_staff_user_role'), type_='check')
        batch_op.create_check_constraint('role', f"role IN ({words})")


def upgrade() -> None:
    _roles("'rider', 'cashier', 'manager', 'admin'")
    op.create_table(
        'delivery_run',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('meal_period', sa.String(length=16), nullable=False),
        sa.Column('area', sa.String(length=60), nullable=False),
        sa.Column('rider_id', sa.Integer(), nullable=True),
        sa.Column('dispatched_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')", name=op.f('ck_delivery_run_meal_period')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_delivery_run_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['rider_id'], ['staff_user.id'], name=op.f('fk_delivery_run_rider_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_run')),
        sa.UniqueConstraint('canteen_id', 'day', 'meal_period', 'area',
                            name=op.f('uq_delivery_run_canteen_id_day_meal_period_area')),
    )
    op.create_index('ix_delivery_run_rider_id', 'delivery_run', ['rider_id'])
    op.create_table(
        'delivery_stop',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('run_id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=True),
        sa.Column('outcome_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('marked_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(OUTCOMES, name=op.f('ck_delivery_stop_outcome')),
        sa.CheckConstraint('(outcome IS NULL) = (outcome_at IS NULL)', name=op.f('ck_delivery_stop_outcome_has_time')),
        sa.ForeignKeyConstraint(['run_id'], ['delivery_run.id'], name=op.f('fk_delivery_stop_run_id_delivery_run')),
        sa.ForeignKeyConstraint(['order_id'], ['meal_order.id'], name=op.f('fk_delivery_stop_order_id_meal_order')),
        sa.ForeignKeyConstraint(['marked_by_id'], ['staff_user.id'],
                                name=op.f('fk_delivery_stop_marked_by_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery_stop')),
        sa.UniqueConstraint('order_id', name=op.f('uq_delivery_stop_order_id')),
    )
    op.create_index('ix_delivery_stop_run_id_position', 'delivery_stop', ['run_id', 'position'])


def downgrade() -> None:
    op.drop_index('ix_delivery_stop_run_id_position', table_name='delivery_stop')
    op.drop_table('delivery_stop')
    op.drop_index('ix_delivery_run_rider_id', table_name='delivery_run')
    op.drop_table('delivery_run')
    op.execute("DELETE FROM staff_user WHERE role = 'rider'")
    _roles("'cashier', 'manager', 'admin'")
