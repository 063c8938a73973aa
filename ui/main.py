"""Starting the desktop window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app.paths import FONT_PATH, ICONS_DIR
from app.store import Store


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


def run(data_dir: Path) -> int:
    app = make_application()
    from ui.main_window import MainWindow

    window = MainWindow(Store(data_dir))
    window.show()
    return app.exec()
