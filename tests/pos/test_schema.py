"""Migrations are the only way the schema is made, and they match the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pos import create_app, schema
from pos.app import config_for_tests
from pos.db import make_engine
from pos.models import Base


def test_migrations_from_base_match_the_models(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_steps_through_every_earlier_revision(empty_database_url):
    engine = make_engine(empty_database_url)
    scripts = ScriptDirectory.from_config(schema.alembic_config(engine))
    revisions = [r.revision for r in reversed(list(scripts.walk_revisions()))]
    for revision in revisions:  # as if each earlier commit's database is upgraded in turn
        schema.upgrade(engine, revision)
        assert schema.current_revision(engine) == revision
    assert revisions[-1] == schema.head_revision(engine)
    engine.dispose()


def test_app_refuses_to_serve_on_an_old_database(empty_database_url, tmp_path):
    app = create_app(config_for_tests(empty_database_url, tmp_path))
    response = app.test_client().get("/login")
    assert response.status_code == 503
    assert "canteen db upgrade" in response.get_data(as_text=True)


def test_db_upgrade_command_on_an_empty_database(empty_database_url, tmp_path):
    app = create_app(config_for_tests(empty_database_url, tmp_path))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    head = schema.head_revision(app.extensions["canteen_db"].engine)
    name = app.extensions["canteen_config"].canteen_name
    assert result.output == f"database: empty -> {head}\ncanteen: {name}\n"  # what belongs to a canteen has one
    again = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert again.output == f"database is current ({head})\n"
    assert app.test_client().get("/login").status_code == 200


def test_data_survives_the_upgrade_from_an_earlier_revision(empty_database_url):
    engine = make_engine(empty_database_url)
    schema.upgrade(engine, "781180df92f6")  # the settlement core, before card deposits
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO resident (id, name, id_number, birth_date, sex, phone, address, province, city, "
                          "district, street, community, status, qr_last_step, qr_static_issue, created_at) VALUES "
                          "(1, '张桂兰', '141002195003150017', '1950-03-15', 'M', '', '', '', '', '', '', '', "
                          "'active', 0, 1, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO card (uid, resident_id, status, issued_at) "
                          "VALUES ('04A1B2C3', 1, 'active', CURRENT_TIMESTAMP)"))
    schema.upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT uid, deposit_fen FROM card")).one() == ("04A1B2C3", 0)
        assert conn.execute(text("SELECT name, pin_hash FROM resident")).one() == ("张桂兰", None)
        assert conn.execute(text("SELECT count(*) FROM subsidy_category")).scalar() == 8
    engine.dispose()
