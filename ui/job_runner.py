"""One background job at a time, with its progress and a cancel button in the status bar.

The window starts jobs through `start`; the runner shows progress in words (which stage,
how far), lets the buyer cancel, and reports failures as error boxes that name the log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QWidget,
)

from ui.errors import show_error
from ui.workers import Job

STATUS_CHARS = 120


class JobRunner(QObject):
    progressed = Signal(int, int, str)  # done, total, stage
    idle = Signal()  # the job ended, whichever way

    def __init__(self, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.pool = QThreadPool.globalInstance()
        self.job: Job | None = None
        self._on_finished: Callable[[Any], None] = lambda _result: None
        self.error_box: QMessageBox | None = None
        self.status = QLabel()
        # A long message is cut at the window's edge, never widens the window.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.hide()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(lambda _checked=False: self.cancel())
        # Permanent widgets: a hovered action's status tip must not hide the progress.
        status_bar.addPermanentWidget(self.status, 1)
        status_bar.addPermanentWidget(self.bar)
        status_bar.addPermanentWidget(self.cancel_button)

    @property
    def busy(self) -> bool:
        return self.job is not None

    def say(self, text: str) -> None:
        """One line in the status bar (a long message's first line; all of it on hover):
        a multi-line error must not push the window's layout apart."""
        first = text.strip().splitlines()[0] if text.strip() else ""
        self.status.setText(first if len(first) <= STATUS_CHARS else first[:STATUS_CHARS] + "…")
        self.status.setToolTip(text if text != first else "")

    def start(self, job: Job, on_finished: Callable[[Any], None]) -> bool:
        """Run `job` in the background; False (and a word to the buyer) if one is running."""
        if self.job is not None:
            self.say(self.tr("请等待当前任务完成"))
            return False
        self.job = job
        self._on_finished = on_finished
        # Bound methods, not lambdas: Qt drops the connections when this runner (and its
        # window) is destroyed, so a job that ends later has nobody to call.
        job.signals.progress.connect(self._progress)
        job.signals.failed.connect(self._failed)
        job.signals.finished.connect(self._finished)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.pool.start(job)
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.say(self.tr("正在取消……"))

    def _progress(self, done: int, total: int, stage: str) -> None:
        words = {"import": self.tr("正在导入"), "ocr": self.tr("正在识别文字"),
                 "export": self.tr("正在生成PDF"), "verify": self.tr("正在核验原件"),
                 "frames": self.tr("正在截取视频画面")}
        word = words.get(stage, stage)
        stages = self.job.stages if self.job is not None else ()
        if len(stages) > 1 and stage in stages:
            word = self.tr("第 {0}/{1} 步：{2}").format(stages.index(stage) + 1, len(stages), word)
        text = self.tr("{0} {1}/{2}").format(word, done, total)
        if stage == "ocr" and done == 0:
            text += self.tr("（正在启动识别引擎…）")  # the engines take seconds to load
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.say(text)
        self.progressed.emit(done, total, stage)

    def _end(self) -> None:
        self.job = None
        self.bar.hide()
        self.cancel_button.hide()
        self.idle.emit()

    def _finished(self, result: Any) -> None:
        on_finished = self._on_finished
        self._end()
        on_finished(result)

    def _failed(self, message: str) -> None:
        self._end()
        self.say(message)
        self.error_box = show_error(self.parent_widget, message)
