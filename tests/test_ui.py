"""The window, driven like a user would: real files dropped, pasted, edited, exported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateEdit, QMessageBox, QWidget

from app.store.store import Store
from tests.dialogs import press, type_path, type_text, when_dialog, when_dialogs
from ui.assistant_panels import SubmissionDialog
from ui.main import make_application
from ui.main_window import MainWindow
from ui.settings import KEEP_UNREDACTED, LANGUAGE, SPLITTER_STATE, WINDOW_GEOMETRY, Settings

WAIT = 120_000


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    make_application()
    store = Store(tmp_path / "store")
    store.create_case("耳机左耳无声", complaint_type="quality")
    settings = Settings.in_file(tmp_path / "settings.ini")
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.resize(1300, 820)
    win.show()
    qtbot.waitExposed(win)
    return win


def drop(win: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(win.evidence.stack.mapTo(win, QPoint(50, 50)))
    event = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)  # (QApplication delivers a Drop only inside a real drag)


def type_date(edit: QDateEdit, day: date) -> None:
    """Type a date into a date field as a person does, digits from the year on."""
    edit.setFocus()
    edit.setSelectedSection(QDateEdit.Section.YearSection)
    QTest.keyClicks(edit, f"{day:%Y%m%d}")
    assert edit.date().toPython() == day


def choose_status(dialog: SubmissionDialog, status: str) -> None:
    """Pick a status with the arrow keys, as from the keyboard."""
    combo = dialog.status
    combo.setFocus()
    target = combo.findData(status)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        QTest.keyClick(combo, key)


def wait_idle(qtbot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.job is None, timeout=WAIT)


def test_empty_state_tells_what_to_do(window: MainWindow) -> None:
    assert window.evidence.stack.currentWidget() is window.evidence.empty_hint
    assert "把截图拖到这里" in window.evidence.empty_hint.text()
    assert "还缺" in window.checklist.heading.text()


def test_dropping_files_imports_and_ocrs_them(qtbot, window: MainWindow,
                                              sample_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "notes.png"
    bad.write_text("not an image")
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png", bad])
    wait_idle(qtbot, window)
    items = window.store.items(window.current_case().id)
    assert [i.kind for i in items] == ["order", "chat"]
    assert all(i.ocr_status == "done" for i in items)
    assert window.model.rowCount() == 2
    assert window.evidence.stack.currentWidget() is window.view
    # one non-modal summary for the bad file, not a dialog per file
    assert window.summary_box is not None and not window.summary_box.isModal()
    assert "notes.png" in window.summary_box.detailedText()
    # the checklist ticks what arrived
    texts = [window.checklist.list.item(i).text() for i in range(window.checklist.list.count())]
    assert any(t.startswith("✔") and "订单" in t for t in texts)
    assert any(t.startswith("✘") and "照片" in t for t in texts)


def test_dropping_a_folder(qtbot, window: MainWindow, sample_dir: Path) -> None:
    drop(window, [sample_dir])
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 6


def test_paste_from_clipboard(qtbot, window: MainWindow, sample_dir: Path) -> None:
    QGuiApplication.clipboard().setImage(QImage(str(sample_dir / "payment.png")))
    window.act_paste.trigger()
    wait_idle(qtbot, window)
    (item,) = window.store.items(window.current_case().id)
    assert item.original_name.startswith("粘贴的截图") and item.image_format == "PNG"
    assert item.kind == "payment"


def test_editing_a_fact_persists_and_wins(qtbot, window: MainWindow, sample_dir: Path) -> None:
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    edit = window.detail.fields["order_numbers"]
    assert edit.text()  # what OCR found
    edit.setText("1234 5678 9012 3456 78")
    edit.editingFinished.emit()
    item = window.store.items(window.current_case().id)[0]
    assert item.user_facts["order_numbers"] == ["123456789012345678"]
    assert item.effective("order_numbers") == ["123456789012345678"]
    # a bad value is refused with a message, nothing stored
    window.detail.fields["amounts"].setText("abc")
    window.detail.fields["amounts"].editingFinished.emit()
    assert "abc" in window.detail.message.text()
    assert "amounts" not in window.store.get_item(item.id).user_facts
    # changing the kind marks it confirmed
    window.detail.kind.setCurrentIndex(window.detail.kind.findData("payment"))
    window.detail.kind.activated.emit(window.detail.kind.currentIndex())
    item = window.store.get_item(item.id)
    assert item.kind == "payment" and item.kind_confirmed


def test_filter_sort_and_reorder(qtbot, window: MainWindow, sample_dir: Path) -> None:
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png",
                  sample_dir / "photo.png"])
    wait_idle(qtbot, window)
    window.evidence.kind_filter.setCurrentIndex(window.evidence.kind_filter.findData("chat"))
    assert window.proxy.rowCount() == 1
    window.evidence.kind_filter.setCurrentIndex(0)
    assert window.proxy.rowCount() == 3
    ids = [i.id for i in window.model.items]
    mime = window.model.mimeData([window.model.index(2, 0)])
    window.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, window.model.index(-1, 0))
    assert [i.id for i in window.store.items(window.current_case().id)] == \
        [ids[2], ids[0], ids[1]]


def test_case_lifecycle(qtbot, window: MainWindow) -> None:
    cases = window.cases
    when_dialog(type_text("Lost parcel"))  # QTest types ASCII only
    window.act_new_case.trigger()
    assert window.current_case().title == "Lost parcel"
    when_dialog(type_text("Lost parcel (SF)"))
    QTest.mouseClick(cases.btn_rename, Qt.MouseButton.LeftButton)
    assert cases.list.currentItem().text() == "Lost parcel (SF)"
    when_dialog(press(QMessageBox.StandardButton.Yes))
    QTest.mouseClick(cases.btn_delete, Qt.MouseButton.LeftButton)
    assert [c.title for c in window.store.list_cases()] == ["耳机左耳无声"]
    QTest.mouseClick(cases.show_trash, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, cases.show_trash.height() // 2))
    assert cases.list.count() == 1 and cases.btn_restore.isVisible()
    QTest.mouseClick(cases.btn_restore, Qt.MouseButton.LeftButton)
    assert len(window.store.list_cases()) == 2


def test_case_form_saves(qtbot, window: MainWindow) -> None:
    form = window.case_form
    form.shop.setText("潮流数码专营店")
    form.shop.editingFinished.emit()
    form.ctype.setCurrentIndex(form.ctype.findData("refund"))
    form.ctype.activated.emit(form.ctype.currentIndex())
    form.description.setText("申请退款后卖家一直拒绝")
    form.description.editingFinished.emit()
    case = window.current_case()
    assert case.shop == "潮流数码专营店" and case.complaint_type == "refund"
    assert case.description == "申请退款后卖家一直拒绝"
    assert "退款纠纷" in window.checklist.heading.text()
    assert "申请退款后卖家一直拒绝" in window.letter.editor.toPlainText()


def test_export_produces_pdf(qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:
    drop(window, [sample_dir / "order.png"])
    wait_idle(qtbot, window)
    out = tmp_path / "exports"
    out.mkdir()
    when_dialog(type_path(out))
    window.act_export.trigger()
    wait_idle(qtbot, window)
    (pdf,) = out.glob("证据材料_*.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert window.last_export == [pdf]


def test_settings_persist_geometry(qtbot, tmp_path: Path) -> None:
    make_application()
    settings = Settings.in_file(tmp_path / "s.ini")
    store = Store(tmp_path / "store")
    first = MainWindow(store, settings)
    first.show()
    # The offscreen screen is 800x600 and restoreGeometry clamps the width to it, so the
    # height and the panel layout are what can round-trip here.
    first.resize(first.width(), 590)
    height = first.height()
    assert height >= 580
    first.close()
    assert settings.get(WINDOW_GEOMETRY) and settings.get(SPLITTER_STATE)
    second = MainWindow(store, settings)
    qtbot.addWidget(second)
    assert second.height() == height


def test_actions_have_shortcuts_and_tooltips(window: MainWindow) -> None:
    for action in (window.act_new_case, window.act_add_files, window.act_paste,
                   window.act_export, window.act_print):
        assert not action.shortcut().isEmpty() and action.toolTip()


def test_store_check_reports_an_altered_original(qtbot, window: MainWindow,
                                                 sample_dir: Path) -> None:
    drop(window, [sample_dir / "order.png", sample_dir / "photo.png"])
    wait_idle(qtbot, window)
    window.act_verify.trigger()
    wait_idle(qtbot, window)
    assert window.tools.last_verify is not None and window.tools.last_verify.ok
    assert "全部完好" in window.tools.summary_box.text()

    victim = window.store.items(window.current_case().id)[1]
    path = window.store.item_path(victim)
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"tampered")
    window.act_verify.trigger()
    wait_idle(qtbot, window)
    assert not window.tools.last_verify.ok
    assert window.tools.summary_box.icon() == QMessageBox.Icon.Warning
    assert "photo.png" in window.tools.summary_box.detailedText()
    assert "已被改动" in window.tools.summary_box.detailedText()


def test_assistant_tabs_letter_progress_deadline(qtbot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    from datetime import timedelta

    case = window.current_case()
    window.store.update_case(case.id, order_completed_on=date.today() - timedelta(days=25),
                             shop="潮流数码专营店", amount="129.00")
    window.cases.reload(select=case.id)
    assert "还有 5 天" in window.checklist.deadline.text()
    assert "#c0392b" in window.checklist.deadline.styleSheet()

    letter = window.letter
    text = letter.editor.toPlainText()
    assert "耳机左耳无声" in text and "潮流数码专营店" in text and "¥129.00" in text
    assert "共" in letter.count.text()
    window.tabs.setCurrentWidget(letter)
    letter.editor.appendPlainText("补充：客服电话一直无人接听。")
    qtbot.waitUntil(lambda: "无人接听" in window.store.get_case(case.id).letter_text,
                    timeout=5000)
    QTest.mouseClick(letter.btn_copy, Qt.MouseButton.LeftButton)
    assert "无人接听" in QGuiApplication.clipboard().text()

    progress = window.progress_log
    window.tabs.setCurrentWidget(progress)

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, SubmissionDialog), type(dialog)
        type_date(dialog.submitted_on, date.today() - timedelta(days=10))
        type_date(dialog.follow_up, date.today() - timedelta(days=1))
        dialog.channel.lineEdit().selectAll()
        QTest.keyClicks(dialog.channel.lineEdit(), "12315")
        choose_status(dialog, "accepted")
        QTest.keyClicks(dialog.reference, "1500112233")
        QTest.keyClick(dialog.reference, Qt.Key.Key_Return)

    when_dialog(record)
    QTest.mouseClick(progress.btn_add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: progress.table.rowCount() == 1, timeout=10_000)
    assert "全国12315平台" in progress.table.item(0, 1).text()
    assert progress.table.item(0, 2).text() == "1500112233"  # 受理编号 in its own column
    assert "已逾期" in progress.table.item(0, 4).text()
    progress.table.selectRow(0)
    assert "1500112233" in progress.details.text()
    assert "跟进日期" in progress.summary.text()
    # the edited letter stays as the buyer wrote it; a fresh draft follows the new record
    assert "无人接听" in letter.editor.toPlainText()
    when_dialog(press(QMessageBox.StandardButton.Yes))
    QTest.mouseClick(letter.btn_redraft, Qt.MouseButton.LeftButton)
    assert "1500112233" in letter.editor.toPlainText()
    assert window.store.get_case(case.id).letter_text == ""
    progress.table.selectRow(0)

    def resolve(dialog: QWidget) -> None:
        assert isinstance(dialog, SubmissionDialog), type(dialog)
        choose_status(dialog, "resolved")
        QTest.keyClick(dialog.reference, Qt.Key.Key_Return)

    when_dialog(resolve)
    QTest.mouseClick(progress.btn_edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已逾期" not in progress.table.item(0, 4).text(), timeout=10_000)
    assert window.store.submissions(case.id)[0].status == "resolved"
    assert "12377" in window.channel_guide.toPlainText()

    out = Path(__file__).parent / "artifacts"
    out.mkdir(exist_ok=True)
    assert window.grab().save(str(out / "letter_tab.png"))
    window.tabs.setCurrentWidget(progress)
    assert window.grab().save(str(out / "progress_tab.png"))


def test_redaction_in_the_detail_panel_and_privacy_menu(qtbot, window: MainWindow,
                                                        tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from tests.test_privacy import PHONE, order_screen

    drop(window, [order_screen(tmp_path / "order.png")])
    wait_idle(qtbot, window)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    window.tabs.setCurrentWidget(window.detail)
    detail = window.detail
    types = [r["type"] for r in detail.item.redactions]
    assert "phone" in types and detail.redactions.count() == len(types)
    assert len(detail.image.redaction_items) == len(types)

    # switch the phone suggestion off from its checkbox
    row = types.index("phone")
    detail.redactions.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert window.store.get_item(detail.item.id).redactions[row]["enabled"] is False

    # draw a box with the mouse
    detail.btn_draw.setChecked(True)
    viewport = detail.image.viewport()
    start = detail.image.mapFromScene(40, 640)
    end = detail.image.mapFromScene(440, 720)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    manual = [r for r in window.store.get_item(detail.item.id).redactions
              if r["source"] == "manual"]
    assert len(manual) == 1
    x, y, w, h = manual[0]["box"]
    assert abs(x - 40) < 15 and abs(y - 640) < 15 and abs(w - 400) < 20 and abs(h - 80) < 20

    # privacy menu: names are kept visible, and that choice is remembered
    window.redact_actions["name"].setChecked(False)
    assert window.settings.get(KEEP_UNREDACTED) == ["name"]
    assert "name" not in window.export_options().redact_types
    when_dialog(press(QMessageBox.StandardButton.No))
    window.act_originals.trigger()
    assert not window.act_originals.isChecked()  # the warning was declined
    when_dialog(press(QMessageBox.StandardButton.Yes))
    window.act_originals.trigger()
    assert window.export_options().include_originals
    window.act_originals.setChecked(False)

    (tmp_path / "out").mkdir()
    when_dialog(type_path(tmp_path / "out"))
    window.act_export.trigger()
    wait_idle(qtbot, window)
    from tests.test_privacy import exhibit_image, ocr_page

    pdf = window.last_export[0]
    _image, page = exhibit_image(pdf)
    assert PHONE in ocr_page(pdf, page, tmp_path)  # switched off, so still visible
    out = Path(__file__).parent / "artifacts"
    out.mkdir(exist_ok=True)
    assert window.grab().save(str(out / "redaction.png"))


def test_without_tesseract_everything_but_ocr_works(qtbot, tmp_path: Path, sample_dir: Path,
                                                   monkeypatch) -> None:
    import app.intake
    import ui.main_window
    from app.ocr.engine import OcrStatus, ocr_status

    missing = OcrStatus(None, (), "missing_binary")
    for module in (ui.main_window, app.intake):
        monkeypatch.setattr(module, "ocr_status", lambda: missing)
    make_application()
    store = Store(tmp_path / "store")
    store.create_case("无识别")
    settings = Settings.in_file(tmp_path / "s.ini")
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    assert win.ocr_warning is not None and win.ocr_warning.isVisible()
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in win.ocr_warning.text()
    assert not win.ocr_warning.isModal()
    drop(win, [sample_dir / "order.png"])
    wait_idle(qtbot, win)
    (item,) = store.items(store.list_cases()[0].id)
    assert item.ocr_status == "pending" and item.order_numbers == []
    (tmp_path / "out").mkdir()
    import ui.bundle_actions

    monkeypatch.setattr(ui.bundle_actions, "ocr_status", lambda: missing)
    # the folder, then: export an exhibit whose personal data was never looked for? No.
    when_dialogs(type_path(tmp_path / "out"), press(QMessageBox.StandardButton.No))
    win.act_export.trigger()
    assert win.job is None and not win.last_export
    when_dialogs(type_path(tmp_path / "out"), press(QMessageBox.StandardButton.Yes))
    win.act_export.trigger()
    wait_idle(qtbot, win)
    monkeypatch.setattr(ui.bundle_actions, "ocr_status", ocr_status)
    assert win.last_export[0].exists()

    # Tesseract installed: the next start reads what was imported without it
    for module in (ui.main_window, app.intake):
        monkeypatch.setattr(module, "ocr_status", ocr_status)
    again = MainWindow(store, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: store.get_item(item.id).ocr_status == "done", timeout=WAIT)
    wait_idle(qtbot, again)
    assert store.get_item(item.id).order_numbers


def test_english_translation(qtbot, tmp_path: Path) -> None:
    from ui.main import install_translation

    app = QApplication.instance()
    translators = install_translation(app, "en")
    try:
        assert translators, "proofpack_en.qm is missing: run ./dev.sh"
        win = MainWindow(Store(tmp_path / "store"),
                         Settings.in_file(tmp_path / "s.ini"))
        qtbot.addWidget(win)
        assert win.act_add_files.text() == "Add screenshots"
        assert "Drag screenshots here" in win.evidence.empty_hint.text()
    finally:
        from app.i18n import set_lang

        install_translation(app, "zh")
        set_lang(None)


def test_language_switch_rebuilds_the_window_in_place(qtbot, tmp_path: Path) -> None:
    from app.i18n import set_lang
    from ui.main import install_translation, open_window

    make_application()
    store = Store(tmp_path / "store")
    store.create_case("耳机左耳无声", complaint_type="quality")
    window = open_window(store, Settings.in_file(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.language_actions["zh"].isChecked()
        window.language_actions["en"].trigger()
        english = window.replacement
        qtbot.addWidget(english)
        assert english.isVisible() and not window.isVisible()
        assert english.act_add_files.text() == "Add screenshots"
        assert english.current_case().title == "耳机左耳无声"
        assert english.settings.get(LANGUAGE) == "en"
        assert "missing" in english.checklist.heading.text().lower() or \
            "evidence" in english.checklist.heading.text().lower()
        assert english.language_actions["en"].isChecked()
        english.language_actions["zh"].trigger()
        chinese = english.replacement
        qtbot.addWidget(chinese)
        assert chinese.act_add_files.text() == "添加截图"
    finally:
        install_translation(QApplication.instance(), "zh")
        set_lang(None)


def test_window_screenshot(qtbot, window: MainWindow, sample_dir: Path) -> None:
    """Saves what a user sees, for a person to look at (tests/artifacts is not in git)."""
    drop(window, [sample_dir / f"{k}.png" for k in ("order", "chat", "payment", "photo")])
    wait_idle(qtbot, window)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    window.tabs.setCurrentWidget(window.detail)
    out = Path(__file__).parent / "artifacts"
    out.mkdir(exist_ok=True)
    image = window.grab().toImage()
    assert image.save(str(out / "main_window.png"))
    assert image.width() >= 1200
