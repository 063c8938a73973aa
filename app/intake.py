"""Importing and reading evidence: the one import-then-analyse path, and OCR for batches
(scanning files across processes and storing what was found)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from app.executor import WorkerDied, default_workers, map_in_worker
from app.i18n import t
from app.ocr.engine import ocr_status
from app.ocr.recognize import OcrSession
from app.ocr.scan import (
    EXTRACTOR_VERSION,
    RecognitionCache,
    ScanResult,
    init_ocr_worker,
    scan_files,
)
from app.ocr.textlayer import text_layer_recognition
from app.privacy.redaction import merge_suggestions
from app.store.importer import ImportOutcome, ImportReport, import_image_bytes, import_paths
from app.store.media_import import text_layer_path
from app.store.models import EvidenceItem
from app.store.store import Store

# (files done, total, index of the file in the input, its result)
ScanProgress = Callable[[int, int, int, ScanResult], None]


# A job: one file, the cache, its reference date. What a run yields: (job, its result).
Job = tuple[list[Path], RecognitionCache | None, list[date | None]]
Done = Iterator[tuple[int, list[ScanResult]]]


def run_here(jobs: list[Job], should_cancel: Callable[[], bool] | None) -> Done:
    """Jobs in this process, one after another, with Tesseracts of their own (ended
    after): a small import beside the window's other work."""
    setup = ocr_status().setup
    session = OcrSession(setup) if setup else None
    try:
        for n, job in enumerate(jobs):
            if should_cancel and should_cancel():
                break
            yield n, scan_files(*job, session)
    finally:
        if session:
            session.close()


def run_in_worker(jobs: list[Job], threads: int,
                  should_cancel: Callable[[], bool] | None) -> Done:
    """Jobs in the OCR worker process, on `threads` threads, results as they finish. A
    worker that dies (out of memory, killed) fails only the files it held, which can be
    scanned again."""
    for n, found in map_in_worker(scan_files, jobs, threads, init_ocr_worker,
                                  (os.getpid(),), should_cancel):
        if isinstance(found, WorkerDied):
            found = [ScanResult("", error=t("ocr.failed", detail=found), error_key="ocr.failed")
                     for _ in jobs[n][0]]
        yield n, found


def scan_many(
    paths: Sequence[Path],
    cache_dir: Path | None = None,
    references: Sequence[date | None] | None = None,
    workers: int | None = None,
    on_progress: ScanProgress | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[ScanResult | None]:
    """Scan files in parallel; results in input order (None where cancelled).
    One job a file, an executor (this process, or the OCR worker's threads), the results
    recorded."""
    refs = list(references) if references is not None else [None] * len(paths)
    results: list[ScanResult | None] = [None] * len(paths)
    workers = workers or default_workers(len(paths))
    cache = RecognitionCache(cache_dir) if cache_dir else None
    jobs: list[Job] = [([path], cache, [ref]) for path, ref in zip(paths, refs, strict=True)]
    done = run_here(jobs, should_cancel) if workers <= 1 or len(jobs) <= 1 else \
        run_in_worker(jobs, workers, should_cancel)
    for finished, (n, (result,)) in enumerate(done, start=1):
        results[n] = result
        if on_progress:
            on_progress(finished, len(paths), n, result)
    return results


def apply_scan(store: Store, item: EvidenceItem, result: ScanResult) -> EvidenceItem:
    """Record a scan on an item. A kind the user chose is kept."""
    assert item.id is not None
    if result.error:
        status = "unavailable" if result.error_key.startswith("ocr.missing") else "failed"
        return store.update_item(item.id, ocr_status=status, ocr_error=result.error)
    fields: dict[str, object] = {
        "ocr_status": "done",
        "ocr_error": "",
        "ocr_text": result.text,
        "extractor_version": EXTRACTOR_VERSION,
        "order_numbers": result.order_numbers,
        "timestamps": result.timestamps,
        "amounts": result.amounts,
        "facts": result.facts,
        "redactions": merge_suggestions(item.redactions, result.sensitive),
        "read_doubt": result.read_doubt,
    }
    if not item.kind_confirmed and item.media not in ("video", "audio"):
        fields["kind"] = result.kind
    return store.update_item(item.id, read_by=result.engines, **fields)


def reference_date(item: EvidenceItem) -> date:
    # Local date: a screenshot's 昨天 is relative to the buyer's own calendar.
    return (item.source_modified_at or item.imported_at).astimezone().date()


def analyse_items(
    store: Store,
    items: Sequence[EvidenceItem],
    workers: int | None = None,
    on_progress: Callable[[int, int, EvidenceItem], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> list[EvidenceItem]:
    """OCR the given items and store the results; returns the updated items. A PDF's
    text layer stands in for OCR (put in the recognition cache under its face's hash)."""
    cache_dir = store.data_dir / "cache" / "ocr"
    cache = RecognitionCache(cache_dir)
    for item in items:
        if item.media == "pdf":
            _cache_text_layer(store, item, cache)
    paths = [store.picture_path(item) for item in items]
    updated: list[EvidenceItem] = []

    def progress(done: int, total: int, index: int, result: ScanResult) -> None:
        updated.append(apply_scan(store, items[index], result))
        if on_progress:
            on_progress(done, total, updated[-1])

    scan_many(paths, cache_dir, [reference_date(i) for i in items], workers, progress,
              should_cancel)
    return updated


def _cache_text_layer(store: Store, item: EvidenceItem, cache: RecognitionCache) -> None:
    try:
        runs = json.loads(text_layer_path(store, item.sha256).read_text("utf-8"))
    except (OSError, ValueError):
        return  # no text layer (a scan): the pages are OCRed
    cache.put(item.face_sha256, text_layer_recognition(runs, item.width, item.height))


def needs_reading(item: EvidenceItem) -> bool:
    """Imported but never read (OCR off, failed, or the import was killed mid-OCR), or
    read by an older extractor. A recording has nothing to read."""
    if item.media == "audio":
        return False
    return item.ocr_status in ("pending", "unavailable") or (
        item.ocr_status == "done" and item.extractor_version != EXTRACTOR_VERSION)


def import_and_analyse(
    store: Store,
    case_id: int,
    paths: Sequence[Path] = (),
    pasted: Sequence[tuple[bytes, str]] = (),
    ocr: bool = True,
    on_import: Callable[[int, int, ImportOutcome], None] | None = None,
    on_ocr: Callable[[int, int, EvidenceItem | None], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    """The one import path: copy the files (and pasted images) into the store, then read
    the new items and any of the case's items still waiting to be read. The CLI's `add`
    and the window both go through here."""
    report = import_paths(store, case_id, list(paths), on_progress=on_import,
                          should_cancel=should_cancel)
    for data, name in pasted:
        outcome = import_image_bytes(store, case_id, data, name)
        report.outcomes.append(outcome)
        if on_import:
            on_import(len(report.outcomes), len(report.outcomes), outcome)
    cancelled = should_cancel is not None and should_cancel()
    report.cancelled = report.cancelled or cancelled
    if not ocr or cancelled:
        return report
    status = ocr_status()
    if not status.available:
        report.ocr_problem = status.message()
        return report
    waiting = [i for i in store.items(case_id) if needs_reading(i)]
    if waiting:
        if on_ocr:  # at once: starting the engines takes seconds, and the import is done
            on_ocr(0, len(waiting), None)
        analyse_items(store, waiting, on_progress=on_ocr, should_cancel=should_cancel)
    return report
