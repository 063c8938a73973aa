"""The middle of the window: the case form over the evidence grid, with its filters and
the drop zone shown while a case has no evidence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.case.rules import KINDS, load_rules
from app.store.store import Store
from ui.case_form import CaseForm
from ui.evidence_model import EvidenceFilter, EvidenceModel, EvidenceView


class EvidenceArea(QWidget):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.model = EvidenceModel(store)
        self.proxy = EvidenceFilter()
        self.proxy.setSourceModel(self.model)
        self.view = EvidenceView()
        self.view.setModel(self.proxy)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("全部类型"), None)
        for kind in KINDS:
            self.kind_filter.addItem(load_rules().kind_name(kind), kind)
        self.kind_filter.setToolTip(self.tr("只显示某一类证据"))
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_kind(self.kind_filter.currentData()))
        self.sort_order = QComboBox()
        self.sort_order.addItem(self.tr("按证据编号"), False)
        self.sort_order.addItem(self.tr("按时间"), True)
        self.sort_order.setToolTip(self.tr("排列方式；拖动缩略图可调整证据编号顺序"))
        self.sort_order.currentIndexChanged.connect(
            lambda _i: self.proxy.set_sort_by_time(bool(self.sort_order.currentData())))
        self.empty_hint = QLabel(self.tr(
            "把截图拖到这里\n\n订单详情、聊天记录、付款凭证、物流记录、商品照片……\n"
            "也可以按 Ctrl+V 粘贴刚截的图，或点“添加截图”"))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #777; font-size: 16px; border: 2px dashed #bbb;"
                                      " border-radius: 12px; padding: 24px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_hint)
        self.stack.addWidget(self.view)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.sort_order)
        filters.addStretch(1)
        self.case_form = CaseForm(store)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.case_form)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)

    def show_grid_or_hint(self) -> None:
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty_hint)
