"""A Server-Sent Events reader for tests: parses a byte stream on its own thread."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class Received:
    """One event and when it arrived."""

    kind: str
    data: dict
    arrived: datetime  # wall clock, to compare with the event's own `at`
    arrived_monotonic: float

    @property
    def latency(self) -> float:
        """Seconds from the watcher emitting the event to the test reading it."""
        return (self.arrived - datetime.fromisoformat(self.data["at"])).total_seconds()


class EventReader:
    """Reads `event:`/`data:` frames and `:` comments from lines; tests wait for the next of a kind."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self.events: list[Received] = []
        self.comments: list[str] = []
        self.ended = False
        self._seen = 0
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(lines,), daemon=True)
        self._thread.start()

    def wait_for(self, kind: str, timeout: float = 5.0, **match: object) -> Received:
        """The next unseen event of `kind` whose data has `match`; AssertionError on timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self._find(kind, match) is not None, timeout)
            index = self._find(kind, match)
            if index is None:
                raise AssertionError(f"no {kind} {match} within {timeout} s; got {self.kinds()}")
            self._seen = index + 1
            return self.events[index]

    def wait_for_comment(self, timeout: float) -> str:
        """The first comment line (a heartbeat)."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.comments, timeout):
                raise AssertionError(f"no comment within {timeout} s")
            return self.comments[0]

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def _find(self, kind: str, match: dict) -> int | None:
        for index in range(self._seen, len(self.events)):
            event = self.events[index]
            if event.kind == kind and all(event.data.get(k) == v for k, v in match.items()):
                return index
        return None

    def _read(self, lines: Iterable[bytes]) -> None:
        kind, data = "message", []
        try:
            for raw in _split_lines(lines):
                line = raw.decode("utf-8")
                if line == "":
                    if data:
                        self._add(kind, json.loads("\n".join(data)))
                    kind, data = "message", []
                elif line.startswith(":"):
                    with self._changed:
                        self.comments.append(line[1:].strip())
                        self._changed.notify_all()
                elif line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].strip())
        except Exception:  # noqa: BLE001  the connection was closed under us: the test ended the stream
            pass
        finally:
            with self._changed:
                self.ended = True
                self._changed.notify_all()

    def _add(self, kind: str, data: dict) -> None:
        received = Received(kind, data, datetime.now(timezone.utc), time.monotonic())
        with self._changed:
            self.events.append(received)
            self._changed.notify_all()


def _split_lines(chunks: Iterable[bytes]):
    """Lines without their endings, from chunks that may hold several lines or parts of one."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line.rstrip(b"\r")
