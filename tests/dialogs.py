"""Answering the window's real dialogs as a person does: wait for the dialog to show,
then type into it and press its buttons."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

answered: list[str] = []  # the text of every dialog answered, for the tests to read


def when_dialog(handler: Callable[[QWidget], None], timeout_ms: int = 20_000) -> None:
    """Call `handler` with the next modal dialog once it is on screen."""
    deadline = time.monotonic() + timeout_ms / 1000

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            handler(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def when_dialogs(*handlers: Callable[[QWidget], None], timeout_ms: int = 20_000) -> None:
    """Answer the next dialogs in turn: each handler gets the next modal dialog that
    shows after the one before it was answered."""
    deadline = time.monotonic() + timeout_ms / 1000
    queue = list(handlers)
    answered_dialogs: list[QWidget] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible() and \
                not any(dialog is d for d in answered_dialogs):
            answered_dialogs.append(dialog)
            queue.pop(0)(dialog)
        if queue and time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def or_cancel(step: Callable[[QWidget], None]) -> Callable[[QWidget], None]:
    """A dialog answered by `step`; if a step fails, the dialog is cancelled, so the test
    fails with its assertion instead of waiting forever on an open dialog."""
    def answer(dialog: QWidget) -> None:
        try:
            step(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # type: ignore[attr-defined]
    return answer


def type_path(path: Path) -> Callable[[QWidget], None]:
    """A file dialog: type the path into its name field and press Enter."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        answered.append(dialog.windowTitle())
        edit = dialog.findChild(QLineEdit, "fileNameEdit")
        assert edit is not None
        edit.setText(str(path))
        QTest.keyClick(edit, Qt.Key.Key_Return)
    return answer


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    """A message box: click one of its buttons with the mouse."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        answered.append(dialog.text())
        target = dialog.button(button)
        assert target is not None, f"no {button} in {dialog.text()!r}"
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
    return answer


def type_text(text: str) -> Callable[[QWidget], None]:
    """An input dialog: type the text and press Enter."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog)
        answered.append(dialog.labelText())
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        edit.setText(text)
        QTest.keyClick(edit, Qt.Key.Key_Return)
    return answer


def press_labelled(label: str, seen: list[str] | None = None) -> Callable[[QWidget], None]:
    """A message box with buttons of its own: click the one that reads `label`, keeping
    what the box said (text and informative text) in `seen`."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        said = dialog.text() + "\n" + dialog.informativeText()
        answered.append(said)
        if seen is not None:
            seen.append(said)
        button = next(b for b in dialog.findChildren(QPushButton) if b.text() == label)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    return answer


def read_preview(seen: dict[str, object], screenshot: str = "") -> Callable[[QWidget], None]:
    """Qt's print preview: note its page count (and screenshot it when
    $PROOFPACK_SCREENSHOTS names a folder), then close it."""
    def answer(dialog: QWidget) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

        assert isinstance(dialog, QPrintPreviewDialog), type(dialog)
        widget = dialog.findChild(QPrintPreviewWidget)
        assert widget is not None
        seen["pages"] = widget.pageCount()
        folder = os.environ.get("PROOFPACK_SCREENSHOTS")
        if folder and screenshot:
            dialog.grab().save(str(Path(folder) / screenshot))
        dialog.reject()
    return answer
