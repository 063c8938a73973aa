"""Bringing evidence in through the window as a buyer does: a screenshot pasted, then the
same screen added again as a file, is asked about once, and the answer is kept."""

from __future__ import annotations

from pathlib import Path

from PIL.ImageQt import ImageQt
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from tests.dialogs import press_labelled, when_dialog
from tests.imagegen.screens import generate
from tests.test_ui import drop, window  # noqa: F401  (fixture)
from ui.main_window import MainWindow

WAIT = 120_000


def settled(qtbot, win: MainWindow, count: int) -> None:
    qtbot.waitUntil(lambda: win.job is None and len(win.store.items(
        win.current_case().id)) == count and win.importer.question is None, timeout=WAIT)


def test_pasted_then_added_as_a_file_is_asked_once(qtbot, window: MainWindow,  # noqa: F811
                                                   tmp_path: Path) -> None:
    screen = generate(21, "chat", "clean").image.convert("RGB")
    QGuiApplication.clipboard().setImage(QImage(ImageQt(screen)))
    window.act_paste.trigger()
    settled(qtbot, window, 1)
    screen.save(tmp_path / "chat.jpg", quality=85)  # the file the screenshot tool saved
    seen: list[str] = []
    when_dialog(press_labelled("跳过这些", seen))
    drop(window, [tmp_path / "chat.jpg"])
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT)
    settled(qtbot, window, 1)
    assert "chat.jpg" in seen[0] and "证据1" in seen[0]
    # Asked again, the buyer keeps it: imported, and the summary names the exhibit.
    when_dialog(press_labelled("仍然导入", seen))
    drop(window, [tmp_path / "chat.jpg"])
    settled(qtbot, window, 2)
    assert len(seen) == 2
    qtbot.waitUntil(lambda: window.summary_box is not None, timeout=WAIT)
    assert "可能重复: 证据1" in window.summary_box.detailedText()


def test_different_screens_of_one_app_are_not_asked_about(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    for seed in (31, 32, 33):
        generate(seed, "order", "clean").image.save(tmp_path / f"order{seed}.png")
    drop(window, sorted(tmp_path.glob("order*.png")))
    settled(qtbot, window, 3)
    assert window.summary_box is None


def test_one_progress_through_the_stages(qtbot, window: MainWindow,  # noqa: F811
                                         sample_dir: Path) -> None:
    """导入, then 识别文字 (with a word while the engines start, not a 100% that sits
    still), then 完成: one job, counted in steps, in the permanent status area."""
    said: list[str] = []
    window.runner.progressed.connect(lambda *_: said.append(window.runner.status.text()))
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png"])
    settled(qtbot, window, 2)
    imports = [s for s in said if s.startswith("第 1/2 步：正在导入")]
    reads = [s for s in said if s.startswith("第 2/2 步：正在识别文字")]
    assert imports and reads and said.index(imports[-1]) < said.index(reads[0])
    assert "正在启动识别引擎" in reads[0] and reads[-1].endswith("2/2")
    assert window.runner.status.text().startswith("完成：")


def test_the_window_shows_what_the_command_line_adds(qtbot, window: MainWindow,  # noqa: F811
                                                     sample_dir: Path) -> None:
    """`proofpack add` in a terminal while the window is open: the exhibit appears, and a
    case made there appears in the list, without touching the window."""
    import subprocess

    from tests.conftest import proofpack_cmd

    data = ["--data-dir", str(window.store.data_dir)]
    case_id = window.current_case().id
    subprocess.run([*proofpack_cmd(), "add", str(case_id), "--no-ocr",
                    str(sample_dir / "order.png"), *data], check=True, capture_output=True)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=15_000)
    subprocess.run([*proofpack_cmd(), "case", "new", "from the terminal", *data], check=True,
                   capture_output=True)
    qtbot.waitUntil(lambda: window.cases.list.count() == 2, timeout=15_000)
    assert window.current_case().id == case_id  # the buyer's case stays open


def test_right_click_a_thumbnail_to_set_its_kind(qtbot, window: MainWindow,  # noqa: F811
                                                 sample_dir: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    drop(window, [sample_dir / "order.png"])
    settled(qtbot, window, 1)
    chosen: list[str] = []

    def choose_from_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, choose_from_menu)
            return
        if not chosen:  # the menu: open 设为
            chosen.append(" / ".join(a.text() for a in menu.actions()))
            submenu = next(a.menu() for a in menu.actions() if a.text() == "设为")
            menu.setActiveAction(submenu.menuAction())
            QTest.keyClick(menu, Qt.Key.Key_Right)
            QTimer.singleShot(20, choose_from_menu)
            return
        target = next(a for a in menu.actions() if a.text() == "聊天记录")
        menu.setActiveAction(target)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_from_menu)
    rect = window.view.visualRect(window.proxy.index(0, 0))
    # A right click reaches a widget as this event (QTest cannot make the platform send it).
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), viewport.mapToGlobal(rect.center()),
        Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: window.store.items(window.current_case().id)[0].kind == "chat",
                    timeout=10_000)
    item = window.store.items(window.current_case().id)[0]
    assert item.kind_confirmed
    assert "查看详情" in chosen[0] and "移除证据" in chosen[0]


def test_recording_a_complaint_moves_the_follow_up_with_its_date(
        qtbot, window: MainWindow) -> None:  # noqa: F811
    """The 记录一次投诉 dialog, typed into: the follow-up stays where the channel's clock
    puts it (the platform: a reminder 3 days after the complaint) until the buyer picks
    one, then it stays where they put it."""
    from datetime import date, timedelta

    from tests.test_ui import type_date
    from ui.assistant_panels import SubmissionDialog

    progress = window.progress_log
    window.tabs.setCurrentWidget(progress)
    seen: dict[str, object] = {}

    today = date.today()

    def fill(dialog: QWidget) -> None:
        # Dates typed, not stepped with the arrows: on the 1st of a month the day section
        # cannot step back (it was how this test failed on 1 December).
        assert isinstance(dialog, SubmissionDialog), type(dialog)
        type_date(dialog.submitted_on, today - timedelta(days=1))
        seen["moved"] = dialog.follow_up.date().toPython()
        type_date(dialog.follow_up, today + timedelta(days=5))  # the buyer's own choice
        type_date(dialog.submitted_on, today - timedelta(days=2))
        seen["kept"] = dialog.follow_up.date().toPython()
        dialog.reference.setFocus()
        QTest.keyClicks(dialog.reference, "1500998877")
        QTest.keyClick(dialog.reference, Qt.Key.Key_Return)

    when_dialog(fill)
    QTest.mouseClick(progress.btn_add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: progress.table.rowCount() == 1, timeout=10_000)
    # the platform's clock: a reminder 3 days after the complaint, until the buyer chose
    assert seen["moved"] == today + timedelta(days=2)
    assert seen["kept"] == today + timedelta(days=5)
    assert progress.table.item(0, 2).text() == "1500998877"
    (sub,) = window.store.submissions(window.current_case().id)
    assert sub.submitted_on == today - timedelta(days=2)
    assert sub.next_follow_up == today + timedelta(days=5)
