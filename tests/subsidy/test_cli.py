"""python -m subsidy checks files for a clerk."""
from subsidy.__main__ import main

from .factories import EXAMPLES
from .texts import policy_text


def test_valid_files_are_reported_ok(capsys):
    assert main([str(EXAMPLES / "jurong.toml")]) == 0
    assert "OK — jurong 2024, from 2024-01-01 00:00, 6 rules" in capsys.readouterr().out


def test_invalid_file_lists_its_problems(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    text = policy_text().replace("subsidy_fen = 500", "subsidy_fen = 5.5")
    bad.write_text(text, encoding="utf-8")
    assert main([str(bad), str(tmp_path / "missing.toml")]) == 1
    err = capsys.readouterr().err
    assert "rules[1].subsidy_fen: must be an integer 0–10000000 fen" in err
    assert "missing.toml" in err


def test_no_files_shows_usage(capsys):
    assert main([]) == 2
