"""Configuration from the environment, in one place.

Every setting is a ``CANTEEN_*`` variable. An unknown ``CANTEEN_*`` variable is
an error, so a typo such as ``CANTEEN_DATABSE_URL`` cannot silently leave the
canteen on the wrong database.
"""
from __future__ import annotations

import difflib
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from vocabulary import MEAL_PERIODS

DEFAULT_HOURS = "breakfast=06:30-09:00,lunch=10:30-13:30,dinner=16:30-19:00"
LOCALES = ("zh_CN", "en")
FEED_ID_NUMBERS = ("full", "masked", "hashed", "none")
FEED_KEY_LENGTH = 32  # characters: the key also hashes ID numbers, whose few digits a short key would not hide
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")

# What each variable means; `canteen config` and the README print this table.
SETTINGS = {
    "CANTEEN_DATABASE_URL": "SQLAlchemy URL; default: SQLite file canteen.db in the instance folder",
    "CANTEEN_SECRET_KEY": "session signing key; default: generated once into instance/secret_key",
    "CANTEEN_NAME": "the canteen's name when it is set up; then it is the canteen's own (changed on /settings)",
    "CANTEEN_HOURS": f"serving hours of a canteen when it is set up, e.g. {DEFAULT_HOURS}; then they are the "
                     "canteen's own (its record)",
    "CANTEEN_LOCALE": "default UI language: zh_CN or en",
    "CANTEEN_TIMEZONE": "the canteen's time zone, for business days and meal periods (default Asia/Shanghai)",
    "CANTEEN_INSTANCE_PATH": "folder for the database, secret key and uploads",
    "CANTEEN_HOST": "address `canteen serve` listens on (default 127.0.0.1)",
    "CANTEEN_PORT": "port `canteen serve` listens on (default 8000)",
    "CANTEEN_THREADS": "worker threads of `canteen serve` (default 16); an open cashier screen's stream holds one",
    "CANTEEN_READER_STREAMS": "counter screens that may follow the card reader at once (default 8); "
                              "at least 4 threads must stay free for requests",
    "CANTEEN_DB_POOL": "database connections kept open (default: as many as CANTEEN_THREADS, and never fewer)",
    "CANTEEN_FONT_PATH": "a CJK TrueType font for PDFs and receipts",
    "CANTEEN_PRINTER": "receipt printer of a canteen when it is set up (and of an existing one when upgrading to the "
                       "version that keeps it in its record): none, tcp://HOST:9100 or a device path; then /settings",
    "CANTEEN_READER": "PC/SC card reader: auto (default) or off",
    "CANTEEN_STAFF_IDLE_MINUTES": "a member of staff idle this long signs in again (default 30)",
    "CANTEEN_RESIDENT_IDLE_MINUTES": "a resident's page idle this long asks for the PIN again (default 15)",
    "CANTEEN_HTTPS": "1 when browsers reach the canteen over HTTPS (a proxy in front): cookies only over HTTPS, "
                     "and HSTS (default 0)",
    "CANTEEN_PROXIES": "reverse proxies in front whose X-Forwarded-For/-Proto to trust (default 0: none); "
                       "the client address counts sign-in attempts",
    "CANTEEN_FEED_KEY": "key shared with the platform that receives the feed upward (at least 32 characters): signs "
                        "each feed file (HMAC-SHA256) and hashes ID numbers in the hashed mode; see docs/feed.md",
    "CANTEEN_FEED_ID_NUMBERS": "ID numbers in the feed: full, masked (default: last four shown), hashed (HMAC "
                               "with CANTEEN_FEED_KEY) or none",
    "CANTEEN_FEED_URL": "optional HTTPS address `canteen feed push` posts each feed file and its signature to",
}
# Read by the test suite and .ci/run, not by the app.
TEST_SETTINGS = {
    "CANTEEN_TEST_DATABASE_URL": "run the tests against this database (e.g. PostgreSQL)",
    "CANTEEN_REQUIRE_PCSC": "1: PC/SC tests fail instead of skipping when pcscd cannot run",
    "CANTEEN_REQUIRE_BROWSER": "1: browser tests fail instead of skipping without Chromium",
}


class ConfigError(ValueError):
    """A setting is missing, unknown or malformed; the message names it."""


