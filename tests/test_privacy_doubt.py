"""Where the search for personal data cannot be trusted (a camera photo with text, an
unclear read, a picture too small), the buyer is told before the bundle goes out: the CLI
warns on stderr naming the exhibit, --strict-privacy refuses, and the window's export
asks, offering to black it out by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import text_image
from tests.dialogs import press_labelled, type_path, when_dialogs
from tests.test_ui import window  # noqa: F401  (fixture)
from tests.test_ui_clicks import toolbar_button
from ui.main_window import MainWindow


def tiny_screenshot(path: Path) -> Path:
    """A screenshot forwarded until it is 300 pixels wide: still read, but not reliably."""
    from PIL import Image

    big = text_image(["收货人 张伟 手机 13712345678", "订单编号 5055565384962088195"],
                     path.with_suffix(".big.png"), size=40, width=1000)
    img = Image.open(big)
    img.resize((300, img.height * 300 // img.width)).save(path)
    return path


def test_cli_warns_about_doubtful_exhibits_and_strict_refuses(cli, tmp_path: Path) -> None:
    case_id = cli("case", "new", "隐私").stdout.strip()
    clear = text_image(["订单编号 5055565384962088195", "实付款 ¥129.00"], tmp_path / "ok.png")
    assert cli("add", case_id, str(clear), str(tiny_screenshot(tmp_path / "tiny.png")))\
        .returncode == 0
    r = cli("export", case_id, "-o", str(tmp_path / "out.pdf"))
    assert r.returncode == 0
    warnings = [ln for ln in r.stderr.splitlines() if ln.startswith("警告")]
    assert len(warnings) == 1 and "证据2（tiny.png）" in warnings[0] and "太小" in warnings[0]
    strict = cli("export", case_id, "-o", str(tmp_path / "strict.pdf"), "--strict-privacy")
    assert strict.returncode == 1 and "证据2" in strict.stderr
    assert not (tmp_path / "strict.pdf").exists()


def test_the_window_names_them_and_offers_to_black_out_by_hand(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    from tests.test_ui import drop

    drop(window, [tiny_screenshot(tmp_path / "tiny.png")])
    qtbot.waitUntil(lambda: window.job is None and window.store.items(
        window.current_case().id) and window.store.items(
        window.current_case().id)[0].ocr_status == "done", timeout=120_000)
    (item,) = window.store.items(window.current_case().id)
    assert item.read_doubt == "small"
    seen: list[str] = []

    out = tmp_path / "out"
    out.mkdir()
    when_dialogs(type_path(out), press_labelled("去手动遮盖", seen))
    QTest.mouseClick(toolbar_button(window, window.act_export), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.detail.btn_draw.isChecked(), timeout=20_000)
    assert "证据1（tiny.png）" in seen[0]
    assert window.tabs.currentWidget() is window.detail and window.detail.item.id == item.id
    assert not list(out.glob("*.pdf"))
    when_dialogs(type_path(out), press_labelled("仍然导出"))
    QTest.mouseClick(toolbar_button(window, window.act_export), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(list(out.glob("*.pdf"))) and window.job is None,
                    timeout=60_000)
