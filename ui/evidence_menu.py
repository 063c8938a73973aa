"""The right-click menu of the evidence grid: what a buyer does to one screenshot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMenu, QWidget

from app.case.rules import KINDS, load_rules
from app.store.models import EvidenceItem
from app.store.store import Store


class EvidenceMenu(QMenu):
    def __init__(self, store: Store, items: list[EvidenceItem], remove: QAction,
                 show_details: Callable[[], None], changed: Callable[[], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.items, self.changed = store, items, changed
        if len(items) == 1:
            self.addAction(self.tr("查看详情"), show_details)
            self.addAction(self.tr("打开原图"), lambda: self._open(items[0], folder=False))
            self.addAction(self.tr("打开所在文件夹"), lambda: self._open(items[0], folder=True))
            self.addSeparator()
        kinds = self.addMenu(self.tr("设为"))
        for kind in KINDS:
            action = kinds.addAction(load_rules().kind_name(kind))
            action.setCheckable(True)
            action.setChecked(all(i.kind == kind for i in items))
            action.triggered.connect(lambda _on=False, k=kind: self._set_kind(k))
        self.addSeparator()
        self.addAction(remove)

    def _set_kind(self, kind: str) -> None:
        for item in self.items:
            if item.id is not None:
                self.store.update_item(item.id, kind=kind, kind_confirmed=True)
        self.changed()

    def _open(self, item: EvidenceItem, folder: bool) -> None:
        # The stored original is read-only: a viewer can show it but not change it.
        path = self.store.item_path(item)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if folder else path)))

    def popup_at(self, view: QWidget, pos: QPoint) -> None:
        self.exec(view.mapToGlobal(pos))
