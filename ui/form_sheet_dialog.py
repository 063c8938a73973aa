"""12315 表单填写单: each field of the 12315 online form in its order, in large type, with a
copy button each (the form takes one field at a time, and may block pasting: then the
large type is there to retype from) and a live count where the form has a length limit."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.case.form12315 import FormField, form_fields
from app.i18n import pick
from app.store.models import Case
from app.store.store import Store

VALUE_POINTS = 15  # the values' type size: large enough to retype from at arm's length
LONG_VALUE = 30  # characters: a longer value wraps over lines instead of scrolling sideways


class FormSheetDialog(QDialog):
    def __init__(self, store: Store, case: Case, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("12315 投诉表单填写单"))
        assert case.id is not None
        self.fields = form_fields(case, store.items(case.id), store.submissions(case.id))
        self.values: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.counts: dict[str, QLabel] = {}
        self.copy_buttons: dict[str, QPushButton] = {}
        intro = QLabel(self.tr("按 12315 网上表单的顺序逐项复制粘贴；表单不能粘贴时，照着大字抄写。"
                               "“事情经过”可在这里删减到字数限制以内再复制（投诉书本身不变）。"))
        intro.setWordWrap(True)
        grid = QGridLayout()
        big = QFont(self.font())
        big.setPointSize(VALUE_POINTS)
        for row, field in enumerate(self.fields):
            name = pick(field.label)
            label = QLabel(f"<b>{name}</b>")
            count = QLabel()
            copy = QPushButton(self.tr("复制"))
            copy.setToolTip(self.tr("复制“{0}”，到 12315 表单中粘贴").format(name))
            copy.clicked.connect(lambda _checked=False, n=name: self._copy(n))
            value: QLineEdit | QPlainTextEdit
            if field.editable:  # the facts: shortened here if need be, counted as they change
                value = QPlainTextEdit(field.value)
                value.setMinimumHeight(200)
                value.textChanged.connect(lambda n=name, f=field: self._count(n, f))
            elif len(field.value) > LONG_VALUE:  # a request: wrapped, read whole at a glance
                value = QPlainTextEdit(field.value)
                value.setReadOnly(True)
                value.setFixedHeight(96)
            else:
                value = QLineEdit("" if field.missing else field.value)
                value.setReadOnly(True)
                value.setCursorPosition(0)
                if field.missing:  # nothing to copy: say where it is filled in
                    value.setPlaceholderText(self.tr("未填写：在案件信息的“当事人信息…”中填写"))
                    copy.setEnabled(False)
            value.setFont(big)
            self.values[name], self.counts[name], self.copy_buttons[name] = value, count, copy
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(count, row * 2, 1)
            grid.addWidget(copy, row * 2, 2)
            grid.addWidget(value, row * 2 + 1, 0, 1, 3)
            self._count(name, field)
        grid.setColumnStretch(1, 1)
        sheet = QWidget()
        sheet.setLayout(grid)
        scroll = QScrollArea()  # on a small screen the sheet scrolls, never squeezes
        scroll.setWidget(sheet)
        scroll.setWidgetResizable(True)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def text_of(self, name: str) -> str:
        value = self.values[name]
        return value.toPlainText() if isinstance(value, QPlainTextEdit) else value.text()

    def _count(self, name: str, field: FormField) -> None:
        counted = FormField(field.label, self.text_of(name), field.limit)
        label = self.counts[name]
        label.setText(self.tr("未填写") if field.missing else counted.counted())
        label.setStyleSheet("color: #b3261e; font-weight: bold"
                            if counted.over or field.missing else "color: #555")

    def _copy(self, name: str) -> None:
        QGuiApplication.clipboard().setText(self.text_of(name))
        self.status.setText(self.tr("已复制“{0}”，可到 12315 表单中粘贴").format(name))
