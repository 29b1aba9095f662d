"""Pushing a feed to the receiving platform (CANTEEN_FEED_URL): each file and its signature in one multipart
POST, tried again with a growing pause when the platform is down or busy, every attempt logged."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.config import Config, ConfigError, parse_feed_url
from pos.db import Database
from pos.errors import N_, CanteenError
from pos.feed.models import FeedPushAttempt
from pos.feed.services import feed_canteen

TRIES = 3
CHUNK = 1 << 16


class PushRefused(CanteenError):
    """No address to push to, or one that is not HTTPS."""

    status = 409
    code = "feed_push_refused"


@dataclass(frozen=True)
class Pushed:
    """How one file's push ended."""

    file_name: str
    delivered: bool
    attempts: int
    status_code: int | None
    error: str


@dataclass(frozen=True)
class Pacing:
    """How often and how patiently to try: 3 tries, 2 s then 4 s apart, 30 s for an answer (tests go faster)."""

    tries: int = TRIES
    first_pause: float = 2.0
    timeout: float = 30.0
    sleep: Callable[[float], None] = time.sleep


def push_url(settings: Config) -> str:
    """The configured address, checked again here (HTTPS, or this machine): a refusal names CANTEEN_FEED_URL."""
    if not settings.feed_url:
        raise PushRefused(N_("no address to push to: set CANTEEN_FEED_URL to the platform's HTTPS address"))
    try:
        return parse_feed_url(settings.feed_url)
    except ConfigError as exc:
        raise PushRefused("%(problem)s", problem=str(exc)) from None


def push_files(database: Database, settings: Config, paths: list[Path], clock: Callable[[], datetime],
               pacing: Pacing = Pacing()) -> list[Pushed]:
    """POST each file with its .sig until the platform accepts it or the tries run out; log every attempt."""
    url = push_url(settings)
    return [_push_one(database, url, path, clock, pacing) for path in paths]


def _push_one(database: Database, url: str, path: Path, clock: Callable[[], datetime], pacing: Pacing) -> Pushed:
    signature = json.loads(path.with_name(path.name + ".sig").read_text(encoding="utf-8"))
    status, error = None, ""
    for attempt in range(1, pacing.tries + 1):
        if attempt > 1:
            pacing.sleep(pacing.first_pause * 2 ** (attempt - 2))
        status, error = _post(url, path, signature, pacing.timeout)
        _log(database, clock(), url, path, signature, attempt, status, error)
        if status is not None and 200 <= status < 300:
            return Pushed(path.name, True, attempt, status, "")
        if status is not None and status < 500 and status != 429:  # refused for good: trying again changes nothing
            return Pushed(path.name, False, attempt, status, error)
    return Pushed(path.name, False, pacing.tries, status, error)


def _post(url: str, path: Path, signature: dict, timeout: float) -> tuple[int | None, str]:
    """One POST; (status, "") or (status or None, what went wrong)."""
    boundary = uuid.uuid4().hex
    sig_bytes = json.dumps(signature, ensure_ascii=False, indent=2).encode() + b"\n"
    head = _part_head(boundary, "feed", path.name, "application/octet-stream")
    middle = b"\r\n" + _part_head(boundary, "signature", path.name + ".sig", "application/json")
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(middle) + len(sig_bytes) + len(tail)
    request = urllib.request.Request(url, data=_body(head, path, middle, sig_bytes, tail), method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(length),
        "User-Agent": "canteen-feed/1", "X-Feed-Period": signature["period"], "X-Feed-Sha256": signature["sha256"],
        "X-Feed-Key-Id": signature["key_id"], "X-Feed-Signature": signature["signature"]})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the URL is checked
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code} {exc.reason}"[:300]
    except (urllib.error.URLError, OSError) as exc:
        return None, str(getattr(exc, "reason", exc))[:300]


def _part_head(boundary: str, name: str, file_name: str, content_type: str) -> bytes:
    return (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode()


def _body(head: bytes, path: Path, middle: bytes, sig: bytes, tail: bytes) -> Iterator[bytes]:
    """The multipart body, the feed file read a chunk at a time (a month can be hundreds of MB)."""
    yield head
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk
    yield middle + sig + tail


def shown_url(url: str) -> str:
    """The address without user, password or query, which may carry a token."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    return urlunsplit((parts.scheme, netloc + (f":{parts.port}" if parts.port else ""), parts.path, "", ""))


def _log(database: Database, at: datetime, url: str, path: Path, signature: dict, attempt: int,
         status: int | None, error: str) -> None:
    """One attempt, committed at once: a push that dies midway still leaves its trace."""
    with database.unit_of_work() as session:
        session.add(FeedPushAttempt(canteen_id=feed_canteen(session, signature.get("canteen_code")).id,
                                    attempted_at=at, period=signature["period"], file_name=path.name,
                                    url=shown_url(url)[:300], attempt=attempt, status_code=status, error=error,
                                    bytes=signature["bytes"], sha256=signature["sha256"]))


def recent_attempts(session: Session, limit: int = 50) -> list[FeedPushAttempt]:
    """The latest attempts, newest first, for the feed page."""
    return list(session.scalars(select(FeedPushAttempt).order_by(FeedPushAttempt.id.desc()).limit(limit)))
