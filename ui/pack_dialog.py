"""导出上传包: which channel, and for the channels that take a few pictures, which exhibits
(the checklist's choice, checked in its order, for the buyer to change), and a zip."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.case.rules import PackRules, load_packs, load_rules
from app.export.packs import choose_exhibits
from app.i18n import pick
from app.store.models import Case, EvidenceItem


@dataclass(frozen=True)
class PackChoice:
    channel: str
    picked: list[int]  # exhibit numbers, in the pack's order; [] for a printed bundle
    as_zip: bool


class PackDialog(QDialog):
    def __init__(self, case: Case, items: list[EvidenceItem], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出上传包"))
        self.case, self.items = case, items
        self.packs = load_packs()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("为哪个渠道准备？")))
        self.channels = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for n, (key, rules) in enumerate(self.packs.items()):
            button = QRadioButton(pick(rules.name))
            self.channels.addButton(button, n)
            self.buttons[key] = button
            layout.addWidget(button)
        self.how = QLabel()
        self.how.setWordWrap(True)
        self.how.setStyleSheet("color: #555")
        layout.addWidget(self.how)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.exhibits = QListWidget()
        layout.addWidget(self.exhibits, 1)
        self.as_zip = QCheckBox(self.tr("同时打包为一个 zip 文件"))
        layout.addWidget(self.as_zip)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                    | QDialogButtonBox.StandardButton.Cancel)
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.exhibits.itemChanged.connect(lambda _item: self._counted())
        self.channels.idToggled.connect(self._toggled)
        self.buttons[next(iter(self.packs))].setChecked(True)
        self.resize(560, 520)

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self._channel_chosen()

    def rules(self) -> PackRules:
        key = next(k for k, b in self.buttons.items() if b.isChecked())
        return self.packs[key]

    def _channel_chosen(self) -> None:
        rules = self.rules()
        self.how.setText(pick(rules.how))
        self.exhibits.blockSignals(True)
        self.exhibits.clear()
        order = choose_exhibits(self.case, self.items, None)
        room = rules.max_images or len(order)
        kinds = load_rules()
        for rank, number in enumerate(order):
            item = self.items[number - 1]
            row = QListWidgetItem(self.tr("证据{0} · {1} · {2}").format(
                number, kinds.kind_name(item.kind), item.original_name))
            row.setData(Qt.ItemDataRole.UserRole, number)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if rank < room else
                              Qt.CheckState.Unchecked)
            self.exhibits.addItem(row)
        self.exhibits.blockSignals(False)
        self.exhibits.setEnabled(rules.images)
        self._counted()

    def picked(self) -> list[int]:
        rows = (self.exhibits.item(i) for i in range(self.exhibits.count()))
        return [int(r.data(Qt.ItemDataRole.UserRole)) for r in rows
                if r.checkState() == Qt.CheckState.Checked]

    def _counted(self) -> None:
        rules, chosen = self.rules(), len(self.picked())
        ok = not rules.images or (chosen > 0 and (not rules.max_images
                                                  or chosen <= rules.max_images))
        if rules.id == "lawsuit":
            text = self.tr("打印完整的证据材料（A4），起诉状草稿和证据目录在前")
        elif not rules.images:
            text = self.tr("打印完整的证据材料（A4），投诉书在前")
        elif rules.max_images:
            text = self.tr("已选 {0} 张，最多 {1} 张（按清单的重要程度预选，可更改）").format(
                chosen, rules.max_images)
        else:
            text = self.tr("已选 {0} 张图片，另附完整的 PDF 证据材料").format(chosen)
        self.count.setText(text)
        self.count.setStyleSheet("" if ok else "color: #b3261e")
        ok_button = self.box.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(ok)

    def choice(self) -> PackChoice:
        rules = self.rules()
        return PackChoice(rules.id, self.picked() if rules.images else [],
                          self.as_zip.isChecked())
