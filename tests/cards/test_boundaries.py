"""The cards library stays a plain library."""

import subprocess
import sys

IMPORT_ALL = (
    "import sys, cards.apdu, cards.identifiers, cards.pcsc, cards.qrpass, cards.render;"
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'sqlalchemy', 'pos'}))"
)


def test_cards_imports_no_web_framework_database_or_application() -> None:
    # A fresh interpreter: this test session has long since imported the app.
    imported = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, check=True
    )
    assert imported.stdout.strip() == "[]"
