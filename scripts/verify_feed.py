#!/usr/bin/env python3
"""Check that a canteen feed file came untouched: its HMAC-SHA256 signature, made with the key you share with
the canteen (CANTEEN_FEED_KEY on its side).

    python verify_feed.py feed-main-2026-10-records.jsonl feed-main-2026-10-records.jsonl.sig --key-file key

The key file holds the key as one line of text (a trailing newline is ignored); --key-env NAME reads it from an
environment variable instead. Exits 0 printing "OK ..." when the file is the one signed, 1 naming what differs,
2 when the signature file or key cannot be read. Needs Python 3.9+ and nothing else (docs/feed.md).
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys

ALGORITHM = "HMAC-SHA256"
FIELDS = ("algorithm", "key_id", "sha256", "signature")


def key_id(key: bytes) -> str:
    """The canteen's short name for a key (never the key itself)."""
    return hmac.new(key, b"canteen-feed-key-id", hashlib.sha256).hexdigest()[:16]


def digest(path: str, key: bytes) -> tuple[int, str, str]:
    """Size, SHA-256 and HMAC-SHA256 of the file, read a chunk at a time."""
    plain, mac, size = hashlib.sha256(), hmac.new(key, digestmod=hashlib.sha256), 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            plain.update(chunk)
            mac.update(chunk)
            size += len(chunk)
    return size, plain.hexdigest(), mac.hexdigest()


def problems(path: str, signature: dict, key: bytes) -> list[str]:
    """What differs between the file and its signature (empty: it is the file signed)."""
    if signature.get("algorithm") != ALGORITHM:
        return [f"algorithm: the signature says {signature.get('algorithm')!r}, this script checks {ALGORITHM}"]
    size, sha256, mac = digest(path, key)
    found = []
    if "bytes" in signature and signature["bytes"] != size:
        found.append(f"size: {size} bytes, the signature says {signature['bytes']}")
    if signature["sha256"] != sha256:
        found.append(f"sha256: the file's is {sha256}, the signature says {signature['sha256']}")
    if signature["key_id"] != key_id(key):
        found.append(f"key: this key's id is {key_id(key)}, the file was signed with key {signature['key_id']}")
    if not hmac.compare_digest(signature["signature"], mac):
        found.append("signature: the HMAC of the file with this key is not the one signed")
    return found


def read_key(args: argparse.Namespace) -> bytes:
    if args.key_env:
        value = os.environ.get(args.key_env, "")
        if not value:
            raise ValueError(f"the environment variable {args.key_env} is not set")
        return value.strip().encode()
    with open(args.key_file, encoding="utf-8") as f:
        return f.read().strip().encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check a canteen feed file against its signature.")
    parser.add_argument("file", help="the feed file (.jsonl or .csv)")
    parser.add_argument("signature", nargs="?", help="its signature (default: FILE.sig)")
    keys = parser.add_mutually_exclusive_group(required=True)
    keys.add_argument("--key-file", help="a file holding the shared key")
    keys.add_argument("--key-env", help="an environment variable holding the shared key")
    args = parser.parse_args(argv)
    try:
        key = read_key(args)
        with open(args.signature or args.file + ".sig", encoding="utf-8") as f:
            signature = json.load(f)
        missing = [name for name in FIELDS if name not in signature]
        if missing:
            raise ValueError(f"the signature file lacks {', '.join(missing)}")
        found = problems(args.file, signature, key)
    except (OSError, ValueError) as exc:
        print(f"ERROR {exc}", file=sys.stderr)
        return 2
    if found:
        print(f"FAILED {args.file}: " + "; ".join(found))
        return 1
    print(f"OK {args.file}: {signature.get('bytes', '?')} bytes, sha256 {signature['sha256']}, signed with key "
          f"{signature['key_id']} for {signature.get('canteen_code', '?')} {signature.get('period', '?')} "
          f"at {signature.get('generated_at', '?')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
