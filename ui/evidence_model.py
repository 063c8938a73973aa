"""The evidence grid: a list model over a case's items, a filter/sort proxy, the view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView

from app.case.orders import belongs_to_other_order, item_checks, reference_orders
from app.case.rules import load_rules
from app.store.models import EvidenceItem
from app.store.store import Store
from app.store.thumbnails import thumbnail_path

ItemRole = Qt.ItemDataRole.UserRole + 1
SortTimeRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3
MIME = "application/x-proofpack-item-ids"
ICON = QSize(160, 250)
INFO_H = 58  # the tile's bottom band: exhibit number, kind, order number, time
KIND_COLOURS = {
    "order": "#1f77b4", "chat": "#2ca02c", "payment": "#d62728", "logistics": "#9467bd",
    "photo": "#8c564b", "video": "#e377c2", "invoice": "#bcbd22", "report": "#17becf",
    "audio": "#ff7f0e", "other": "#7f7f7f",
}

Index = QModelIndex | QPersistentModelIndex


def needs_attention(item: EvidenceItem) -> bool:
    """OCR found nothing a complaint can use (or did not run)."""
    if item.kind == "photo" or item.media in ("video", "audio"):
        return False  # a picture of the goods, a film, a call: no order screen
    return not (item.effective("order_numbers") or item.effective("timestamps")
                or item.effective("amounts"))


class EvidenceModel(QAbstractListModel):
    reordered = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.case_id: int | None = None
        self.items: list[EvidenceItem] = []
        self.references: list[str] = []  # the case's order numbers (typed or confirmed)
        self._icons: dict[str, QIcon] = {}

    def load(self, case_id: int | None) -> None:
        self.beginResetModel()
        self.case_id = case_id
        self.items = self.store.items(case_id) if case_id is not None else []
        case = self.store.get_case(case_id) if case_id is not None else None
        self.references = reference_orders(case, self.items) if case is not None else []
        self.endResetModel()

    def refresh(self) -> None:
        self.load(self.case_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("证据{0}").format(number)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item)
        if role == ItemRole:
            return item
        if role == KindRole:
            return item.kind
        if role == SortTimeRole:
            stamps = sorted(item.effective("timestamps"))
            return stamps[0] if stamps else "9999"
        return None

    def _tooltip(self, item: EvidenceItem) -> str:
        tip = [item.original_name]
        for check in item_checks(item, self.references):
            if check.status == "misread":
                tip.append(self.tr("订单号 {0} 可能识别有误，应为 {1}").format(
                    check.value, check.should_be))
            elif check.status == "other":
                tip.append(self.tr("其他订单：{0} 不是本案件的订单号").format(check.value))
        if item.ocr_status == "pending":
            tip.append(self.tr("正在识别文字……"))
        elif needs_attention(item):
            tip.append(self.tr("未识别到订单号、时间或金额，请检查或手动填写"))
        if item.ocr_error:
            tip.append(item.ocr_error)
        return "\n".join(tip)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        mime = QMimeData()
        ids = ",".join(str(self.items[i.row()].id) for i in indexes if i.isValid())
        mime.setData(MIME, ids.encode())
        return mime

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not data.hasFormat(MIME) or self.case_id is None:
            return False
        moved = [int(x) for x in bytes(data.data(MIME).data()).decode().split(",") if x]
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.items)
        self.move_items(moved, row)
        return False  # we reordered ourselves; Qt must not remove the source rows

    def move_items(self, item_ids: list[int], row: int) -> None:
        """Put the items at exhibit position row (0-based), keeping their order."""
        assert self.case_id is not None
        ids = [i.id for i in self.items if i.id is not None]
        before = [i for i in ids[:row] if i not in item_ids]
        after = [i for i in ids[row:] if i not in item_ids]
        self.store.reorder_items(self.case_id, [*before, *item_ids, *after])
        self.refresh()
        self.reordered.emit()

    def _icon(self, item: EvidenceItem) -> QIcon:
        other = belongs_to_other_order(item, self.references)
        key = "|".join([item.sha256, item.kind, item.ocr_status, str(other),
                        *item.effective("order_numbers")[:1], *item.effective("timestamps")[:1]])
        if key not in self._icons:
            self._icons[key] = QIcon(self._badged(item, other))
        return self._icons[key]

    def _badged(self, item: EvidenceItem, other_order: bool) -> QPixmap:
        canvas = QPixmap(ICON)
        canvas.fill(QColor("#f0f0f0"))
        try:
            thumb = QPixmap(str(thumbnail_path(self.store, item)))
        except OSError:
            thumb = QPixmap()
        painter = QPainter(canvas)
        picture = QSize(ICON.width(), ICON.height() - INFO_H)
        if not thumb.isNull():
            scaled = thumb.scaled(picture, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                  Qt.TransformationMode.SmoothTransformation)
            # the top of a screenshot says what it is: show that part
            painter.drawPixmap(0, 0, scaled, (scaled.width() - picture.width()) // 2, 0,
                               picture.width(), picture.height())
        font = QFont(painter.font())
        font.setPointSize(8)
        painter.setFont(font)
        reading = item.ocr_status == "pending"
        kind = self.tr("识别中…") if reading else load_rules().kind_name(item.kind)
        band = ICON.height() - INFO_H
        colour = "#95a5a6" if reading else KIND_COLOURS.get(item.kind, KIND_COLOURS["other"])
        painter.fillRect(0, band, ICON.width(), 20, QColor(colour))
        painter.fillRect(0, band + 20, ICON.width(), INFO_H - 20, QColor("white"))
        painter.setPen(QColor("white"))
        painter.drawText(6, band + 15, kind)
        painter.setPen(QColor("#333333"))
        orders = item.effective("order_numbers")
        stamps = item.effective("timestamps")
        facts = [orders[0] if orders else "", stamps[0].replace("T", " ")[:16] if stamps else ""]
        for n, text in enumerate(t for t in facts if t):
            painter.drawText(6, band + 34 + n * 16, text)
        if other_order:
            painter.fillRect(0, 0, ICON.width(), 22, QColor("#c0392b"))
            painter.setPen(QColor("white"))
            painter.drawText(6, 16, self.tr("其他订单"))
        elif needs_attention(item) and not reading:
            # A word, not a bare "!": nothing a complaint can use was read here.
            font.setBold(True)
            painter.setFont(font)
            label = self.tr("未识别到订单信息")
            width = painter.fontMetrics().horizontalAdvance(label) + 12
            painter.setBrush(QColor("#f39c12"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(ICON.width() - width - 4, 4, width, 20, 4, 4)
            painter.setPen(QColor("white"))
            painter.drawText(ICON.width() - width + 2, 18, label)
        painter.end()
        return canvas


class EvidenceFilter(QSortFilterProxyModel):
    """Show one kind (or all); sort by exhibit order or by the first time found."""

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self.by_time = False

    def set_kind(self, kind: str | None) -> None:
        self.kind = kind
        self.invalidate()

    def set_sort_by_time(self, by_time: bool) -> None:
        self.by_time = by_time
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self.kind is None:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return bool(index.data(KindRole) == self.kind)

    def lessThan(self, left: Index, right: Index) -> bool:
        if self.by_time:
            return str(left.data(SortTimeRole)) < str(right.data(SortTimeRole))
        return left.row() < right.row()


class EvidenceView(QListView):
    def __init__(self) -> None:
        super().__init__()
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(ICON)
        self.setGridSize(QSize(ICON.width() + 24, ICON.height() + 36))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Snap)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(6)
