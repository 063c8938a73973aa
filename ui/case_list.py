"""The cases on the left: the list, the trash, and creating, renaming and deleting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.case.rules import load_rules
from app.store.models import Case
from app.store.store import Store

CaseIdRole = Qt.ItemDataRole.UserRole + 10


class CaseList(QWidget):
    case_selected = Signal(object)  # the Case now chosen, or None

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.list = QListWidget()
        self.list.setToolTip(self.tr("你的投诉案件"))
        self.list.currentItemChanged.connect(lambda *_: self._emit_selected())
        self.empty_hint = QLabel(self.tr("还没有案件。点“新建”，或直接把截图拖进窗口，"
                                         "会自动新建一个案件。"))
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setStyleSheet("color: #777")
        self.show_trash = QCheckBox(self.tr("回收站"))
        self.show_trash.toggled.connect(lambda _on: self.reload())
        self.btn_new = self._button(self.tr("新建"), self.new_case)
        self.btn_rename = self._button(self.tr("重命名"), self.rename_case)
        self.btn_delete = self._button(self.tr("删除"), self.delete_case)
        self.btn_delete.setToolTip(self.tr("移到回收站，可恢复"))
        self.btn_restore = self._button(self.tr("恢复"), self.restore_case)
        self.btn_empty = self._button(self.tr("清空回收站"), self.empty_trash)
        # Two columns: the panel stays narrow enough for a 1024 px screen.
        buttons = QGridLayout()
        for n, b in enumerate((self.btn_new, self.btn_rename, self.btn_delete,
                               self.btn_restore, self.btn_empty)):
            buttons.addWidget(b, n // 2, n % 2)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("案件")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.show_trash)
        layout.addLayout(buttons)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def current_case(self) -> Case | None:
        entry = self.list.currentItem()
        return None if entry is None else self.store.get_case(entry.data(CaseIdRole))

    def _emit_selected(self) -> None:
        case = self.current_case()
        active = case is not None and case.deleted_at is None
        self.btn_rename.setEnabled(active)
        self.btn_delete.setEnabled(active)
        self.case_selected.emit(case)

    def reload(self, select: int | None = None) -> None:
        current = self.current_case()
        wanted = select if select is not None else (current.id if current else None)
        trashed = self.show_trash.isChecked()
        self.list.blockSignals(True)
        self.list.clear()
        for case in self.store.list_cases(trashed=trashed):
            entry = QListWidgetItem(case.title)
            entry.setData(CaseIdRole, case.id)
            entry.setToolTip(load_rules().complaint_type(case.complaint_type).name())
            self.list.addItem(entry)
            if case.id == wanted:
                self.list.setCurrentItem(entry)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.empty_hint.setVisible(self.list.count() == 0 and not trashed)
        for b in (self.btn_new, self.btn_rename, self.btn_delete):
            b.setVisible(not trashed)
        for b in (self.btn_restore, self.btn_empty):
            b.setVisible(trashed)
        self._emit_selected()

    def retitle_current(self, title: str) -> None:
        entry = self.list.currentItem()
        if entry is not None:
            entry.setText(title)

    def add_case(self, title: str) -> Case:
        """A new case, shown and selected."""
        self.show_trash.setChecked(False)
        case = self.store.create_case(title)
        self.reload(select=case.id)
        return case

    def new_case(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("新建案件"),
                                         self.tr("案件名称（例如：耳机左耳无声）"))
        if ok and title.strip():
            self.add_case(title.strip())

    def rename_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("重命名案件"), self.tr("案件名称"),
                                         text=case.title)
        if ok and title.strip():
            self.store.update_case(case.id, title=title.strip())
            self.reload()

    def delete_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除案件"),
            self.tr("把案件“{0}”移到回收站？\n证据文件会保留，可以从回收站恢复。").format(case.title))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.trash_case(case.id)
            self.reload()

    def restore_case(self) -> None:
        case = self.current_case()
        if case is not None and case.id is not None:
            self.store.restore_case(case.id)
            self.show_trash.setChecked(False)
            self.reload(select=case.id)

    def empty_trash(self) -> None:
        answer = QMessageBox.warning(
            self, self.tr("清空回收站"),
            self.tr("永久删除回收站中的所有案件及其证据？此操作无法撤销。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.store.empty_trash()
            self.reload()
