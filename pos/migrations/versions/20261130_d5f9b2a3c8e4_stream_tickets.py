"""stream tickets: single-use, short-lived, for the reader's event stream

Revision ID: d5f9b2a3c8e4
Revises: c4e8a1f2b7d3
Create Date: 2026-11-30 14:00:00

A browser's EventSource cannot send the terminal's token in a header, and a token in the URL
lands in proxy logs; the stream now takes a ticket that opens it once, within 30 seconds.
"""
import sqlalchemy as sa
from alembic import op

revision = 'd5f9b2a3c8e4'
down_revision = 'c4e8a1f2b7d3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stream_ticket',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ticket_hash', sa.String(length=64), nullable=False),
        sa.Column('terminal_id', sa.Integer(), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], name=op.f('fk_stream_ticket_terminal_id_terminal')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stream_ticket')),
        sa.UniqueConstraint('ticket_hash', name=op.f('uq_stream_ticket_ticket_hash')),
    )
    op.create_index('ix_stream_ticket_expires_at', 'stream_ticket', ['expires_at'])


def downgrade() -> None:
    op.drop_table('stream_ticket')
