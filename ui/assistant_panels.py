"""The complaint assistant in the window: the letter, the progress log, the channel guide."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.case.clocks import FollowUp, proposed_follow_up
from app.case.letter import FORM_LIMIT, char_count, draft_letter
from app.case.progress import (
    STATUSES,
    SentPack,
    channel_name,
    is_overdue,
    sent_packs,
    status_name,
)
from app.case.rules import load_channels
from app.i18n import pick
from app.store.models import Case, Submission
from app.store.store import Store

SAVE_DELAY_MS = 600  # the letter is saved this long after the last keystroke
COLUMNS = ("date", "channel", "reference", "status", "follow_up")


class LetterPanel(QWidget):
    """The complaint letter: a draft from the case, edited by the buyer and remembered."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.case: Case | None = None
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("选择一个案件后，这里会生成投诉书草稿"))
        self.editor.textChanged.connect(self._edited)
        self.count = QLabel()
        self.btn_copy = QPushButton(self.tr("复制全文"))
        self.btn_copy.setToolTip(self.tr("复制后粘贴到平台或 12315 的在线投诉表单"))
        self.btn_copy.clicked.connect(self.copy)
        self.btn_redraft = QPushButton(self.tr("重新生成草稿"))
        self.btn_redraft.setToolTip(self.tr("按案件信息和证据重新生成（会替换你的修改）"))
        self.btn_redraft.clicked.connect(lambda: self.redraft())
        buttons = QHBoxLayout()
        buttons.addWidget(self.count, 1)
        buttons.addWidget(self.btn_redraft)
        buttons.addWidget(self.btn_copy)
        hint = QLabel(self.tr("语气平和、只陈述事实；提交前补上姓名和电话。修改会自动保存，"
                              "并用于导出的 PDF。"))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self.setEnabled(False)

    def show_case(self, case: Case | None) -> None:
        self.save()
        self.case = case
        self.setEnabled(case is not None)
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(self._text() if case else "")
        self._update_count()

    def _text(self) -> str:
        assert self.case is not None and self.case.id is not None
        if self.case.letter_text.strip():
            return self.case.letter_text
        return draft_letter(self.case, self.store.items(self.case.id),
                            self.store.submissions(self.case.id))

    def refresh_draft(self) -> None:
        """New evidence or facts: an unedited draft follows them; an edited letter stays."""
        if self.case is not None and self.case.id is not None:
            self.case = self.store.get_case(self.case.id)
            if self.case is not None and not self.case.letter_text.strip():
                with QSignalBlocker(self.editor):
                    self.editor.setPlainText(self._text())
                self._update_count()

    def _edited(self) -> None:
        self._update_count()
        self._save_timer.start()

    def save(self) -> None:
        self._save_timer.stop()
        if self.case is None or self.case.id is None:
            return
        text = self.editor.toPlainText()
        draft = draft_letter(self.case, self.store.items(self.case.id),
                             self.store.submissions(self.case.id))
        # Unchanged from the draft: keep following the case instead of freezing it.
        stored = "" if text == draft else text
        if stored != self.case.letter_text:
            self.case = self.store.update_case(self.case.id, letter_text=stored)

    def redraft(self) -> None:
        """A fresh draft; an edited letter is replaced only when the buyer says so."""
        if self.case is None or self.case.id is None:
            return
        self.save()  # an edit typed a moment ago counts as an edit too
        if self.case.letter_text.strip():
            answer = QMessageBox.question(self, self.tr("重新生成草稿"),
                                          self.tr("重新生成会替换你对投诉书的修改，确定吗？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.case = self.store.update_case(self.case.id, letter_text="")
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(self._text())
        self._update_count()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.editor.toPlainText())
        self.count.setText(self.count.text() + self.tr("　已复制"))

    def _update_count(self) -> None:
        n = char_count(self.editor.toPlainText())
        self.count.setText(self.tr("共 {0} 字").format(n) if n <= FORM_LIMIT else
                           self.tr("共 {0} 字，超过在线表单常见的 {1} 字上限，请精简")
                           .format(n, FORM_LIMIT))
        self.count.setStyleSheet("" if n <= FORM_LIMIT else "color: #c0392b")


class SubmissionDialog(QDialog):
    """Record or edit one complaint submission."""

    def __init__(self, parent: QWidget | None, sub: Submission | None = None,
                 packs: list[SentPack] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("投诉记录"))
        # What was sent, as the chain of custody recorded each export and pack.
        self.sent = QComboBox()
        self.sent.addItem(self.tr("（未记录）"), "")
        for pack in packs or []:
            self.sent.addItem(pack.describe(), pack.entry)
        self.submitted_on = QDateEdit(QDate.currentDate())
        self.submitted_on.setCalendarPopup(True)
        self.submitted_on.setDisplayFormat("yyyy-MM-dd")
        self.channel = QComboBox()
        self.channel.setEditable(True)
        for ch in load_channels().channels:
            self.channel.addItem(str(pick(ch.name)), ch.id)
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("受理编号或投诉单号"))
        self.status = QComboBox()
        for key in STATUSES:
            self.status.addItem(status_name(key), key)
        self.replies = QPlainTextEdit()
        self.replies.setPlaceholderText(self.tr("对方的答复、处理结果"))
        self.replies.setMaximumHeight(90)
        self.has_follow_up = QCheckBox(self.tr("提醒跟进"))
        self.follow_up = QDateEdit()
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setDisplayFormat("yyyy-MM-dd")
        self.follow_up_why = QLabel()
        self.follow_up_why.setWordWrap(True)
        self.follow_up_why.setStyleSheet("color: #666")
        self.has_follow_up.toggled.connect(self.follow_up.setEnabled)
        # The follow-up follows the channel's clock (app.case.clocks) until the buyer sets
        # it themselves.
        self.follow_up_set = False
        self.follow_up.userDateChanged.connect(self._follow_up_chosen)
        self.submitted_on.dateChanged.connect(lambda _day: self._propose_follow_up())
        self.channel.currentIndexChanged.connect(lambda _i: self._propose_follow_up())
        self.status.currentIndexChanged.connect(lambda _i: self._propose_follow_up())
        self._propose_follow_up()
        self.has_follow_up.setChecked(True)
        follow = QHBoxLayout()
        follow.addWidget(self.has_follow_up)
        follow.addWidget(self.follow_up, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("投诉日期"), self.submitted_on)
        form.addRow(self.tr("渠道"), self.channel)
        form.addRow(self.tr("受理编号"), self.reference)
        form.addRow(self.tr("状态"), self.status)
        form.addRow(self.tr("提交的材料"), self.sent)
        form.addRow(self.tr("答复"), self.replies)
        form.addRow(self.tr("下次跟进"), follow)
        form.addRow("", self.follow_up_why)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if sub is not None:
            self._load(sub)

    def _follow_up_chosen(self) -> None:
        self.follow_up_set = True
        self.follow_up_why.setVisible(False)

    def _proposal(self) -> FollowUp:
        channel = self.channel.currentData() or self.channel.currentText()
        day = self.submitted_on.date()
        return proposed_follow_up(str(channel), str(self.status.currentData()),
                                  date(day.year(), day.month(), day.day()))

    def _propose_follow_up(self) -> None:
        proposal = self._proposal()
        self.follow_up_why.setText(proposal.describe())
        self.follow_up_why.setVisible(not self.follow_up_set)
        if not self.follow_up_set:
            with QSignalBlocker(self.follow_up):
                self.follow_up.setDate(QDate(proposal.day))

    def _load(self, sub: Submission) -> None:
        self.submitted_on.setDate(QDate(sub.submitted_on))
        index = self.channel.findData(sub.channel)
        if index >= 0:
            self.channel.setCurrentIndex(index)
        else:
            self.channel.setEditText(sub.channel)
        self.reference.setText(sub.reference)
        self.status.setCurrentIndex(max(0, self.status.findData(sub.status)))
        self.replies.setPlainText(sub.replies)
        self.sent.setCurrentIndex(max(0, self.sent.findData(sub.sent)))
        self.has_follow_up.setChecked(sub.next_follow_up is not None)
        if sub.next_follow_up is not None:
            with QSignalBlocker(self.follow_up):
                self.follow_up.setDate(QDate(sub.next_follow_up))
            # A saved follow-up that is not the channel's proposal was chosen: keep it.
            self.follow_up_set = sub.next_follow_up != self._proposal().day
            self.follow_up_why.setVisible(not self.follow_up_set)

    def values(self) -> dict[str, Any]:
        text = self.channel.currentText().strip()
        index = self.channel.findText(text)
        channel = self.channel.itemData(index) if index >= 0 else text
        return {
            "submitted_on": self.submitted_on.date().toPython(),
            "channel": channel or text,
            "reference": self.reference.text().strip(),
            "status": self.status.currentData(),
            "replies": self.replies.toPlainText().strip(),
            "sent": self.sent.currentData() or "",
            "next_follow_up": self.follow_up.date().toPython()
            if self.has_follow_up.isChecked() else None,
        }


