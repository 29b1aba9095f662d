"""family members

Revision ID: d4a7f2c9e1b6
Revises: d3f7a9c2e5b1
Create Date: 2026-11-30 19:30:00

A family member (家属) signs in on /me with a phone number and a PIN and books for the residents linked to them.
Their sign-ins, the orders they book and the audit rows of what they do name them. sign_in is copied (nothing
refers to it) for its new holder check; audit_entry and meal_order get a plain ADD COLUMN, as other tables
refer to meal_order and audit_entry's triggers would not survive a copy.
"""
import sqlalchemy as sa
from alembic import op

revision = 'd4a7f2c9e1b6'
down_revision = 'd3f7a9c2e5b1'
branch_labels = None
depends_on = None

OLD_HOLDER = '(staff_id IS NULL) <> (resident_id IS NULL)'
NEW_HOLDER = ' + '.join(f'(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)'
                        for c in ('staff_id', 'resident_id', 'family_member_id')) + ' = 1'
NAMING = ('audit_entry', 'family_member_id'), ('meal_order', 'booked_by_family_member_id')


def upgrade() -> None:
    op.create_table(
        'family_member',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('pin_hash', sa.String(length=255), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_family_member')),
        sa.UniqueConstraint('phone', name=op.f('uq_family_member_phone')),
    )
    op.create_table(
        'family_link',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('family_member_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=False),
        sa.Column('relationship', sa.String(length=20), nullable=False),
        sa.Column('linked_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['family_member_id'], ['family_member.id'],
                                name=op.f('fk_family_link_family_member_id_family_member')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_family_link_resident_id_resident')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_family_link')),
        sa.UniqueConstraint('family_member_id', 'resident_id', name=op.f('uq_family_link_family_member_id_resident_id')),
    )
    op.create_index('ix_family_link_family_member_id', 'family_link', ['family_member_id'])
    op.create_index('ix_family_link_resident_id', 'family_link', ['resident_id'])
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family_member_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_sign_in_one_holder'), type_='check')
        batch_op.create_check_constraint('one_holder', NEW_HOLDER)
        batch_op.create_foreign_key(batch_op.f('fk_sign_in_family_member_id_family_member'), 'family_member',
                                    ['family_member_id'], ['id'])
        batch_op.create_index('ix_sign_in_family_member_id', ['family_member_id'])
    for table, column in NAMING:
        _add_reference(table, column)


def _add_reference(table: str, column: str) -> None:
    """A nullable column referring to a family member, without copying the table."""
    name = f'fk_{table}_{column}_family_member'
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER CONSTRAINT {name} REFERENCES family_member (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(op.f(name), table, 'family_member', [column], ['id'])


def downgrade() -> None:
    for table, column in NAMING:
        if op.get_bind().dialect.name != 'sqlite':
            op.drop_constraint(op.f(f'fk_{table}_{column}_family_member'), table, type_='foreignkey')
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
    op.execute('DELETE FROM sign_in WHERE family_member_id IS NOT NULL')
    with op.batch_alter_table('sign_in', schema=None) as batch_op:
        batch_op.drop_index('ix_sign_in_family_member_id')
        batch_op.drop_constraint(batch_op.f('fk_sign_in_family_member_id_family_member'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('ck_sign_in_one_holder'), type_='check')
        batch_op.create_check_constraint('one_holder', OLD_HOLDER)
        batch_op.drop_column('family_member_id')
    op.drop_table('family_link')
    op.drop_table('family_member')
