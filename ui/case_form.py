"""The case's details: what the bundle's cover page and the checklist are made from."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from app.i18n import t
from app.models import Case
from app.rules import PLATFORMS, load_rules
from app.store import Store


class CaseForm(QWidget):
    changed = Signal(int)  # case id

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.case: Case | None = None
        self.title = QLineEdit()
        self.platform = QComboBox()
        for p in PLATFORMS:
            self.platform.addItem(t(f"platform.{p}"), p)
        self.shop = QLineEdit()
        self.order = QLineEdit()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("0.00")
        self.ctype = QComboBox()
        for type_id, ctype in load_rules().types.items():
            self.ctype.addItem(ctype.name(), type_id)
        self.completed_known = QCheckBox(self.tr("已确认收货"))
        self.completed = QDateEdit()
        self.completed.setCalendarPopup(True)
        self.completed.setDisplayFormat("yyyy-MM-dd")
        self.completed.setToolTip(self.tr("订单完成（确认收货）的日期：淘宝一般在此后约30天内受理投诉"))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("例如：退货退款，赔偿运费"))
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("一两句话说明发生了什么，会写进投诉书"))
        completed_row = QHBoxLayout()
        completed_row.addWidget(self.completed_known)
        completed_row.addWidget(self.completed, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("案件名称"), self.title)
        form.addRow(self.tr("购物平台"), self.platform)
        form.addRow(self.tr("店铺/卖家"), self.shop)
        form.addRow(self.tr("订单编号"), self.order)
        form.addRow(self.tr("金额"), self.amount)
        form.addRow(self.tr("投诉类型"), self.ctype)
        form.addRow(self.tr("订单完成日期"), completed_row)
        form.addRow(self.tr("事情经过"), self.description)
        form.addRow(self.tr("诉求"), self.outcome)
        for edit in (self.title, self.shop, self.order, self.amount, self.description,
                     self.outcome):
            edit.editingFinished.connect(self.save)
        for combo in (self.platform, self.ctype):
            combo.activated.connect(self.save)
        self.completed_known.toggled.connect(self._completed_toggled)
        self.completed.dateChanged.connect(self.save)
        self.show_case(None)

    def _completed_toggled(self, on: bool) -> None:
        self.completed.setEnabled(on)
        self.save()

    def show_case(self, case: Case | None) -> None:
        self.case = None  # no saving while the widgets are filled
        self.setEnabled(case is not None)
        if case is None:
            return
        self.title.setText(case.title)
        self.platform.setCurrentIndex(max(0, self.platform.findData(case.platform)))
        self.shop.setText(case.shop)
        self.order.setText(case.order_number)
        self.amount.setText(case.amount)
        self.ctype.setCurrentIndex(max(0, self.ctype.findData(case.complaint_type)))
        self.completed_known.setChecked(case.order_completed_on is not None)
        self.completed.setEnabled(case.order_completed_on is not None)
        when = case.order_completed_on or date.today()
        self.completed.setDate(QDate(when.year, when.month, when.day))
        self.outcome.setText(case.requested_outcome)
        self.description.setText(case.description)
        self.case = case

    def save(self) -> None:
        if self.case is None or self.case.id is None:
            return
        qd = self.completed.date()
        fields = {
            "title": self.title.text().strip() or self.case.title,
            "platform": self.platform.currentData(),
            "shop": self.shop.text().strip(),
            "order_number": self.order.text().strip().replace(" ", ""),
            "amount": self.amount.text().strip(),
            "complaint_type": self.ctype.currentData(),
            "order_completed_on": date(qd.year(), qd.month(), qd.day())
            if self.completed_known.isChecked() else None,
            "requested_outcome": self.outcome.text().strip(),
            "description": self.description.text().strip(),
        }
        if all(getattr(self.case, k) == v for k, v in fields.items()):
            return
        self.case = self.store.update_case(self.case.id, **fields)
        self.changed.emit(self.case.id)