class ProgressPanel(QWidget):
    """The progress log: each complaint filed, its status and the next follow-up."""

    changed = Signal()

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.case_id: int | None = None
        self.rows: list[Submission] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("渠道"), self.tr("受理编号"),
                                              self.tr("状态"), self.tr("下次跟进")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("channel"), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.btn_add = QPushButton(self.tr("记录一次投诉"))
        self.btn_add.clicked.connect(lambda: self.add())
        self.btn_edit = QPushButton(self.tr("修改"))
        self.btn_edit.clicked.connect(lambda: self.edit_selected())
        self.btn_remove = QPushButton(self.tr("删除"))
        self.btn_remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        for b in (self.btn_add, self.btn_edit, self.btn_remove):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.setEnabled(False)

    def _packs(self) -> list[SentPack]:
        return sent_packs(self.store.custody(self.case_id)) if self.case_id else []

    def _show_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.details.setText("")
            return
        sub = self.rows[row]
        lines = [self.tr("受理编号：{0}").format(sub.reference or "—")]
        if sub.replies:
            lines.append(self.tr("答复：{0}").format(sub.replies))
        pack = next((p for p in self._packs() if p.entry == sub.sent), None)
        if pack is not None:  # exactly what went where: each file and its SHA-256
            lines.append(self.tr("提交的材料：{0}").format(pack.describe()))
            lines += [f"  {name}  SHA-256 {digest}" for name, digest in pack.files.items()]
        self.details.setText("\n".join(lines))

    def show_case(self, case_id: int | None) -> None:
        self.case_id = case_id
        self.setEnabled(case_id is not None)
        self.reload()

    def reload(self) -> None:
        self.rows = self.store.submissions(self.case_id) if self.case_id else []
        self.table.setRowCount(len(self.rows))
        today = date.today()
        late = 0
        for r, sub in enumerate(self.rows):
            overdue = is_overdue(sub, today)
            late += overdue
            follow = sub.next_follow_up.isoformat() if sub.next_follow_up else ""
            cells = [sub.submitted_on.isoformat(), channel_name(sub.channel), sub.reference,
                     status_name(sub.status), follow + (self.tr("（已逾期）") if overdue else "")]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(" · ".join(x for x in (sub.reference, sub.replies) if x)
                                or text)
                if overdue:
                    cell.setForeground(QColor("#c0392b"))
                self.table.setItem(r, c, cell)
        self.table.resizeRowsToContents()
        self._show_selected()
        if not self.rows:
            self.summary.setText(self.tr("还没有投诉记录。每次向平台、12315 等渠道投诉后，"
                                         "在这里记下日期和受理编号，按时跟进。"))
        elif late:
            self.summary.setText(self.tr("有 {0} 项投诉已到跟进日期，请联系受理方询问进展")
                                 .format(late))
        else:
            self.summary.setText(self.tr("共 {0} 条投诉记录").format(len(self.rows)))
        self.summary.setStyleSheet("color: #c0392b" if late else "")

    def overdue_count(self) -> int:
        return sum(is_overdue(s) for s in self.rows)

    def add(self, values: dict[str, Any] | None = None) -> None:
        if self.case_id is None:
            return
        if values is None:
            dialog = SubmissionDialog(self, packs=self._packs())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
        self.store.add_submission(Submission(case_id=self.case_id, **values))
        self.reload()
        self.changed.emit()

    def edit_selected(self, values: dict[str, Any] | None = None) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or self.rows[row].id is None:
            return
        if values is None:
            dialog = SubmissionDialog(self, self.rows[row], self._packs())
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
        self.store.update_submission(self.rows[row].id, **values)  # type: ignore[arg-type]
        self.reload()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows) or self.rows[row].id is None:
            return
        answer = QMessageBox.question(self, self.tr("删除投诉记录"),
                                      self.tr("删除这条投诉记录？"))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.remove_submission(self.rows[row].id)  # type: ignore[arg-type]
            self.reload()
            self.changed.emit()


class ChannelGuide(QTextBrowser):
    """Where to complain, when each channel fits, and what to prepare."""

    def __init__(self) -> None:
        super().__init__()
        self.setOpenExternalLinks(False)
        guide = load_channels()
        title, when, prepare = self.tr("投诉渠道指南"), self.tr("适用："), self.tr("准备：")
        tips = self.tr("投诉要点")
        parts = [f"<h3>{escape(title)}</h3>"]
        for ch in guide.channels:
            parts.append(
                f"<p><b>{escape(pick(ch.name))}</b><br/>{escape(pick(ch.contact))}<br/>"
                f"<span style='color:#1f4e79'>{escape(when)}</span>{escape(pick(ch.when))}<br/>"
                f"<span style='color:#1f4e79'>{escape(prepare)}</span>"
                f"{escape(pick(ch.prepare))}</p>")
        parts.append(f"<h4>{escape(tips)}</h4><ul>")
        parts += [f"<li>{escape(tip)}</li>" for tip in pick(guide.tips)]
        parts.append("</ul>")
        self.setHtml("".join(parts))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
