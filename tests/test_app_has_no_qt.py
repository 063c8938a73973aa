import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def test_no_module_in_app_imports_qt() -> None:
    offenders = [p.name for p in APP.rglob("*.py") if "PySide6" in p.read_text("utf-8")]
    assert offenders == []


def test_headless_commands_do_not_load_qt() -> None:
    code = (
        "import sys, app.cli, app.store, app.importer, app.analyze, app.export.bundle;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
