"""What a complaint sent: a 12315 pack is exported, the complaint is recorded in the
progress log's dialog (the pack picked from its list with the keyboard), and the
window's details, the database and the next bundle's progress log (read back with
pdftotext) name the pack, its files and the chain-of-custody record with their hashes."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.export.bundle import ExportOptions, export_case
from app.export.packs import export_pack
from tests.dialogs import or_cancel, when_dialog
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from ui.assistant_panels import SubmissionDialog
from ui.main_window import MainWindow


def test_a_complaint_names_the_pack_it_sent(qtbot, window: MainWindow,  # noqa: F811
                                            sample_dir: Path, tmp_path: Path) -> None:
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png"])
    wait_idle(qtbot, window)
    case_id = window.current_case().id
    pack = export_pack(window.store, case_id, "12315", tmp_path, ExportOptions(lang="zh"))
    progress = window.progress_log
    window.tabs.setCurrentWidget(progress)

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, SubmissionDialog), type(dialog)
        combo = dialog.sent
        combo.setFocus()
        while pack.folder.name not in combo.currentText():
            before = combo.currentIndex()
            QTest.keyClick(combo, Qt.Key.Key_Down)
            assert combo.currentIndex() != before, "the pack is not in the list"
        QTest.keyClicks(dialog.reference, "1500112233")
        QTest.keyClick(dialog.reference, Qt.Key.Key_Return)

    when_dialog(or_cancel(record))
    QTest.mouseClick(progress.btn_add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: progress.table.rowCount() == 1, timeout=10_000)
    (sub,) = window.store.submissions(case_id)
    recorded = next(e for e in window.store.custody(case_id) if e.hash == sub.sent)
    assert recorded.fields()["details"]["file"] == pack.folder.name
    progress.table.selectRow(0)
    details = progress.details.text()
    for path in pack.files:
        assert path.name in details
        assert hashlib.sha256(path.read_bytes()).hexdigest() in details
    (pdf,) = export_case(window.store, case_id, tmp_path / "later.pdf",
                         ExportOptions(lang="zh"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    assert f"提交材料：{pack.folder.name}" in text and sub.sent[:12] in text
