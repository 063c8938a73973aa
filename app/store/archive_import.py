"""Restoring a case archive: a file from outside, so everything in it is checked before
anything enters the store, and a bad archive adds nothing.

The recipe: read and check the manifest (its shape, version, item count, records), turn it
into rows (dates, texts), check the members' sizes against the limits and the free disk,
copy each member once while hashing it and check it is the image it claims to be, then
commit the originals and the rows together (new originals are removed again if the rows
cannot be written).
"""

from __future__ import annotations

import json
import logging
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import SQLModel

from app.evidence_types import IMAGE, VIDEO, limit_for, type_of
from app.files import TooLarge
from app.i18n import Refusal, t
from app.imaging import probe_image
from app.media.reading import read_media
from app.records import BadRecords, checked_found, checked_redactions
from app.seal.chain import (
    GENESIS,
    ChainCheck,
    Entry,
    check_chain,
    describe,
    read_from_archive,
)
from app.store import custody
from app.store.archive import (
    FORMAT,
    FORMAT_VERSION,
    LOCAL_FIELDS,
    MANIFEST,
    ArchiveError,
)
from app.store.blobs import StagedFile
from app.store.media_import import draw_sheet, store_face
from app.store.models import Case, EvidenceItem, Submission
from app.store.store import Store

logger = logging.getLogger(__name__)

MAX_ITEMS = 10_000  # far above any complaint; a manifest listing more is a bomb
DISK_MARGIN = 200 * 1024 * 1024  # left free after a restore


@dataclass
class Rows:
    case: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)
    submissions: list[dict[str, Any]] = field(default_factory=list)
    custody: list[Entry] = field(default_factory=list)  # the chain, when it holds
    custody_check: ChainCheck | None = None  # None: an archive made before the chain
    source: str = ""  # the archive's file name


def import_archive(store: Store, archive: Path,
                   on_notice: Callable[[str], None] | None = None) -> Case:
    """Add the archived case to the store as a new case and return it. Its chain of
    custody comes along when it holds; when it does not, the case is restored all the
    same (the originals are checked by hash) with a new chain that says so, and
    `on_notice` is told."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError("archive.unreadable", detail=str(exc)) from exc
    with zf:
        manifest = _read_manifest(zf)
        rows = _rows(manifest)
        rows.source = archive.name
        rows.custody, rows.custody_check = _read_custody(zf, manifest.get("custody_head"))
        members = _check_sizes(store, zf, rows.items)
        staged = _stage_members(store, zf, members)
    case = _commit(store, staged, rows)
    if rows.custody_check is not None and not rows.custody_check.ok:
        notice = t("archive.custody_broken", detail=describe(rows.custody_check))
        logger.warning("%s: %s", archive, notice)
        if on_notice:
            on_notice(notice)
    return case


def _read_custody(zf: zipfile.ZipFile, recorded_head: object
                  ) -> tuple[list[Entry], ChainCheck | None]:
    """The archive's chain and its check: the entries only when it holds, so a broken
    record is reported, never taken on as the case's history."""
    try:
        entries = read_from_archive(zf)
    except KeyError:
        return [], None
    except (ValueError, OSError, zipfile.BadZipFile) as exc:
        logger.warning("custody record unreadable: %s", exc)
        return [], ChainCheck(0, GENESIS, 1, "unreadable")
    check = check_chain(entries)
    if check.ok and check.head != recorded_head:
        check = ChainCheck(check.count, check.head, check.count + 1, "cut")
    return (entries if check.ok else []), check


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json_manifest(zf)
        version = int(manifest.get("format_version", 0))
    except (KeyError, ValueError, TypeError) as exc:
        raise ArchiveError("archive.no_manifest") from exc
    if version > FORMAT_VERSION:
        raise ArchiveError("archive.too_new", version=version)
    items, case = manifest.get("items"), manifest.get("case")
    if not isinstance(case, dict) or not isinstance(items, list) or \
            not all(isinstance(e, dict) for e in items) or \
            not isinstance(manifest.get("submissions", []), list):
        raise ArchiveError("archive.bad_manifest", detail="case / items")
    if len(items) > MAX_ITEMS:
        raise ArchiveError("archive.too_many", count=len(items), limit=MAX_ITEMS)
    for entry in items:
        _check_records(entry)
    return manifest


