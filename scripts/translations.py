"""Extract UI strings and merge Chinese translations into the zh_Hans_CN catalog, then compile.

Translations come from the existing catalog and from any
pos/translations/pending/*.json ({"English": "中文"}) — a place where work in
progress can add its strings without editing the .po by hand. Prints what is
still untranslated.
Usage: .venv/bin/python scripts/translations.py
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "pos" / "translations"
PO = FOLDER / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
# Callables whose first argument is a UI message: gettext, lazy_gettext, N_ and our refusals.
KEYWORDS = ["_l", "N_", "InvalidInput", "Conflict", "NotFound", "Forbidden", "CanteenError", "InsufficientBalance",
            "UnknownCredential", "CardBlocked", "NoPolicy", "TerminalUnauthorized", "LoginFailed", "QrRefused"]


def main() -> int:
    pot = FOLDER / "messages.pot"
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"),
                    *keywords, "--no-location", "--sort-output", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True)
    known = {m.id: m.string for m in read_po(PO.open("rb"), locale="zh_Hans_CN") if m.id} if PO.exists() else {}
    for pending in sorted((FOLDER / "pending").glob("*.json")):
        known.update(json.loads(pending.read_text(encoding="utf-8")))
    catalog = Catalog(locale="zh_Hans_CN", project="canteen", fuzzy=False)  # pybabel compile skips fuzzy catalogs
    missing = []
    for message in read_po(pot.open("rb")):
        if message.id:
            catalog.add(message.id, known.get(message.id, ""))
            if not known.get(message.id):
                missing.append(message.id)
    with PO.open("wb") as f:
        write_po(f, catalog, width=0, no_location=True)
    with PO.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalog)
    for msgid in missing:
        print(f"untranslated: {msgid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
