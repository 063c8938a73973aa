"""Starting the desktop window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import Lang, choose, detect_lang, parse_lang, set_lang
from app.imaging import hand_back_big_blocks
from app.logs import setup_logging
from app.paths import FONT_PATH, ICONS_DIR, TRANSLATIONS_DIR
from app.store.store import Store, StoreUnavailable
from ui.errors import install_excepthook
from ui.main_window import MainWindow
from ui.settings import LANGUAGE, Settings


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


def choose_language(settings: Settings) -> Lang:
    """The language picked in the menu, else the system's: Chinese unless it is another."""
    return parse_lang(settings.get(LANGUAGE)) or detect_lang()


logger = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # the translator in use, to remove it on a switch


def _catalogues(lang: Lang) -> list[str]:
    """The window's texts are written in Chinese and come in English from proofpack_en.qm;
    Qt's own buttons and dialogs (OK/Cancel, the file dialog) are English and come in
    Chinese from qtbase_zh_CN.qm, which PySide6 ships."""
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [choose(str(qt_dir / "qtbase_zh_CN.qm"), str(TRANSLATIONS_DIR / "proofpack_en.qm"),
                   lang)]


def install_translation(app: QCoreApplication, lang: Lang) -> list[QTranslator]:
    """Install the catalogues of `lang`, removing those of the language before."""
    while _installed:
        app.removeTranslator(_installed.pop())
    set_lang(lang)  # messages from the core follow the window's language
    for path in _catalogues(lang):
        translator = QTranslator(app)
        if translator.load(path):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            logger.warning("translation %s could not be loaded", path)
    return list(_installed)


def open_window(store: Store, settings: Settings) -> MainWindow:
    """The main window, with its language menu wired to rebuild it."""
    window = MainWindow(store, settings)
    window.language_requested.connect(lambda lang: switch_language(window, parse_lang(lang)
                                                                   or "zh"))
    return window


def switch_language(old: MainWindow, lang: Lang) -> MainWindow:
    """Every text is set when a window is built, so a language switch builds the window
    again, on the same store, case and geometry."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translation(app, lang)
    case = old.current_case()
    new = open_window(old.store, old.settings)
    old.replacement = new
    new.setGeometry(old.geometry())
    if case is not None:
        new.cases.reload(select=case.id)
    new.show()
    old.close()
    old.deleteLater()
    return new


def run(data_dir: Path) -> int:
    log = setup_logging(data_dir)
    hand_back_big_blocks()
    install_excepthook()
    app = make_application()
    settings = Settings()
    install_translation(app, choose_language(settings))
    try:
        store = Store(data_dir)
    except StoreUnavailable as exc:
        logger.error("store unavailable: %s", exc.message())
        QMessageBox.critical(None, app.tr("证据包"), exc.message())
        return 1
    window = open_window(store, settings)
    window.show()
    logger.info("window shown on the %s platform, data in %s, log %s",
                app.platformName(), data_dir, log)
    return app.exec()
