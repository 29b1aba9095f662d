"""Integer fen as yuan text and back: the one place money turns into text (never through a float)."""
import re
import unicodedata
from decimal import Decimal

YUAN_SIGN = "¥"


def format_fen(fen: int, sign: str = "", grouped: bool = False) -> str:
    """Return fen as yuan with two decimals, e.g. 1250 -> "12.50", -5 -> "-0.05"; grouped: 500000 -> "5,000.00"."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        # Floats would silently round; money is integer fen end to end.
        raise TypeError(f"amount must be int fen, got {type(fen).__name__}")
    minus = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{minus}{sign}{yuan:,}.{cents:02d}" if grouped else f"{minus}{sign}{yuan}.{cents:02d}"


def format_yuan(fen: int, sign: str = YUAN_SIGN, grouped: bool = False) -> str:
    """Return fen as yuan with the yuan sign, e.g. 1250 -> "¥12.50"; for a limit in a sentence ending in 元,
    format_yuan(500000, sign="", grouped=True) -> "5,000.00"."""
    return format_fen(fen, sign, grouped)


YUAN_TEXT = re.compile(r"[0-9]+(\.[0-9]{1,2})?|\.[0-9]{1,2}")


def parse_yuan(text: str) -> int:
    """Return yuan text as fen, exactly: "11" or "11.00" -> 1100, "0.05" -> 5; full-width digits too.

    Raises ValueError for anything else: a sign, more than two decimals, a float's noise.
    """
    plain = unicodedata.normalize("NFKC", text).strip().removeprefix(YUAN_SIGN).removesuffix("元").strip()
    if not YUAN_TEXT.fullmatch(plain):
        raise ValueError(f"not an amount in yuan: {text!r}")
    return int(Decimal(plain) * 100)  # Decimal, never float: 0.29 yuan is 29 fen, not 28
