"""staff and canteen

Revision ID: 9768fc41e3bb
Revises:
Create Date: 2026-11-28 15:43:25.484480
"""
import sqlalchemy as sa
from alembic import op

revision = '9768fc41e3bb'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('canteen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('province', sa.String(length=40), nullable=False),
    sa.Column('city', sa.String(length=40), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('street', sa.String(length=40), nullable=False),
    sa.Column('community', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canteen')),
    sa.UniqueConstraint('code', name=op.f('uq_canteen_code'))
    )
    op.create_table('staff_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.CheckConstraint("role IN ('cashier', 'manager', 'admin')", name=op.f('ck_staff_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('username', name=op.f('uq_staff_user_username'))
    )


def downgrade() -> None:
    op.drop_table('staff_user')
    op.drop_table('canteen')