def json_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    info = zf.getinfo(MANIFEST)
    if info.file_size > 64 * 1024 * 1024:
        raise ValueError("manifest too large")
    manifest = json.loads(zf.read(MANIFEST))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError("not a ProofPack archive")
    return manifest


def _check_records(entry: dict[str, Any]) -> None:
    """Facts and boxes are read by key all over the app: they must have the shapes of
    app.records, checked before any original is copied."""
    try:
        entry["facts"] = checked_found(entry.get("facts") or [])
        entry["redactions"] = checked_redactions(entry.get("redactions") or [])
    except BadRecords as exc:
        logger.warning("backup entry %s has malformed records: %s", entry.get("file"), exc)
        raise ArchiveError("archive.bad_records",
                           name=_name(entry)) from exc


def _rows(manifest: dict[str, Any]) -> Rows:
    """The manifest as model fields; one exhibit per SHA-256 (a repeated one is dropped)."""
    try:
        rows = Rows(_load(Case, manifest["case"]))
        seen: set[str] = set()
        for entry in manifest["items"]:
            fields = _load(EvidenceItem, entry)
            sha256, member = fields.get("sha256"), entry.get("file")
            if not isinstance(sha256, str) or not isinstance(member, str):
                raise ValueError("an item without sha256 or file")
            if sha256 in seen:
                continue
            seen.add(sha256)
            fields["_member"] = member
            rows.items.append(fields)
        rows.submissions = [_load(Submission, e) for e in manifest.get("submissions", [])]
    except (ValueError, TypeError, AttributeError) as exc:
        raise ArchiveError("archive.bad_manifest", detail=str(exc)[:200]) from exc
    return rows


@dataclass
class Member:
    """One original of the archive, as the manifest names it."""
    sha256: str
    name: str  # as shown in messages
    frame_times: list[float]  # a video's chosen frames (its sheet is drawn at them)


@dataclass
class Staged:
    """A member copied and checked: where it waits, the suffix it is stored under, and
    for a video, PDF or recording the columns of its face, drawn again."""
    stage: StagedFile
    suffix: str = ""
    face: dict[str, Any] = field(default_factory=dict)


