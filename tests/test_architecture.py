"""The shape of the code, checked: features depend one way, and only web modules know Flask.

A web module turns requests into calls and results into responses (routes, API handlers, forms, page
assembly, CLI commands, login glue) or wires the app together; everything else — models, services,
the libraries — runs without an app context, so the CLI, jobs and tests call it directly.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLASK = {"flask", "flask_login", "flask_wtf", "flask_babel", "werkzeug", "click"}
NOT_FLASK = {"werkzeug.security"}  # password hashing: a plain function, kept for the stored hashes' format
# Modules whose job is the web or the command line, by name anywhere in pos/ ...
# (any *_routes.py is a feature's second set of pages, e.g. menus/rules_routes.py)
WEB_NAMES = {"api.py", "routes.py", "forms.py", "page.py", "messages.py", "commands.py",
             "login_manager.py", "session.py"}
# ... and the app's wiring (pos/api/ is the API's shared web layer).
WIRING = {"pos/app.py", "pos/cli.py", "pos/__main__.py", "pos/access.py", "pos/errors.py", "pos/i18n.py",
          "pos/serving.py", "pos/db.py", "pos/context.py"}


def modules(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if "/migrations/" not in rel:
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def framework(tree: ast.AST) -> set[str]:
    """The web framework's modules that `tree` imports."""
    return {name for name in imported(tree) if name.split(".")[0] in FLASK and name not in NOT_FLASK}


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def is_web(rel: str) -> bool:
    name = Path(rel).name
    return rel in WIRING or rel.startswith("pos/api/") or name in WEB_NAMES or name.endswith("_routes.py")


def test_only_web_modules_import_flask():
    offenders = sorted(rel for rel, tree in modules("pos")
                       if not is_web(rel) and framework(tree))
    assert offenders == [], "a service or model imports Flask"


APP_DATABASE = {"unit_of_work", "read_session", "get_db", "release_read_session"}  # the running app's, via Flask


def test_services_are_given_their_database_or_session():
    reaching = sorted(rel for rel, tree in modules("pos") if not is_web(rel) and any(
        isinstance(node, ast.ImportFrom) and node.module == "pos.db" and {a.name for a in node.names} & APP_DATABASE
        for node in ast.walk(tree)))
    assert reaching == []


def feature_graph() -> dict[str, set[str]]:
    """Which pos/ package imports which (a top-level module counts as its own package)."""
    graph: dict[str, set[str]] = defaultdict(set)
    for rel, tree in modules("pos"):
        parts = rel.split("/")
        mine = parts[1] if len(parts) > 2 else parts[1].removesuffix(".py")
        for name in imported(tree):
            if name.startswith("pos."):
                theirs = name.split(".")[1]
                if theirs != mine:
                    graph[mine].add(theirs)
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_features_depend_one_way():
    assert loops(feature_graph()) == []


def test_the_loop_finder_finds_a_loop():
    assert loops({"sales": {"credentials"}, "credentials": {"residents"}, "residents": {"sales"}}) == [
        ["credentials", "residents", "sales"]]


def test_the_libraries_import_nothing_of_the_app():
    for library in ("cards", "menu", "receipts", "subsidy", "vocabulary"):
        for rel, tree in modules(library):
            tops = {name.split(".")[0] for name in imported(tree)}
            assert not tops & (FLASK | {"pos", "sqlalchemy"}), rel
