"""The core never depends on the window: no Qt and no ui/ import anywhere in app/,
not even a lazy one inside a function."""

import ast
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_no_module_in_app_imports_qt_or_ui() -> None:
    offenders = {
        str(p.relative_to(APP)): sorted(m for m in imported_modules(p)
                                        if m.split(".")[0] in ("PySide6", "ui", "shiboken6"))
        for p in APP.rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_headless_commands_do_not_load_qt() -> None:
    code = (
        "import sys, app.cli, app.store.store, app.store.importer, app.intake, app.export.bundle;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
