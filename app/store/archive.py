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
from typing import Any

from sqlmodel import SQLModel

from app import __version__
from app.files import atomic_write, sha256_of
from app.i18n import Refusal
from app.seal.chain import CUSTODY, GENESIS, to_json
from app.store.models import Case, utcnow
from app.store.store import Store

FORMAT = "proofpack-case-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

# Fields that belong to the store, not to the case: they are assigned again on import.
LOCAL_FIELDS = {"id", "case_id", "stored_path", "deleted_at", "face_path", "face_sha256"}
logger = logging.getLogger(__name__)


class ArchiveError(Refusal):
    """The archive cannot be used."""


def export_archive(store: Store, case_id: int, out: Path) -> Path:
    """Write the case to out (a .zip file, or a folder to put one in). Returns the path."""
    case = store.get_case(case_id)
    if case is None:
        raise KeyError(f"case {case_id} not found")
    if out.is_dir():
        out = out / archive_filename(case, date.today())
    items = store.items(case_id)
    chain = store.custody(case_id)
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
        # The chain's last entry when the archive was made: a custody.json cut short, or
        # rewritten from some entry on, no longer ends with it.
        "custody_head": chain[-1].hash if chain else GENESIS,
    }
    # The archive holds the unredacted originals: readable by the owner only.
    with atomic_write(out, mode=0o600, prefix=".archive-") as fh, \
            zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2),
                    compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(CUSTODY, json.dumps(to_json(chain), ensure_ascii=False, indent=1),
                    compress_type=zipfile.ZIP_DEFLATED)
        for item in items:
            # Images are compressed already; storing them keeps the export fast.
            zf.write(store.item_path(item), f"originals/{Path(item.stored_path).name}",
                     compress_type=zipfile.ZIP_STORED)
    store.log_event(case_id, "archived", file=out.name, sha256=sha256_of(out),
                    custody_head=manifest["custody_head"])
    return out


def _dump(row: SQLModel) -> dict[str, Any]:
    return {key: _jsonable(value) for key, value in row.model_dump().items()
            if key not in LOCAL_FIELDS}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def archive_filename(case: Case, when: date) -> str:
    return f"证据包备份_{case.file_title()}_{when:%Y-%m-%d}.zip"
