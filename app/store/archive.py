"""Case archives: one zip with the originals and a JSON manifest of everything known.

An archive moves a case to another computer and is the backup story. Importing checks
every original against the hash in the manifest before anything enters the store, and
creates the case in one transaction, so a damaged archive adds nothing.
"""

from __future__ import annotations

import json
import logging
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args

from sqlmodel import SQLModel

from app import __version__
from app.files import atomic_write
from app.i18n import t_params
from app.records import BadRecords, checked_found, checked_redactions
from app.store.blobs import StagedFile
from app.store.models import Case, EvidenceItem, Submission, utcnow
from app.store.store import Store

FORMAT = "proofpack-case-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Fields that belong to the store, not to the case: they are assigned again on import.
_LOCAL = {"id", "case_id", "stored_path", "deleted_at"}
logger = logging.getLogger(__name__)


class ArchiveError(Exception):
    """The archive cannot be used. key/params name a translated message (app.i18n)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        return t_params(self.key, self.params)


def export_archive(store: Store, case_id: int, out: Path) -> Path:
    """Write the case to out (a .zip file, or a folder to put one in). Returns the path."""
    case = store.get_case(case_id)
    if case is None:
        raise KeyError(f"case {case_id} not found")
    if out.is_dir():
        out = out / archive_filename(case, date.today())
    items = store.items(case_id)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": utcnow().isoformat(),
        "case": _dump(case),
        "items": [
            {**_dump(item), "file": f"originals/{Path(item.stored_path).name}"}
            for item in items
        ],
        "submissions": [_dump(sub) for sub in store.submissions(case_id)],
    }
    # The archive holds the unredacted originals: readable by the owner only.
    with atomic_write(out, mode=0o600, prefix=".archive-") as fh, \
            zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2),
                    compress_type=zipfile.ZIP_DEFLATED)
        for item in items:
            # Images are compressed already; storing them keeps the export fast.
            zf.write(store.item_path(item), f"originals/{Path(item.stored_path).name}",
                     compress_type=zipfile.ZIP_STORED)
    return out


def import_archive(store: Store, archive: Path) -> Case:
    """Add the archived case to the store as a new case and return it."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError("archive.unreadable", detail=str(exc)) from exc
    staged: list[tuple[StagedFile, str]] = []
    try:
        with zf:
            manifest = _read_manifest(zf)
            for entry in manifest["items"]:
                staged.append((_stage_member(store, zf, entry), entry["stored_suffix"]))
            for stage, suffix in staged:
                store.blobs.commit(stage, store.blobs.relative_path(stage.sha256, suffix))
            staged.clear()
    finally:
        for stage, _ in staged:
            store.blobs.discard(stage)
    return _insert_rows(store, manifest)


def _read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except (KeyError, ValueError) as exc:
        raise ArchiveError("archive.no_manifest") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("archive.no_manifest")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise ArchiveError("archive.too_new", version=manifest.get("format_version"))
    for entry in manifest.get("items", []):
        entry["stored_suffix"] = Path(entry.get("file", "")).suffix
        _check_records(entry)
    return manifest


def _check_records(entry: dict[str, Any]) -> None:
    """A backup is a file from outside: its facts and boxes are read by key all over the
    app, so they must have the shapes of app.records, checked before any original is
    copied, or nothing is restored."""
    try:
        entry["facts"] = checked_found(entry.get("facts") or [])
        entry["redactions"] = checked_redactions(entry.get("redactions") or [])
    except BadRecords as exc:
        logger.warning("backup entry %s has malformed records: %s", entry.get("file"), exc)
        raise ArchiveError("archive.bad_records",
                           name=entry.get("original_name", entry.get("file", ""))) from exc


def _stage_member(store: Store, zf: zipfile.ZipFile, entry: dict[str, Any]) -> StagedFile:
    name = entry.get("file", "")
    try:
        with zf.open(name) as src:
            stage = store.blobs.stage_stream(src)
    except KeyError as exc:
        raise ArchiveError("archive.missing_file", name=entry.get("original_name", name)) \
            from exc
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:  # CRC error, truncation
        raise ArchiveError("archive.damaged_file", name=entry.get("original_name", name)) \
            from exc
    if stage.sha256 != entry.get("sha256"):
        store.blobs.discard(stage)
        raise ArchiveError("archive.damaged_file", name=entry.get("original_name", name))
    return stage


def _insert_rows(store: Store, manifest: dict[str, Any]) -> Case:
    case = Case(**_load(Case, manifest["case"]))
    with store.session() as s:
        s.add(case)
        s.flush()
        assert case.id is not None
        for entry in manifest["items"]:
            fields = _load(EvidenceItem, entry)
            fields["stored_path"] = store.blobs.relative_path(entry["sha256"],
                                                              entry["stored_suffix"])
            s.add(EvidenceItem(case_id=case.id, **fields))
        for entry in manifest.get("submissions", []):
            s.add(Submission(case_id=case.id, **_load(Submission, entry)))
        s.commit()
        s.refresh(case)
    return case


def _dump(row: SQLModel) -> dict[str, Any]:
    return {key: _jsonable(value) for key, value in row.model_dump().items()
            if key not in _LOCAL}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _load(model: type[SQLModel], data: dict[str, Any]) -> dict[str, Any]:
    """Manifest values back to model fields; unknown keys (from newer versions) are ignored."""
    out: dict[str, Any] = {}
    for key, info in model.model_fields.items():
        if key in _LOCAL or key not in data or data[key] is None:
            continue
        value = data[key]
        kinds = get_args(info.annotation) or (info.annotation,)  # X | None -> (X, None)
        if datetime in kinds:
            value = datetime.fromisoformat(value)
        elif date in kinds:
            value = date.fromisoformat(value)
        out[key] = value
    return out


def archive_filename(case: Case, when: date) -> str:
    return f"证据包备份_{case.file_title()}_{when:%Y-%m-%d}.zip"
