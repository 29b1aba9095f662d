"""Racing requests: calls released together, and on PostgreSQL write transactions held until all have begun."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event

from pos.db import Database

ROUNDS = 30  # a rare interleaving shows in one of thirty


def at_once(calls: list[Callable]) -> list:
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i: int, call: Callable) -> None:
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@contextmanager
def writers_in_step(database: Database, parties: int) -> Iterator[None]:
    """On PostgreSQL, hold each write transaction once begun until `parties` have begun: the worst interleaving.

    Both racers then read before either writes, every round. SQLite lets one writer begin at a time (the
    whole database is its lock), so there the calls only start together.
    """
    if database.is_sqlite:
        yield
        return
    barrier = threading.Barrier(parties)
    arrived = iter(range(parties))  # only the first `parties` write transactions wait
    lock = threading.Lock()

    def on_begin(conn) -> None:
        if not conn.get_execution_options().get("canteen_write"):
            return
        with lock:
            waits = next(arrived, None) is not None
        if waits:
            try:
                barrier.wait(5)
            except threading.BrokenBarrierError:
                pass  # a racer refused before writing (e.g. a check in the route): go on alone

    event.listen(database.engine, "begin", on_begin)
    try:
        yield
    finally:
        event.remove(database.engine, "begin", on_begin)


def race(database: Database, calls: list[Callable]) -> list:
    """The calls at once, their write transactions in step; their results in order."""
    with writers_in_step(database, len(calls)):
        return at_once(calls)


def one_terminal(app, make, n: int, role: str = "cashier", same_person: bool = False, shifts: bool = True) -> list:
    """n connections of one terminal (one idempotency scope), each with staff signed in: n people, or one person n
    times; each person's shift open (float 0) unless `shifts` is False."""
    from tests.conftest import Api

    make.canteen()
    token = make.terminal()
    names = [f"same-{role}"] * n if same_person else [f"same-{role}-{i}" for i in range(n)]
    tills = [Api(app.test_client(), token).sign_in(make, role, username=name, create=not same_person or i == 0)
             for i, name in enumerate(names)]
    people = tills[:1] if same_person else tills  # one shift a person
    for till in people if shifts else []:
        till.open_shift()
    return tills


def statuses(responses) -> list[tuple[int, str | None]]:
    """Each response's status and error code, sorted: what a race ended with."""
    return sorted((r.status_code, (r.get_json().get("error") or {}).get("code")) for r in responses)
