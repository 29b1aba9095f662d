"""menu/ is a library: it imports no web framework, database or application code."""
from __future__ import annotations

import ast
from pathlib import Path

import menu

FORBIDDEN = ("flask", "sqlalchemy", "pos", "alembic", "werkzeug")


def test_menu_imports_no_framework_nor_app():
    root = Path(menu.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            assert not [n for n in names if n.split(".")[0] in FORBIDDEN], path


def test_public_api_is_exported():
    assert callable(menu.plan_week) and callable(menu.check_plan) and callable(menu.load_demo_catalog)
    assert {"Rules", "Dish", "WeekPlan", "Problem", "PlanResult"} <= set(menu.__all__)
