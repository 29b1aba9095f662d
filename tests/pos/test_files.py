"""The instance folder and the database file hold residents' data: only their owner may read them."""
from __future__ import annotations

import stat

from pos import create_app
from pos.config import Config
from pos.system_check import check_files


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_install_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    monkeypatch.setenv("CANTEEN_INSTANCE_PATH", str(instance))
    monkeypatch.delenv("CANTEEN_DATABASE_URL", raising=False)
    app = create_app(Config.from_env())
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    app.extensions["canteen_db"].dispose()
    assert (mode(instance), mode(instance / "canteen.db"), mode(instance / "secret_key")) == (0o700, 0o600, 0o600)


def test_doctor_names_a_folder_or_file_others_can_read(tmp_path):
    (tmp_path / "canteen.db").write_bytes(b"")
    tmp_path.chmod(0o755)
    (tmp_path / "canteen.db").chmod(0o644)
    problems = [str(p) for p in check_files(tmp_path, f"sqlite:///{tmp_path / 'canteen.db'}")]
    assert problems == [f"{tmp_path} can be read by other users (mode 755) — fix: chmod 700 {tmp_path}",
                        f"{tmp_path / 'canteen.db'} can be read by other users (mode 644) — fix: chmod 600 "
                        f"{tmp_path / 'canteen.db'}"]
    tmp_path.chmod(0o700)
    (tmp_path / "canteen.db").chmod(0o600)
    assert check_files(tmp_path, "postgresql+psycopg://postgres@127.0.0.1/test") == []
