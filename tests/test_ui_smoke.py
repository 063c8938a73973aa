from pathlib import Path

from app.store.store import Store


def test_window_opens_with_store(qtbot, tmp_path: Path) -> None:
    from ui.main import make_application
    from ui.main_window import MainWindow

    make_application()
    store = Store(tmp_path / "d")
    store.create_case("案件一")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.applicationDisplayName() == "证据包 ProofPack"
    assert window.windowTitle() == "案件一"  # shown as "案件一 — 证据包 ProofPack"


def test_every_window_string_has_an_english_translation() -> None:
    import xml.etree.ElementTree as ET

    from app.paths import TRANSLATIONS_DIR

    tree = ET.parse(TRANSLATIONS_DIR / "proofpack_en.ts")
    untranslated = [m.findtext("source") for m in tree.iter("message")
                    if m.find("translation").get("type") == "unfinished"
                    or not (m.findtext("translation") or "").strip()]
    assert untranslated == []


def test_the_translation_file_covers_the_source(tmp_path: Path) -> None:
    """lupdate over ui/ finds no string the .ts does not translate (a moved or new
    string needs scripts/update_translations.py)."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    from app.paths import TRANSLATIONS_DIR

    ts = tmp_path / "en.ts"
    shutil.copy(TRANSLATIONS_DIR / "proofpack_en.ts", ts)
    ui = Path(__file__).resolve().parent.parent / "ui"
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run([str(lupdate), "-silent", *sorted(str(p) for p in ui.glob("*.py")),
                    "-ts", str(ts)], check=True)
    unfinished = [m.findtext("source") for m in ET.parse(ts).iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
