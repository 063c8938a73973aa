"""Tools › 校验证据包… driven as a buyer does: the menu item, the two file dialogs (the
bundle, then the case backup to check its originals against), and the result box; on
the bundle as exported, then on a copy with one byte of a picture changed."""

from __future__ import annotations

from pathlib import Path

from app.export.bundle import ExportOptions, export_case
from app.store.archive import export_archive
from tests.dialogs import type_path, when_dialogs
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
