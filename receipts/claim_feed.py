"""Feed one stream of claim detail lines to several output sinks in a single pass."""

from __future__ import annotations

from typing import Iterable, Protocol

from .claim import ClaimDetail


class ClaimSink(Protocol):
    """An output being written: add each detail line, then finish (or abort on failure)."""

    def add(self, d: ClaimDetail) -> None: ...

    def abort(self) -> None: ...


def feed(details: Iterable[ClaimDetail], sinks: list[ClaimSink]) -> tuple[int, int]:
    """Add every detail line to every sink; return (count, total fen). Aborts all sinks on failure."""
    count = total = 0
    adds = [s.add for s in sinks]
    try:
        for d in details:
            for add in adds:
                add(d)
            count += 1
            total += d.amount_fen
    except BaseException:
        for sink in sinks:
            sink.abort()
        raise
    return count, total
