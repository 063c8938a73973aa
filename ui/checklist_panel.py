"""What evidence the complaint type needs, what is there, and how to get the rest."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.case.deadline import Deadline
from app.case.parties import lacks
from app.case.replies import ReplyGap
from app.case.rules import evaluate_checklist, load_rules
from app.store.models import Case


class ChecklistPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet("color: #c0392b")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deadline)
        layout.addWidget(self.gaps)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addStretch(0)  # with no case the list is hidden: the words sit at the top

    def update_for(self, case: Case | None, kinds: list[str],
                   deadline: Deadline | None = None, gaps: list[ReplyGap] | None = None
                   ) -> None:
        self.list.clear()
        complaint_type = case.complaint_type if case else None
        self._show_deadline(complaint_type, deadline)
        self.gaps.setText("\n".join(
            [self.tr("聊天记录显示卖家长时间未回复：")] + [g.describe() for g in gaps[:3]])
            if gaps else "")
        self.gaps.setVisible(bool(gaps))
        self.list.setVisible(complaint_type is not None)
        if complaint_type is None:
            self.heading.setText(self.tr(
                "选择或新建一个案件。\n\n这里会按投诉类型列出需要的证据（订单截图、聊天记录、"
                "付款凭证……），标出还缺什么，并算出平台投诉期限。"))
            return
        statuses = evaluate_checklist(complaint_type, kinds)
        missing = sum(not s.satisfied for s in statuses)
        name = load_rules().complaint_type(complaint_type).name()
        self.heading.setText(
            self.tr("{0}：还缺 {1} 项证据").format(name, missing) if missing
            else self.tr("{0}：所需证据已齐全").format(name))
        for status in statuses:
            label = status.item.label()
            line = self.tr("{0}（{1}/{2}）").format(label, status.count, status.item.min_count)
            if status.satisfied:
                entry = QListWidgetItem(f"✔ {line}")
                entry.setForeground(QColor("#1e8449"))
            else:
                entry = QListWidgetItem(f"✘ {line}\n    {status.item.hint()}")
                entry.setForeground(QColor("#c0392b"))
            entry.setToolTip(status.item.hint())
            self.list.addItem(entry)
        for line in lacks(case) if case else []:  # the details a channel requires
            entry = QListWidgetItem(f"ℹ {line}")
            entry.setForeground(QColor("#9a6700"))
            entry.setToolTip(self.tr("在「当事人信息…」中填写"))
            self.list.addItem(entry)

    def _show_deadline(self, complaint_type: str | None, deadline: Deadline | None) -> None:
        if complaint_type is None:
            self.deadline.setText("")
        elif deadline is None:
            self.deadline.setText(self.tr("填写订单完成日期（或导入含成交时间的订单截图），"
                                          "即可计算平台投诉期限"))
        else:
            self.deadline.setText(self.tr("{0}（{1}）").format(deadline.describe(),
                                                              deadline.source()))
        level = deadline.level if deadline else "ok"
        colour = {"ok": "#1e8449", "warn": "#c0392b", "passed": "#c0392b"}[level]
        weight = "bold" if level != "ok" else "normal"
        self.deadline.setStyleSheet(f"color: {colour}; font-weight: {weight}"
                                    if deadline else "color: #666")

    def missing_count(self) -> int:
        return sum(1 for i in range(self.list.count()) if self.list.item(i).text()[0] == "✘")
