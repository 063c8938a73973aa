"""Starting the desktop window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import Lang, parse_lang, set_lang
from app.paths import FONT_PATH, ICONS_DIR, TRANSLATIONS_DIR
from app.store import Store, StoreUnavailable

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ProofPack")
    app.setApplicationDisplayName("证据包 ProofPack")
    app.setOrganizationName("ProofPack")
    # The bundled font guarantees Chinese text even where the system has no CJK font.
    QFontDatabase.addApplicationFont(str(FONT_PATH))
    icon = ICONS_DIR / "proofpack.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def choose_language(settings: QSettings) -> Lang:
    """The language picked in the menu, else the system's: Chinese unless it is another."""
    chosen = parse_lang(str(settings.value("language", "")))
    if chosen:
        return chosen
    name = QLocale.system().name().lower()
    return "zh" if name.startswith("zh") or name in ("c", "") else "en"


_installed: list[QTranslator] = []  # the translator in use, to remove it on a switch


def install_translation(app: QCoreApplication, lang: Lang) -> QTranslator | None:
    """The window's texts are written in Chinese; English comes from proofpack_en.qm."""
    while _installed:
        app.removeTranslator(_installed.pop())
    set_lang(lang)  # messages from the core follow the window's language
    if lang == "zh":
        return None
    translator = QTranslator(app)
    if translator.load(str(TRANSLATIONS_DIR / f"proofpack_{lang}.qm")):
        app.installTranslator(translator)
        _installed.append(translator)
        return translator
    return None


def switch_language(old: MainWindow, lang: Lang) -> MainWindow:
    """Every text is set when a window is built, so a language switch builds the window
    again, on the same store, case and geometry."""
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translation(app, lang)
    case = old.current_case()
    new = MainWindow(old.store, old.settings)
    new.setGeometry(old.geometry())
    if case is not None:
        new.reload_cases(select=case.id)
    new.show()
    old.close()
    old.deleteLater()
    return new


def run(data_dir: Path) -> int:
    app = make_application()
    settings = QSettings()
    install_translation(app, choose_language(settings))
    from ui.main_window import MainWindow

    try:
        store = Store(data_dir)
    except StoreUnavailable as exc:
        QMessageBox.critical(None, app.tr("证据包"), exc.message())
        return 1
    window = MainWindow(store, settings)
    window.show()
    return app.exec()
