"""Noticing changes made to the store by someone else (the CLI's `proofpack add` run
while the window is open): a cheap query every two seconds, a signal when the cases or
the open case's exhibits moved."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import SQLAlchemyError

from app.store.store import Store

logger = logging.getLogger(__name__)
INTERVAL_MS = 2000


class StoreWatcher(QObject):
    cases_changed = Signal()  # a case was added or removed
    items_changed = Signal()  # the open case's exhibits were added, removed or read

    def __init__(self, store: Store, case_id: Callable[[], int | None],
                 busy: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self.store, self.case_id, self.busy = store, case_id, busy
        self.seen: tuple[int | None, tuple[int, ...]] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def rebase(self) -> None:
        """What the window shows now is the store as it is (a case just loaded, a job of
        the window's own just ended)."""
        self.seen = None
        self.check()

    def check(self) -> None:
        if self.busy():  # the window's own job refreshes as it goes, and after
            self.seen = None
            return
        case_id = self.case_id()
        try:
            marks = self.store.change_marks(case_id)
        except SQLAlchemyError:
            logger.warning("could not look for changes in the store", exc_info=True)
            return
        before, self.seen = self.seen, (case_id, marks)
        if before is None or before[0] != case_id:
            return  # a new baseline
        if marks[:2] != before[1][:2]:
            self.cases_changed.emit()
        elif marks[2:] != before[1][2:]:
            self.items_changed.emit()
