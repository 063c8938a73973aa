"""The toolbar's other buttons, clicked with the mouse and their dialogs answered by
typing: 新建案件, 添加截图, 添加文件夹, 粘贴截图 (export and print have their own tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL.ImageQt import ImageQt
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest

from tests.dialogs import type_path, type_text, when_dialog
from tests.imagegen.screens import generate
from tests.test_ui import wait_idle, window  # noqa: F401  (fixture)
from tests.test_ui_clicks import toolbar_button
from ui.main_window import MainWindow


def click(win: MainWindow, action: object) -> None:
    QTest.mouseClick(toolbar_button(win, action), Qt.MouseButton.LeftButton)


def count(win: MainWindow) -> int:
    return len(win.store.items(win.current_case().id))


def test_new_case_add_files_add_folder_and_paste_from_the_toolbar(
        qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    when_dialog(type_text("toolbar case"))
    click(window, window.act_new_case)
    qtbot.waitUntil(lambda: window.current_case().title == "toolbar case", timeout=10_000)

    when_dialog(type_path(sample_dir / "order.png"))
    click(window, window.act_add_files)
    qtbot.waitUntil(lambda: window.job is None and count(window) == 1, timeout=120_000)

    folder = tmp_path / "more"
    folder.mkdir()
    shutil.copy(sample_dir / "chat.png", folder / "chat.png")
    shutil.copy(sample_dir / "payment.png", folder / "payment.png")
    when_dialog(type_path(folder))
    click(window, window.act_add_folder)
    qtbot.waitUntil(lambda: window.job is None and count(window) == 3, timeout=120_000)

    screen = generate(51, "logistics", "clean").image.convert("RGB")
    QGuiApplication.clipboard().setImage(QImage(ImageQt(screen)))
    click(window, window.act_paste)
    qtbot.waitUntil(lambda: window.job is None and count(window) == 4, timeout=120_000)
    wait_idle(qtbot, window)
    kinds = [i.kind for i in window.store.items(window.current_case().id)]
    assert kinds[:3] == ["order", "chat", "payment"] or sorted(kinds[:3]) == \
        ["chat", "order", "payment"]
    assert window.model.rowCount() == 4
