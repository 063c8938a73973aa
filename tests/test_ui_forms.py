"""The 12315 form sheet, the evidence catalogue's purposes and the lawsuit pack, driven in
the window as a buyer does: the menu item, the copy buttons clicked and the clipboard
read, text pasted over the facts until the count turns red, a purpose typed in the detail
panel, the lawsuit channel chosen in the pack dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.case.catalogue import catalogue
from tests.dialogs import or_cancel, type_path, when_dialog, when_dialogs
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from tests.test_ui_clicks import menu_action
from ui.main_window import MainWindow

ORDER = "3859204715529631842"


def paste(widget: QWidget, text: str) -> None:
    """Select all and paste, as a person puts Chinese text in (keyClicks types ASCII)."""
    QGuiApplication.clipboard().setText(text)
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_the_form_sheet_copies_field_by_field_and_counts_the_facts_live(
        qtbot, window: MainWindow) -> None:  # noqa: F811
    from ui.form_sheet_dialog import FormSheetDialog

    case_id = window.current_case().id
    window.store.update_case(case_id, seller_company="杭州某某科技有限公司",
                             product_name="蓝牙耳机", order_number=ORDER)
    seen: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, FormSheetDialog)
        qtbot.mouseClick(dialog.copy_buttons["订单号"], Qt.MouseButton.LeftButton)
        seen["order"] = QGuiApplication.clipboard().text()
        qtbot.mouseClick(dialog.copy_buttons["被投诉方（企业名称）"], Qt.MouseButton.LeftButton)
        seen["company"] = QGuiApplication.clipboard().text()
        seen["status"] = dialog.status.text()
        seen["product_count"] = dialog.counts["商品/服务名称"].text()
        seen["uscc_copyable"] = dialog.copy_buttons["统一社会信用代码"].isEnabled()
        seen["uscc_count"] = dialog.counts["统一社会信用代码"].text()
        seen["count_before"] = dialog.counts["事情经过"].text()
        paste(dialog.values["事情经过"], "很" * 1001)
        seen["count_over"] = dialog.counts["事情经过"].text()
        seen["over_style"] = dialog.counts["事情经过"].styleSheet()
        QTest.keyClick(dialog.values["事情经过"], Qt.Key.Key_Backspace)
        seen["count_at_limit"] = dialog.counts["事情经过"].text()
        qtbot.mouseClick(dialog.copy_buttons["事情经过"], Qt.MouseButton.LeftButton)
        seen["facts"] = QGuiApplication.clipboard().text()
        close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    when_dialog(or_cancel(answer))
    menu_action(window, "文件", "12315 表单填写单…").trigger()
    assert seen["order"] == ORDER and seen["company"] == "杭州某某科技有限公司"
    assert "已复制“被投诉方（企业名称）”" in str(seen["status"])
    assert seen["uscc_copyable"] is False and seen["uscc_count"] == "未填写"
    assert seen["product_count"] == "4 / 50 字"  # the form's limit, from channels.toml
    assert str(seen["count_before"]).endswith("/ 1000 字")
    assert seen["count_over"] == "1001 / 1000 字：超出限制，请删减"
    assert "#b3261e" in str(seen["over_style"])
    assert seen["count_at_limit"] == "1000 / 1000 字" and seen["facts"] == "很" * 1000
    assert window.store.get_case(case_id).letter_text == ""  # the letter itself unchanged


def test_a_purpose_typed_in_the_detail_panel_is_the_catalogues(
        qtbot, window: MainWindow, sample_dir: Path) -> None:  # noqa: F811
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    rect = window.view.visualRect(window.proxy.index(0, 0))
    for click in (QTest.mouseClick, QTest.mouseDClick):
        click(window.view.viewport(), Qt.MouseButton.LeftButton,
              Qt.KeyboardModifier.NoModifier, rect.center())
    field = window.detail.purpose
    assert field.placeholderText().startswith("证明买卖合同关系成立")  # the draft, greyed
    own = "证明商家承诺七天无理由退货"
    paste(field, own)
    QTest.keyClick(field, Qt.Key.Key_Return)
    case = window.store.get_case(window.current_case().id)
    (row,) = catalogue(case, window.store.items(case.id), "zh")
    assert row.purpose == own and not row.drafted
    paste(field, "")  # emptied: the draft again
    QTest.keyClick(field, Qt.Key.Key_Delete)
    QTest.keyClick(field, Qt.Key.Key_Return)
    (row,) = catalogue(case, window.store.items(case.id), "zh")
    assert row.drafted and row.purpose.startswith("证明买卖合同关系成立")


def test_the_lawsuit_pack_is_chosen_in_the_pack_dialog(
        qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    from ui.pack_dialog import PackDialog

    drop(window, [sample_dir / "order.png", sample_dir / "chat.png"])
    wait_idle(qtbot, window)
    seen: dict[str, str] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, PackDialog)
        button = dialog.buttons["lawsuit"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
        seen["count"], seen["how"] = dialog.count.text(), dialog.how.text()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_dialogs(or_cancel(answer), type_path(tmp_path))
    menu_action(window, "文件", "导出上传包…").trigger()
    wait_idle(qtbot, window)
    assert "起诉状草稿和证据目录在前" in seen["count"] and "证据目录" in seen["how"]
    (folder,) = tmp_path.glob("证据包_*_lawsuit_*")
    assert (folder / "起诉状.txt").read_text("utf-8").startswith("民事起诉状")
    assert "证据1" in (folder / "证据目录.txt").read_text("utf-8")
