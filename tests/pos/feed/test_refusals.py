"""Bad input: a period not over yet, a malformed month or day, no key; each says what, and nothing is written."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pos.config import Config, ConfigError
from pos.errors import Conflict, InvalidInput
from pos.feed.periods import chosen_period, day_period, month_period
from pos.feed.services import export_feed
from pos.feed.signing import FeedKeyMissing
from tests.pos.feed.conftest import AFTER, use_settings

LATE_NOVEMBER = datetime(2026, 11, 30, 15, 59, tzinfo=timezone.utc)  # 23:59 on 30 November in Shanghai


def refusal(database, settings, tmp_path, period, now=AFTER, fmt="jsonl"):
    with pytest.raises((Conflict, InvalidInput, FeedKeyMissing)) as caught:
        export_feed(database, settings, period, fmt, tmp_path / "out", now)
    assert not (tmp_path / "out").exists()  # refused before writing anything
    return caught.value


def test_a_month_not_closed_says_when_it_ends(database, settings, tmp_path):
    error = refusal(database, settings, tmp_path, month_period("2026-11"), now=LATE_NOVEMBER)
    assert (error.code, str(error)) == (
        "period_not_closed", "the month 2026-11 is not closed yet: it ends on 2026-11-30 (Asia/Shanghai)")
    error = refusal(database, settings, tmp_path, month_period("2026-12"))
    assert str(error) == "the month 2026-12 is not closed yet: it ends on 2026-12-31 (Asia/Shanghai)"


def test_a_day_not_over_says_so_in_the_canteens_zone(database, settings, tmp_path):
    # 23:59 in Shanghai is 15:59 UTC: the UTC date is the same, but a minute later the day is over there
    error = refusal(database, settings, tmp_path, day_period("2026-11-30"), now=LATE_NOVEMBER)
    assert str(error) == "the day 2026-11-30 is not over yet: it ends at midnight (Asia/Shanghai)"
    files = export_feed(database, settings, day_period("2026-11-30"), "jsonl", tmp_path / "then",
                        datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc))
    assert [f.path.name for f in files] == ["feed-main-2026-11-30-records.jsonl", "feed-main-2026-11-30-totals.jsonl"]


@pytest.mark.parametrize("month, day, field, message", [
    ("2026-13", None, "month", "the month must be written YYYY-MM, e.g. 2026-10; got '2026-13'"),
    ("Oct 2026", None, "month", "the month must be written YYYY-MM, e.g. 2026-10; got 'Oct 2026'"),
    (None, "2026-02-30", "day", "the day must be written YYYY-MM-DD, e.g. 2026-10-31; got '2026-02-30'"),
    (None, "20261031", "day", "the day must be written YYYY-MM-DD, e.g. 2026-10-31; got '20261031'"),
    ("2026-10", "2026-11-01", "day", "the day 2026-11-01 is not in the month 2026-10"),
    (None, None, "month", "say which month (YYYY-MM) or day (YYYY-MM-DD) the feed covers"),
])
def test_a_malformed_period_names_its_field(month, day, field, message):
    with pytest.raises(InvalidInput) as caught:
        chosen_period(month, day)
    assert (caught.value.field, str(caught.value)) == (field, message)


def test_no_key_names_the_setting(app, database, tmp_path):
    error = refusal(database, use_settings(app, feed_key=""), tmp_path, month_period("2026-10"))
    assert (error.status, error.code) == (409, "feed_key_missing")
    assert str(error) == ("no feed key: set CANTEEN_FEED_KEY (at least 32 characters, shared with the platform that "
                          "receives the feed) to sign the feed")


def test_an_unknown_format_names_the_field(database, settings, tmp_path):
    assert refusal(database, settings, tmp_path, month_period("2026-10"), fmt="xml").field == "format"


def test_the_settings_are_checked_when_read(tmp_path):
    def read(**env):
        return Config.from_env(env, instance_path=tmp_path)

    assert (read().feed_key, read().feed_id_numbers, read().feed_url) == ("", "masked", None)
    assert read(CANTEEN_FEED_KEY=" " + "k" * 32 + "\n").feed_key == "k" * 32
    assert read(CANTEEN_FEED_URL="http://127.0.0.1:8080/feed").feed_url == "http://127.0.0.1:8080/feed"
    for env, message in [
        ({"CANTEEN_FEED_KEY": "short"}, "CANTEEN_FEED_KEY: expected at least 32 characters, got 5; make one with: "
                                        "python -c 'import secrets; print(secrets.token_hex(32))'"),
        ({"CANTEEN_FEED_ID_NUMBERS": "partial"},
         "CANTEEN_FEED_ID_NUMBERS: expected one of full, masked, hashed, none, got 'partial'"),
        ({"CANTEEN_FEED_URL": "http://platform.example.cn/feed"},
         "CANTEEN_FEED_URL: expected an https:// address, got 'http://platform.example.cn/feed'"),
        ({"CANTEEN_FEED_URL": "ftp://localhost/feed"}, "CANTEEN_FEED_URL: expected an https:// address, got "
                                                      "'ftp://localhost/feed'"),
    ]:
        with pytest.raises(ConfigError) as caught:
            read(**env)
        assert str(caught.value) == message
