"""Errors as a buyer sees them: a plain message, the details one click away to copy, and
the log file named, so nothing goes only to stderr."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.logs import current_log_file

logger = logging.getLogger(__name__)


def show_error(parent: QWidget | None, message: str, details: str = "") -> QMessageBox:
    """A modal-free error box with 复制详情 (copy details) and where the log is."""
    logger.error("%s%s", message, f"\n{details}" if details else "")
    box = QMessageBox(QMessageBox.Icon.Critical, "ProofPack", message,
                      QMessageBox.StandardButton.Ok, parent)
    log = current_log_file()
    if log is not None:
        box.setInformativeText(
            QCoreApplication.translate("ErrorDialog", "详细记录见日志文件：{0}").format(log))
    full = "\n".join(part for part in (message, details) if part)
    box.setDetailedText(full)
    copy = box.addButton(QCoreApplication.translate("ErrorDialog", "复制详情"),
                         QMessageBox.ButtonRole.ActionRole)
    # An ActionRole button would close the box; copy and keep it open.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(
        full + (f"\n\nlog: {log}" if log else "")))
    box.setModal(False)
    box.show()
    return box


def install_excepthook() -> None:
    """An exception escaping a slot is logged and shown, never printed to stderr alone."""
    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        logger.critical("uncaught exception", exc_info=(kind, exc, tb))
        details = "".join(traceback.format_exception(kind, exc, tb))
        if QApplication.instance() is not None:
            message = QCoreApplication.translate("ErrorDialog", "出现了意外错误：{0}")
            show_error(QApplication.activeWindow(), message.format(exc), details)
        sys.__excepthook__(kind, exc, tb)

    sys.excepthook = hook
