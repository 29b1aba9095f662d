"""service records

Revision ID: e6c2a8f4d1b3
Revises: d4a7f2c9e1b6
Create Date: 2026-11-30 20:00:00

One service record per meal served, written with its sale from now on; the sales already recorded get theirs
here, with the categories the resident held on the sale's day (grants in force then, revoked ones left out) and
the age band of that day.
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = 'e6c2a8f4d1b3'
down_revision = 'd4a7f2c9e1b6'
branch_labels = None
depends_on = None

BANDS = "age_band IS NULL OR age_band IN ('under_60', '60_69', '70_79', '80_89', '90_plus')"
IDENTIFIED = ("identified IN ('card', 'qr', 'qr_static', 'resident_id', 'identity_check', 'walk_in', "
              "'booking')")


def _band(born: date, day: date) -> str:
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if age < 60:
        return 'under_60'
    return '90_plus' if age >= 90 else ('60_69', '70_79', '80_89')[age // 10 - 6]


def upgrade() -> None:
    op.create_table(
        'service_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('canteen_id', sa.Integer(), nullable=False),
        sa.Column('sale_id', sa.Integer(), nullable=False),
        sa.Column('resident_id', sa.Integer(), nullable=True),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('meal_period', sa.String(length=16), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('identified', sa.String(length=16), nullable=False),
        sa.Column('categories', sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column('age_band', sa.String(length=16), nullable=True),
        sa.Column('terminal_id', sa.Integer(), nullable=True),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('served_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("meal_period IN ('breakfast', 'lunch', 'dinner')", name=op.f('ck_service_record_meal_period')),
        sa.CheckConstraint("channel IN ('dine_in', 'pick_up', 'delivery')", name=op.f('ck_service_record_channel')),
        sa.CheckConstraint(IDENTIFIED, name=op.f('ck_service_record_identified')),
        sa.CheckConstraint(BANDS, name=op.f('ck_service_record_age_band')),
        sa.CheckConstraint('(resident_id IS NULL) = (age_band IS NULL)',
                           name=op.f('ck_service_record_resident_has_age_band')),
        sa.ForeignKeyConstraint(['canteen_id'], ['canteen.id'], name=op.f('fk_service_record_canteen_id_canteen')),
        sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_service_record_sale_id_sale')),
        sa.ForeignKeyConstraint(['resident_id'], ['resident.id'], name=op.f('fk_service_record_resident_id_resident')),
        sa.ForeignKeyConstraint(['terminal_id'], ['terminal.id'], name=op.f('fk_service_record_terminal_id_terminal')),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_user.id'], name=op.f('fk_service_record_staff_id_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_service_record')),
        sa.UniqueConstraint('sale_id', name=op.f('uq_service_record_sale_id')),
    )
    op.create_index('ix_service_record_canteen_id_day', 'service_record', ['canteen_id', 'day'])
    op.create_index('ix_service_record_resident_id_day', 'service_record', ['resident_id', 'day'])
    _backfill()


def _backfill() -> None:
    """A record for every sale so far."""
    conn = op.get_bind()
    sales = conn.execute(sa.text(
        "SELECT s.id, s.canteen_id, s.resident_id, s.business_date, s.meal_period, s.channel, s.credential_kind, "
        "s.terminal_id, s.cashier_id, s.sold_at, v.voided_at, r.birth_date FROM sale s "
        "LEFT JOIN sale_void v ON v.sale_id = s.id LEFT JOIN resident r ON r.id = s.resident_id ORDER BY s.id")).all()
    grants: dict[int, list] = {}
    for row in conn.execute(sa.text("SELECT resident_id, category_code, valid_from, valid_to FROM resident_category "
                                    "WHERE revoked_at IS NULL")):
        grants.setdefault(row.resident_id, []).append(row)
    rows = []
    for s in sales:
        day, born = _date(s.business_date), _date(s.birth_date) if s.birth_date is not None else None
        codes = sorted({g.category_code for g in grants.get(s.resident_id, [])
                        if (_date(g.valid_from) or day) <= day <= (_date(g.valid_to) or day)})
        rows.append({'canteen_id': s.canteen_id, 'sale_id': s.id, 'resident_id': s.resident_id, 'day': day,
                     'meal_period': s.meal_period, 'channel': s.channel, 'identified': s.credential_kind,
                     'categories': codes, 'age_band': _band(born, day) if born else None,
                     'terminal_id': s.terminal_id, 'staff_id': s.cashier_id, 'served_at': s.sold_at,
                     'voided_at': s.voided_at})
    if rows:
        columns = [sa.column(k, sa.JSON() if k == 'categories' else None) for k in rows[0]]
        op.bulk_insert(sa.table('service_record', *columns), rows)


def _date(value):
    """A stored date as a date (SQLite hands back text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def downgrade() -> None:
    op.drop_index('ix_service_record_resident_id_day', table_name='service_record')
    op.drop_index('ix_service_record_canteen_id_day', table_name='service_record')
    op.drop_table('service_record')
