"""The plan of the house, checked: each package of app/ imports only what its
__init__.py allows, app/ never imports ui/ or Qt, no module imports itself back through
others, and no module grows past 450 lines."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = {"app", "app.i18n", "app.paths", "app.files", "app.imaging", "app.logs",
        "app.records", "app.pdfpages", "app.executor", "app.evidence_types"}
TOP = {"app.cli", "app.cli_args", "app.intake", "app.__main__"}  # on top: may use every package
MAX_LINES = 450


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_imports(path: Path) -> set[str]:
    """Every app./ui. module `path` imports, lazy imports inside functions included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {n for n in names if n.split(".")[0] in ("app", "ui")}
    return found


def modules() -> dict[str, Path]:
    return {module_name(p): p for folder in ("app", "ui") for p in (ROOT / folder).rglob("*.py")}


def resolve(name: str, known: dict[str, Path]) -> str | None:
    """`from app.store import models` names the module app.store.models."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def test_each_package_imports_only_what_it_declares() -> None:
    known = modules()
    wrong: dict[str, list[str]] = {}
    for name, path in known.items():
        if not name.startswith("app.") or name in BASE | TOP:
            continue
        package = ".".join(name.split(".")[:2])
        allowed = set(importlib.import_module(package).MAY_IMPORT) | {package}
        for target in project_imports(path):
            target_module = resolve(target, known)
            if target_module is None or target_module in BASE:
                continue
            if ".".join(target_module.split(".")[:2]) not in allowed:
                wrong.setdefault(name, []).append(target_module)
    assert wrong == {}


def test_no_import_cycles_between_modules() -> None:
    known = modules()
    graph = {name: {m for t in project_imports(path) if (m := resolve(t, known)) and m != name
                    and not name.startswith(m + ".") and "." in m}
             for name, path in known.items()}
    # package __init__ modules that only describe the package are leaves
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_no_module_over_450_lines() -> None:
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_one_language_chooser() -> None:
    """Chinese or English is picked in app/i18n.py (choose, pick, t) and by Qt's tr; a
    `lang == "zh"` anywhere else is a second chooser that drifts from the first."""
    branches: list[str] = []
    for name, path in modules().items():
        if name == "app.i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Compare) and any(
                    isinstance(side, ast.Constant) and side.value in ("zh", "en")
                    for side in [node.left, *node.comparators]):
                branches.append(f"{name}:{node.lineno}")
    assert branches == []
