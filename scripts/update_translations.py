"""Bring resources/translations/*.ts up to date with the window's source.

Runs pyside6-lupdate over ui/ (new strings, moved strings), then gives every unfinished
message the translation the same source text already has elsewhere (a string moved from
one widget class to another keeps its English), drops messages no longer in the source,
and lists what still needs translating. Edit those by hand (or in pyside6-linguist).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def known_translations(tree: ET.ElementTree) -> dict[str, str]:  # type: ignore[type-arg]
    known: dict[str, str] = {}
    for message in tree.iter("message"):
        translation = message.find("translation")
        text = (translation.text or "").strip() if translation is not None else ""
        if text and translation is not None and translation.get("type") not in ("unfinished",):
            known.setdefault(message.findtext("source") or "", translation.text or "")
    return known


def update(ts: Path) -> list[str]:
    before = known_translations(ET.parse(ts))
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([str(lupdate), "-silent", "-no-obsolete", *sources, "-ts", str(ts)],
                   check=True)
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") != "unfinished":
            continue
        source = message.findtext("source") or ""
        if source in before:
            translation.text = before[source]
            del translation.attrib["type"]
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    missing = [s for ts in sorted(TRANSLATIONS.glob("*.ts")) for s in update(ts)]
    for source in missing:
        print(f"untranslated: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
