"""Copy briefcase.toml (the installer configuration) to the end of pyproject.toml.

Briefcase reads only pyproject.toml; ProofPack keeps its packaging configuration in
briefcase.toml, and this script keeps the copy in pyproject.toml identical.
  python scripts/sync_briefcase.py          write the copy
  python scripts/sync_briefcase.py --check  exit 1 if the copy is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "# ---- generated from briefcase.toml by scripts/sync_briefcase.py: do not edit below ----"


def synced_pyproject() -> str:
    own = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split(MARKER)[0].rstrip()
    config = (ROOT / "briefcase.toml").read_text(encoding="utf-8").strip()
    return f"{own}\n\n{MARKER}\n{config}\n"


def main() -> int:
    wanted = synced_pyproject()
    pyproject = ROOT / "pyproject.toml"
    if "--check" in sys.argv[1:]:
        if pyproject.read_text(encoding="utf-8") != wanted:
            print("pyproject.toml is out of date: run python scripts/sync_briefcase.py",
                  file=sys.stderr)
            return 1
        return 0
    pyproject.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
