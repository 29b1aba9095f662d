"""Configuration from the environment."""
from datetime import time

import pytest

from pos.config import Config, ConfigError


def config(tmp_path, **env):
    return Config.from_env(env, instance_path=tmp_path)


def test_defaults_put_sqlite_in_the_instance_folder(tmp_path):
    cfg = config(tmp_path)
    assert cfg.database_url == f"sqlite:///{tmp_path / 'canteen.db'}"
    assert cfg.locale == "zh_CN"
    assert cfg.hours["lunch"] == (time(10, 30), time(13, 30))
    assert cfg.port == 8000


def test_unknown_setting_is_reported_with_the_likely_intent(tmp_path):
    with pytest.raises(ConfigError) as exc:
        config(tmp_path, CANTEEN_DATABSE_URL="sqlite://")
    assert str(exc.value) == "unknown setting: CANTEEN_DATABSE_URL (did you mean CANTEEN_DATABASE_URL?)"


def test_other_variables_are_left_alone(tmp_path):
    assert config(tmp_path, HOME="/root", PATH="/bin").canteen_name == "新百汇社区便民餐厅"


@pytest.mark.parametrize("url, message", [
    ("not a url", "CANTEEN_DATABASE_URL: not a database URL: 'not a url'"),
    ("mysql://x/y", "CANTEEN_DATABASE_URL: unsupported database 'mysql'; use sqlite or postgresql"),
    ("postgresql+nodriver://x/y", "CANTEEN_DATABASE_URL: no driver for 'postgresql+nodriver'"),
])
def test_bad_database_url_is_named(tmp_path, url, message):
    with pytest.raises(ConfigError) as exc:
        config(tmp_path, CANTEEN_DATABASE_URL=url)
    assert str(exc.value) == message


def test_plain_postgresql_url_uses_psycopg_3(tmp_path):
    cfg = config(tmp_path, CANTEEN_DATABASE_URL="postgresql://canteen@db.local/canteen")
    assert cfg.database_url == "postgresql+psycopg://canteen@db.local/canteen"


@pytest.mark.parametrize("hours, message", [
    ("lunch=11:00", "CANTEEN_HOURS: lunch: expected HH:MM-HH:MM, got '11:00'"),
    ("supper=17:00-19:00", "CANTEEN_HOURS: unknown meal period 'supper'; use breakfast, lunch, dinner"),
    ("lunch=13:00-11:00", "CANTEEN_HOURS: lunch: start 13:00 is not before end 11:00"),
])
def test_bad_hours_are_named(tmp_path, hours, message):
    with pytest.raises(ConfigError) as exc:
        config(tmp_path, CANTEEN_HOURS=hours)
    assert str(exc.value) == message


def test_bad_port_and_locale_are_named(tmp_path):
    with pytest.raises(ConfigError, match="CANTEEN_PORT: expected a number from 1 to 65535, got '80a'"):
        config(tmp_path, CANTEEN_PORT="80a")
    with pytest.raises(ConfigError, match="CANTEEN_LOCALE: expected one of zh_CN, en, got 'fr'"):
        config(tmp_path, CANTEEN_LOCALE="fr")


def test_secret_is_generated_once_and_kept_private(tmp_path):
    first = config(tmp_path).with_secret()
    again = config(tmp_path).with_secret()
    assert len(first.secret_key) == 64
    assert again.secret_key == first.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_given_secret_is_used(tmp_path):
    assert config(tmp_path, CANTEEN_SECRET_KEY="s3cret").with_secret().secret_key == "s3cret"
    assert not (tmp_path / "secret_key").exists()
