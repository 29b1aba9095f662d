"""audit log

Revision ID: a1d17e0c4b52
Revises: 3d7a5e9c1f20
Create Date: 2026-11-30 10:00:00

One append-only table for every change to money, eligibility, cards, prices, policies, staff and
terminals. A card's history was its own table (card_event); its rows move into the audit log. A
resident's category grants are no longer deleted when changed: they are revoked and kept.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a1d17e0c4b52'
down_revision = '3d7a5e9c1f20'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('resident_id', sa.Integer(), nullable=True),
    sa.Column('terminal_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.String(length=40), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('transaction_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_audit_entry_staff_id_staff_user')),
    sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_audit_entry_resident_id_resident')),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], name=op.f('fk_audit_entry_terminal_id_terminal')),
    sa.ForeignKeyConstraint(['transaction_id'], ['ledger_transaction.id'], name=op.f('fk_audit_entry_transaction_id_ledger_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    op.create_index('ix_audit_entry_subject', 'audit_entry', ['subject', 'subject_id'], unique=False)
    # A card's history, as it was kept until now.
    op.execute("INSERT INTO audit_entry (at, staff_id, resident_id, terminal_id, action, subject, subject_id, note, "
               "transaction_id) SELECT e.at, e.by_user, CASE WHEN e.by_resident THEN c.resident_id END, NULL, "
               "'card.' || e.kind, 'card', CAST(e.card_id AS VARCHAR(40)), e.note, e.transaction_id "
               "FROM card_event e JOIN card c ON c.id = e.card_id ORDER BY e.id")
    op.drop_table('card_event')
    with op.batch_alter_table('resident_category', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.func.now(),
                                      nullable=False))
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('revoked_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_resident_category_revoked_by_staff_user'), 'staff_user',
                                    ['revoked_by'], ['id'])
        batch_op.drop_constraint('uq_resident_category_resident_id_category_code_valid_from', type_='unique')
        batch_op.create_index('uq_resident_category_in_force', ['resident_id', 'category_code', 'valid_from'],
                              unique=True, sqlite_where=sa.text('revoked_at IS NULL'),
                              postgresql_where=sa.text('revoked_at IS NULL'))
    # Append-only, like the ledger: the database refuses to change or delete an audit row.
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_entry_no_{action.lower()} BEFORE {action} ON audit_entry "
                       "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END")
    else:
        op.execute("CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
                   "FOR EACH ROW EXECUTE FUNCTION canteen_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER audit_entry_no_update")
        op.execute("DROP TRIGGER audit_entry_no_delete")
    else:
        op.execute("DROP TRIGGER audit_entry_append_only ON audit_entry")
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
    op.create_index(op.f('ix_card_event_card_id'), 'card_event', ['card_id'], unique=False)
    op.execute("INSERT INTO card_event (card_id, kind, note, by_user, by_resident, transaction_id, at) "
               "SELECT CAST(subject_id AS INTEGER), SUBSTR(action, 6), SUBSTR(note, 1, 200), staff_id, "
               "resident_id IS NOT NULL, transaction_id, at FROM audit_entry WHERE subject = 'card' ORDER BY id")
    op.drop_index('ix_audit_entry_subject', table_name='audit_entry')
    op.drop_table('audit_entry')
    op.execute("DELETE FROM resident_category WHERE revoked_at IS NOT NULL")
    with op.batch_alter_table('resident_category', schema=None) as batch_op:
        batch_op.drop_index('uq_resident_category_in_force')
        batch_op.create_unique_constraint('uq_resident_category_resident_id_category_code_valid_from',
                                          ['resident_id', 'category_code', 'valid_from'])
        batch_op.drop_constraint(batch_op.f('fk_resident_category_revoked_by_staff_user'), type_='foreignkey')
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('revoked_at')
        batch_op.drop_column('recorded_at')
