"""The signature a receiver checks a feed file with: HMAC-SHA256 over the file's exact bytes, with the key both
sides hold (CANTEEN_FEED_KEY). scripts/verify_feed.py checks it with the standard library alone."""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pos.errors import N_, CanteenError

ALGORITHM = "HMAC-SHA256"
CHUNK = 1 << 20


class FeedKeyMissing(CanteenError):
    """No key to sign with: the message names the setting."""

    status = 409
    code = "feed_key_missing"


def require_key(key: str) -> str:
    """The feed key, or a refusal naming CANTEEN_FEED_KEY."""
    if not key:
        raise FeedKeyMissing(N_("no feed key: set CANTEEN_FEED_KEY (at least 32 characters, shared with the platform "
                             "that receives the feed) to sign the feed"))
    return key


def key_id(key: str) -> str:
    """A short name for the key, so a receiver holding several can tell which one signed (reveals nothing of it)."""
    return hmac.new(key.encode(), b"canteen-feed-key-id", hashlib.sha256).hexdigest()[:16]


@dataclass(frozen=True)
class Signed:
    """A file's digest and signature, as its .sig file states them."""

    file_name: str
    bytes: int
    sha256: str
    signature: str


def sign_file(path: Path, key: str) -> Signed:
    """Digest and sign the file in one read, a chunk at a time (a month's feed can be hundreds of MB)."""
    digest, mac, size = hashlib.sha256(), hmac.new(key.encode(), digestmod=hashlib.sha256), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            mac.update(chunk)
            size += len(chunk)
    return Signed(path.name, size, digest.hexdigest(), mac.hexdigest())


def signature_document(signed: Signed, key: str, period: str, canteen_code: str, id_numbers: str,
                       generated_at: datetime) -> dict:
    """The detached signature (<file>.sig): what signed which bytes, when, for which period."""
    return {"algorithm": ALGORITHM, "key_id": key_id(key), "file": signed.file_name, "bytes": signed.bytes,
            "sha256": signed.sha256, "signature": signed.signature, "generated_at": generated_at.isoformat(),
            "period": period, "canteen_code": canteen_code, "id_numbers": id_numbers}


def write_signature(path: Path, key: str, **facts) -> tuple[Path, Signed]:
    """Sign `path` and write `<path>.sig` beside it; returns the signature's path and what it states."""
    signed = sign_file(path, key)
    sig = path.with_name(path.name + ".sig")
    sig.write_text(json.dumps(signature_document(signed, key, **facts), ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    return sig, signed
