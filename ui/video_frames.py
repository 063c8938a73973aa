"""The frames of a video exhibit, chosen by the buyer: a slider through the video (arrow
keys step a tenth of a second, Page Up/Down a second), 添加画面 adds the moment shown, the
list holds the chosen ones (Delete removes), 重新生成 draws the contact sheet again
(app.store.media_import.set_video_frames) and the new sheet is read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.media.faces import clock
from app.media.video import MAX_FRAMES
from app.store.models import EvidenceItem

TENTHS = 10  # slider steps per second


class MomentList(QListWidget):
    """The chosen moments. Delete here removes a moment, not the exhibit: the key is
    claimed before the window's 移除证据 shortcut sees it."""

    remove_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_pressed.emit()
            return
        super().keyPressEvent(event)


class VideoFrames(QWidget):
    apply = Signal(int, list)  # item id, the chosen moments in seconds

    def __init__(self) -> None:
        super().__init__()
        self.item_id: int | None = None
        self.at = QLabel("00:00.0")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(TENTHS)
        self.slider.valueChanged.connect(lambda v: self.at.setText(clock(v / TENTHS, True)))
        self.btn_add = QPushButton(self.tr("添加画面"))
        self.btn_add.clicked.connect(lambda _checked=False: self.add_moment())
        self.moments = MomentList()
        self.moments.remove_pressed.connect(self.remove_selected)
        self.moments.setMaximumHeight(90)
        self.moments.setFlow(QListWidget.Flow.LeftToRight)
        self.moments.setWrapping(True)
        self.btn_remove = QPushButton(self.tr("移除所选"))
        self.btn_remove.clicked.connect(lambda _checked=False: self.remove_selected())
        self.btn_apply = QPushButton(self.tr("重新生成画面"))
        self.btn_apply.setToolTip(self.tr("按所选时间重新截取画面；新画面会重新识别文字"))
        self.btn_apply.clicked.connect(lambda _checked=False: self._apply())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("视频画面")))
        top.addWidget(self.slider, 1)
        top.addWidget(self.at)
        top.addWidget(self.btn_add)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.btn_remove)
        bottom.addWidget(self.btn_apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.moments)
        layout.addLayout(bottom)

    def show_item(self, item: EvidenceItem | None) -> None:
        video = item is not None and item.media == "video"
        self.setVisible(video)
        if not video or item is None:
            self.item_id = None
            return
        self.item_id = item.id
        self.slider.setRange(0, int(item.duration_s * TENTHS))
        self.slider.setValue(0)
        self.moments.clear()
        for moment in item.frame_times:
            self._add(moment)

    def chosen(self) -> list[float]:
        return sorted(self.moments.item(i).data(Qt.ItemDataRole.UserRole)
                      for i in range(self.moments.count()))

    def add_moment(self) -> None:
        moment = self.slider.value() / TENTHS
        if self.moments.count() < MAX_FRAMES and moment not in self.chosen():
            self._add(moment)

    def remove_selected(self) -> None:
        for entry in self.moments.selectedItems():
            self.moments.takeItem(self.moments.row(entry))

    def _add(self, moment: float) -> None:
        entry = QListWidgetItem(clock(moment, True))
        entry.setData(Qt.ItemDataRole.UserRole, moment)
        row = sum(1 for m in self.chosen() if m < moment)  # kept in time order
        self.moments.insertItem(row, entry)

    def _apply(self) -> None:
        if self.item_id is not None and self.chosen():
            self.apply.emit(self.item_id, self.chosen())
