"""What the machine must have, and the command that installs what is missing."""
from __future__ import annotations

import shutil
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

APT = "sudo apt-get install -y"


@dataclass(frozen=True)
class Problem:
    """Something missing, what it breaks, and how to fix it."""

    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.what} — fix: {self.fix}"


def check_system(which: Callable[[str], str | None] = shutil.which,
                 exists: Callable[[str], bool] = lambda p: Path(p).exists(),
                 font_path: str | None = None) -> list[Problem]:
    """List what is missing for card readers, receipts and statements."""
    problems = []
    if which("pcscd") is None and not exists("/usr/sbin/pcscd"):
        problems.append(Problem("card readers: pcscd is not installed", f"{APT} pcscd"))
    if not _has_pyscard():
        problems.append(Problem("card readers: pyscard is not installed",
                                f"{APT} swig libpcsclite-dev && pip install pyscard"))
    if not _has_cjk_font(font_path):
        problems.append(Problem("receipts and statements: no Chinese TrueType font",
                                f"{APT} fonts-wqy-microhei, or set CANTEEN_FONT_PATH"))
    return problems


def check_files(instance: Path, database_url: str) -> list[Problem]:
    """The instance folder and the SQLite file hold residents' data: warn when others may read them."""
    problems = []
    database = database_url.removeprefix("sqlite:///") if database_url.startswith("sqlite:///") else None
    for path, mode in ((instance, 0o700), (Path(database) if database else None, 0o600)):
        if path is not None and path.exists() and path.stat().st_mode & 0o077:
            problems.append(Problem(f"{path} can be read by other users (mode {path.stat().st_mode & 0o777:o})",
                                    f"chmod {mode:o} {path}"))
    return problems


def _has_pyscard() -> bool:
    try:
        import smartcard  # noqa: F401
    except ImportError:
        return False
    return True


def _has_cjk_font(font_path: str | None) -> bool:
    try:
        from receipts.fonts import FontNotFound, find_cjk_font
    except ImportError:  # receipts not built yet on this checkout
        return True
    try:
        find_cjk_font(font_path)
    except FontNotFound:
        return False
    return True


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False
