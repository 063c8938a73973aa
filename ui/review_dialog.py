"""核对识别结果: the review queue (app.case.review) walked with the keyboard. Each entry
shows where on the picture the values were read, enlarged, and the values in a field:
Enter confirms them as they stand, typing corrects them, Tab skips to the next entry and
Shift+Tab goes back."""

from __future__ import annotations

from PIL import Image
from PIL.ImageQt import ImageQt
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.case.facts import FactError
from app.case.review import ToReview, confirm, review_queue
from app.i18n import choose
from app.imaging import ImageRejected, open_upright
from app.store.store import Store

CROP_HEIGHT = 150  # px on screen: a line of 11-px grey text becomes legible
MAX_DECODE = 4000  # the picture is decoded at most this large for the crop


def crop_of(store: Store, item_id: int, box: tuple[int, int, int, int]) -> Image.Image | None:
    """The area around box (upright original pixels), with a margin for the label."""
    item = store.get_item(item_id)
    if item is None:
        return None
    try:
        img, full = open_upright(store.item_path(item), MAX_DECODE)
    except (ImageRejected, OSError):
        return None
    sx, sy = img.width / full[0], img.height / full[1]
    x, y, w, h = box
    pad_x, pad_y = max(h * 4, w // 4), h
    area = (max(0, int((x - pad_x) * sx)), max(0, int((y - pad_y) * sy)),
            min(img.width, int((x + w + pad_x) * sx)), min(img.height, int((y + h + pad_y) * sy)))
    return img.crop(area)


class ReviewDialog(QDialog):
    def __init__(self, store: Store, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("核对识别结果"))
        self.entries: list[ToReview] = review_queue(store.items(case_id))
        self.index = 0
        self.confirmed = 0
        self.progress = QLabel()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(CROP_HEIGHT)
        self.what = QLabel()
        self.edit = QLineEdit()
        self.edit.returnPressed.connect(self.accept_entry)
        self.edit.installEventFilter(self)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        hint = QLabel(self.tr("回车：确认（可先直接修改）　Tab：跳过　Shift+Tab：上一项"))
        hint.setStyleSheet("color: #666")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.progress, self.picture, self.what, self.edit, self.problem, hint,
                       buttons):
            layout.addWidget(widget)
        self.resize(720, 360)
        self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and \
                event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.step(-1 if event.key() == Qt.Key.Key_Backtab else 1)
            return True
        return super().eventFilter(watched, event)

    def step(self, step: int) -> None:
        """To the next entry (or the one before), leaving this one as it was."""
        if self.entries:
            self.index = (self.index + step) % len(self.entries)
            self._show()

    def accept_entry(self) -> None:
        if not self.entries:
            self.accept()
            return
        entry = self.entries[self.index]
        try:
            confirm(self.store, entry, self.edit.text())
        except FactError as exc:
            self.problem.setText(self.tr("无法识别的值：%1").replace("%1", exc.value))
            return
        self.confirmed += 1
        del self.entries[self.index]
        if self.index >= len(self.entries):
            self.index = 0
        self._show()

    def _show(self) -> None:
        self.problem.clear()
        if not self.entries:
            self.progress.setText(self.tr("全部核对完毕。"))
            self.what.clear()
            self.picture.clear()
            self.edit.clear()
            self.edit.setEnabled(False)
            return
        entry = self.entries[self.index]
        self.progress.setText(self.tr("第 %1 项，共 %2 项待核对")
                              .replace("%1", str(self.index + 1))
                              .replace("%2", str(len(self.entries))))
        names = {"order_numbers": self.tr("订单号"), "timestamps": self.tr("时间"),
                 "amounts": self.tr("金额")}
        self.what.setText(self.tr("证据%1 · %2（识别不确定：%3）")
                          .replace("%1", str(entry.number)).replace("%2", names[entry.key])
                          .replace("%3", choose("、", ", ").join(entry.unsure)))
        crop = crop_of(self.store, entry.item_id, entry.box)
        if crop is None:
            self.picture.setText(self.tr("（原图无法打开）"))
        else:
            pixmap = QPixmap.fromImage(QImage(ImageQt(crop)))
            self.picture.setPixmap(pixmap.scaled(
                self.width() - 40, CROP_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self.edit.setText(entry.text())
        self.edit.selectAll()
        self.edit.setFocus()
