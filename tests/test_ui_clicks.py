"""Every action the way a buyer reaches it: toolbar buttons clicked, menu entries
triggered, shortcuts typed, and the real dialogs answered."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QToolBar, QToolButton

from tests.dialogs import press, type_path, when_dialog
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from ui.main_window import MainWindow

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def toolbar_button(win: MainWindow, action: object) -> QToolButton:
    for bar in win.findChildren(QToolBar):
        widget = bar.widgetForAction(action)
        if isinstance(widget, QToolButton):
            return widget
    raise AssertionError("the action has no toolbar button")


def menu_action(win: MainWindow, menu_title: str, text: str) -> object:
    for menu_act in win.menuBar().actions():
        if menu_title in menu_act.text():
            for action in menu_act.menu().actions():
                if action.text() == text:
                    return action
    raise AssertionError(f"no {text!r} in the {menu_title!r} menu")


def test_export_from_toolbar_menu_and_shortcut(qtbot, window: MainWindow,  # noqa: F811
                                              sample_dir: Path, tmp_path: Path) -> None:
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    ways = {
        "toolbar": lambda: QTest.mouseClick(toolbar_button(window, window.act_export),
                                            Qt.MouseButton.LeftButton),
        "menu": lambda: menu_action(window, "文件", "导出PDF").trigger(),
        "shortcut": lambda: QTest.keyClick(window, Qt.Key.Key_E,
                                           Qt.KeyboardModifier.ControlModifier),
    }
    for name, click in ways.items():
        folder = tmp_path / name
        folder.mkdir()
        when_dialog(type_path(folder))
        click()
        wait_idle(qtbot, window)
        found = list(folder.glob("证据材料_*.pdf"))
        assert len(found) == 1, (name, found, window.status_label.text())
        pdf = found[0]
        assert pdf.read_bytes()[:5] == b"%PDF-"
        assert window.last_export == [pdf]
        # it says where the file went, with a way to open the folder
        assert str(pdf) in window.bundle.done_box.text()
        assert any("打开" in b.text() for b in window.bundle.done_box.buttons())
        QTest.mouseClick(window.bundle.done_box.button(QMessageBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def test_cancelled_export_dialog_does_nothing(qtbot, window: MainWindow,  # noqa: F811
                                              sample_dir: Path) -> None:
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    when_dialog(lambda dialog: dialog.reject())
    window.act_export.trigger()
    assert window.job is None and window.last_export == []


def test_backup_and_restore_from_the_tools_menu(qtbot, window: MainWindow,  # noqa: F811
                                                sample_dir: Path, tmp_path: Path) -> None:
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    archive = tmp_path / "backup.zip"
    when_dialog(type_path(archive))
    menu_action(window, "工具", "备份案件…").trigger()
    wait_idle(qtbot, window)
    assert archive.exists() and "已保存案件备份" in window.status_label.text()

    when_dialog(type_path(archive))
    menu_action(window, "工具", "从备份恢复案件…").trigger()
    wait_idle(qtbot, window)
    cases = window.store.list_cases()
    assert [c.title for c in cases].count("耳机左耳无声") == 2
    assert len(window.store.items(window.current_case().id)) == 1

    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(b"PK not really a zip")
    when_dialog(type_path(damaged))
    window.act_restore_backup.trigger()
    wait_idle(qtbot, window)
    assert len(window.store.list_cases()) == 2
    # the error is shown with its details one click away, and logged
    box = window.error_box
    assert "无法读取备份文件" in box.text() and "proofpack.log" not in box.text()
    (copy,) = [b for b in box.buttons() if b.text() == "复制详情"]
    QTest.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert "无法读取备份文件" in QApplication.clipboard().text()
    assert box.isVisible()  # copying does not close it


def test_regenerating_the_letter_asks_before_replacing_an_edit(
        qtbot, window: MainWindow) -> None:  # noqa: F811
    letter = window.letter
    window.tabs.setCurrentWidget(letter)
    letter.editor.setFocus()
    # (QTest types ASCII only; a Chinese buyer's IME commits text the same way)
    QTest.keyClicks(letter.editor, " PS: hotline never answered.")
    # clicked at once, before the edit's save timer fired: still an edit
    when_dialog(press(No))
    QTest.mouseClick(letter.btn_redraft, Qt.MouseButton.LeftButton)
    assert "never answered" in letter.editor.toPlainText()
    assert "never answered" in window.store.get_case(window.current_case().id).letter_text
    when_dialog(press(Yes))
    QTest.mouseClick(letter.btn_redraft, Qt.MouseButton.LeftButton)
    assert "never answered" not in letter.editor.toPlainText()
    assert window.store.get_case(window.current_case().id).letter_text == ""


def test_confirmed_receipt_starts_from_the_date_read(qtbot, window: MainWindow,  # noqa: F811
                                                    sample_dir: Path) -> None:
    drop(window, [sample_dir / "order.png"])  # 完成时间 2024-01-18 in the screenshot
    wait_idle(qtbot, window)
    form = window.case_form
    assert "2024-01-18" in form.completed_hint.text()
    assert "已过" in window.checklist.deadline.text()
    box = form.completed_known
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    case = window.store.get_case(window.current_case().id)
    assert str(case.order_completed_on) == "2024-01-18"
    assert "已过" in window.checklist.deadline.text()
    assert "还有 30 天" not in window.checklist.deadline.text()
    # a different date typed in is said to differ from the screenshot
    form.completed.setDate(form.completed.date().addDays(300))
    assert "不同" in form.completed_hint.text() and "2024-01-18" in form.completed_hint.text()


def test_qt_own_dialogs_speak_chinese(qtbot) -> None:
    from ui.main import install_translation, make_application

    app = make_application()
    install_translation(app, "zh")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QMessageBox.StandardButton.Yes).text() in ("是", "是(&Y)")
    assert QApplication.translate("QFileDialog", "Look in:") != "Look in:"


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb")
def test_the_window_opens_on_a_real_x_display(tmp_path: Path) -> None:
    """What `./dev.sh run` does on a desktop: the real xcb platform plugin, not offscreen."""
    from tests.conftest import proofpack_cmd

    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    data = tmp_path / "data"
    proc = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                             *proofpack_cmd(), "--data-dir", str(data)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    log = data / "logs" / "proofpack.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if log.exists() and "window shown" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.3)
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        assert "window shown on the xcb platform" in text, (
            text, proc.stdout.read().decode() if proc.poll() is not None else "")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_dropping_with_no_case_starts_one(qtbot, tmp_path: Path, sample_dir: Path) -> None:
    from app.store.store import Store
    from ui.main import make_application
    from ui.settings import Settings

    make_application()
    store = Store(tmp_path / "store")
    win = MainWindow(store, Settings.in_file(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.show()
    assert win.current_case() is None
    assert win.cases.empty_hint.isVisible() and "新建" in win.cases.empty_hint.text()
    assert win.case_form.completed.text().strip() == ""  # no made-up 2000-01-01
    drop(win, [sample_dir / "order.png"])
    wait_idle(qtbot, win)
    (case,) = store.list_cases()
    # Named after the order its screenshot shows (renamable), not left as 新案件 <time>.
    order = store.items(case.id)[0].effective("order_numbers")[0]
    assert case.title == f"订单 {order}" and win.current_case().id == case.id
    assert win.case_form.title.text() == case.title
    assert len(store.items(case.id)) == 1
    assert not win.cases.empty_hint.isVisible()


def test_a_misread_order_number_is_flagged_and_confirmed_by_a_click(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    from tests.conftest import text_image

    case = window.current_case()
    window.store.update_case(case.id, order_number="5055565384962088195")
    window.cases.reload(select=case.id)
    misread = text_image(["订单编号 5055565384962088795", "实付款 ¥129.00"],
                         tmp_path / "misread.png")
    other = text_image(["订单编号 2912345678901234567", "实付款 ¥59.00"], tmp_path / "other.png")
    drop(window, [misread, other])
    wait_idle(qtbot, window)
    tips = [window.model.data(window.model.index(r, 0), Qt.ItemDataRole.ToolTipRole)
            for r in range(2)]
    assert "应为 5055565384962088195" in tips[0]
    assert "其他订单" in tips[1]
    window.view.setCurrentIndex(window.proxy.index(1, 0))
    detail = window.detail
    assert "其他订单" in detail.order_note.text()
    assert detail.btn_confirm.isEnabled()
    QTest.mouseClick(detail.btn_confirm, Qt.MouseButton.LeftButton)
    item = window.store.get_item(detail.item.id)
    assert item.user_facts["order_numbers"] == ["2912345678901234567"]
    assert not detail.btn_confirm.isEnabled()
    # confirmed, it is one of the case's orders now
    assert "其他订单" not in window.model.data(window.model.index(1, 0),
                                             Qt.ItemDataRole.ToolTipRole)


def cancel_every_dialog(errors: list[str]) -> object:
    """A timer that cancels whatever modal dialog shows, noting unexpected-error boxes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            if dialog.text().startswith("出现了意外错误"):
                errors.append(dialog.text())
            button = dialog.button(No) or dialog.button(QMessageBox.StandardButton.Cancel) \
                or dialog.escapeButton()
            if button is not None:
                button.click()
            else:
                dialog.reject()
        elif isinstance(dialog, QDialog):
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(50)
    return timer


