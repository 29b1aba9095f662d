"""A CLI runner whose messages are in English, for exact reports."""
import pytest

from pos import create_app
from pos.app import config_for_tests


@pytest.fixture
def en_runner(database_url, tmp_path):
    """The CLI on the same fresh database as `database`, with CANTEEN_LOCALE=en."""
    app = create_app(config_for_tests(database_url, tmp_path / "instance-en", locale="en"))
    yield app.test_cli_runner()
    app.extensions["canteen_db"].dispose()
