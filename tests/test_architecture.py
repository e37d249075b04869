"""The one-way import rule (ARCHITECTURE.md): the core never imports Qt or the UI, and the UI
never reaches past the Office façade into storage or PDF code."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def breaches(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


def test_core_imports_no_qt_and_no_ui() -> None:
    assert breaches("liaison", ("PySide6", "shiboken6", "ui", "main")) == []


def test_ui_stays_behind_the_office_facade() -> None:
    forbidden = ("sqlite3", "sqlite_utils", "reportlab", "liaison.db", "liaison.services")
    assert breaches("ui", forbidden) == []


def test_the_rule_checker_sees_a_breach(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport sqlite3\n")
    assert imported_modules(sample) == {"PySide6.QtCore", "sqlite3"}


def test_every_module_has_a_docstring() -> None:
    missing = []
    for folder in ("liaison", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            if tree.body and ast.get_docstring(tree) is None:
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []
