"""each canteen's dishes, menus, terminals, shifts, claims and staff carry the canteen

Revision ID: b9d4e6f2a1c8
Revises: e2a7c9d41f60
Create Date: 2026-11-30 17:00:00

Ready for several canteens in one database: what belongs to a canteen names it, and what was unique
in the whole database (a dish code, a terminal name, a menu week, a funder's month) is unique within
its canteen. Rows already there belong to the first canteen; a database holding such rows but no
canteen yet gets one (named on /settings). Staff may have none: an account above the canteens, such
as the first admin made before any canteen exists.
"""
import sqlalchemy as sa
from alembic import op

revision = 'b9d4e6f2a1c8'
down_revision = 'e2a7c9d41f60'
branch_labels = None
depends_on = None

# Table -> what was unique in the database and is now unique within the canteen.
OWNED = {
    'dish': ('code',),
    'terminal': ('name',),
    'menu_week': ('week',),
    'subsidy_claim': ('funder', 'month'),
    'shift': (),
}


def upgrade() -> None:
    bind = op.get_bind()
    needs_canteen = any(bind.execute(sa.text(f'SELECT 1 FROM {table} LIMIT 1')).first()  # noqa: S608 (fixed names)
                        for table in (*OWNED, 'staff_user'))
    if needs_canteen and bind.execute(sa.text('SELECT 1 FROM canteen LIMIT 1')).first() is None:
        op.execute("INSERT INTO canteen (code, name, province, city, district, street, community, hours, address, "
                   "phone, receipt_footer, printer, public_base_url, sale_needs_shift) VALUES ('main', '社区食堂', "
                   "'', '', '', '', '', 'breakfast=06:30-09:00,lunch=10:30-13:30,dinner=16:30-19:00', '', '', '', "
                   "'none', '', TRUE)")
    first = '(SELECT min(id) FROM canteen)'
    for table, unique in OWNED.items():
        op.add_column(table, sa.Column('canteen_id', sa.Integer(), nullable=True))
        op.execute(f'UPDATE {table} SET canteen_id = {first}')  # noqa: S608 (fixed names)
        with op.batch_alter_table(table) as batch:
            batch.alter_column('canteen_id', existing_type=sa.Integer(), nullable=False)
            batch.create_foreign_key(f'fk_{table}_canteen_id_canteen', 'canteen', ['canteen_id'], ['id'])
            if unique:
                batch.drop_constraint(f"uq_{table}_{'_'.join(unique)}", type_='unique')
                batch.create_unique_constraint(f"uq_{table}_canteen_id_{'_'.join(unique)}", ['canteen_id', *unique])
            else:
                batch.create_index(f'ix_{table}_canteen_id', ['canteen_id'])
    # Staff may stand above the canteens: the column stays nullable.
    op.add_column('staff_user', sa.Column('canteen_id', sa.Integer(), nullable=True))
    op.execute(f'UPDATE staff_user SET canteen_id = {first}')  # noqa: S608 (fixed text)
    with op.batch_alter_table('staff_user') as batch:
        batch.create_foreign_key('fk_staff_user_canteen_id_canteen', 'canteen', ['canteen_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('staff_user') as batch:
        batch.drop_constraint('fk_staff_user_canteen_id_canteen', type_='foreignkey')
        batch.drop_column('canteen_id')
    for table, unique in OWNED.items():
        with op.batch_alter_table(table) as batch:
            if unique:
                batch.drop_constraint(f"uq_{table}_canteen_id_{'_'.join(unique)}", type_='unique')
                batch.create_unique_constraint(f"uq_{table}_{'_'.join(unique)}", list(unique))
            else:
                batch.drop_index(f'ix_{table}_canteen_id')
            batch.drop_constraint(f'fk_{table}_canteen_id_canteen', type_='foreignkey')
            batch.drop_column('canteen_id')