def _check_sizes(store: Store, zf: zipfile.ZipFile, items: list[dict[str, Any]]
                 ) -> dict[str, Member]:
    """Each member once, within the size limit, and all of them fitting on the disk with
    room to spare."""
    members: dict[str, Member] = {}
    total = 0
    for fields in items:
        member = fields["_member"]
        if member in members:
            continue
        try:
            size = zf.getinfo(member).file_size
        except KeyError as exc:
            raise ArchiveError("archive.missing_file", name=_name(fields)) from exc
        limit = limit_for(Path(_name(fields)))
        if size > limit:
            raise ArchiveError("archive.member_too_big", name=_name(fields),
                               limit_mb=limit // 1_000_000)
        times = fields.get("frame_times") if fields.get("media") == "video" else None
        members[member] = Member(fields["sha256"], _name(fields), list(times or []))
        total += size
    free = shutil.disk_usage(store.data_dir).free
    if total + DISK_MARGIN > free:
        raise ArchiveError("archive.no_space", need_mb=total // 1_000_000 + 1,
                           free_mb=free // 1_000_000)
    return members


def _stage_members(store: Store, zf: zipfile.ZipFile, members: dict[str, Member]
                   ) -> dict[str, Staged]:
    """sha256 -> staged: each member copied once, never more bytes than the limit
    whatever its header says, and checked to be the evidence its hash names."""
    staged: dict[str, Staged] = {}
    try:
        for member, about in members.items():
            stage = _stage_one(store, zf, member, about.name)
            staged[about.sha256] = Staged(stage)
            if stage.sha256 != about.sha256:
                raise ArchiveError("archive.damaged_file", name=about.name)
            staged[about.sha256] = _check_member(store, stage, about)
    except BaseException:
        for entry in staged.values():
            store.blobs.discard(entry.stage)
        raise
    return staged


def _check_member(store: Store, stage: StagedFile, about: Member) -> Staged:
    """The member read by its decoder; a video's sheet drawn at its chosen frames, the
    face of other media as an import draws it."""
    kind = type_of(Path(about.name), stage.head())
    try:
        if kind is IMAGE:
            return Staged(stage, probe_image(stage.temp_path).suffix)
        if kind is VIDEO and about.frame_times:
            face = draw_sheet(store, stage.temp_path, stage.sha256, about.frame_times)
        else:
            face = store_face(store, stage.sha256,
                              read_media(stage.temp_path, kind, stage.sha256, about.name))
    except Refusal as exc:
        raise ArchiveError("archive.not_evidence", name=about.name) from exc
    return Staged(stage, Path(about.name).suffix.lower()[:6], face)


def _stage_one(store: Store, zf: zipfile.ZipFile, member: str, name: str) -> StagedFile:
    limit = limit_for(Path(name))
    try:
        with zf.open(member) as src:
            return store.blobs.stage_stream(src, limit)
    except TooLarge as exc:
        raise ArchiveError("archive.member_too_big", name=name,
                           limit_mb=limit // 1_000_000) from exc
    # A CRC error, truncation, an encrypted member, a compression zipfile cannot read.
    except (zipfile.BadZipFile, EOFError, ValueError, RuntimeError, NotImplementedError) \
            as exc:
        raise ArchiveError("archive.damaged_file", name=name) from exc


def _commit(store: Store, staged: dict[str, Staged], rows: Rows) -> Case:
    """The originals into place, then the rows in one transaction; originals this restore
    added are taken out again if the rows cannot be written."""
    added: list[Path] = []
    try:
        for sha256, entry in staged.items():
            final = store.blobs.absolute(store.blobs.relative_path(sha256, entry.suffix))
            existed = final.exists()
            store.blobs.commit(entry.stage, store.blobs.relative_path(sha256, entry.suffix))
            if not existed:
                added.append(final)
        return _insert_rows(store, staged, rows)
    except BaseException:
        for entry in staged.values():
            store.blobs.discard(entry.stage)
        for path in added:
            path.chmod(0o644)
            path.unlink(missing_ok=True)
        raise


def _insert_rows(store: Store, staged: dict[str, Staged], rows: Rows) -> Case:
    try:
        case = Case(**rows.case)
        with store.session() as s:
            s.add(case)
            s.flush()
            assert case.id is not None
            for fields in rows.items:
                fields = {k: v for k, v in fields.items() if k != "_member"}
                entry = staged[fields["sha256"]]
                fields["stored_path"] = store.blobs.relative_path(fields["sha256"],
                                                                  entry.suffix)
                fields.update(entry.face)
                s.add(EvidenceItem(case_id=case.id, **fields))
            for sub in rows.submissions:
                s.add(Submission(case_id=case.id, **sub))
            custody.insert_verbatim(s, case.id, rows.custody)
            state = "absent" if rows.custody_check is None else \
                "intact" if rows.custody_check.ok else rows.custody_check.problem
            custody.append(s, case.id, "restored", archive=rows.source, custody=state,
                           entries=len(rows.custody))
            s.commit()
            s.refresh(case)
    except (SQLAlchemyError, ValueError, TypeError) as exc:
        logger.warning("archive rows could not be written: %s", exc)
        raise ArchiveError("archive.bad_manifest", detail=type(exc).__name__) from exc
    return case


def _load(model: type[SQLModel], data: object) -> dict[str, Any]:
    """Manifest values back to model fields of their declared types; unknown keys (from
    newer versions) are ignored, texts are made storable (a lone surrogate becomes ?)."""
    if not isinstance(data, dict):
        raise TypeError(f"{model.__name__}: not an object")
    out: dict[str, Any] = {}
    for key, info in model.model_fields.items():
        if key in LOCAL_FIELDS or key not in data or data[key] is None:
            continue
        value = data[key]
        kinds = get_args(info.annotation) or (info.annotation,)  # X | None -> (X, None)
        if datetime in kinds:
            value = datetime.fromisoformat(value)
        elif date in kinds:
            value = date.fromisoformat(value)
        elif bool in kinds:
            value = bool(value)
        elif int in kinds:
            value = int(value)
        elif isinstance(value, str):
            value = value.encode("utf-8", "replace").decode("utf-8")
        out[key] = value
    return out


def _name(entry: dict[str, Any]) -> str:
    name = entry.get("original_name") or entry.get("file") or "?"
    return str(name)[:200]
