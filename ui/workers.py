"""Background jobs: import + OCR and PDF export run off the GUI thread.

Each job is a QRunnable on the global QThreadPool; OCR inside it fans out to a process
pool (app.intake), so the window never waits on Tesseract.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Signal

from app.export.bundle import ExportOptions, export_case
from app.export.packs import export_pack
from app.intake import analyse_items, import_and_analyse
from app.store.importer import ImportOutcome, ImportReport
from app.store.media_import import set_video_frames
from app.store.store import Store
from app.store.thumbnails import thumbnail_path
from app.store.verify import VerifyReport, verify_store
from ui.pack_dialog import PackChoice

logger = logging.getLogger(__name__)


class JobSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(object)  # the job's result
    failed = Signal(str)


class Job(QRunnable):
    # The stages a job goes through, in order, as it reports them in progress: the
    # status bar counts them ("step 1 of 2").
    stages: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            try:
                result = self.work()
            except Exception as exc:  # the window reports it; the job must not take it down
                if self.cancelled and isinstance(exc, RuntimeError):
                    raise  # its window closed (and cancelled it) while it ran
                logger.exception("%s failed", type(self).__name__)
                # Core errors meant for users (ArchiveError, StoreUnavailable) carry a
                # message().
                message = getattr(exc, "message", None)
                self.signals.failed.emit(message() if callable(message) else str(exc))
                return
            self.signals.finished.emit(result)
        except RuntimeError:  # the window closed while the job ran: nobody to tell
            logger.info("%s ended after its window closed", type(self).__name__)

    def work(self) -> Any:
        raise NotImplementedError


class ImportJob(Job):
    """Import files (or pasted images), then OCR what was imported."""

    stages = ("import", "ocr")

    def __init__(self, store: Store, case_id: int, paths: list[Path] | None = None,
                 pasted: list[tuple[bytes, str]] | None = None) -> None:
        super().__init__()
        self.store, self.case_id = store, case_id
        self.paths = paths or []
        self.pasted = pasted or []

    def work(self) -> ImportReport:
        def step(label: str) -> Callable[[int, int, Any], None]:
            def report(done: int, total: int, _what: Any) -> None:
                self.signals.progress.emit(done, total, label)
            return report

        def imported(done: int, total: int, outcome: ImportOutcome) -> None:
            self._make_thumbnail(outcome)
            self.signals.progress.emit(done, total, "import")

        return import_and_analyse(self.store, self.case_id, self.paths, self.pasted,
                                  on_import=imported, on_ocr=step("ocr"),
                                  should_cancel=lambda: self.cancelled)


    def _make_thumbnail(self, outcome: ImportOutcome) -> None:
        # Here, not in the grid: decoding a full screenshot on the GUI thread stalls it.
        if outcome.status == "imported" and outcome.item_id is not None:
            item = self.store.get_item(outcome.item_id)
            if item is not None:
                # On failure the grid shows a blank tile; the evidence itself is safe.
                with contextlib.suppress(OSError):
                    thumbnail_path(self.store, item)


class AnalyseJob(Job):
    """OCR items that have not been read yet, or were read by an older extractor."""

    def __init__(self, store: Store, case_id: int, item_ids: list[int]) -> None:
        super().__init__()
        self.store, self.case_id, self.item_ids = store, case_id, set(item_ids)

    def work(self) -> int:
        items = [i for i in self.store.items(self.case_id) if i.id in self.item_ids]
        analyse_items(self.store, items,
                      on_progress=lambda done, total, *_: self.signals.progress.emit(
                          done, total, "ocr"),
                      should_cancel=lambda: self.cancelled)
        return len(items)


class FramesJob(Job):
    """A video's contact sheet drawn again at the frames the buyer chose, then read."""

    stages = ("frames", "ocr")

    def __init__(self, store: Store, item_id: int, moments: list[float]) -> None:
        super().__init__()
        self.store, self.item_id, self.moments = store, item_id, moments

    def work(self) -> int:
        item = self.store.get_item(self.item_id)
        if item is None:
            return 0
        self.signals.progress.emit(0, 1, "frames")
        item = set_video_frames(self.store, item, self.moments)
        analyse_items(self.store, [item], on_progress=lambda done, total, *_:
                      self.signals.progress.emit(done, total, "ocr"),
                      should_cancel=lambda: self.cancelled)
        return 1


class ExportJob(Job):
    stages = ("ocr", "export")

    def __init__(self, store: Store, case_id: int, output: Path, options: ExportOptions
                 ) -> None:
        super().__init__()
        self.store, self.case_id, self.output = store, case_id, output
        options.on_progress = lambda done, total: self.signals.progress.emit(done, total,
                                                                             "export")
        self.options = options

    def work(self) -> list[Path]:
        self._read_unread()
        return export_case(self.store, self.case_id, self.output, self.options)

    def _read_unread(self) -> None:
        # Exhibits not read yet are read first: their personal data must be found.
        import_and_analyse(self.store, self.case_id,
                           on_ocr=lambda done, total, *_: self.signals.progress.emit(
                               done, total, "ocr"),
                           should_cancel=lambda: self.cancelled)


class PackJob(ExportJob):
    """A channel's upload pack (app.export.packs): the folder, and the zip if asked."""

    def __init__(self, store: Store, case_id: int, output: Path, options: ExportOptions,
                 choice: PackChoice) -> None:
        super().__init__(store, case_id, output, options)
        self.choice = choice

    def work(self) -> list[Path]:
        self._read_unread()
        pack = export_pack(self.store, self.case_id, self.choice.channel, self.output,
                           self.options, self.choice.picked, self.choice.as_zip)
        return [pack.folder, *([pack.archive] if pack.archive else [])]


class VerifyJob(Job):
    """Re-hash every original in the store (the store check)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def work(self) -> VerifyReport:
        return verify_store(self.store, on_progress=lambda done, total: (
            self.signals.progress.emit(done, total, "verify")))


class CallJob(Job):
    """Run one core call off the GUI thread (archive export and import)."""

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__()
        self.call = call

    def work(self) -> Any:
        return self.call()
