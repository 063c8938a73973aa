"""Tools › 校验证据包… driven as a buyer does: the menu item, the two file dialogs (the
bundle, then the case backup to check its originals against), and the result box; on
the bundle as exported, then on a copy with one byte of a picture changed."""

from __future__ import annotations

from pathlib import Path

from app.export.bundle import ExportOptions, export_case
from app.store.archive import export_archive
from tests.dialogs import or_cancel, type_path, when_dialogs
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from tests.test_ui_clicks import menu_action
from ui.main_window import MainWindow


def test_a_bundle_is_checked_from_the_tools_menu(qtbot, window: MainWindow,  # noqa: F811
                                                 sample_dir: Path, tmp_path: Path) -> None:
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png"])
    wait_idle(qtbot, window)
    case_id = window.current_case().id
    (pdf,) = export_case(window.store, case_id, tmp_path / "bundle.pdf", ExportOptions())
    archive = export_archive(window.store, case_id, tmp_path / "case.zip")

    when_dialogs(type_path(pdf), type_path(archive))
    menu_action(window, "工具", "校验证据包…").trigger()
    wait_idle(qtbot, window)
    box = window.tools.summary_box
    assert box is not None and box.text() == "证据包校验通过"
    assert "✓ 原件" in box.detailedText() and "✗" not in box.detailedText()

    data = bytearray(pdf.read_bytes())
    data[data.index(b"\xff\xd8\xff") + 1500] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(data)
    when_dialogs(type_path(changed), type_path(archive))
    window.tools.act_verify_bundle.trigger()
    wait_idle(qtbot, window)
    box = window.tools.summary_box
    assert box.text() == "证据包校验未通过" and "✗ 签名" in box.detailedText()


def test_the_signer_name_is_set_in_its_dialog_and_signs_the_next_export(
        qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """Privacy › 签名与时间戳…: a TSA address that is not a web address is refused in the
    dialog; a name typed and saved signs the bundle the File menu exports next."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QWidget

    from app.seal.verify import verify_bundle
    from ui.seal_settings import SealSettingsDialog
    from ui.settings import SIGNER_NAME

    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)

    def fill(name: str, tsa: str, expect_closed: bool) -> None:
        def answer(dialog: QWidget) -> None:
            assert isinstance(dialog, SealSettingsDialog)
            dialog.name.setText(name)
            dialog.tsa.setText(tsa)
            save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
            assert dialog.isVisible() != expect_closed
            if not expect_closed:
                assert "http" in dialog.problem.text()
                dialog.reject()
        when_dialogs(answer)
        menu_action(window, "隐私", "签名与时间戳…").trigger()
        qtbot.waitUntil(lambda: window.privacy.seal_dialog is not None
                        and not window.privacy.seal_dialog.isVisible(), timeout=10_000)

    fill("柯沐阳", "ftp:/nowhere", expect_closed=False)
    assert window.settings.get(SIGNER_NAME) == ""
    fill("柯沐阳", "", expect_closed=True)
    assert window.settings.get(SIGNER_NAME) == "柯沐阳"

    when_dialogs(type_path(tmp_path))
    menu_action(window, "文件", "导出PDF").trigger()
    wait_idle(qtbot, window)
    (target,) = tmp_path.glob("证据材料_*.pdf")
    assert verify_bundle(target).signer == "柯沐阳"


def test_a_broken_chain_of_custody_is_named_by_the_integrity_check(
        qtbot, window: MainWindow, sample_dir: Path) -> None:  # noqa: F811
    import sqlite3

    from PySide6.QtWidgets import QMessageBox as Box

    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    menu_action(window, "工具", "检查证据完整性").trigger()
    wait_idle(qtbot, window)
    assert "证据处理记录都完整" in window.tools.summary_box.text()
    with sqlite3.connect(window.store.db_path) as db:
        db.execute("UPDATE custodyevent SET body = replace(body, 'order.png', 'other.png')")
    menu_action(window, "工具", "检查证据完整性").trigger()
    wait_idle(qtbot, window)
    box = window.tools.summary_box
    assert box.icon() == Box.Icon.Warning and "第 1 条记录在写入后被改动" in box.text()


def test_an_upload_pack_is_chosen_and_written_from_the_file_menu(
        qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    """File › 导出上传包…: the 黑猫 channel clicked, one preselected exhibit unticked by
    clicking its box, OK, a folder typed into the folder dialog; the pack holds exactly the
    exhibits left ticked."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QDialogButtonBox, QWidget

    from ui.pack_dialog import PackDialog

    drop(window, [sample_dir / "order.png", sample_dir / "chat.png", sample_dir / "photo.png"])
    wait_idle(qtbot, window)
    seen: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PackDialog)
        heimao = dialog.buttons["heimao"]  # its round box, where a person clicks
        qtbot.mouseClick(heimao, Qt.MouseButton.LeftButton,
                         pos=QPoint(8, heimao.height() // 2))
        seen["how"] = dialog.how.text()
        seen["preselected"] = dialog.picked()
        rows = dialog.exhibits
        rect = rows.visualItemRect(rows.item(0))
        qtbot.mouseClick(rows.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.topLeft() + QPoint(10, rect.height() // 2))
        seen["kept"] = dialog.picked()
        seen["count"] = dialog.count.text()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_dialogs(or_cancel(answer), type_path(tmp_path))
    menu_action(window, "文件", "导出上传包…").trigger()
    wait_idle(qtbot, window)
    assert "所有人都能看到" in str(seen["how"]) and len(seen["preselected"]) == 3  # type: ignore[arg-type]
    assert len(seen["kept"]) == 2 and "已选 2 张" in str(seen["count"])  # type: ignore[arg-type]
    (folder,) = tmp_path.glob("证据包_*_heimao_*")
    numbers = sorted(int(p.name.split("_")[1].removeprefix("证据"))
                     for p in folder.glob("*.jpg"))
    assert numbers == sorted(seen["kept"])  # type: ignore[arg-type]
    assert str(folder) in window.bundle.done_box.text()


def test_with_no_case_the_exports_cannot_be_clicked(qtbot, tmp_path: Path) -> None:
    """An empty store: 导出PDF and 导出上传包 are both greyed out, in the toolbar too (the
    pack's button was live with nothing to export)."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    from app.store.store import Store
    from ui.main import make_application
    from ui.settings import Settings

    make_application()
    win = MainWindow(Store(tmp_path / "store"), Settings.in_file(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    toolbar = win.findChild(QToolBar)
    buttons = {b.text(): b for b in toolbar.findChildren(QToolButton)}
    assert not buttons["导出PDF"].isEnabled() and not buttons["导出上传包"].isEnabled()
    assert not menu_action(win, "文件", "导出上传包…").isEnabled()
