"""The engine is plain Python: the standard library, the canteen's vocabulary and its own modules only."""
import ast
import sys
from pathlib import Path

import subsidy

PACKAGE = Path(subsidy.__file__).parent


def test_imports_only_the_standard_library_the_vocabulary_and_itself():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in ("__future__", "vocabulary") or top in sys.stdlib_module_names, f"{path.name}: {name}"