@dataclass(frozen=True)
class Config:
    """Everything the app reads from its environment."""

    instance_path: Path
    database_url: str
    secret_key: str
    canteen_name: str = "新百汇社区便民餐厅"
    hours: dict[str, tuple[time, time]] = field(default_factory=lambda: parse_hours(DEFAULT_HOURS))
    locale: str = "zh_CN"
    timezone: str = "Asia/Shanghai"
    host: str = "127.0.0.1"
    port: int = 8000
    threads: int = 16
    reader_streams: int = 8
    db_pool: int | None = None  # None: one connection per thread
    font_path: str | None = None
    printer: str = "none"
    reader: str = "auto"
    staff_idle_minutes: int = 30
    resident_idle_minutes: int = 15
    https: bool = False
    proxies: int = 0
    feed_key: str = field(default="", repr=False)  # "": no feed can be signed until it is set
    feed_id_numbers: str = "masked"
    feed_url: str | None = None
    testing: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, instance_path: Path | None = None) -> Config:
        """Read and check every CANTEEN_* variable."""
        env = dict(os.environ if environ is None else environ)
        reject_unknown(env)
        folder = Path(env.get("CANTEEN_INSTANCE_PATH") or instance_path or Path.cwd() / "instance")
        return cls(
            instance_path=folder,
            database_url=normalise_database_url(
                env.get("CANTEEN_DATABASE_URL") or f"sqlite:///{folder / 'canteen.db'}"
            ),
            secret_key=env.get("CANTEEN_SECRET_KEY") or "",
            canteen_name=env.get("CANTEEN_NAME") or cls.canteen_name,
            hours=parse_hours(env.get("CANTEEN_HOURS") or DEFAULT_HOURS),
            locale=parse_choice("CANTEEN_LOCALE", env.get("CANTEEN_LOCALE") or "zh_CN", LOCALES),
            timezone=parse_timezone(env.get("CANTEEN_TIMEZONE") or "Asia/Shanghai"),
            host=env.get("CANTEEN_HOST") or "127.0.0.1",
            port=parse_port(env.get("CANTEEN_PORT") or "8000"),
            threads=parse_count("CANTEEN_THREADS", env.get("CANTEEN_THREADS") or "16"),
            reader_streams=parse_count("CANTEEN_READER_STREAMS", env.get("CANTEEN_READER_STREAMS") or "8"),
            db_pool=parse_count("CANTEEN_DB_POOL", env["CANTEEN_DB_POOL"]) if env.get("CANTEEN_DB_POOL") else None,
            font_path=env.get("CANTEEN_FONT_PATH") or None,
            printer=env.get("CANTEEN_PRINTER") or "none",
            reader=parse_choice("CANTEEN_READER", env.get("CANTEEN_READER") or "auto", ("auto", "off")),
            staff_idle_minutes=parse_count("CANTEEN_STAFF_IDLE_MINUTES", env.get("CANTEEN_STAFF_IDLE_MINUTES") or "30"),
            resident_idle_minutes=parse_count("CANTEEN_RESIDENT_IDLE_MINUTES",
                                              env.get("CANTEEN_RESIDENT_IDLE_MINUTES") or "15"),
            https=parse_choice("CANTEEN_HTTPS", env.get("CANTEEN_HTTPS") or "0", ("0", "1")) == "1",
            proxies=parse_proxies(env.get("CANTEEN_PROXIES") or "0"),
            feed_key=parse_feed_key(env.get("CANTEEN_FEED_KEY") or ""),
            feed_id_numbers=parse_choice("CANTEEN_FEED_ID_NUMBERS", env.get("CANTEEN_FEED_ID_NUMBERS") or "masked",
                                         FEED_ID_NUMBERS),
            feed_url=parse_feed_url(env["CANTEEN_FEED_URL"]) if env.get("CANTEEN_FEED_URL") else None,
        )

    @property
    def pool_size(self) -> int:
        """Database connections in the pool: CANTEEN_DB_POOL, else one per server thread."""
        return self.db_pool if self.db_pool is not None else self.threads

    def with_secret(self) -> Config:
        """Return a copy whose secret key is set, generating one into the instance folder."""
        if self.secret_key:
            return self
        return replace(self, secret_key=load_or_create_secret(self.instance_path / "secret_key"))


