"""Cleaning of what keyboard-wedge readers and scanners type."""

import unicodedata


def clean(text: str) -> str:
    """Fold full-width forms (NFKC), drop control and format characters, trim whitespace."""
    folded = unicodedata.normalize("NFKC", text)
    # Cc: Enter, Tab and other control keys; Cf: zero-width marks an input method may leave.
    kept = (ch for ch in folded if unicodedata.category(ch) not in ("Cc", "Cf"))
    return "".join(kept).strip()
