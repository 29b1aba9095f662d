"""The receiver's check: scripts/verify_feed.py, run alone (standard library, no app), on a feed and on a feed with
one byte changed."""
from __future__ import annotations

import hashlib
import hmac
import json
import shutil
import subprocess
import sys
from pathlib import Path

from pos.feed.periods import day_period
from pos.feed.services import export_feed
from pos.feed.signing import key_id
from tests.pos.feed.conftest import AFTER, KEY

SCRIPT = Path(__file__).parents[3] / "scripts" / "verify_feed.py"


def verify(folder: Path, name: str, key: str = KEY) -> subprocess.CompletedProcess:
    """Run the verifier as a receiver would: a copy of the script, isolated from the app and its packages."""
    (folder / "key").write_text(key + "\n")
    shutil.copy(SCRIPT, folder / "verify_feed.py")
    return subprocess.run([sys.executable, "-I", "-S", "verify_feed.py", name, name + ".sig", "--key-file", "key"],
                          cwd=folder, capture_output=True, text=True, timeout=60)


def test_the_signature_file_states_what_was_signed(planted, database, settings, tmp_path):
    records, _ = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    content = records.path.read_bytes()
    assert json.loads(records.signature_path.read_text()) == {
        "algorithm": "HMAC-SHA256", "key_id": key_id(KEY), "file": "feed-main-2026-11-20-records.jsonl",
        "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest(),
        "signature": hmac.new(KEY.encode(), content, hashlib.sha256).hexdigest(),
        "generated_at": "2026-12-01T02:00:00+00:00", "period": "2026-11-20", "canteen_code": "main",
        "id_numbers": "masked"}


def test_the_verifier_accepts_the_feed_and_names_a_changed_byte(planted, database, settings, tmp_path):
    files = export_feed(database, settings, day_period("2026-11-20"), "csv", tmp_path, AFTER)
    for made in files:
        ok = verify(tmp_path, made.path.name)
        assert (ok.returncode, ok.stderr) == (0, "")
        assert ok.stdout == (f"OK {made.path.name}: {made.signed.bytes} bytes, sha256 {made.signed.sha256}, signed "
                             f"with key {key_id(KEY)} for main 2026-11-20 at 2026-12-01T02:00:00+00:00\n")
    content = bytearray(files[0].path.read_bytes())
    content[200] ^= 0x01  # one bit of one byte
    files[0].path.write_bytes(bytes(content))
    changed = verify(tmp_path, files[0].path.name)
    sha256 = hashlib.sha256(content).hexdigest()
    assert changed.returncode == 1
    assert changed.stdout == (f"FAILED {files[0].path.name}: sha256: the file's is {sha256}, the signature says "
                              f"{files[0].signed.sha256}; signature: the HMAC of the file with this key is not the "
                              "one signed\n")


def test_the_verifier_names_another_key(planted, database, settings, tmp_path):
    records, _ = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    other = "x" * 40
    result = verify(tmp_path, records.path.name, key=other)
    assert result.returncode == 1
    assert result.stdout == (f"FAILED {records.path.name}: key: this key's id is {key_id(other)}, the file was "
                             f"signed with key {key_id(KEY)}; signature: the HMAC of the file with this key is not "
                             "the one signed\n")


def test_a_missing_signature_file_is_an_error_not_a_verdict(tmp_path):
    (tmp_path / "feed.jsonl").write_text("{}\n")
    result = verify(tmp_path, "feed.jsonl")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("ERROR [Errno 2] No such file or directory: 'feed.jsonl.sig'")


def test_the_key_can_come_from_the_environment(planted, database, settings, tmp_path):
    records, _ = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path, AFTER)
    shutil.copy(SCRIPT, tmp_path / "verify_feed.py")
    result = subprocess.run([sys.executable, "-I", "-S", "verify_feed.py", records.path.name, "--key-env", "FEED_KEY"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, env={"FEED_KEY": KEY})
    assert (result.returncode, result.stdout.split(":")[0]) == (0, f"OK {records.path.name}")
