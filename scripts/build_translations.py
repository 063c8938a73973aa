"""Compile the Qt translation sources (resources/translations/*.ts) into .qm files.

Runs at install time (./dev.sh), so the compiled files never go stale or into git.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def lrelease() -> str | None:
    exe = Path(sys.executable).parent / "pyside6-lrelease"
    return str(exe) if exe.exists() else shutil.which("pyside6-lrelease")


def main() -> int:
    sources = sorted(TRANSLATIONS.glob("*.ts"))
    if not sources:
        return 0
    tool = lrelease()
    if tool is None:
        print("pyside6-lrelease not found; the window will show its source language",
              file=sys.stderr)
        return 0
    for ts in sources:
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
