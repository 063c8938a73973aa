"""One evidence item in detail: the image (zoomable, with the boxes where facts were
found), its facts (editable; the user's version wins over OCR), kind, caption, OCR text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPen, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.case.catalogue import draft_purpose
from app.case.facts import FACT_KEYS, FactError, format_values, parse_values, set_user_facts
from app.case.orders import item_checks, reference_orders
from app.case.rules import KINDS, load_rules
from app.i18n import join_list
from app.privacy import redaction
from app.records import FoundEntry, Redaction, facts_of
from app.store.models import Case, EvidenceItem
from app.store.store import Store
from ui.video_frames import VideoFrames

BOX_COLOURS = {"order_number": "#e74c3c", "timestamp": "#2980b9", "amount": "#27ae60",
               "transaction_id": "#8e44ad", "tracking_number": "#d35400"}


class ImageView(QGraphicsView):
    """The original image; the wheel (with Ctrl) zooms, drag pans. In redaction mode a
    drag draws a rectangle to black out instead."""

    rect_drawn = Signal(list)  # [x, y, w, h] in image pixels

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # Fitting the width must not make a scroll bar come and go, or each fit resizes
        # the viewport and asks for the next one (a resize loop).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.zoom = 1.0
        self.auto_fit = True  # follow the panel's width until the user zooms
        self.redaction_items: list[QGraphicsRectItem] = []
        self._drawing = False
        self._origin = QPointF()
        self._rubber: QGraphicsRectItem | None = None

    def set_draw_mode(self, on: bool) -> None:
        self._drawing = on
        self.setDragMode(QGraphicsView.DragMode.NoDrag if on
                         else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if on
                                  else Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            self._origin = self.mapToScene(event.position().toPoint())
            self._rubber = self.scene().addRect(QRectF(self._origin, self._origin),
                                                QPen(QColor("#c0392b"), 2),
                                                QBrush(QColor(0, 0, 0, 120)))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._rubber is not None:
            here = self.mapToScene(event.position().toPoint())
            self._rubber.setRect(QRectF(self._origin, here).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._rubber is not None:
            rect = self._rubber.rect().intersected(self.scene().sceneRect())
            self.scene().removeItem(self._rubber)
            self._rubber = None
            if rect.width() >= 4 and rect.height() >= 4:
                self.rect_drawn.emit([round(rect.x()), round(rect.y()), round(rect.width()),
                                      round(rect.height())])
            return
        super().mouseReleaseEvent(event)

    def show_redactions(self, redactions: list[Redaction]) -> None:
        for rect in self.redaction_items:
            self.scene().removeItem(rect)
        self.redaction_items = []
        for r in redactions:
            box = r["box"]
            on = r["enabled"]
            rect = self.scene().addRect(
                QRectF(box[0], box[1], box[2], box[3]),
                QPen(QColor("#c0392b"), 2, Qt.PenStyle.SolidLine if on else Qt.PenStyle.DashLine),
                QBrush(QColor(0, 0, 0, 200) if on else Qt.BrushStyle.NoBrush))
            rect.setZValue(10)
            self.redaction_items.append(rect)

    def show_item(self, path: str, found: list[FoundEntry]) -> None:
        scene = self.scene()
        scene.clear()
        self.redaction_items = []
        pixmap = QPixmap(path)
        scene.addPixmap(pixmap)
        for fact in facts_of(found):  # chat lines are not facts to highlight
            box = fact["box"]
            if not box[2]:
                continue
            colour = QColor(BOX_COLOURS.get(fact["type"], "#f1c40f"))
            pen = QPen(colour, max(2.0, pixmap.width() / 400))
            rect = scene.addRect(QRectF(box[0] - 3, box[1] - 3, box[2] + 6, box[3] + 6), pen)
            rect.setToolTip(f"{fact['type']}: {fact['value']}")
        scene.setSceneRect(QRectF(pixmap.rect()))
        self.auto_fit = True
        self.fit()

    def fit(self) -> None:
        rect = self.scene().sceneRect()
        if rect.width() > 0:
            # Fit the width: a phone screenshot then reads top to bottom.
            self.resetTransform()
            scale = max(0.05, (self.viewport().width() - 4) / rect.width())
            self.scale(scale, scale)
            self.zoom = scale

    def zoom_by(self, factor: float) -> None:
        self.auto_fit = False
        self.zoom *= factor
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit and event.size().width() != event.oldSize().width():
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
        else:
            super().wheelEvent(event)


class DetailPanel(QWidget):
    changed = Signal(int)  # item id whose data the user changed

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.item: EvidenceItem | None = None
        self.image = ImageView()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(load_rules().kind_name(kind), kind)
        self.kind.setToolTip(self.tr("证据类型；手动选择后不会被自动识别覆盖"))
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("说明这张图证明了什么，例如：卖家承诺48小时发货"))
        self.purpose = QLineEdit()
        self.purpose.setToolTip(self.tr("证据目录（起诉、消协）中这份证据的证明目的；"
                                        "留空则使用灰色显示的草稿"))
        self.fields: dict[str, QLineEdit] = {}
        labels = {"order_numbers": self.tr("订单号"), "timestamps": self.tr("时间"),
                  "amounts": self.tr("金额")}
        form = QFormLayout()
        form.addRow(self.tr("类型"), self.kind)
        form.addRow(self.tr("说明"), self.caption)
        form.addRow(self.tr("证明目的"), self.purpose)
        for key in FACT_KEYS:
            edit = QLineEdit()
            edit.setToolTip(self.tr("识别结果可以修改，多个值用逗号分隔；你的修改会被保留"))
            edit.editingFinished.connect(lambda k=key: self._save_fact(k))
            self.fields[key] = edit
            form.addRow(labels[key], edit)
        self.redactions = QListWidget()
        self.redactions.setMaximumHeight(110)
        self.redactions.setToolTip(self.tr("勾选的区域在导出的 PDF 中涂黑；原件不会改动"))
        self.redactions.itemChanged.connect(self._redaction_toggled)
        self.btn_draw = QPushButton(self.tr("框选遮盖"))
        self.btn_draw.setCheckable(True)
        self.btn_draw.setToolTip(self.tr("在图上拖出一个方框，导出时涂黑该区域"))
        self.btn_draw.toggled.connect(self.image.set_draw_mode)
        self.btn_unredact = QPushButton(self.tr("删除所选遮盖"))
        self.btn_unredact.clicked.connect(self._remove_redaction)
        self.image.rect_drawn.connect(self._add_redaction)
        redaction_buttons = QHBoxLayout()
        redaction_buttons.addWidget(QLabel(self.tr("隐私遮盖")))
        redaction_buttons.addStretch(1)
        redaction_buttons.addWidget(self.btn_draw)
        redaction_buttons.addWidget(self.btn_unredact)
        self.order_note = QLabel()
        self.order_note.setWordWrap(True)
        self.order_note.setStyleSheet("color: #c0392b")
        self.btn_confirm = QPushButton(self.tr("确认识别结果"))
        self.btn_confirm.setToolTip(self.tr("核对图中的订单号、时间和金额无误后确认；"
                                            "确认的值才会作为案件的订单号印在封面上"))
        self.btn_confirm.clicked.connect(lambda _checked=False: self.confirm_all())
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlaceholderText(self.tr("文字识别结果"))
        self.text.setToolTip(self.tr("识别出的全部文字，可选中复制"))
        self.frames = VideoFrames()  # shown for a video only
        info = QWidget()
        layout = QVBoxLayout(info)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.frames)
        layout.addWidget(self.message)  # under the fields it is about
        layout.addWidget(self.order_note)
        confirm_row = QHBoxLayout()
        confirm_row.addStretch(1)
        confirm_row.addWidget(self.btn_confirm)
        layout.addLayout(confirm_row)
        layout.addLayout(redaction_buttons)
        layout.addWidget(self.redactions)
        layout.addWidget(QLabel(self.tr("识别文字")))
        layout.addWidget(self.text)
        scroll = QScrollArea()  # on a small screen the details scroll, never squeeze
        scroll.setWidget(info)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.image)
        splitter.addWidget(scroll)
        splitter.setSizes([420, 320])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(splitter)
        self.kind.activated.connect(self._save_kind)
        self.caption.editingFinished.connect(self._save_caption)
        self.purpose.editingFinished.connect(self._save_purpose)
        self.show_item(None)

    def show_item(self, item: EvidenceItem | None) -> None:
        self.item = item
        self.frames.show_item(item)
        enabled = item is not None
        for widget in (self.kind, self.caption, self.purpose, *self.fields.values(),
                       self.btn_draw, self.btn_unredact, self.redactions, self.btn_confirm):
            widget.setEnabled(enabled)
        self.btn_draw.setChecked(False)
        self.message.clear()
        self.order_note.clear()
        if item is None:
            self.image.scene().clear()
            self.text.clear()
            self.caption.clear()
            self.purpose.clear()
            for edit in self.fields.values():
                edit.clear()
            self.redactions.clear()
            return
        self.image.show_item(str(self.store.picture_path(item)), item.facts)
        self._show_redactions()
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.caption.setText(item.caption)
        case = self.store.get_case(item.case_id)  # read once for the purpose and the checks
        items = self.store.items(item.case_id) if case else []
        self._show_purpose(item, case, items)
        for key, edit in self.fields.items():
            edit.setText(format_values(key, item.effective(key)))
            edit.setStyleSheet("font-weight: bold" if key in item.user_facts else "")
        self.text.setPlainText(item.ocr_text or item.ocr_error)
        self._show_order_checks(item, case, items)

    def _show_order_checks(self, item: EvidenceItem, case: Case | None,
                           items: list[EvidenceItem]) -> None:
        """What the case's order numbers say of this exhibit's (misread, another order)."""
        refs = reference_orders(case, items) if case else []
        notes = []
        checks = item_checks(item, refs)
        for check in checks:
            if check.status == "misread":
                notes.append(self.tr("订单号 {0} 可能识别有误，应为 {1}").format(
                    check.value, check.should_be))
        others = [c.value for c in checks if c.status == "other"]
        if others:  # one sentence, however many: the panel must stay readable when small
            notes.append(self.tr("其他订单：{0} 不是本案件的订单号，可保留、移到其他案件或移除")
                         .format(join_list(others)))
        unconfirmed = [k for k in FACT_KEYS if item.effective(k) and k not in item.user_facts]
        if unconfirmed and not notes:
            notes.append(self.tr("识别结果尚未核对"))
        self.order_note.setText("\n".join(notes))
        self.btn_confirm.setEnabled(bool(unconfirmed))

    def confirm_all(self) -> None:
        """The buyer checked the values against the picture: keep them as theirs."""
        if self.item is None or self.item.id is None:
            return
        for key in FACT_KEYS:
            if self.item.effective(key) and key not in self.item.user_facts:
                self.item = set_user_facts(self.store, self.item.id, key,
                                           self.item.effective(key))
        self.show_item(self.item)
        self.changed.emit(self.item.id)

    def _save_fact(self, key: str) -> None:
        if self.item is None or self.item.id is None:
            return
        edit = self.fields[key]
        if edit.text().strip() == format_values(key, self.item.effective(key)):
            return
        try:
            values = parse_values(key, edit.text())
        except FactError as exc:
            self.message.setText(self.tr("无法识别“{0}”，请检查格式").format(exc.value))
            edit.setStyleSheet("border: 1px solid #c0392b")
            edit.setFocus()
            return
        self.message.clear()
        self.item = set_user_facts(self.store, self.item.id, key, values)
        edit.setText(format_values(key, values))
        edit.setStyleSheet("font-weight: bold")
        self.changed.emit(self.item.id)

    def _save_kind(self) -> None:
        if self.item is None or self.item.id is None:
            return
        kind = self.kind.currentData()
        if kind != self.item.kind or not self.item.kind_confirmed:
            self.item = self.store.update_item(self.item.id, kind=kind, kind_confirmed=True)
            self.changed.emit(self.item.id)

    def _save_caption(self) -> None:
        if self.item is None or self.item.id is None:
            return
        if self.caption.text() != self.item.caption:
            self.item = self.store.update_item(self.item.id, caption=self.caption.text())
            self.changed.emit(self.item.id)

    def _show_purpose(self, item: EvidenceItem, case: Case | None,
                      items: list[EvidenceItem]) -> None:
        """The buyer's purpose, or the draft the catalogue prints, shown greyed as a hint."""
        draft = draft_purpose(case, items, item) if case else ""
        self.purpose.setPlaceholderText(draft)
        self.purpose.setText(item.purpose)
        self.purpose.setCursorPosition(0)

    def _save_purpose(self) -> None:
        if self.item is None or self.item.id is None:
            return
        text = self.purpose.text().strip()
        if text != self.item.purpose:
            self.item = self.store.update_item(self.item.id, purpose=text)
            self.changed.emit(self.item.id)

    # ---- redaction -----------------------------------------------------------------------

    def _show_redactions(self) -> None:
        assert self.item is not None
        names = {"card": self.tr("银行卡号"), "phone": self.tr("手机号"),
                 "id_card": self.tr("身份证号"), "address": self.tr("地址"),
                 "name": self.tr("姓名"), "manual": self.tr("手动框选")}
        with QSignalBlocker(self.redactions):
            self.redactions.clear()
            for r in self.item.redactions:
                label = names.get(r["type"], r["type"])
                text = r["text"]
                entry = QListWidgetItem(f"{label}  {text}" if text else label)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if r["enabled"]
                                    else Qt.CheckState.Unchecked)
                self.redactions.addItem(entry)
        self.image.show_redactions(self.item.redactions)

    def _redaction_toggled(self, entry: QListWidgetItem) -> None:
        if self.item is None or self.item.id is None:
            return
        row = self.redactions.row(entry)
        on = entry.checkState() == Qt.CheckState.Checked
        self.item = redaction.set_enabled(self.store, self.item.id, row, on)
        self.image.show_redactions(self.item.redactions)
        self.changed.emit(self.item.id)

    def _add_redaction(self, box: list[int]) -> None:
        if self.item is None or self.item.id is None:
            return
        self.item = redaction.add_manual(self.store, self.item.id, box)
        self._show_redactions()
        self.changed.emit(self.item.id)

    def _remove_redaction(self) -> None:
        row = self.redactions.currentRow()
        if self.item is None or self.item.id is None or row < 0:
            return
        self.item = redaction.remove(self.store, self.item.id, row)
        self._show_redactions()
        self.changed.emit(self.item.id)
