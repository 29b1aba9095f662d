"""fraud explanation

Revision ID: f7b3d9e1a5c2
Revises: a9f3d2c7e5b8
Create Date: 2026-11-30 23:00:00

A manager's explanation of a fraud finding (pos/fraud), one per canteen, check and finding key.
"""
import sqlalchemy as sa
from alembic import op

revision = 'f7b3d9e1a5c2'
down_revision = 'a9f3d2c7e5b8'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'fraud_explanation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('check', sa.String(length=24), nullable=False),
        sa.Column('key', sa.String(length=80), nullable=False),
        sa.Column('note', sa.String(length=300), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_fraud_explanation_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_fraud_explanation_staff_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_fraud_explanation')),
        sa.UniqueConstraint('canteen_id', 'check', 'key', name=op.f('uq_fraud_explanation_canteen_id_check_key')),
    )


def downgrade() -> None:
    op.drop_table('fraud_explanation')
