"""Schema versions through Alembic: the only way tables are made or changed."""
from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

UPGRADE_HINT = "canteen db upgrade"


class SchemaBehind(RuntimeError):
    """The database is older than the code; the message says how to upgrade."""


def alembic_config(engine: Engine) -> AlembicConfig:
    """An Alembic config pointing at our migrations and this engine."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(files("pos") / "migrations"))
    cfg.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`."""
    command.upgrade(alembic_config(engine), revision)


def head_revision(engine: Engine) -> str | None:
    """The newest migration the code knows."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None when empty)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_current(engine: Engine) -> None:
    """Raise SchemaBehind unless the database is at the code's head."""
    current, head = current_revision(engine), head_revision(engine)
    if current != head:
        state = "empty" if current is None else f"at {current}"
        raise SchemaBehind(f"the database is {state}, the code needs {head}: run `{UPGRADE_HINT}`")