def reject_unknown(env: Mapping[str, str]) -> None:
    """Refuse CANTEEN_* variables that nothing reads, suggesting the likely intent."""
    known = SETTINGS.keys() | TEST_SETTINGS.keys()
    unknown = sorted(k for k in env if k.startswith("CANTEEN_") and k not in known)
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=1)
        hints.append(f"{name} (did you mean {close[0]}?)" if close else name)
    raise ConfigError("unknown setting: " + ", ".join(hints))


def normalise_database_url(url: str) -> str:
    """Check the URL parses and its driver is installed; prefer psycopg 3 for PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"CANTEEN_DATABASE_URL: not a database URL: {url!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"CANTEEN_DATABASE_URL: unsupported database {parsed.get_backend_name()!r}; use sqlite or postgresql"
        )
    try:
        parsed.get_dialect()
    except NoSuchModuleError as exc:
        raise ConfigError(f"CANTEEN_DATABASE_URL: no driver for {parsed.drivername!r}") from exc
    return parsed.render_as_string(hide_password=False)


def parse_hours(text: str) -> dict[str, tuple[time, time]]:
    """Parse 'lunch=10:30-13:30,...' into periods with start and end times."""
    hours: dict[str, tuple[time, time]] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        period, _, span = part.partition("=")
        period = period.strip()
        if period not in MEAL_PERIODS:
            raise ConfigError(f"CANTEEN_HOURS: unknown meal period {period!r}; use {', '.join(MEAL_PERIODS)}")
        try:
            start, end = (time.fromisoformat(t.strip()) for t in span.split("-"))
        except ValueError as exc:
            raise ConfigError(f"CANTEEN_HOURS: {period}: expected HH:MM-HH:MM, got {span!r}") from exc
        if start >= end:
            raise ConfigError(f"CANTEEN_HOURS: {period}: start {start:%H:%M} is not before end {end:%H:%M}")
        hours[period] = (start, end)
    if not hours:
        raise ConfigError("CANTEEN_HOURS: no meal period given")
    return hours


def format_hours(hours: dict[str, tuple[time, time]]) -> str:
    """Serving hours as CANTEEN_HOURS writes them: 'lunch=10:30-13:30,...'."""
    return ",".join(f"{period}={start:%H:%M}-{end:%H:%M}" for period, (start, end) in hours.items())


def parse_timezone(name: str) -> str:
    """Check an IANA time zone name such as Asia/Shanghai."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"CANTEEN_TIMEZONE: unknown time zone {name!r}, e.g. Asia/Shanghai") from None
    return name


def parse_port(text: str) -> int:
    """Parse a TCP port number."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ConfigError(f"CANTEEN_PORT: expected a number from 1 to 65535, got {text!r}")
    return int(text)


def parse_count(name: str, text: str) -> int:
    """Parse a count of threads, streams or connections (1 to 1000)."""
    if not text.isdigit() or not 0 < int(text) <= 1000:
        raise ConfigError(f"{name}: expected a number from 1 to 1000, got {text!r}")
    return int(text)


def parse_proxies(text: str) -> int:
    """How many proxies stand in front (0 to 5)."""
    if not text.isdigit() or int(text) > 5:
        raise ConfigError(f"CANTEEN_PROXIES: expected a number from 0 to 5, got {text!r}")
    return int(text)


def parse_feed_key(text: str) -> str:
    """The feed's shared key: empty (not set) or long enough to sign and to hash ID numbers safely."""
    text = text.strip()  # as the receiver reads it from a key file
    if text and len(text) < FEED_KEY_LENGTH:
        raise ConfigError(f"CANTEEN_FEED_KEY: expected at least {FEED_KEY_LENGTH} characters, got {len(text)}; "
                          "make one with: python -c 'import secrets; print(secrets.token_hex(32))'")
    return text


def parse_feed_url(text: str) -> str:
    """Where the feed is pushed: HTTPS (plain HTTP only to this machine, as tests do)."""
    parts = urlsplit(text.strip())
    local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or local):
        raise ConfigError(f"CANTEEN_FEED_URL: expected an https:// address, got {text!r}")
    return text.strip()


def parse_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    """Accept one of a few fixed words."""
    if value not in choices:
        raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def load_or_create_secret(path: Path) -> str:
    """Read the instance secret key, creating it (owner-only) on first start."""
    if path.exists():
        return path.read_text().strip()
    if not path.parent.exists():  # the instance folder holds the database: its owner's alone
        path.parent.mkdir(parents=True)
        path.parent.chmod(0o700)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key + "\n")
    return key
