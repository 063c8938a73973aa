"""A video and a call recording dropped on the window: imported, shown in the grid with
their kinds, and the detail panel showing the video's contact sheet."""

from __future__ import annotations

from pathlib import Path

from tests.test_media import phone_video, recording
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from ui.evidence_model import ItemRole
from ui.main_window import MainWindow


def test_videos_and_recordings_dropped_on_the_window(qtbot, window: MainWindow,  # noqa: F811
                                                    tmp_path: Path) -> None:
    drop(window, [phone_video(tmp_path / "开箱.mp4", seconds=2), recording(tmp_path / "通话.wav")])
    wait_idle(qtbot, window)
    assert window.model.rowCount() == 2
    kinds = [window.model.index(row, 0).data(ItemRole).kind for row in range(2)]
    assert kinds == ["video", "audio"]
    assert not window.view.grab().isNull()  # every tile painted (badges, kind colours)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    qtbot.waitUntil(lambda: window.detail.item is not None)
    assert window.detail.item.media == "video"
