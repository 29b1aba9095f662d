"""Server-Sent Events: the frames, and the generator that serves one screen.

Each open stream holds one of waitress's threads until the browser goes away.
Waitress tells us so only when a write fails (or, with channel_request_lookahead
set, through `waitress.client_disconnected`), so the generator wakes every
second to check and sends a comment heartbeat every ~15 s, ending itself on
the first failed write.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

from pos.clock import utc_now
from pos.reader.hub import ReaderHub, Subscription

WAKE_SECONDS = 1.0


def frame(kind: str, data: dict) -> str:
    """One SSE event: `event: <kind>` and a JSON line."""
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def status_event(hub: ReaderHub, reader_name: str) -> dict:
    """The status of the readers this stream follows, as a stream event: the same shape as the others plus it."""
    return {"kind": "status", "reader": None, "uid": None, "message": None, "at": utc_now().isoformat(),
            **hub.status(reader_name)}


class EventStream:
    """The body of one subscriber's response; closing it (the server always does) frees its slot."""

    def __init__(self, hub: ReaderHub, subscription: Subscription,
                 disconnected: Callable[[], bool] = lambda: False) -> None:
        self.hub, self.subscription, self.disconnected = hub, subscription, disconnected
        self._frames: Iterator[str] | None = None

    def __iter__(self) -> Iterator[str]:
        self._frames = self._serve()
        return self._frames

    def close(self) -> None:
        """End the stream and unsubscribe, whether or not it was ever iterated."""
        self.subscription.close()
        if self._frames is not None:
            try:
                self._frames.close()  # type: ignore[attr-defined]
            except ValueError:
                pass  # it is running on another thread, and ends at its next wake-up now it is closed
        self.hub.unsubscribe(self.subscription)

    def _serve(self) -> Iterator[str]:
        hub, subscription = self.hub, self.subscription
        try:
            yield "retry: 2000\n\n"  # the browser reconnects after 2 s if we go away
            yield frame("status", status_event(hub, subscription.reader_name))
            beat = time.monotonic()
            while not subscription.closed and not self.disconnected():
                item = subscription.get(timeout=min(WAKE_SECONDS, hub.heartbeat_seconds))
                if item is not None:
                    yield frame(item["kind"], item)
                    beat = time.monotonic()
                elif time.monotonic() - beat >= hub.heartbeat_seconds:
                    yield ": heartbeat\n\n"
                    beat = time.monotonic()
        finally:
            hub.unsubscribe(subscription)
