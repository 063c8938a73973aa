"""Bringing files into a case: walk folders, copy originals into the store, check them.

Each file is copied to the store's temp dir while it is hashed, checked there (so the
original is only ever read once and never touched), then moved into place and recorded.
One bad file never stops the batch.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Literal

from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from app.evidence_types import (
    ALL_SUFFIXES,
    IMAGE,
    REFUSED_SUFFIXES,
    limit_for,
    type_of,
)
from app.files import NotARegularFile, TooLarge, open_regular, read_limited
from app.i18n import Refusal, t, t_params
from app.imaging import (
    MAX_FILE_BYTES,
    ImageInfo,
    ImageRejected,
    ImageSource,
    probe_image,
    shows_same_picture,
)
from app.store import custody
from app.store.blobs import StagedFile
from app.store.media_import import import_media
from app.store.models import EvidenceItem
from app.store.store import DISK_FULL_ERRNOS, Store

Status = Literal["imported", "duplicate", "error"]


@dataclass
class ImportOutcome:
    path: Path
    status: Status
    item_id: int | None = None
    message: str = ""  # translated reason, for errors and duplicates
    error_key: str = ""  # the i18n key of the error, stable for tests and the UI
    looks_like: int | None = None  # imported, but shows the same picture as this exhibit


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    cancelled: bool = False
    ocr_problem: str = ""  # why the new items were not read (no Tesseract), if so

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported_ids(self) -> list[int]:
        return [o.item_id for o in self.outcomes if o.status == "imported" and o.item_id]

    def summary(self) -> str:
        return t(
            "summary.add",
            total=len(self.outcomes),
            imported=self.count("imported"),
            duplicates=self.count("duplicate"),
            errors=self.count("error"),
        )


ProgressCallback = Callable[[int, int, ImportOutcome], None]


def collect_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to import: named files as they are, folders walked recursively for images.

    Inside folders only files with an image suffix are taken, and hidden files are skipped,
    so a folder of screenshots with a stray Thumbs.db does not produce errors. A file named
    explicitly is always tried, so a mislabelled image still gets in or gets a reason."""
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        # An explicit stack: a folder nested a thousand deep must not overflow anything,
        # and links to folders are not followed (no loops).
        stack = [path]
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
            for entry in reversed(entries):
                if not entry.name.startswith(".") and not entry.is_dir(follow_symlinks=False) \
                        and Path(entry.name).suffix.lower() in ALL_SUFFIXES:
                    yield Path(entry.path)


