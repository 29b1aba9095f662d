"""The database: declarative base, engine set-up and the unit of work.

Services own their transaction through ``unit_of_work()``: it commits when the
block ends normally and rolls back on any exception, so no error can leave a
half-written record. Reads in views use the request's ``read_session()``.

A request holds at most one connection at a time: the unit of work gives the
request's read connection back to the pool before it takes its own. So a pool
as large as the server's threads can never run dry, and `canteen serve` checks
that it is (pos/capacity.py). A connection not free within POOL_WAIT_SECONDS,
or a busy database, is a 503 with Retry-After (pos/errors.py), never a 500.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from flask import Flask, current_app, g, has_app_context
from sqlalchemy import Engine, MetaData, Table, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Stable constraint names, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLITE_BUSY_TIMEOUT_MS = 10_000
POOL_WAIT_SECONDS = 10  # a counter waiting longer is better told to retry
WRITE_WAIT_SECONDS = 10  # the same for SQLite's one writer at a time


class DatabaseBusy(Exception):
    """No connection or write lock came free in time; nothing was written, the request may be retried."""


class NestedUnitOfWork(RuntimeError):
    """A unit of work was opened inside another on the same thread (a bug: it would wait on itself)."""


class Base(DeclarativeBase):
    """Base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:
        __table__: ClassVar[Table]  # every model names a __tablename__, so is mapped to a Table


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and a file only its owner can read."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
        _tune_sqlite(engine)
        _owner_only(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _owner_only(engine: Engine) -> None:
    """The database file holds ID numbers, PIN hashes and pass secrets: make it 0600 when it is looser.

    SQLite gives its -wal and -shm files the database file's permissions.
    """
    name = engine.url.database
    if not name or name == ":memory:" or os.name != "posix":  # Windows keeps its own ACLs
        return

    @event.listens_for(engine, "connect")
    def on_connect(_dbapi_conn: Any, _record: Any) -> None:
        status = os.stat(name)
        if status.st_mode & 0o077 and status.st_uid == os.getuid():
            os.chmod(name, 0o600)


def _tune_sqlite(engine: Engine) -> None:
    """Take transaction control from pysqlite so writers can BEGIN IMMEDIATE."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Any) -> None:
        # A writer takes the write lock up front: two terminals spending one wallet
        # then queue instead of both reading the old balance. Request readers stay in
        # autocommit, each statement its own snapshot: a read transaction held open through
        # a request would stop WAL checkpoints from resetting the log, and every commit would
        # fsync. Anything else (migrations, scripts) gets an ordinary transaction.
        options = conn.get_execution_options()
        if options.get("canteen_write", False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif not options.get("canteen_read", False):
            conn.exec_driver_sql("BEGIN")


class Database:
    """An engine with a fixed-size pool, and the two session factories built on it."""

    def __init__(self, url: str, pool_size: int = 16, **engine_kwargs: Any) -> None:
        self.url = url
        self.pool_size = pool_size
        # No overflow: the pool is the limit `canteen serve` sized against its threads. (An in-memory
        # SQLite database lives in one connection, so it has no pool to size.)
        pool = {} if make_url(url).database in (None, "", ":memory:") else {
            "pool_size": pool_size, "max_overflow": 0, "pool_timeout": POOL_WAIT_SECONDS}
        self.engine = make_engine(url, **pool, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._writer = sessionmaker(self.engine.execution_options(canteen_write=True), expire_on_commit=False)
        self._reader = sessionmaker(self.engine.execution_options(canteen_read=True), expire_on_commit=False)
        # SQLite has one writer at a time. Queueing this process's writers on a lock wakes the
        # next one at once, where SQLite's busy handler would sleep and retry (long tail latency).
        self._write_lock = threading.Lock() if self.is_sqlite else None
        self._in_unit = threading.local()
        # Called before a unit of work takes its connection; the web app gives back the request's read one.
        self.before_write: Callable[[], None] = lambda: None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One write transaction: commit at the end of the block, roll back on error."""
        if getattr(self._in_unit, "open", False):
            raise NestedUnitOfWork("a unit of work is already open on this thread; pass its session instead")
        self.before_write()
        self._in_unit.open = True
        try:
            with self._writing(), self._writer() as session, session.begin():
                yield session
        finally:
            self._in_unit.open = False

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """This process's turn to write on SQLite; nothing to wait for on PostgreSQL, whose locks are per row."""
        if self._write_lock is None:
            yield
            return
        if not self._write_lock.acquire(timeout=WRITE_WAIT_SECONDS):
            raise DatabaseBusy("no turn to write within %s s" % WRITE_WAIT_SECONDS)
        try:
            yield
        finally:
            self._write_lock.release()

    def reader(self) -> Session:
        """A session for reads; the caller closes it."""
        return self._reader()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def init_app(app: Flask, database: Database) -> None:
    """Attach the database to the app; a request's read session ends before it writes, and at teardown."""
    app.extensions["canteen_db"] = database
    database.before_write = release_read_session

    def close_read_session(_exc: BaseException | None) -> None:
        session = g.pop("read_session", None)
        if session is not None:
            session.close()

    # A request's reads end with the request, so the next one sees fresh data.
    app.teardown_request(close_read_session)
    app.teardown_appcontext(close_read_session)


def get_db() -> Database:
    """The current app's database."""
    return current_app.extensions["canteen_db"]


def unit_of_work() -> Any:
    """A write transaction on the current app's database."""
    return get_db().unit_of_work()


def release_read_session() -> None:
    """End the request's read transaction and give its connection back; what it loaded stays usable."""
    session = g.get("read_session") if has_app_context() else None
    if session is not None:
        session.commit()  # expire_on_commit=False: loaded objects keep their values


def read_session() -> Session:
    """The request's read session, opened on first use."""
    if "read_session" not in g:
        g.read_session = get_db().reader()
    return g.read_session


def insert_if_missing(session: Session, model: type[Base], **values: Any) -> bool:
    """INSERT a row unless one with the same unique key exists; whether this call inserted it.

    Safe under concurrency: on PostgreSQL an insert racing an uncommitted one with
    the same key waits for it, then inserts (it rolled back) or does nothing (it
    committed), so exactly one of them claims the key.
    """
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    table = model.__table__
    statement = insert(table).values(**values).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return session.execute(statement).first() is not None
