"""The app's own `canteen` commands (db, serve, doctor), and the registration of every feature's."""
from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import OperationalError

from pos import db, schema
from pos.canteens.services import canteen_name, ensure_canteen, main_canteen
from pos.config import format_hours
from pos.context import settings
from pos.serving import capacity_problems, create_server
from pos.system_check import check_files, check_system, port_in_use


def register(app: Flask) -> None:
    """Add every command group to `app.cli`: the app's own here, each feature's from its package."""
    from pos.auth.commands import users_group
    from pos.demo.commands import demo_command
    from pos.enrolment.commands import residents_group
    from pos.feed.commands import feed_group
    from pos.fraud.commands import fraud_group
    from pos.integrity.commands import ledger_group
    from pos.menus.commands import menu_group
    from pos.orders.commands import orders_group
    from pos.policies.commands import policy_group
    from pos.statements.commands import COMMANDS as STATEMENT_COMMANDS
    from pos.terminals.commands import terminals_group

    for command in (db_group, serve_command, doctor_command, users_group, demo_command, residents_group,
                    terminals_group, ledger_group, policy_group, menu_group, orders_group, *STATEMENT_COMMANDS,
                    feed_group, fraud_group):
        app.cli.add_command(command)


def fail(message: str) -> None:
    """Stop the command with a clear message and exit status 2."""
    raise click.ClickException(message)


def engine_or_fail():
    """The engine, after checking that the database answers."""
    engine = db.get_db().engine
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        fail(f"cannot reach the database at {engine.url.render_as_string()}: {exc.orig}")
    return engine


db_group = AppGroup("db", help="Database schema.")


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or upgrade the schema to the code's version."""
    engine = engine_or_fail()
    before = schema.current_revision(engine)
    schema.upgrade(engine)
    after = schema.current_revision(engine)
    click.echo(f"database: {before or 'empty'} -> {after}" if before != after else f"database is current ({after})")
    # Dishes, terminals and menus belong to a canteen: there is one from the start, named as the environment
    # says (CANTEEN_NAME, CANTEEN_HOURS, CANTEEN_PRINTER); from then on /settings changes it.
    with db.get_db().unit_of_work() as session:
        if main_canteen(session) is None:
            config = settings()
            made = ensure_canteen(session, config.canteen_name, hours=format_hours(config.hours),
                                  printer=config.printer)
            click.echo(f"canteen: {made.name}")


@db_group.command("current")
def db_current() -> None:
    """Show the schema version of the database and of the code."""
    engine = engine_or_fail()
    click.echo(f"database: {schema.current_revision(engine) or 'empty'}\ncode:     {schema.head_revision(engine)}")


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default CANTEEN_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default CANTEEN_PORT or 8000).")
@click.option("--threads", type=int, default=None,
              help="Worker threads (default CANTEEN_THREADS or 16); an open cashier screen's reader stream holds one.")
@with_appcontext
def serve_command(host: str | None, port: int | None, threads: int | None) -> None:
    """Serve the app with waitress."""
    config = settings()
    host, port, threads = host or config.host, port or config.port, threads or config.threads
    problems = capacity_problems(threads, config.reader_streams, db.get_db().pool_size)
    if problems:
        fail("cannot serve: " + "; ".join(problems))
    if port_in_use(host, port):
        fail(f"port {port} on {host} is in use; stop the other server or choose another with --port")
    try:
        schema.check_current(engine_or_fail())
    except schema.SchemaBehind as exc:
        fail(str(exc))
    for problem in check_system(font_path=config.font_path):
        click.secho(f"warning: {problem}", fg="yellow", err=True)
    with db.get_db().reader() as session:
        name = canteen_name(session, config.canteen_name)
    click.secho(f"{name}: serving on http://{host}:{port}/ with {threads} threads, "
                f"{config.reader_streams} reader streams and {db.get_db().pool_size} database connections", fg="green")
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # Flask types the proxy as a Flask
    create_server(app, host, port, threads).run()


@click.command("doctor")
@with_appcontext
def doctor_command() -> None:
    """Check the database and the system packages, printing how to fix what is missing."""
    config = settings()
    engine = engine_or_fail()
    problems = [str(p) for p in (*check_system(font_path=config.font_path),
                                 *check_files(config.instance_path, config.database_url))]
    try:
        schema.check_current(engine)
    except schema.SchemaBehind as exc:
        problems.append(str(exc))
    for line in problems or ["everything needed is installed"]:
        click.echo(line)
    if problems:
        raise SystemExit(1)
