"""sign-ins held server-side, and sign-in attempts

Revision ID: c4e8a1f2b7d3
Revises: b7c3e5d9a2f1
Create Date: 2026-11-30 12:10:00

A sign-in is a row the server can end (sign-out, a new password or PIN, a lost card). Failed
attempts are counted per account and per client address in their own table, for staff and
residents alike, so the resident's own failure counter goes.
"""
import sqlalchemy as sa
from alembic import op

revision = 'c4e8a1f2b7d3'
down_revision = 'b7c3e5d9a2f1'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'sign_in',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('resident_id', sa.Integer(), nullable=True),
        sa.Column('card_id', sa.Integer(), nullable=True),
        sa.Column('client', sa.String(length=45), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('ended_because', sa.String(length=20), nullable=True),
        sa.CheckConstraint('(staff_id IS NULL) <> (resident_id IS NULL)', name=op.f('ck_sign_in_one_holder')),
        sa.ForeignKeyConstraint(['card_id'], ['card.id'], name=op.f('fk_sign_in_card_id_card')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_sign_in_resident_id_resident')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_sign_in_staff_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_token_hash')),
    )
    op.create_index('ix_sign_in_staff_id', 'sign_in', ['staff_id'])
    op.create_index('ix_sign_in_resident_id', 'sign_in', ['resident_id'])
    op.create_index('ix_sign_in_card_id', 'sign_in', ['card_id'])
    op.create_table(
        'sign_in_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('door', sa.String(length=16), nullable=False),
        sa.Column('account', sa.String(length=64), nullable=False),
        sa.Column('client', sa.String(length=45), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempt')),
    )
    op.create_index('ix_sign_in_attempt_account', 'sign_in_attempt', ['door', 'account', 'at'])
    op.create_index('ix_sign_in_attempt_client', 'sign_in_attempt', ['door', 'client', 'at'])
    op.create_index('ix_sign_in_attempt_at', 'sign_in_attempt', ['at'])
    # Plain DROP COLUMN (SQLite 3.35+): copying the resident table, as a batch would, breaks every
    # foreign key that points at it.
    op.execute('ALTER TABLE resident DROP COLUMN pin_locked_until')
    op.execute('ALTER TABLE resident DROP COLUMN pin_failures')


def downgrade() -> None:
    op.add_column('resident', sa.Column('pin_failures', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('resident', sa.Column('pin_locked_until', sa.DateTime(timezone=True), nullable=True))
    op.drop_table('sign_in_attempt')
    op.drop_table('sign_in')
