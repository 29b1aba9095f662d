"""`canteen feed export`: the files and their signatures, or a refusal naming the option."""
from __future__ import annotations

import json

from tests.pos.feed.conftest import use_settings


def test_export_writes_each_file_and_its_signature(runner, planted, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(args=["feed", "export", "--day", "2026-11-20", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "feed-main-2026-11-20-records.csv", "feed-main-2026-11-20-records.csv.sig",
        "feed-main-2026-11-20-totals.csv", "feed-main-2026-11-20-totals.csv.sig"]
    lines = result.output.splitlines()
    signed = json.loads((out / "feed-main-2026-11-20-records.csv.sig").read_text())
    assert lines[0] == (f"wrote {out / 'feed-main-2026-11-20-records.csv'} (5 rows, {signed['bytes']} bytes, "
                        f"sha256 {signed['sha256']})")
    assert lines[1] == f"wrote {out / 'feed-main-2026-11-20-records.csv.sig'}"
    assert len(lines) == 4


def test_a_month_not_closed_and_a_malformed_one(runner, tmp_path):
    result = runner.invoke(args=["feed", "export", "--month", "2099-12", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == "Error: 2099-12 月还没有结束：到 2099-12-31 才结束（Asia/Shanghai 时间）\n"
    result = runner.invoke(args=["feed", "export", "--month", "2026/10", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.endswith("Error: Invalid value for --month: 月份应写作 YYYY-MM，例如 2026-10；收到的是 '2026/10'\n")


def test_no_key_names_the_setting(app, runner, tmp_path):
    use_settings(app, feed_key="")
    result = runner.invoke(args=["feed", "export", "--month", "2026-10", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "CANTEEN_FEED_KEY" in result.output
    assert not (tmp_path / "out").exists()


def test_push_without_an_address_names_the_setting(runner, planted, tmp_path):
    result = runner.invoke(args=["feed", "push", "--day", "2026-11-20", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == "Error: 没有推送地址：请把 CANTEEN_FEED_URL 设为平台的 HTTPS 地址\n"
    assert list(tmp_path.glob("feed-*")) == []  # refused before anything was written