def menu_entries(menu: object, leave_out: set[object]) -> list:
    """Every entry of a menu and its submenus, separators and `leave_out` excepted."""
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found += menu_entries(action.menu(), leave_out)
        elif not action.isSeparator() and action not in leave_out:
            found.append(action)
    return found


def test_every_menu_action_runs_without_an_error(qtbot, window: MainWindow,  # noqa: F811
                                                 sample_dir: Path) -> None:
    """Each entry of every menu, triggered as a click on it sends it (with its checked
    flag): whatever dialog it opens is cancelled, and no action may raise, leave an error
    box or a job that never ends. The language entries rebuild the window (tested on
    their own); 退出 comes last and closes it."""
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    errors: list[str] = []
    timer = cancel_every_dialog(errors)
    entries = [a for top in window.menuBar().actions()
               for a in menu_entries(top.menu(), set(window.language_actions.values()))]
    quit_action = next(a for a in entries if a.text() == "退出")
    tried = []
    for action in entries:
        if action is quit_action or not action.isEnabled():
            continue
        tried.append(action.text())
        action.trigger()
        wait_idle(qtbot, window)
        assert window.runner.error_box is None, (action.text(), window.runner.error_box.text())
    timer.stop()
    assert errors == [] and len(tried) >= 12, (errors, tried)
    assert window.isVisible()
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
