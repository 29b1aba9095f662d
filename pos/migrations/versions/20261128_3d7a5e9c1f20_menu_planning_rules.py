"""menu planning rules

Revision ID: 3d7a5e9c1f20
Revises: 8f2c4d6e1a3b
Create Date: 2026-11-28 18:00:00

The manager's planning rules (repeats, coarse grain, weekly counts, allergens,
food-cost budgets, kitchen minutes, weights) as one settings row; no row means
the planner's defaults.
"""
import sqlalchemy as sa
from alembic import op

revision = '3d7a5e9c1f20'
down_revision = '8f2c4d6e1a3b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('menu_rules',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_menu_rules_single_row')),
    sa.ForeignKeyConstraint(['updated_by'], ['staff_user.id'], name=op.f('fk_menu_rules_updated_by_staff_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_menu_rules'))
    )


def downgrade() -> None:
    op.drop_table('menu_rules')
