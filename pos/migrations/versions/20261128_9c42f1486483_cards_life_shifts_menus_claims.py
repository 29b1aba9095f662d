"""cards life, shifts, menus, claims

Revision ID: 9c42f1486483
Revises: 781180df92f6
Create Date: 2026-11-28 16:00:06.089315
"""
import sqlalchemy as sa
from alembic import op

revision = '9c42f1486483'
down_revision = '781180df92f6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('menu_week',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('monday', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('planned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_menu_week_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_menu_week')),
    sa.UniqueConstraint('week', name=op.f('uq_menu_week_week'))
    )
    op.create_table('menu_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('meal_period', sa.String(length=16), nullable=False),
    sa.Column('slot', sa.String(length=24), nullable=False),
    sa.Column('dish_id', sa.Integer(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')", name=op.f('ck_menu_slot_meal_period')),
    sa.ForeignKeyConstraint(['dish_id'], ['dish.id'], name=op.f('fk_menu_slot_dish_id_dish')),
    sa.ForeignKeyConstraint(['week_id'], ['menu_week.id'], name=op.f('fk_menu_slot_week_id_menu_week')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_menu_slot')),
    sa.UniqueConstraint('week_id', 'day', 'meal_period', 'slot', name=op.f('uq_menu_slot_week_id_day_meal_period_slot'))
    )
    with op.batch_alter_table('menu_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_menu_slot_week_id'), ['week_id'], unique=False)

    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cashier_id', sa.Integer(), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('opening_float_fen', sa.Integer(), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('counted_cash_fen', sa.Integer(), nullable=True),
    sa.Column('expected_cash_fen', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint('counted_cash_fen IS NULL OR counted_cash_fen >= 0', name=op.f('ck_shift_count_not_negative')),
    sa.CheckConstraint('opening_float_fen >= 0', name=op.f('ck_shift_float_not_negative')),
    sa.ForeignKeyConstraint(['cashier_id'], ['staff_user.id'], name=op.f('fk_shift_cashier_id_staff_user')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], name=op.f('fk_shift_terminal_id_terminal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_cashier_id'), ['cashier_id'], unique=False)

    op.create_table('subsidy_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('funder', sa.String(length=40), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.Integer(), nullable=True),
    sa.Column('meals', sa.Integer(), nullable=False),
    sa.Column('claimed_fen', sa.Integer(), nullable=False),
    sa.Column('adjustment_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['issued_by'], ['staff_user.id'], name=op.f('fk_subsidy_claim_issued_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_claim')),
    sa.UniqueConstraint('funder', 'month', name=op.f('uq_subsidy_claim_funder_month'))
    )
    op.create_table('card_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('by_user', sa.Integer(), nullable=True),
    sa.Column('by_resident', sa.Boolean(), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('issued', 'reported_lost', 'replaced', 'returned', 'unblocked')", name=op.f('ck_card_event_kind')),
    sa.ForeignKeyConstraint(['by_user'], ['staff_user.id'], name=op.f('fk_card_event_by_user_staff_user')),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_card_event_card_id_card')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_card_event_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_event'))
    )
    with op.batch_alter_table('card_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_event_card_id'), ['card_id'], unique=False)

    op.create_table('claim_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('sale_subsidy_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('claimed', 'adjustment')", name=op.f('ck_claim_item_kind')),
    sa.ForeignKeyConstraint(['claim_id'], ['subsidy_claim.id'], name=op.f('fk_claim_item_claim_id_subsidy_claim')),
    sa.ForeignKeyConstraint(['sale_subsidy_id'], ['sale_subsidy.id'], name=op.f('fk_claim_item_sale_subsidy_id_sale_subsidy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_item')),
    sa.UniqueConstraint('sale_subsidy_id', 'kind', name=op.f('uq_claim_item_sale_subsidy_id_kind'))
    )
    with op.batch_alter_table('claim_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_item_claim_id'), ['claim_id'], unique=False)

    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deposit_fen', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_check_constraint('deposit_not_negative', 'deposit_fen >= 0')

    with op.batch_alter_table('resident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pin_hash', sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column('pin_failures', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('pin_locked_until', sa.DateTime(timezone=True), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('resident', schema=None) as batch_op:
        batch_op.drop_column('pin_locked_until')
        batch_op.drop_column('pin_failures')
        batch_op.drop_column('pin_hash')

    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_constraint('ck_card_deposit_not_negative', type_='check')
        batch_op.drop_column('deposit_fen')

    with op.batch_alter_table('claim_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_item_claim_id'))

    op.drop_table('claim_item')
    with op.batch_alter_table('card_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_event_card_id'))

    op.drop_table('card_event')
    op.drop_table('subsidy_claim')
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_cashier_id'))

    op.drop_table('shift')
    with op.batch_alter_table('menu_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_menu_slot_week_id'))

    op.drop_table('menu_slot')
    op.drop_table('menu_week')
