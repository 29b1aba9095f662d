"""residents wallets ledger sales

Revision ID: 781180df92f6
Revises: 9768fc41e3bb
Create Date: 2026-11-28 15:53:21.059810
"""
import sqlalchemy as sa
from alembic import op

revision = '781180df92f6'
down_revision = '9768fc41e3bb'
branch_labels = None
depends_on = None


APPEND_ONLY = ("ledger_transaction", "ledger_entry", "sale_subsidy", "sale_line")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION canteen_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$")
    op.create_table('dish',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('category', sa.String(length=24), nullable=False),
    sa.Column('price_fen', sa.Integer(), nullable=False),
    sa.Column('is_delivery_fee', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.CheckConstraint('price_fen >= 0', name=op.f('ck_dish_price_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dish')),
    sa.UniqueConstraint('code', name=op.f('uq_dish_code'))
    )
    op.create_table('idempotent_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idempotent_request')),
    sa.UniqueConstraint('scope', 'key', name=op.f('uq_idempotent_request_scope_key'))
    )
    op.create_table('resident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('street', sa.String(length=40), nullable=False),
    sa.Column('community', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('qr_secret', sa.String(length=64), nullable=True),
    sa.Column('qr_last_step', sa.Integer(), nullable=False),
    sa.Column('qr_static_issue', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("status = 'active' OR status_date IS NOT NULL", name=op.f('ck_resident_status_date')),
    sa.CheckConstraint("status IN ('active', 'moved_away', 'deceased')", name=op.f('ck_resident_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resident')),
    sa.UniqueConstraint('id_number', name=op.f('uq_resident_id_number'))
    )
    op.create_table('subsidy_category',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=40), nullable=False),
    sa.Column('name_en', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_subsidy_category'))
    )
    op.create_table('terminal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terminal')),
    sa.UniqueConstraint('name', name=op.f('uq_terminal_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_terminal_token_hash'))
    )
    op.create_table('card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=32), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'blocked', 'returned')", name=op.f('ck_card_status')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_card_resident_id_resident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card')),
    sa.UniqueConstraint('uid', name=op.f('uq_card_uid'))
    )
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_resident_id'), ['resident_id'], unique=False)

    op.create_table('ledger_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('funder', sa.String(length=40), nullable=True),
    sa.Column('balance_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint("(kind = 'wallet') = (resident_id IS NOT NULL)", name=op.f('ck_ledger_account_wallet_has_resident')),
    sa.CheckConstraint("kind <> 'wallet' OR balance_fen >= 0", name=op.f('ck_ledger_account_wallet_not_negative')),
    sa.CheckConstraint("kind IN ('wallet', 'cash', 'bank', 'wechat', 'alipay', 'meal_revenue', 'subsidy_receivable', 'card_deposit')", name=op.f('ck_ledger_account_kind')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_ledger_account_resident_id_resident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_account')),
    sa.UniqueConstraint('code', name=op.f('uq_ledger_account_code')),
    sa.UniqueConstraint('resident_id', name=op.f('uq_ledger_account_resident_id'))
    )
    op.create_table('ledger_transaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('memo', sa.String(length=200), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("kind IN ('top_up', 'sale', 'void', 'refund', 'correction', 'deposit', 'deposit_refund')", name=op.f('ck_ledger_transaction_kind')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_ledger_transaction_created_by_staff_user')),
    sa.ForeignKeyConstraint(['reverses_id'], ['ledger_transaction.id'], name=op.f('fk_ledger_transaction_reverses_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_transaction'))
    )
    with op.batch_alter_table('ledger_transaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_transaction_reverses_id'), ['reverses_id'], unique=False)

    op.create_table('policy_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.String(length=40), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('effective_from', sa.DateTime(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('loaded_by', sa.Integer(), nullable=True),
    sa.Column('loaded_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['loaded_by'], ['staff_user.id'], name=op.f('fk_policy_version_loaded_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_version')),
    sa.UniqueConstraint('policy_id', 'version', name=op.f('uq_policy_version_policy_id_version'))
    )
    op.create_table('receipt_counter',
    sa.Column('canteen_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_receipt_counter_canteen_id_canteen')),
    sa.PrimaryKeyConstraint('canteen_id', 'business_date', name=op.f('pk_receipt_counter'))
    )
    op.create_table('resident_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('category_code', sa.String(length=32), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('proof_note', sa.String(length=200), nullable=False),
    sa.CheckConstraint('valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to', name=op.f('ck_resident_category_valid_range')),
    sa.ForeignKeyConstraint(['category_code'], ['subsidy_category.code'], name=op.f('fk_resident_category_category_code_subsidy_category')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_resident_category_resident_id_resident')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resident_category')),
    sa.UniqueConstraint('resident_id', 'category_code', 'valid_from', name=op.f('uq_resident_category_resident_id_category_code_valid_from'))
    )
    with op.batch_alter_table('resident_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resident_category_resident_id'), ['resident_id'], unique=False)

    op.create_table('balance_refund',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("method IN ('cash', 'bank', 'wechat', 'alipay')", name=op.f('ck_balance_refund_method')),
    sa.CheckConstraint('amount_fen > 0', name=op.f('ck_balance_refund_amount_positive')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_balance_refund_created_by_staff_user')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_balance_refund_resident_id_resident')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_balance_refund_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_balance_refund')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_balance_refund_transaction_id'))
    )
    with op.batch_alter_table('balance_refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_balance_refund_resident_id'), ['resident_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_fen <> 0', name=op.f('ck_ledger_entry_amount_not_zero')),
    sa.ForeignKeyConstraint(['account_id'], ['ledger_account.id'], name=op.f('fk_ledger_entry_account_id_ledger_account')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_ledger_entry_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_entry_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entry_transaction_id'), ['transaction_id'], unique=False)

    op.create_table('sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('canteen_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('receipt_no', sa.String(length=20), nullable=False),
    sa.Column('sold_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('meal_period', sa.String(length=16), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=True),
    sa.Column('cashier_id', sa.Integer(), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('credential_kind', sa.String(length=16), nullable=False),
    sa.Column('credential_ref', sa.String(length=40), nullable=False),
    sa.Column('policy_id', sa.String(length=40), nullable=True),
    sa.Column('policy_version', sa.String(length=40), nullable=True),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('subsidy_fen', sa.Integer(), nullable=False),
    sa.Column('paid_fen', sa.Integer(), nullable=False),
    sa.Column('payment_method', sa.String(length=16), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("channel IN ('dine_in', 'pick_up', 'delivery')", name=op.f('ck_sale_channel')),
    sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')", name=op.f('ck_sale_meal_period')),
    sa.CheckConstraint("payment_method IN ('wallet', 'cash', 'wechat', 'alipay')", name=op.f('ck_sale_payment_method')),
    sa.CheckConstraint('total_fen = subsidy_fen + paid_fen', name=op.f('ck_sale_amounts_add_up')),
    sa.CheckConstraint('total_fen >= 0 AND subsidy_fen >= 0 AND paid_fen >= 0', name=op.f('ck_sale_amounts_not_negative')),
    sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_sale_canteen_id_canteen')),
    sa.ForeignKeyConstraint(['cashier_id'], ['staff_user.id'], name=op.f('fk_sale_cashier_id_staff_user')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_sale_resident_id_resident')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], name=op.f('fk_sale_terminal_id_terminal')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_sale_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale')),
    sa.UniqueConstraint('canteen_id', 'business_date', 'seq', name=op.f('uq_sale_canteen_id_business_date_seq')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_sale_transaction_id'))
    )
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_sale_resident_id'), ['resident_id'], unique=False)

    op.create_table('top_up',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("method IN ('cash', 'bank', 'wechat', 'alipay')", name=op.f('ck_top_up_method')),
    sa.CheckConstraint('amount_fen > 0', name=op.f('ck_top_up_amount_positive')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_top_up_created_by_staff_user')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_top_up_resident_id_resident')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_top_up_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_top_up')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_top_up_transaction_id'))
    )
    with op.batch_alter_table('top_up', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_top_up_resident_id'), ['resident_id'], unique=False)

    op.create_table('sale_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('dish_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('qty > 0 AND unit_price_fen >= 0 AND amount_fen = qty * unit_price_fen', name=op.f('ck_sale_line_amount')),
    sa.ForeignKeyConstraint(['dish_id'], ['dish.id'], name=op.f('fk_sale_line_dish_id_dish')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_line_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_line'))
    )
    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_line_sale_id'), ['sale_id'], unique=False)

    op.create_table('sale_subsidy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.Integer(), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('meal_period', sa.String(length=16), nullable=False),
    sa.Column('policy_id', sa.String(length=40), nullable=False),
    sa.Column('policy_version', sa.String(length=40), nullable=False),
    sa.Column('rule_group', sa.String(length=40), nullable=False),
    sa.Column('rule_id', sa.String(length=60), nullable=False),
    sa.Column('funder', sa.String(length=40), nullable=False),
    sa.Column('applies_to', sa.String(length=16), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('reason_zh', sa.String(length=300), nullable=False),
    sa.Column('reason_en', sa.String(length=300), nullable=False),
    sa.CheckConstraint('amount_fen > 0', name=op.f('ck_sale_subsidy_amount_positive')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_sale_subsidy_resident_id_resident')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_subsidy_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_subsidy'))
    )
    with op.batch_alter_table('sale_subsidy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_subsidy_sale_id'), ['sale_id'], unique=False)

    op.create_table('sale_void',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('voided_by', sa.Integer(), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_void_sale_id_sale')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_sale_void_transaction_id_ledger_transaction')),
    sa.ForeignKeyConstraint(['voided_by'], ['staff_user.id'], name=op.f('fk_sale_void_voided_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_void')),
    sa.UniqueConstraint('sale_id', name=op.f('uq_sale_void_sale_id')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_sale_void_transaction_id'))
    )
    op.create_table('top_up_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('top_up_id', sa.Integer(), nullable=False),
    sa.Column('correct_amount_fen', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint('correct_amount_fen >= 0', name=op.f('ck_top_up_correction_amount_not_negative')),
    sa.ForeignKeyConstraint(['created_by'], ['staff_user.id'], name=op.f('fk_top_up_correction_created_by_staff_user')),
    sa.ForeignKeyConstraint(['top_up_id'], ['top_up.id'], name=op.f('fk_top_up_correction_top_up_id_top_up')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_top_up_correction_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_top_up_correction')),
    sa.UniqueConstraint('top_up_id', name=op.f('uq_top_up_correction_top_up_id')),
    sa.UniqueConstraint('transaction_id', name=op.f('uq_top_up_correction_transaction_id'))
    )
    with op.batch_alter_table('canteen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('policy_id', sa.String(length=40), nullable=True))

    # The ledger is append-only: the database itself refuses to change or delete its rows.
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "sqlite":
            for action in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        else:
            op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                       "FOR EACH ROW EXECUTE FUNCTION canteen_append_only()")



def downgrade() -> None:
    for table in APPEND_ONLY:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER {table}_no_update")
            op.execute(f"DROP TRIGGER {table}_no_delete")
        else:
            op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION canteen_append_only()")
    with op.batch_alter_table('canteen', schema=None) as batch_op:
        batch_op.drop_column('policy_id')

    op.drop_table('top_up_correction')
    op.drop_table('sale_void')
    with op.batch_alter_table('sale_subsidy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_subsidy_sale_id'))

    op.drop_table('sale_subsidy')
    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_line_sale_id'))

    op.drop_table('sale_line')
    with op.batch_alter_table('top_up', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_top_up_resident_id'))

    op.drop_table('top_up')
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_resident_id'))
        batch_op.drop_index(batch_op.f('ix_sale_business_date'))

    op.drop_table('sale')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entry_transaction_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_entry_account_id'))

    op.drop_table('ledger_entry')
    with op.batch_alter_table('balance_refund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_balance_refund_resident_id'))

    op.drop_table('balance_refund')
    with op.batch_alter_table('resident_category', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resident_category_resident_id'))

    op.drop_table('resident_category')
    op.drop_table('receipt_counter')
    op.drop_table('policy_version')
    with op.batch_alter_table('ledger_transaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_transaction_reverses_id'))

    op.drop_table('ledger_transaction')
    op.drop_table('ledger_account')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_resident_id'))

    op.drop_table('card')
    op.drop_table('terminal')
    op.drop_table('subsidy_category')
    op.drop_table('resident')
    op.drop_table('idempotent_request')
    op.drop_table('dish')
