"""The app served on localhost by waitress, and Debian's Chromium driven by Playwright.

One browser and one server per session; each test gets a fresh database (the
server answers with the test's own app) and a fresh browser context.
Without /usr/bin/chromium the tests skip, or fail when CANTEEN_REQUIRE_BROWSER=1.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.connections import watched_app

CHROMIUM = Path("/usr/bin/chromium")
ALL_DAY_LUNCH = "lunch=00:00-23:59"  # the test canteen serves lunch all day, so the tests do not depend on the clock
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
REQUIRE_BROWSER = "CANTEEN_REQUIRE_BROWSER"
TILL = {"width": 1366, "height": 768}  # the canteen's touch screen


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_BROWSER) == "1":
        pytest.fail(f"{REQUIRE_BROWSER}=1 but the browser cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests cannot run: {reason}")


class SwappableApp:
    """A WSGI app that forwards to the current test's Flask app."""

    def __init__(self) -> None:
        self.app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def server():
    """waitress on a free localhost port, in a thread, for the whole session."""
    from waitress.server import create_server

    target = SwappableApp()
    # channel_request_lookahead lets waitress notice a closed page's event stream and free its thread.
    wsgi = create_server(target, host="127.0.0.1", port=0, threads=8, channel_timeout=30,
                         channel_request_lookahead=1)
    thread = threading.Thread(target=wsgi.run, name="waitress", daemon=True)
    thread.start()
    yield target, f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless (Playwright's own download does not work offline)."""
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed: {exc}")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001  (any launch failure means the browser cannot run here)
        playwright.stop()
        _unavailable(f"Chromium did not start: {exc}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def app(database_url, tmp_path):
    """The app on a fresh database."""
    from pos.app import config_for_tests

    yield from watched_app(config_for_tests(database_url, tmp_path / "instance"))


@pytest.fixture
def live(server, app, make):
    """The test's app behind the session's server, with a canteen and a terminal; returns (base URL, token)."""
    target, base = server
    make.canteen(hours=ALL_DAY_LUNCH)
    token = make.terminal("counter-1")
    target.app = app
    yield base, token
    hub = app.extensions.get("canteen_reader")
    if hub is not None:
        hub.stop()  # end the pages' event streams now, not at their next heartbeat
    target.app = None


@pytest.fixture
def counter(browser, live, make):
    """A cashier signed in at /counter on the till's screen size, this terminal's token set up, their shift open
    (float 0: a sale needs one)."""
    yield from counter_page(browser, live, make, shift=True)


@pytest.fixture
def counter_off_shift(browser, live, make):
    """The same, with no shift open yet."""
    yield from counter_page(browser, live, make, shift=False)


def counter_page(browser, live, make, shift: bool):
    from tests.browser.counter_page import CounterPage

    base, token = live
    context = browser.new_context(viewport=TILL, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('canteen.terminalToken', {token!r});")
    page = context.new_page()
    errors = page_errors(page)
    cashier = make.user(username="cashier", role="cashier", password="secret-pass")
    if shift:
        make.shift(cashier)
    yield CounterPage(page, base).sign_in("cashier", "secret-pass")
    context.close()
    assert errors == [], f"JavaScript errors or blocked scripts on the page: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/ at the repository root (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


TIMING = "counter_timing"  # the user property a test's browser-measured timings travel in (from xdist workers too)


@pytest.fixture
def record_timings(record_property):
    """Keep the page's scan and settle timings, as (what, ms) under a label, for the summary at the end of the run."""
    def record(label: str, timings: dict[str, list[float]]) -> None:
        for what in ("scan", "settle"):
            for ms in timings.get(what, []):
                record_property(TIMING, (label, what, ms))
    return record


def pytest_terminal_summary(terminalreporter):
    """Print the browser-measured timings: scan Enter → resident panel, Settle → receipt number."""
    timings = [value for report in terminalreporter.getreports("passed") if report.when == "call"
               for name, value in report.user_properties if name == TIMING]
    if not timings:
        return
    terminalreporter.section("counter timings, measured in the browser (target < 150 ms)")
    for label, what, ms in timings:
        terminalreporter.write_line(f"{what:7} {ms:7.1f} ms  {label}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "counter-timings.txt").write_text(
        "".join(f"{what}\t{ms:.1f}\t{label}\n" for label, what, ms in timings), encoding="utf-8")


def page_errors(page) -> list[str]:
    """The page's JavaScript errors, and whatever the Content-Security-Policy blocked (an inline script, an
    eval), as they happen: a test asserts the list is empty at its end."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    return errors


@contextmanager
def staff_page(browser, base: str, make, username: str, role: str, start: str):
    """A browser of its own at the till's screen size, a member of staff with `role` signed in through the form
    and sent on to `start`; it fails the test on any error of the page."""
    from tests.browser.counter_page import TIMEOUT_MS

    make.user(username=username, role=role, password="secret-pass")
    context = browser.new_context(viewport=TILL, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors = page_errors(page)
    page.goto(f"{base}/login?next={start}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass")
    page.click("button[type=submit]")
    try:
        yield page
    finally:
        context.close()  # also when the test fails, as each test's own try/finally did
    assert errors == [], f"JavaScript errors or blocked scripts on the page: {errors}"
