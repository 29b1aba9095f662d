"""App, client and CLI fixtures in the shape of the Flask tutorial."""
from __future__ import annotations

import pytest

from pos import create_app
from pos.app import config_for_tests
from pos.db import Database
from pos.signins import secrets
from tests import factories
from tests.database import choose_test_databases
from tests.support.connections import watched_app
from tests.support.fake_pcsc import fake_pcsc  # noqa: F401  (an in-memory PC/SC service)
from tests.support.pcsc import emulated_card, own_pcscd, pcscd  # noqa: F401  (one pcscd for every suite)


def pytest_configure(config):
    # One round of hashing for the tests' passwords and PINs: they are not secret, and scrypt made every
    # sign-in cost a fifth of a second. The app's own method is tested in tests/pos/auth.
    secrets.METHOD = "pbkdf2:sha256:1"


PCSCD_FIXTURES = {"pcscd", "own_pcscd", "emulated_card"}


@pytest.hookimpl(tryfirst=True)  # before -m selects by the marks
def pytest_collection_modifyitems(items):
    """Every test of the one real pcscd is marked `pcsc`, so `make test` can run them apart, one at a time: two
    pytest-xdist workers would each start a pcscd on the same socket, and one test stops it while another taps."""
    for item in items:
        if PCSCD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pcsc)


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    """This run's database provider (SQLite template or PostgreSQL schema)."""
    provider = choose_test_databases(tmp_path_factory.mktemp("db"))
    yield provider
    provider.close()


@pytest.fixture
def database_url(databases, tmp_path) -> str:
    """The URL of an empty, migrated database for this test."""
    return databases.fresh_url(tmp_path)


@pytest.fixture
def app(database_url, tmp_path):
    """The app on a fresh database; a request that holds two connections at once fails the test."""
    yield from watched_app(config_for_tests(database_url, tmp_path / "instance"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def database(app) -> Database:
    """The test app's database, for arranging data and reading results."""
    return app.extensions["canteen_db"]


@pytest.fixture
def make(database):
    """Factories for test data, bound to the test database."""
    return factories.Factories(database)


class AuthActions:
    """Sign in and out through the real login form."""

    def __init__(self, client, make) -> None:
        self.client, self.make = client, make

    def login(self, role: str = "manager", username: str | None = None, password: str = "secret-pass"):
        username = username or role
        self.make.user(username=username, role=role, password=password)
        return self.client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client, make):
    return AuthActions(client, make)


@pytest.fixture
def empty_database_url(databases, tmp_path) -> str:
    """The URL of a database with no tables, for migration tests."""
    return databases.empty_url(tmp_path)


class Api:
    """A terminal calling the JSON API, with a member of staff signed in."""

    def __init__(self, client, token: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": "zh-CN"}

    def sign_in(self, make, role: str = "cashier", username: str | None = None, create: bool = True):
        """Sign in a member of staff, made first unless `create` is False (a second session of the same one)."""
        username = username or f"{role}-api"
        if create:
            make.user(username=username, role=role, password="secret-pass")
        response = self.post("/api/v1/session", {"username": username, "password": "secret-pass"})
        assert response.status_code == 200, response.get_json()
        return self

    def open_shift(self, float_fen: int = 0):
        """Open the signed-in cashier's shift at this terminal (a sale needs one unless the canteen says not)."""
        response = self.post("/api/v1/shifts", {"opening_float_fen": float_fen})
        assert response.status_code == 201, response.get_json()
        return self

    def get(self, path: str):
        return self.client.get(path, headers=self.headers)

    def post(self, path: str, body: object):
        return self.client.post(path, json=body, headers=self.headers)


@pytest.fixture
def api(client, make) -> Api:
    """The API as a counter terminal with a cashier signed in and their shift open (float 0), in a canteen on the
    demo policy."""
    make.canteen()
    return Api(client, make.terminal()).sign_in(make).open_shift()


@pytest.fixture
def api_off_shift(client, make) -> Api:
    """The API as a counter terminal with a cashier signed in, no shift open yet."""
    make.canteen()
    return Api(client, make.terminal()).sign_in(make)


@pytest.fixture
def manager_api(app, make) -> Api:
    """The API with a manager signed in (a separate browser session)."""
    make.canteen()
    return Api(app.test_client(), make.terminal()).sign_in(make, "manager")


@pytest.fixture
def en_runner(database_url, tmp_path):
    """The CLI on the same fresh database as `database`, with CANTEEN_LOCALE=en (for exact English reports)."""
    app = create_app(config_for_tests(database_url, tmp_path / "instance-en", locale="en"))
    yield app.test_cli_runner()
    app.extensions["canteen_db"].dispose()
