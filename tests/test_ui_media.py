"""A video and a call recording dropped on the window: imported, shown in the grid with
their kinds, and the detail panel showing the video's contact sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.files import sha256_of
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


def test_the_buyer_chooses_a_videos_frames_with_the_keyboard(qtbot, window: MainWindow,  # noqa: F811
                                                             tmp_path: Path) -> None:
    drop(window, [phone_video(tmp_path / "开箱.mp4", seconds=2)])
    wait_idle(qtbot, window)
    window.view.setCurrentIndex(window.proxy.index(0, 0))
    frames = window.detail.frames
    qtbot.waitUntil(lambda: frames.item_id is not None)
    before = window.store.get_item(frames.item_id)
    assert before is not None and frames.chosen() == before.frame_times == [0.0, 1.0]
    for _ in range(5):  # a tenth of a second each
        QTest.keyClick(frames.slider, Qt.Key.Key_Right)
    assert frames.at.text() == "00:00.5"
    QTest.mouseClick(frames.btn_add, Qt.MouseButton.LeftButton)
    frames.moments.setCurrentRow(0)
    frames.moments.item(0).setSelected(True)
    QTest.keyClick(frames.moments, Qt.Key.Key_Delete)
    assert frames.chosen() == [0.5, 1.0]
    QTest.mouseClick(frames.btn_apply, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.job is not None or
                    window.store.get_item(before.id).frame_times == [0.5, 1.0], timeout=5000)
    wait_idle(qtbot, window)
    after = window.store.get_item(before.id)
    assert after is not None and after.frame_times == [0.5, 1.0]
    assert after.face_sha256 != before.face_sha256 and after.ocr_status == "done"
    assert sha256_of(window.store.picture_path(after)) == after.face_sha256
    assert sha256_of(window.store.picture_path(before)) == before.face_sha256  # kept apart
