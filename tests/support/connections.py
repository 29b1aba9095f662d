"""Watching the connection pool: how many connections each thread holds, and holding threads at a point.

`ConnectionWatch` counts the connections each thread has checked out. Every app a test builds is watched
(tests/conftest.py), and a request that ever holds two at once fails its test: two per request is what let
sixteen counters at once drain a pool of fifteen and stall the server.
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator

from flask import Flask, has_request_context, request
from sqlalchemy import Engine, event


class ConnectionWatch:
    """Counts each thread's checked-out connections; records every request that held two."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.held: Counter[int] = Counter()
        self.doubled: list[str] = []
        self._lock = threading.Lock()
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _checkout(self, _dbapi, record, _proxy) -> None:
        me = threading.get_ident()
        record.info["canteen_thread"] = me
        with self._lock:
            self.held[me] += 1
            doubled = self.held[me] > 1
        if doubled and has_request_context():
            self.doubled.append(f"{request.method} {request.path}")

    def _checkin(self, _dbapi, record) -> None:
        owner = record.info.pop("canteen_thread", None)
        if owner is not None:
            with self._lock:
                self.held[owner] -= 1

    def close(self) -> None:
        event.remove(self.engine, "checkout", self._checkout)
        event.remove(self.engine, "checkin", self._checkin)


class HoldAtFirstConnection:
    """Holds the first `parties` threads that check out a connection until all of them have one.

    With every server thread holding a connection at the same instant, a request that then needs a
    second one can only get it if the pool has spare: the deterministic form of the lunch-rush stall.
    """

    def __init__(self, engine: Engine, parties: int, timeout: float = 15.0) -> None:
        self.engine, self.timeout = engine, timeout
        self.barrier = threading.Barrier(parties)
        self.passed: set[int] = set()
        self._lock = threading.Lock()
        event.listen(engine, "checkout", self._checkout)

    def _checkout(self, *_args) -> None:
        me = threading.get_ident()
        with self._lock:
            if me in self.passed or len(self.passed) >= self.barrier.parties:
                return
            self.passed.add(me)
        self.barrier.wait(self.timeout)  # BrokenBarrierError (a 500) if not all arrive: the pool ran dry

    def close(self) -> None:
        event.remove(self.engine, "checkout", self._checkout)


def watched_app(config) -> Iterator[Flask]:
    """The app for `config`, yielded to a fixture; a request that held two connections at once fails the test."""
    from pos import create_app

    app = create_app(config)
    app.config["WTF_CSRF_ENABLED"] = False
    watch = ConnectionWatch(app.extensions["canteen_db"].engine)
    yield app
    watch.close()
    app.extensions["canteen_db"].dispose()
    assert not watch.doubled, f"requests that held two database connections at once: {watch.doubled}"
