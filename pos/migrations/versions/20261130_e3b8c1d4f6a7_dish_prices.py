"""dish prices: each in force from a day on, with their history; dish names searchable by pinyin initials

Revision ID: e3b8c1d4f6a7
Revises: e2a7c9d4f6b1
Create Date: 2026-11-30 15:00:00

A dish's price moves from dish.price_fen into dish_price, where a change takes effect on a day and the
old price stays. Each dish's price is carried over as in force from the dish's creation: the day of its
first trace (added in the audit log, first sold, first on a menu), else the day of this upgrade, in the
canteen's time zone. dish.price_fen is then dropped: a price column that changes at midnight by itself
cannot be kept true. Planning attributes lose their stale copy of the price.
"""
import os
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

revision = 'e3b8c1d4f6a7'
down_revision = 'e2a7c9d4f6b1'
branch_labels = None
depends_on = None

dish = sa.table('dish', sa.column('id', sa.Integer), sa.column('name', sa.String), sa.column('price_fen', sa.Integer),
                sa.column('attributes', sa.JSON), sa.column('initials', sa.String))
dish_price = sa.table('dish_price', sa.column('dish_id', sa.Integer), sa.column('price_fen', sa.Integer),
                      sa.column('effective_from', sa.Date), sa.column('set_by', sa.Integer),
                      sa.column('set_at', sa.DateTime(timezone=True)))
CHECK = "CONSTRAINT ck_dish_price_not_negative CHECK (price_fen >= 0)"


def canteen_today() -> date:
    try:
        zone = ZoneInfo(os.environ.get("CANTEEN_TIMEZONE") or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Shanghai")
    return datetime.now(timezone.utc).astimezone(zone).date()


def as_day(value) -> date:
    """A date as the database hands it back (SQLite: text)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def first_traces(conn) -> dict[int, date]:
    """Each dish's earliest day on record: first sold, first on a menu, added (the audit log's day, UTC)."""
    first: dict[int, date] = {}
    queries = ("SELECT sale_line.dish_id, MIN(sale.business_date) FROM sale_line "
               "JOIN sale ON sale.id = sale_line.sale_id GROUP BY sale_line.dish_id",
               "SELECT dish_id, MIN(day) FROM menu_slot GROUP BY dish_id",
               "SELECT subject_id, MIN(at) FROM audit_entry WHERE subject = 'dish' AND action = 'dish.added' "
               "GROUP BY subject_id")
    for query in queries:
        for dish_id, day in conn.execute(sa.text(query)):
            if day is not None and str(dish_id).isdigit():
                key = int(dish_id)
                first[key] = min(first.get(key, date.max), as_day(day))
    return first


def initials(name: str) -> str:
    from pos.dishes.search import initials as pinyin_initials
    return pinyin_initials(name)


def upgrade() -> None:
    op.create_table(
        'dish_price',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dish_id', sa.Integer(), nullable=False),
        sa.Column('price_fen', sa.Integer(), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('set_by', sa.Integer(), nullable=True),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('price_fen >= 0', name=op.f('ck_dish_price_price_not_negative')),
        sa.ForeignKeyConstraint(['dish_id'], ['dish.id'], name=op.f('fk_dish_price_dish_id_dish')),
        sa.ForeignKeyConstraint(['set_by'], ['staff_user.id'], name=op.f('fk_dish_price_set_by_staff_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dish_price')),
    )
    op.create_index('ix_dish_price_dish_id_effective_from', 'dish_price', ['dish_id', 'effective_from'])
    # A plain ADD COLUMN: SQLite must not copy `dish`, which sales, menus and now prices refer to.
    op.add_column('dish', sa.Column('initials', sa.String(length=60), nullable=False, server_default=''))
    conn = op.get_bind()
    first, today, now = first_traces(conn), canteen_today(), datetime.now(timezone.utc)
    for dish_id, name, price_fen, attributes in conn.execute(
            sa.select(dish.c.id, dish.c.name, dish.c.price_fen, dish.c.attributes)).all():
        conn.execute(dish_price.insert().values(dish_id=dish_id, price_fen=price_fen, set_by=None, set_at=now,
                                                effective_from=min(first.get(dish_id, today), today)))
        kept = {k: v for k, v in (attributes or {}).items() if k != 'price_fen'}
        conn.execute(dish.update().where(dish.c.id == dish_id).values(initials=initials(name), attributes=kept))
    drop_price_column(conn)


def drop_price_column(conn) -> None:
    """Drop dish.price_fen. SQLite cannot drop a column a CHECK constraint names, nor may it copy `dish`:
    the constraint is taken out of the stored schema first, the documented way for a change that leaves
    the table's content as it is (https://www.sqlite.org/lang_altertable.html#otheralter)."""
    if conn.dialect.name != 'sqlite':
        op.drop_constraint(op.f('ck_dish_price_not_negative'), 'dish', type_='check')
        op.drop_column('dish', 'price_fen')
        return
    sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'dish'").scalar()
    start = sql.find(CHECK)
    if start < 0:
        raise RuntimeError(f"dish: the price check is not where it was expected: {sql}")
    comma = sql.rindex(",", 0, start)
    version = conn.exec_driver_sql("PRAGMA schema_version").scalar()
    conn.exec_driver_sql("PRAGMA writable_schema = ON")
    conn.execute(sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'dish'"),
                 {"sql": sql[:comma] + sql[start + len(CHECK):]})
    conn.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    conn.exec_driver_sql("ALTER TABLE dish DROP COLUMN price_fen")


def downgrade() -> None:
    """Back to one price a dish: the one in force today, else its first one to come."""
    conn = op.get_bind()
    op.add_column('dish', sa.Column('price_fen', sa.Integer(), nullable=False, server_default='0'))
    today, price = canteen_today(), {}
    rows = conn.execute(sa.text("SELECT dish_id, price_fen, effective_from FROM dish_price "
                                "ORDER BY dish_id, effective_from, id")).all()
    for dish_id, price_fen, day in rows:
        if as_day(day) <= today or dish_id not in price:
            price[dish_id] = price_fen
    for dish_id, price_fen in price.items():
        conn.execute(dish.update().where(dish.c.id == dish_id).values(price_fen=price_fen))
    conn.exec_driver_sql("ALTER TABLE dish DROP COLUMN initials")
    op.drop_index('ix_dish_price_dish_id_effective_from', table_name='dish_price')
    op.drop_table('dish_price')
