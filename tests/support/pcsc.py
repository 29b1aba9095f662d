"""A real pcscd with the vpcd virtual reader, and emulated cards on it, for tests.

Register the fixtures in a suite's conftest.py by importing them:

    from tests.support.pcsc import emulated_card, own_pcscd, pcscd  # noqa: F401

`pcscd` (session) runs `pcscd --foreground` as the tests' own subprocess, or
uses one already running if it has the virtual reader. `emulated_card` is a
factory of EmulatedCard objects: `card = emulated_card("04A1B2C3")`, then
`card.start()` inserts it and `card.stop()` removes it. `own_pcscd` is for
tests that stop and restart the daemon. Without pcscd or the vpcd driver the
tests skip with the reason, or fail when CANTEEN_REQUIRE_PCSC=1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from smartcard import scard

from tests.support.emulated_card import READER_NAME, EmulatedCard

VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
VPCD_CONFIG = Path("/etc/reader.conf.d/vpcd")
PCSCD_SOCKET = Path(os.environ.get("PCSCLITE_CSOCK_NAME", "/run/pcscd/pcscd.comm"))
REQUIRE_PCSC = "CANTEEN_REQUIRE_PCSC"


class PcscdUnavailable(Exception):
    """pcscd with the virtual reader cannot run here."""


def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    """Poll `condition` until it holds or `timeout` seconds pass; whether it held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


def reader_names() -> list[str]:
    """The readers pcscd lists now; empty when it is not answering."""
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return []
    try:
        result, names = scard.SCardListReaders(context, [])
        return list(names) if result == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(context)


def card_present(reader: str = READER_NAME) -> bool:
    """Whether pcscd sees a card on the reader now."""
    result, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if result != scard.SCARD_S_SUCCESS:
        return False
    try:
        unaware = [(reader, scard.SCARD_STATE_UNAWARE)]
        result, states = scard.SCardGetStatusChange(context, 0, unaware)
        return result == scard.SCARD_S_SUCCESS and bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


def pcscd_answering() -> bool:
    """Whether any pcscd accepts connections on its socket."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(PCSCD_SOCKET))
        except OSError:
            return False
    return True


class Pcscd:
    """pcscd in the foreground, owned by the tests unless one was already running."""

    def __init__(self, log_path: Path, timeout: float = 10.0) -> None:
        self.log_path = log_path
        self.timeout = timeout
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        """Whether the running pcscd is the tests' own subprocess, theirs to stop."""
        return self._process is not None

    def start(self) -> None:
        """Run pcscd and wait until the virtual reader is listed."""
        if pcscd_answering():
            self._adopt()
            return
        _check_installed()
        # A file, not a pipe: nobody reads pcscd's log while the tests run.
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                ["pcscd", "--foreground"], stdout=log, stderr=subprocess.STDOUT
            )
        if not wait_until(self._reader_ready, self.timeout):
            self.stop()
            raise PcscdUnavailable(f"pcscd did not list {READER_NAME!r} within {self.timeout} s")

    def stop(self) -> None:
        """Stop our pcscd and wait until its socket no longer answers."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(self.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(self.timeout)
        wait_until(lambda: not pcscd_answering(), self.timeout)

    def ensure_running(self) -> None:
        """Start pcscd again if a test stopped it."""
        if not (pcscd_answering() and READER_NAME in reader_names()):
            self.start()

    def _adopt(self) -> None:
        if not wait_until(lambda: READER_NAME in reader_names(), self.timeout):
            raise PcscdUnavailable(f"a pcscd is already running without {READER_NAME!r}")

    def _reader_ready(self) -> bool:
        if self._process is not None and self._process.poll() is not None:
            log = self.log_path.read_text(errors="replace").strip()
            raise PcscdUnavailable(f"pcscd exited with {self._process.returncode}: {log}")
        return READER_NAME in reader_names()


def _check_installed() -> None:
    if shutil.which("pcscd") is None:
        raise PcscdUnavailable("pcscd is not installed (Debian package pcscd)")
    for path in (VPCD_DRIVER, VPCD_CONFIG):
        if not path.exists():
            raise PcscdUnavailable(f"{path} is missing (Debian package vsmartcard-vpcd)")


def _unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_PCSC) == "1":
        pytest.fail(f"{REQUIRE_PCSC}=1 but PC/SC cannot run: {reason}", pytrace=False)
    pytest.skip(f"PC/SC cannot run: {reason}")


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pcscd]:
    """A pcscd listing the virtual reader for the whole test session."""
    daemon = Pcscd(tmp_path_factory.mktemp("pcscd") / "pcscd.log")
    try:
        daemon.start()
    except PcscdUnavailable as exc:
        _unavailable(str(exc))
    yield daemon
    daemon.stop()


@pytest.fixture
def own_pcscd(pcscd: Pcscd) -> Iterator[Pcscd]:
    """The session's pcscd for a test that stops and restarts it; running again afterwards."""
    pcscd.ensure_running()
    if not pcscd.owned:  # fails, rather than skips, under CANTEEN_REQUIRE_PCSC=1 like every PC/SC limit
        _unavailable("pcscd was started outside the tests, so they will not stop it")
    yield pcscd
    pcscd.ensure_running()


@pytest.fixture
def emulated_card(pcscd: Pcscd) -> Iterator[Callable[..., EmulatedCard]]:
    """A factory of cards for the virtual reader; every card is removed after the test."""
    pcscd.ensure_running()
    cards: list[EmulatedCard] = []

    def make(uid: str = "04A1B2C3", **options: object) -> EmulatedCard:
        card = EmulatedCard(uid, **options)  # type: ignore[arg-type]
        cards.append(card)
        return card

    yield make
    for card in cards:
        card.stop()
    # pcscd notices a removal at its next poll; the next test must find the readers empty.
    wait_until(lambda: not any(card_present(card.reader) for card in cards), pcscd.timeout)
