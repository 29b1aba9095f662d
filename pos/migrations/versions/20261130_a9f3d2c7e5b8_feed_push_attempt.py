"""feed push attempts

Revision ID: a9f3d2c7e5b8
Revises: a8e4c2f6b1d9
Create Date: 2026-11-30 23:00:00

Every POST of a feed file to the receiving platform (issue 17, the feed upward), kept for the feed page.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a9f3d2c7e5b8'
down_revision = 'a8e4c2f6b1d9'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'feed_push_attempt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('file_name', sa.String(length=120), nullable=False),
        sa.Column('url', sa.String(length=300), nullable=False),
        sa.Column('attempt', sa.Integer(), nullable=False),
        sa.Column('status_code', sa.Integer(), nullable=True),
        sa.Column('error', sa.String(length=300), nullable=False),
        sa.Column('bytes', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_feed_push_attempt_canteen_id_canteen')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_push_attempt')),
    )
    op.create_index(op.f('ix_feed_push_attempt_attempted_at'), 'feed_push_attempt', ['attempted_at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_feed_push_attempt_attempted_at'), table_name='feed_push_attempt')
    op.drop_table('feed_push_attempt')
