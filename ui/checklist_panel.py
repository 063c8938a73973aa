"""What evidence the complaint type needs, what is there, and how to get the rest."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.rules import evaluate_checklist, load_rules


class ChecklistPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)

    def update_for(self, complaint_type: str | None, kinds: list[str]) -> None:
        self.list.clear()
        if complaint_type is None:
            self.heading.setText(self.tr("选择或新建一个案件"))
            return
        statuses = evaluate_checklist(complaint_type, kinds)
        missing = sum(not s.satisfied for s in statuses)
        name = load_rules().complaint_type(complaint_type).name()
        self.heading.setText(
            self.tr("{0}：还缺 {1} 项证据").format(name, missing) if missing
            else self.tr("{0}：所需证据已齐全").format(name))
        for status in statuses:
            label = status.item.label()
            count = f"{status.count}/{status.item.min_count}"
            if status.satisfied:
                entry = QListWidgetItem(f"✔ {label}（{count}）")
                entry.setForeground(QColor("#1e8449"))
            else:
                entry = QListWidgetItem(f"✘ {label}（{count}）\n    {status.item.hint()}")
                entry.setForeground(QColor("#c0392b"))
            entry.setToolTip(status.item.hint())
            self.list.addItem(entry)

    def missing_count(self) -> int:
        return sum(1 for i in range(self.list.count()) if self.list.item(i).text()[0] == "✘")
