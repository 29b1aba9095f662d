"""Fresh databases for tests: a SQLite file per test, or a PostgreSQL schema per run.

With CANTEEN_TEST_DATABASE_URL set, the run migrates a schema of its own in
that database (so concurrent runs never see each other's rows), empties it
between tests and drops it at the end. Otherwise every test gets a copy of a
SQLite file migrated once per run.
"""
from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pos import schema
from pos.canteens.services import ensure_canteen
from pos.config import normalise_database_url
from pos.db import make_engine
from pos.models import Base


def set_up_canteen(engine) -> None:
    """The canteen `canteen db upgrade` makes at set-up: dishes, terminals and menus belong to it."""
    with Session(engine) as session, session.begin():
        ensure_canteen(session, "测试食堂")


class SqliteTemplate:
    """A migrated SQLite file copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.template = folder / "template.db"
        engine = make_engine(f"sqlite:///{self.template}")
        schema.upgrade(engine)
        set_up_canteen(engine)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()

    def fresh_url(self, folder: Path) -> str:
        """A new database file with the migrated schema."""
        target = folder / "canteen.db"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"

    def empty_url(self, folder: Path) -> str:
        """A database with no tables at all."""
        return f"sqlite:///{folder / 'empty.db'}"

    def close(self) -> None:
        pass


class PostgresSchema:
    """A schema of this run's own in the PostgreSQL test database."""

    def __init__(self, base_url: str) -> None:
        self.base_url = normalise_database_url(base_url)
        self.admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT")
        self.schemas: list[str] = []
        self.name = self._new_schema()
        self.url = self._url_for(self.name)
        engine = make_engine(self.url)
        schema.upgrade(engine)
        self.engine = make_engine(self.url)
        with engine.connect() as conn:  # reference data the migrations wrote, put back after each emptying
            self.reference = [dict(row) for row in conn.execute(text("SELECT * FROM subsidy_category")).mappings()]
        engine.dispose()
        self.tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)

    def fresh_url(self, _folder: Path) -> str:
        """The run's schema, emptied."""
        for attempt in range(3):
            try:
                self._empty()
                break
            except OperationalError:  # a request of the last test's page still reading: it ends, then try again
                if attempt == 2:
                    raise
                time.sleep(0.5)
        set_up_canteen(self.engine)
        return self.url

    def _empty(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'SET search_path TO "{self.name}"'))
            conn.execute(text(f"TRUNCATE {self.tables} RESTART IDENTITY CASCADE"))
            conn.execute(text("INSERT INTO subsidy_category (code, name_zh, name_en) VALUES (:code, :name_zh, :name_en)"),
                         self.reference)

    def empty_url(self, _folder: Path) -> str:
        """A schema with no tables at all."""
        return self._url_for(self._new_schema())

    def _new_schema(self) -> str:
        name = f"test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        self.schemas.append(name)
        return name

    def _url_for(self, name: str) -> str:
        url = make_url(self.base_url).update_query_dict({"options": f"-csearch_path={name} -csynchronous_commit=off"})
        return url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()
        with self.admin.connect() as conn:
            for name in self.schemas:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        self.admin.dispose()


def choose_test_databases(folder: Path) -> SqliteTemplate | PostgresSchema:
    """The database provider chosen by the environment."""
    url = os.environ.get("CANTEEN_TEST_DATABASE_URL")
    return PostgresSchema(url) if url else SqliteTemplate(folder)
