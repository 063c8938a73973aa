"""The review queue walked as a buyer does: Ctrl+R, Tab and Shift+Tab between entries,
Enter to confirm, typing to correct, Escape to close."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.case.review import review_queue
from app.intake import import_and_analyse
from app.records import FactRecord
from tests.conftest import text_image
from tests.dialogs import when_dialog
from tests.test_ui import window  # noqa: F401  (fixture)
from ui.main_window import MainWindow
from ui.review_dialog import ReviewDialog

READ = "2288040723862551184"  # as OCR read it, unsure
TRUE = "2288040723862551194"  # as the buyer reads it on the picture


def unsure_case(win: MainWindow, tmp_path: Path) -> int:
    """A case whose one exhibit holds an order number and an amount OCR was unsure of,
    and a time it was sure of."""
    (case,) = win.store.list_cases()
    assert case.id is not None
    picture = text_image([f"订单编号：{READ}", "成交时间：2024-11-20 16:07:11", "实付款：¥128.00"],
                         tmp_path / "order.png")
    report = import_and_analyse(win.store, case.id, [picture], ocr=False)
    (item_id,) = report.imported_ids
    facts = [FactRecord(type="order_number", value=READ, text=READ, box=[300, 20, 480, 40],
                        to_check=True),
             FactRecord(type="timestamp", value="2024-11-20T16:07:11", text="",
                        box=[250, 70, 400, 40], to_check=False),
             FactRecord(type="amount", value="128.00", text="¥128.00", box=[200, 120, 160, 40],
                        to_check=True)]
    win.store.update_item(item_id, facts=facts, order_numbers=[READ], amounts=["128.00"],
                          timestamps=["2024-11-20T16:07:11"], kind="order")
    win.cases.reload(select=case.id)
    return item_id


def test_review_queue_is_walked_with_the_keyboard(qtbot, window: MainWindow,  # noqa: F811
                                                  tmp_path: Path) -> None:
    item_id = unsure_case(window, tmp_path)
    seen: list[str] = []

    def walk(dialog: QWidget) -> None:
        try:
            answer(dialog)
        finally:  # a failed check must not leave the dialog waiting for a person
            dialog.close()

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ReviewDialog)
        seen.append(dialog.progress.text())
        assert dialog.picture.pixmap() is not None and not dialog.picture.pixmap().isNull()
        assert dialog.edit.text() == READ and dialog.focusWidget() is dialog.edit
        QTest.keyClick(dialog.edit, Qt.Key.Key_Tab)  # skip to the amount
        seen.append(dialog.what.text())
        assert dialog.edit.text() == "128.00"
        QTest.keyClick(dialog.edit, Qt.Key.Key_Backtab)  # back to the order number
        QTest.keyClick(dialog.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.edit, "not a number!")
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)
        seen.append(dialog.problem.text())  # refused, nothing saved, still here
        QTest.keyClick(dialog.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.edit, TRUE)
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)  # corrected
        assert dialog.edit.text() == "128.00"
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)  # confirmed as it stands
        seen.append(dialog.progress.text())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_dialog(walk)
    QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert seen[0] == "第 1 项，共 2 项待核对"
    assert "证据1" in seen[1] and "金额" in seen[1]
    assert "not a number!" in seen[2]
    assert seen[3] == "全部核对完毕。"
    item = window.store.get_item(item_id)
    assert item is not None
    assert item.user_facts == {"order_numbers": [TRUE], "amounts": ["128.00"]}
    assert review_queue(window.store.items(item.case_id)) == []
    # the empty case form takes what the buyer confirmed, not what OCR read
    assert window.case_form.order.text() == TRUE and window.case_form.amount.text() == "128.00"
    case = window.store.get_case(item.case_id)
    assert case is not None and case.order_numbers == [TRUE]
