"""Formatting of integer fen as yuan, the one place the app turns money into text."""

YUAN_SIGN = "¥"


def format_fen(fen: int, sign: str = "") -> str:
    """Return fen as yuan with two decimals, e.g. 1250 -> "12.50", -5 -> "-0.05"."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        # Floats would silently round; money is integer fen end to end.
        raise TypeError(f"amount must be int fen, got {type(fen).__name__}")
    minus = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{minus}{sign}{yuan}.{cents:02d}"


def format_yuan(fen: int) -> str:
    """Return fen as yuan with the yuan sign, e.g. 1250 -> "¥12.50"."""
    return format_fen(fen, YUAN_SIGN)
