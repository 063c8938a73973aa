"""A buyer's first session, start to end, through the window's own buttons: first start
on an empty store, two screenshots dropped, text read, a fact corrected by typing, the
bundle exported from the toolbar, the print preview opened from the toolbar, and the
PDF read back."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.store.store import Store
from tests.dialogs import press_labelled, read_preview, type_path, when_dialog, when_dialogs
from tests.test_ui import drop
from tests.test_ui_clicks import toolbar_button
from ui.evidence_model import ItemRole
from ui.main import make_application
from ui.main_window import MainWindow
from ui.settings import Settings

WAIT = 180_000
TYPED_ORDER = "5055565384962088195"


def test_first_session_from_drop_to_printed_bundle(qtbot, tmp_path: Path,
                                                   sample_dir: Path) -> None:
    make_application()
    store = Store(tmp_path / "store")
    win = MainWindow(store, Settings.in_file(tmp_path / "s.ini"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    # First start: nothing to pick, and the window says what to do first.
    assert win.current_case() is None and win.cases.empty_hint.isVisible()
    assert "把截图拖到这里" in win.evidence.empty_hint.text()

    drop(win, [sample_dir / "order.png", sample_dir / "chat.png"])
    qtbot.waitUntil(lambda: win.job is None and win.current_case() is not None and all(
        i.ocr_status == "done" for i in store.items(win.current_case().id))
        and len(store.items(win.current_case().id)) == 2, timeout=WAIT)
    case = win.current_case()
    assert {i.kind for i in store.items(case.id)} == {"order", "chat"}

    # The order screenshot, opened by a double click; its order number typed over.
    row = next(r for r in range(win.proxy.rowCount())
               if win.proxy.index(r, 0).data(ItemRole).kind == "order")
    rect = win.view.visualRect(win.proxy.index(row, 0))
    for click in (QTest.mouseClick, QTest.mouseDClick):  # a press comes before a double
        click(win.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
              rect.center())
    assert win.tabs.currentWidget() is win.detail
    field = win.detail.fields["order_numbers"]
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, TYPED_ORDER)
    QTest.keyClick(field, Qt.Key.Key_Return)
    order_item = next(i for i in store.items(case.id) if i.kind == "order")
    assert order_item.user_facts["order_numbers"] == [TYPED_ORDER]

    # Export from the toolbar, the folder typed into the real dialog.
    out = tmp_path / "out"
    out.mkdir()
    when_dialog(type_path(out))
    QTest.mouseClick(toolbar_button(win, win.act_export), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(list(out.glob("证据材料_*.pdf"))) and win.job is None,
                    timeout=WAIT)
    (pdf,) = out.glob("证据材料_*.pdf")

    # Print from the toolbar: no printer here, so the message, then the preview.
    seen: dict[str, object] = {}
    when_dialogs(press_labelled("打印预览"), read_preview(seen, "flow.png"))
    QTest.mouseClick(toolbar_button(win, win.act_print), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pages" in seen, timeout=WAIT)

    # The PDF as anyone reads it: the typed order number on the cover, both exhibits.
    reader = PdfReader(pdf)
    cover = reader.pages[0].extract_text().replace(" ", "")
    assert TYPED_ORDER in cover
    assert seen["pages"] == len(reader.pages)
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    assert "证据1" in text and "证据2" in text
