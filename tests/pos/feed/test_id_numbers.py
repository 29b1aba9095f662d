"""ID numbers leave as the platform agreed: whole, masked (last four), hashed with the shared key, or not at all."""
from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from pos.feed.identity import id_number_writer
from pos.feed.periods import day_period
from pos.feed.services import export_feed
from tests.pos.feed.conftest import AFTER, KEY, use_settings
from tests.pos.feed.helpers import id_numbers


def shown(app, database, tmp_path, mode: str) -> list[str | None]:
    settings = use_settings(app, feed_id_numbers=mode)
    records, _ = export_feed(database, settings, day_period("2026-11-20"), "jsonl", tmp_path / mode, AFTER)
    return [json.loads(text)["id_number"] for text in records.path.read_text().splitlines()]


def test_each_mode(app, planted, database, tmp_path):
    ids = id_numbers(database)
    order = [planted.aged, planted.poor, None, planted.frail, planted.aged]  # the walk-in has none in any mode
    assert shown(app, database, tmp_path, "full") == [ids[r] if r else None for r in order]
    assert shown(app, database, tmp_path, "masked") == ["*" * 14 + ids[r][-4:] if r else None for r in order]
    assert shown(app, database, tmp_path, "none") == [None] * 5
    hashed = [hmac.new(KEY.encode(), ids[r].encode(), hashlib.sha256).hexdigest() if r else None for r in order]
    assert shown(app, database, tmp_path, "hashed") == hashed
    assert hashed[0] == hashed[4] and len(hashed[0]) == 64  # the receiver matches a person across meals


def test_the_signature_says_which_mode(app, planted, database, tmp_path):
    records, _ = export_feed(database, use_settings(app, feed_id_numbers="hashed"), day_period("2026-11-20"),
                             "csv", tmp_path, AFTER)
    assert json.loads(records.signature_path.read_text())["id_numbers"] == "hashed"


def test_hashing_ignores_a_lower_case_check_character():
    writer = id_number_writer("hashed", KEY)
    assert writer("11010519491231002x") == writer("11010519491231002X")
    assert writer(None) is None


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="unknown ID number mode 'partial'"):
        id_number_writer("partial", KEY)
