"""The `canteen` command: clear messages, never a traceback."""
import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pos.integrity.verify import verify_ledger
from pos.residents.models import Resident
from pos.system_check import check_system
from subsidy import age_on


def canteen(*args, **env):
    """Run the real console script in a clean environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("CANTEEN_")}
    return subprocess.run([sys.executable, "-m", "pos", *args], capture_output=True, text=True,
                          env=base | env, timeout=60)


def test_bad_database_url_is_a_clear_message(tmp_path):
    result = canteen("db", "upgrade", CANTEEN_DATABASE_URL="mysql://x/y", CANTEEN_INSTANCE_PATH=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == ("configuration error: CANTEEN_DATABASE_URL: unsupported database 'mysql'; "
                             "use sqlite or postgresql\n")


def test_unreachable_database_is_a_clear_message(tmp_path):
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    result = canteen("db", "upgrade", CANTEEN_DATABASE_URL=url, CANTEEN_INSTANCE_PATH=str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith("Error: cannot reach the database at postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "Traceback" not in result.stderr


def test_port_in_use_is_a_clear_message(tmp_path):
    env = {"CANTEEN_INSTANCE_PATH": str(tmp_path)}
    assert canteen("db", "upgrade", **env).returncode == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = canteen("serve", "--port", str(port), **env)
    assert result.returncode == 1
    assert result.stderr == (f"Error: port {port} on 127.0.0.1 is in use; "
                             "stop the other server or choose another with --port\n")


def test_serve_refuses_an_old_database(tmp_path):
    result = canteen("serve", "--port", "0", CANTEEN_INSTANCE_PATH=str(tmp_path))
    assert result.returncode == 1
    assert "run `canteen db upgrade`" in result.stderr


def test_users_create(runner):
    result = runner.invoke(args=["users", "create", "zhang", "--role", "cashier", "--password", "counter-8"])
    assert result.output == "created cashier zhang\n"
    again = runner.invoke(args=["users", "create", "zhang", "--role", "cashier", "--password", "counter-8"])
    assert again.exit_code == 1
    assert "用户 zhang 已存在" in again.output


def test_short_password_is_refused(runner):
    result = runner.invoke(args=["users", "create", "zhou", "--role", "manager", "--password", "short"])
    assert result.exit_code == 1
    assert "密码：至少需要 8 个字符" in result.output


def test_users_password_and_deactivate_end_sign_ins(runner, app, make):
    make.user(username="zhang", role="manager", password="old-password")
    browser = app.test_client()
    assert browser.post("/login", data={"username": "zhang", "password": "old-password"}).status_code == 302
    changed = runner.invoke(args=["users", "password", "zhang", "--password", "new-password"])
    assert changed.output == "new password set for zhang; its sign-ins have ended\n"
    assert browser.get("/").status_code == 302
    assert browser.post("/login", data={"username": "zhang", "password": "new-password"}).status_code == 302
    assert runner.invoke(args=["users", "deactivate", "zhang"]).output == "deactivated zhang\n"
    assert browser.get("/").status_code == 302
    assert browser.post("/login", data={"username": "zhang", "password": "new-password"}).status_code == 401
    assert runner.invoke(args=["users", "activate", "zhang"]).output == "activated zhang\n"
    assert browser.post("/login", data={"username": "zhang", "password": "new-password"}).status_code == 302
    unknown = runner.invoke(args=["users", "deactivate", "nobody"])
    assert (unknown.exit_code, unknown.output) == (1, "Error: 没有名为 nobody 的员工账号\n")


def test_names_and_passwords_are_held_to_what_the_records_keep(runner):
    long_name = runner.invoke(args=["users", "create", "z" * 65, "--role", "cashier", "--password", "counter-8"])
    assert (long_name.exit_code, long_name.output) == (1, "Error: 用户名：必须是不超过 64 个字符的文字\n")
    long_password = runner.invoke(args=["users", "create", "zhou", "--role", "cashier", "--password", "p" * 129])
    assert (long_password.exit_code, long_password.output) == (1, "Error: 密码：必须是不超过 128 个字符的文字\n")


def test_demo_loads_once(runner, database):
    first = runner.invoke(args=["demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("demo loaded: 3 staff, 200 residents, 200 cards, 168 dishes, ")
    with database.unit_of_work() as session:
        assert verify_ledger(session).ok
        ages = [age_on(born, date.today()) for born in session.scalars(select(Resident.birth_date))]
    assert 60 <= min(ages) and max(ages) <= 100
    again = runner.invoke(args=["demo", "--if-empty"])
    assert again.output == "database has data; demo not loaded\n"


def test_the_demo_logins_and_token_are_printed_once_and_kept_nowhere(runner, app, tmp_path):
    loaded = runner.invoke(args=["demo"])
    lines = loaded.output.splitlines()
    assert lines[1:5] == ["demo logins:", "  manager  manager / manager123", "  cashier  cashier / cashier123",
                          "  admin    admin / admin1234"]
    token = lines[5].rsplit(" ", 1)[1]
    with app.test_request_context():
        from pos.db import read_session
        from pos.terminals.services import terminal_for_token

        assert terminal_for_token(read_session(), token) is not None
    instance = Path(app.instance_path)
    assert not any(token in f.read_text(errors="ignore") for f in instance.rglob("*") if f.is_file()
                   and f.suffix != ".db")


def test_missing_system_packages_name_the_install_command():
    problems = check_system(which=lambda _: None, exists=lambda _: False)
    assert str(problems[0]) == "card readers: pcscd is not installed — fix: sudo apt-get install -y pcscd"
