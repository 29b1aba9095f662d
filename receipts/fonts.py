"""Find a CJK TrueType font and register it with reportlab so PDFs embed it."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_ENV = "CANTEEN_FONT_PATH"
FONT_NAME = "CanteenCJK"

# TrueType-outline fonts only: reportlab cannot embed CFF-based fonts such as Noto CJK.
CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)

_registered: dict[str, str] = {}


class FontNotFound(RuntimeError):
    """No usable CJK TrueType font was found."""


def find_cjk_font(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the first CJK font found: explicit path, $CANTEEN_FONT_PATH, then usual places."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise FontNotFound(f"configured font {path} does not exist; fix {FONT_ENV} or the config")
        return path
    for candidate in (os.environ.get(FONT_ENV), *CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise FontNotFound(
        "no Chinese TrueType font found for PDFs; install one with "
        f"'sudo apt-get install fonts-wqy-microhei' or set {FONT_ENV} to a .ttf/.ttc file "
        "(e.g. C:/Windows/Fonts/simhei.ttf)"
    )


def register_cjk_font(explicit: str | os.PathLike[str] | None = None) -> str:
    """Register the CJK font with reportlab once and return its reportlab font name."""
    path = find_cjk_font(explicit)
    key = str(path)
    if key not in _registered:
        name = FONT_NAME if not _registered else f"{FONT_NAME}{len(_registered)}"
        try:
            font = TTFont(name, key, subfontIndex=0) if path.suffix.lower() == ".ttc" else TTFont(name, key)
        except Exception as exc:  # reportlab raises bare TTFError/ValueError for CFF or broken files
            raise FontNotFound(f"{path} cannot be embedded ({exc}); use a TrueType-outline font "
                               f"such as wqy-microhei via {FONT_ENV}") from exc
        pdfmetrics.registerFont(font)
        _registered[key] = name
    return _registered[key]
