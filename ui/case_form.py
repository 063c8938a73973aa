"""The case's details: what the bundle's cover page and the checklist are made from."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.case.deadline import read_completion_date
from app.case.prefill import prefill
from app.case.rules import PLATFORMS, load_rules
from app.i18n import t
from app.store.models import Case
from app.store.store import Store
from ui.parties_dialog import PartiesDialog

NO_DATE = QDate(2000, 1, 1)  # shown blank (special value): no case, no date


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
        # With no case the field shows nothing rather than a made-up date.
        self.completed.setMinimumDate(NO_DATE)
        self.completed.setSpecialValueText(" ")
        self.completed_hint = QLabel()
        self.completed_hint.setWordWrap(True)
        self.completed_hint.setStyleSheet("color: #666")
        self.read_completion: tuple[date, int] | None = None
        self.completed.setToolTip(self.tr("订单完成（确认收货）的日期：淘宝一般在此后约30天内受理投诉"))
        # 12315's three years run from when the buyer knew of the harm; by default the
        # completion date, another when the fault showed later.
        self.harm_known = QCheckBox(self.tr("晚于订单完成才发现"))
        self.harm = QDateEdit()
        self.harm.setCalendarPopup(True)
        self.harm.setDisplayFormat("yyyy-MM-dd")
        self.harm.setMinimumDate(NO_DATE)
        self.harm.setSpecialValueText(" ")
        self.harm.setToolTip(self.tr("知道或应当知道权益受损的日期：向 12315 投诉须在此后三年内"))
        self.outcome = QLineEdit()
        self.outcome.setPlaceholderText(self.tr("例如：退货退款，赔偿运费"))
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("一两句话说明发生了什么，会写进投诉书"))
        completed_row = QHBoxLayout()
        completed_row.addWidget(self.completed_known)
        completed_row.addWidget(self.completed, 1)
        harm_row = QHBoxLayout()
        harm_row.addWidget(self.harm_known)
        harm_row.addWidget(self.harm, 1)
        form = QFormLayout(self)
        # Labels go above their fields when the window is narrow (English labels are long).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("案件名称"), self.title)
        form.addRow(self.tr("购物平台"), self.platform)
        form.addRow(self.tr("店铺/卖家"), self.shop)
        form.addRow(self.tr("订单编号"), self.order)
        form.addRow(self.tr("金额"), self.amount)
        form.addRow(self.tr("投诉类型"), self.ctype)
        form.addRow(self.tr("订单完成日期"), completed_row)
        form.addRow("", self.completed_hint)
        form.addRow(self.tr("发现问题日期"), harm_row)
        form.addRow(self.tr("事情经过"), self.description)
        form.addRow(self.tr("诉求"), self.outcome)
        self.btn_parties = QPushButton(self.tr("当事人信息…"))
        self.btn_parties.setToolTip(self.tr("投诉人和被投诉企业的信息：12315、现场投诉需要"))
        self.btn_parties.clicked.connect(self.edit_parties)
        self.parties_dialog: PartiesDialog | None = None
        form.addRow("", self.btn_parties)
        for edit in (self.title, self.shop, self.order, self.amount, self.description,
                     self.outcome):
            edit.editingFinished.connect(self.save)
        for combo in (self.platform, self.ctype):
            combo.activated.connect(self.save)
        self.completed_known.toggled.connect(self._completed_toggled)
        self.completed.dateChanged.connect(self.save)
        self.harm_known.toggled.connect(self._harm_toggled)
        self.harm.dateChanged.connect(self.save)
        self.show_case(None)

    def _completed_toggled(self, on: bool) -> None:
        """Ticking 已确认收货 starts from the 成交时间 read from the screenshots, never from
        today: a buyer must not be told they are in time when the evidence says otherwise."""
        self.completed.setEnabled(on)
        if on and self.read_completion is not None:
            with QSignalBlocker(self.completed):
                self.completed.setDate(_qdate(self.read_completion[0]))
        self.save()
        self._update_completed_hint()

    def edit_parties(self) -> None:
        if self.case is None:
            return
        self.parties_dialog = PartiesDialog(self.store, self.case, self)
        if self.parties_dialog.exec() == PartiesDialog.DialogCode.Accepted:
            self.case = self.parties_dialog.case
            self.changed.emit(self.case.id)

    def _harm_toggled(self, on: bool) -> None:
        self.harm.setEnabled(on)
        if on and self.harm.date() == NO_DATE:
            with QSignalBlocker(self.harm):
                self.harm.setDate(self.completed.date())
        self.save()

    def _update_completed_hint(self) -> None:
        read = self.read_completion
        text = ""
        if read is not None:
            day, exhibit = read
            qd = self.completed.date()
            entered = date(qd.year(), qd.month(), qd.day())
            if not self.completed_known.isChecked():
                text = self.tr("按证据{0}中读到的成交时间 {1} 计算投诉期限").format(
                    exhibit, day.isoformat())
            elif entered != day:
                text = self.tr("⚠ 与证据{0}中读到的成交时间 {1} 不同；投诉期限按你填写的日期计算")\
                    .format(exhibit, day.isoformat())
        self.completed_hint.setText(text)
        self.completed_hint.setVisible(bool(text))

    def show_case(self, case: Case | None) -> None:
        self.case = None  # no saving while the widgets are filled
        self.setEnabled(case is not None)
        if case is None or case.id is None:
            self.read_completion = None
            self.completed.setDate(NO_DATE)
            self._update_completed_hint()
            return
        self.read_completion = read_completion_date(self.store.items(case.id))
        self.title.setText(case.title)
        self.platform.setCurrentIndex(max(0, self.platform.findData(case.platform)))
        self.shop.setText(case.shop)
        self.order.setText(case.order_number)
        self.amount.setText(case.amount)
        self.ctype.setCurrentIndex(max(0, self.ctype.findData(case.complaint_type)))
        self.completed_known.setChecked(case.order_completed_on is not None)
        self.completed.setEnabled(case.order_completed_on is not None)
        read_day = self.read_completion[0] if self.read_completion else None
        self.completed.setDate(_qdate(case.order_completed_on or read_day or date.today()))
        self.harm_known.setChecked(case.harm_known_on is not None)
        self.harm.setEnabled(case.harm_known_on is not None)
        self.harm.setDate(_qdate(case.harm_known_on) if case.harm_known_on else NO_DATE)
        self.outcome.setText(case.requested_outcome)
        self.description.setText(case.description)
        self.case = case
        self._update_completed_hint()

    def refresh_from_evidence(self) -> None:
        """New or confirmed evidence: show a 成交时间 read from it, and fill the order
        number and amount from values the buyer confirmed, where the form is empty;
        what was entered is never touched."""
        if self.case is None or self.case.id is None:
            return
        self._prefill(self.case.id)
        self.read_completion = read_completion_date(self.store.items(self.case.id))
        if not self.completed_known.isChecked() and self.read_completion is not None:
            with QSignalBlocker(self.completed):
                self.completed.setDate(_qdate(self.read_completion[0]))
        self._update_completed_hint()

    def _prefill(self, case_id: int) -> None:
        assert self.case is not None
        empty = {"order_numbers": not self.order.text().strip(),
                 "amount": not self.amount.text().strip()}
        fields = {k: v for k, v in prefill(self.case, self.store.items(case_id)).items()
                  if empty[k]}
        if fields:
            case = self.store.update_case(case_id, **fields)
            self.case = None  # no saving while the widgets are filled
            self.order.setText(case.order_number)
            self.amount.setText(case.amount)
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
            "harm_known_on": _day(self.harm.date())
            if self.harm_known.isChecked() and self.harm.date() != NO_DATE else None,
            "requested_outcome": self.outcome.text().strip(),
            "description": self.description.text().strip(),
        }
        if all(getattr(self.case, k) == v for k, v in fields.items()):
            return
        self.case = self.store.update_case(self.case.id, **fields)
        self._update_completed_hint()
        self.changed.emit(self.case.id)


def _day(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