def import_paths(
    store: Store,
    case_id: int,
    paths: Iterable[Path],
    on_progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportReport:
    files = list(collect_files(paths))
    report = ImportReport()
    for index, path in enumerate(files, start=1):
        if should_cancel and should_cancel():
            report.cancelled = True
            break
        outcome = import_file(store, case_id, path)
        report.outcomes.append(outcome)
        if on_progress:
            on_progress(index, len(files), outcome)
    return report


def import_file(store: Store, case_id: int, path: Path) -> ImportOutcome:
    try:
        return _import_file(store, case_id, path)
    except Refusal as exc:
        return _error(path, exc.key, exc.params)
    except NotARegularFile:
        return _error(path, "err.not_regular")
    except TooLarge as exc:  # the limit that stopped it: the suffix's, or the type's found
        limit = exc.limit >> 20
        return _error(path, "err.file_too_big", {"size_mb": f">{limit}", "limit_mb": limit})
    except FileNotFoundError:
        return _error(path, "err.not_found")
    except PermissionError:
        return _error(path, "err.permission")
    except IsADirectoryError:
        return _error(path, "err.is_directory_empty")
    except SQLAlchemyError as exc:
        if "full" in str(exc).lower():
            return _error(path, "err.disk_full", {"detail": exc.__class__.__name__})
        return _error(path, "err.store_write", {"detail": exc.__class__.__name__})
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            return _error(path, "err.disk_full", {"detail": exc.strerror or exc})
        if exc.errno in (errno.EROFS, errno.EACCES):
            return _error(path, "err.store_write", {"detail": exc.strerror or exc})
        return _error(path, "err.unreadable", {"detail": exc.strerror or exc})


def _import_file(store: Store, case_id: int, path: Path) -> ImportOutcome:
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    refused = REFUSED_SUFFIXES.get(path.suffix.lower())
    if refused:
        raise Refusal(refused)
    staged = store.blobs.stage(path, limit=limit_for(path))
    try:
        existing = store.find_item(case_id, staged.sha256)
        if existing is not None:
            return _already_there(store, existing, staged, path)
        kind = type_of(path, staged.head())
        if staged.size > kind.max_bytes:
            raise TooLarge(kind.max_bytes)
        if kind is not IMAGE:
            return _media_outcome(path, import_media(store, case_id, path, staged, kind,
                                                     modified))
        info = probe_image(staged.temp_path)
        relative = store.blobs.relative_path(staged.sha256, info.suffix)
        store.blobs.commit(staged, relative)
    except BaseException:
        store.blobs.discard(staged)
        raise
    same = look_alike(store, store.items(case_id), info, store.blobs.absolute(relative))
    try:
        item = store.add_item(EvidenceItem(
            case_id=case_id,
            sha256=staged.sha256,
            stored_path=relative,
            original_name=path.name,
            size_bytes=staged.size,
            width=info.width,
            height=info.height,
            image_format=info.format,
            source_modified_at=modified,
            pixel_print=info.pixel_print,
        ), origin=custody.origin(path, staged.size))
    except IntegrityError:  # another process added the same file a moment ago
        existing = store.find_item(case_id, staged.sha256)
        return ImportOutcome(path, "duplicate", existing.id if existing else None,
                             t("duplicate"))
    if same is not None:
        return ImportOutcome(path, "imported", item.id, t("looks_like", number=same[0]),
                             looks_like=same[0])
    return ImportOutcome(path, "imported", item.id)


def _media_outcome(path: Path, item: EvidenceItem | None) -> ImportOutcome:
    if item is None:  # another process added the same file a moment ago
        return ImportOutcome(path, "duplicate", None, t("duplicate"))
    return ImportOutcome(path, "imported", item.id)


def _already_there(store: Store, existing: EvidenceItem, staged: StagedFile,
                   path: Path) -> ImportOutcome:
    """The case has this file. If its stored original has gone missing, the copy just
    made (the same bytes, by SHA-256) puts it back."""
    if not store.item_path(existing).exists():
        store.blobs.commit(staged, existing.stored_path)
        return ImportOutcome(path, "duplicate", existing.id, t("duplicate.repaired"))
    store.blobs.discard(staged)
    return ImportOutcome(path, "duplicate", existing.id, t("duplicate"))


def look_alike(store: Store, items: list[EvidenceItem], info: ImageInfo,
               source: ImageSource) -> tuple[int, EvidenceItem] | None:
    """The first of the case's exhibits `items` (number, item) showing the same picture
    as the image `source` (probed as `info`): the same screen saved twice, which the
    SHA-256 cannot tell."""
    for number, item in enumerate(items, start=1):
        if item.media != "image":
            continue  # a video's contact sheet is no screenshot's twin
        if not item.pixel_print:
            _fingerprint_later(store, item)
        if shows_same_picture(info, source, item.pixel_print, (item.width, item.height),
                              store.item_path(item)):
            return number, item
    return None


def _fingerprint_later(store: Store, item: EvidenceItem) -> None:
    """The fingerprint of an exhibit imported before there were any, made and kept (in
    the store and on `item`)."""
    assert item.id is not None
    try:
        item.pixel_print = probe_image(store.item_path(item)).pixel_print
    except (OSError, ImageRejected):
        return
    store.update_item(item.id, pixel_print=item.pixel_print)


@dataclass(frozen=True)
class LookAlike:
    name: str  # a file (or pasted image) about to be imported…
    path: Path | None  # (None: pasted)
    exhibit: int | None  # …shows the same picture as this exhibit of the case,
    other: str = ""  # …or as this other file of the same batch


def find_look_alikes(store: Store, case_id: int, paths: Iterable[Path],
                     pasted: Iterable[tuple[bytes, str]] = ()) -> list[LookAlike]:
    """Before an import: the files that show a picture already in the case or earlier in
    the batch. Only reads the files; one that cannot be read is left to the import to
    report."""
    items = store.items(case_id)
    seen: list[tuple[str, ImageInfo, ImageSource]] = []
    found: list[LookAlike] = []
    sources: list[tuple[str, Path | None, ImageSource, Callable[[], tuple[ImageInfo, str]]]] = [
        (p.name, p, p, partial(_probe_file, p)) for p in collect_files(paths)]
    sources += [(name, None, data, partial(_probe_bytes, data)) for data, name in pasted]
    for name, path, source, probe in sources:
        try:
            info, sha256 = probe()
        except (OSError, ImageRejected, TooLarge):
            continue
        same = look_alike(store, items, info, source)
        if same is not None:
            if same[1].sha256 != sha256:  # the very same file is a plain 重复
                found.append(LookAlike(name, path, same[0]))
        else:
            earlier = next((n for n, i, src in seen if shows_same_picture(
                info, source, i.pixel_print, (i.width, i.height), src)), None)
            if earlier is not None:
                found.append(LookAlike(name, path, None, earlier))
        seen.append((name, info, source))
    return found


def _probe_bytes(data: bytes) -> tuple[ImageInfo, str]:
    return probe_image(io.BytesIO(data)), hashlib.sha256(data).hexdigest()


def _probe_file(path: Path) -> tuple[ImageInfo, str]:
    with open_regular(path) as fh:
        info = probe_image(fh)
        fh.seek(0)
        digest = hashlib.sha256()
        for chunk in read_limited(fh, MAX_FILE_BYTES):
            digest.update(chunk)
    return info, digest.hexdigest()


def _error(path: Path, key: str, params: Mapping[str, object] | None = None) -> ImportOutcome:
    return ImportOutcome(path, "error", message=t_params(key, params or {}), error_key=key)


def import_image_bytes(store: Store, case_id: int, data: bytes, name: str) -> ImportOutcome:
    """Import an image that exists only in memory (pasted from the clipboard)."""
    folder = Path(tempfile.mkdtemp(prefix=f"paste-{os.getpid()}-", dir=store.blobs.tmp))
    path = folder / name
    try:
        path.write_bytes(data)
        outcome = import_file(store, case_id, path)
        outcome.path = Path(name)
        return outcome
    finally:
        shutil.rmtree(folder, ignore_errors=True)
