"""Serving with waitress: threads, reader streams and database connections sized together.

Waitress serves each request on one of its threads, and each open counter screen
holds a thread for its reader stream as long as it is open. A request holds at
most one database connection at a time (pos/db.py), so a pool with a connection
per thread never runs dry. What can stall a server is streams taking every
thread, or threads waiting for connections: `canteen serve` refuses both.
"""
from __future__ import annotations

from typing import Any

from flask import Flask

MIN_REQUEST_THREADS = 4  # threads left for sales and pages when every counter screen follows the reader


def capacity_problems(threads: int, reader_streams: int, pool_size: int) -> list[str]:
    """What is wrong with serving on `threads` threads, `reader_streams` streams and `pool_size` connections."""
    problems = []
    if threads - reader_streams < MIN_REQUEST_THREADS:
        problems.append(
            f"{threads} threads with up to {reader_streams} reader streams leave fewer than {MIN_REQUEST_THREADS} "
            f"threads for requests: raise CANTEEN_THREADS to at least {reader_streams + MIN_REQUEST_THREADS} "
            "or lower CANTEEN_READER_STREAMS")
    if pool_size < threads:
        problems.append(
            f"{threads} threads share {pool_size} database connections, so requests would wait for one: "
            f"set CANTEEN_DB_POOL to at least {threads} (or leave it unset)")
    return problems


def create_server(app: Flask, host: str, port: int, threads: int) -> Any:
    """The waitress server `canteen serve` runs (tests run the same one on port 0)."""
    from waitress.server import create_server as waitress_server

    # channel_request_lookahead lets waitress notice a closed cashier screen at once and free its stream.
    return waitress_server(app, host=host, port=port, threads=threads, ident="canteen", channel_request_lookahead=1)
