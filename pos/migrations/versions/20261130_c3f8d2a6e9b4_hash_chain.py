"""hash chain

Revision ID: c3f8d2a6e9b4
Revises: f7b3d9e1a5c2
Create Date: 2026-11-30 23:00:00

A hash chain over every ledger transaction, service record and service record's void (pos/ledger/chain.py),
append-only like the ledger; everything written so far is chained here, in id order, a sale's links together.
The hashing is pos/ledger/chain_hash.py, which imports no model: the same text the app and the verifier hash.
"""
import sqlalchemy as sa
from alembic import op

from pos.ledger.chain_backfill import chain_existing

revision = 'c3f8d2a6e9b4'
down_revision = 'f7b3d9e1a5c2'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'chain_link',
        sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('kind', sa.String(length=24), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('prev_hash', sa.String(length=64), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('ledger_transaction', 'service_record', 'service_void')",
                           name=op.f('ck_chain_link_kind')),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_chain_link')),
        sa.UniqueConstraint('kind', 'record_id', name=op.f('uq_chain_link_kind_record_id')),
        sa.UniqueConstraint('prev_hash', name=op.f('uq_chain_link_prev_hash')),
    )
    op.create_index('ix_chain_link_created_at_seq', 'chain_link', ['created_at', 'seq'])
    # Append-only, like the ledger: the database refuses to change or delete a link.
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER chain_link_no_{action.lower()} BEFORE {action} ON chain_link "
                       "BEGIN SELECT RAISE(ABORT, 'chain_link is append-only'); END")
    else:
        op.execute("CREATE TRIGGER chain_link_append_only BEFORE UPDATE OR DELETE ON chain_link "
                   "FOR EACH ROW EXECUTE FUNCTION canteen_append_only()")
    chain_existing(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER chain_link_no_update")
        op.execute("DROP TRIGGER chain_link_no_delete")
    else:
        op.execute("DROP TRIGGER chain_link_append_only ON chain_link")
    op.drop_index('ix_chain_link_created_at_seq', table_name='chain_link')
    op.drop_table('chain_link')
