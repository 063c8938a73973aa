"""The evidence store: one SQLite database plus the content-addressed originals.

This is the API the CLI and the window share. Every method opens its own short session,
so objects returned are detached snapshots; change them through the update methods.
"""

from __future__ import annotations

import errno
import hashlib
import io
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image
from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from app.files import atomic_write
from app.i18n import t
from app.seal.chain import Entry
from app.store import custody
from app.store.blobs import BlobStore
from app.store.models import Case, EvidenceItem, Submission, utcnow
from app.store.schema import StoreTooNewError, init_schema, make_engine

DB_NAME = "proofpack.db"
FACES = "faces"  # the pictures standing for videos, PDFs and recordings
Row = TypeVar("Row", EvidenceItem, Submission)
DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}

CASE_FIELDS = {
    "title", "platform", "shop", "order_number", "order_numbers", "amount", "complaint_type",
    "order_completed_on", "harm_known_on", "requested_outcome", "description", "letter_text",
    "product_name", "request_option", "buyer_name", "buyer_phone", "buyer_address",
    "buyer_id_number", "buyer_sex", "buyer_birth", "seller_company", "seller_uscc",
    "seller_address", "seller_legal_rep",
}
ITEM_FIELDS = {
    "position", "kind", "kind_confirmed", "caption", "purpose", "ocr_status", "ocr_error",
    "ocr_text", "extractor_version", "order_numbers", "timestamps", "amounts", "facts",
    "user_facts", "redactions", "pixel_print", "read_doubt", "frame_times", "face_path",
    "face_sha256", "width", "height",
}
SUBMISSION_FIELDS = {
    "submitted_on", "channel", "reference", "status", "notes", "replies", "next_follow_up",
    "sent",
}


class StoreUnavailable(Exception):
    """The data folder cannot be opened; message() says why, in the user's language."""

    def __init__(self, data_dir: Path, key: str, detail: str) -> None:
        super().__init__(f"{data_dir}: {detail}")
        self.data_dir = data_dir
        self.key = key
        self.detail = detail

    def message(self) -> str:
        return t(self.key, path=self.data_dir, detail=self.detail)


def _refuse_lost_index(data_dir: Path, db_path: Path) -> None:
    """originals/ holds evidence but the index is missing or empty (0 bytes): opening it
    as a new store would show nothing, and removing an item would then delete originals
    the index no longer knows. Refuse, and say how to recover."""
    originals = data_dir / "originals"
    has_originals = originals.is_dir() and any(p.is_file() for p in originals.rglob("*"))
    missing = not db_path.exists() or db_path.stat().st_size == 0
    if has_originals and missing:
        raise StoreUnavailable(data_dir, "store.index_lost", str(db_path))


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            _refuse_lost_index(data_dir, self.db_path)
            self.blobs = BlobStore(data_dir)
            self.engine = make_engine(self.db_path)
            init_schema(self.engine, self.db_path)
            self.blobs.clean_temp()
        except StoreTooNewError as exc:
            raise StoreUnavailable(data_dir, "store.too_new", str(exc)) from exc
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            key = "store.disk_full" if _errno(exc) in DISK_FULL_ERRNOS else "store.cannot_open"
            raise StoreUnavailable(data_dir, key, _detail(exc)) from exc

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    # ---- cases -------------------------------------------------------------------------

    def create_case(self, title: str, **fields: Any) -> Case:
        _check_fields(fields, CASE_FIELDS)
        case = Case(title=title, **_orders_in_step(fields, []))
        with self.session() as s:
            s.add(case)
            s.commit()
            s.refresh(case)
        return case

    def get_case(self, case_id: int) -> Case | None:
        with self.session() as s:
            return s.get(Case, case_id)

    def change_marks(self, case_id: int | None) -> tuple[int, ...]:
        """A cheap summary that moves when cases or a case's exhibits are added, removed
        or read, by this process or another (the CLI's `add` beside the window)."""
        with self.session() as s:
            cases = s.exec(select(func.count(), func.max(Case.id))
                           .where(col(Case.deleted_at).is_(None))).one()
            items = s.exec(select(func.count(), func.max(EvidenceItem.id),
                                  func.sum(col(EvidenceItem.ocr_status) == "done"))
                           .where(EvidenceItem.case_id == (case_id or -1))).one()
        return (cases[0], cases[1] or 0, items[0], items[1] or 0, int(items[2] or 0))

    def list_cases(self, trashed: bool = False) -> list[Case]:
        with self.session() as s:
            query = select(Case).where(
                col(Case.deleted_at).is_not(None) if trashed else col(Case.deleted_at).is_(None)
            )
            return list(s.exec(query.order_by(col(Case.updated_at).desc())))

    def update_case(self, case_id: int, **fields: Any) -> Case:
        _check_fields(fields, CASE_FIELDS)
        with self.session() as s:
            case = _require(s.get(Case, case_id), case_id)
            for key, value in _orders_in_step(fields, case.order_numbers).items():
                setattr(case, key, value)
            case.updated_at = utcnow()
            s.add(case)
            s.commit()
            s.refresh(case)
            return case

    def trash_case(self, case_id: int) -> None:
        with self.session() as s:
            case = _require(s.get(Case, case_id), case_id)
            case.deleted_at = utcnow()
            s.add(case)
            s.commit()

    def restore_case(self, case_id: int) -> None:
        with self.session() as s:
            case = _require(s.get(Case, case_id), case_id)
            case.deleted_at = None
            s.add(case)
            s.commit()

    def empty_trash(self) -> int:
        """Delete trashed cases for good, and the originals no other case uses."""
        with self.session() as s:
            trashed = list(s.exec(select(Case).where(col(Case.deleted_at).is_not(None))))
            for case in trashed:
                s.delete(case)  # items and submissions go by ON DELETE CASCADE
            s.commit()
        self.remove_unreferenced_blobs()
        return len(trashed)

    # ---- evidence items ----------------------------------------------------------------

    def items(self, case_id: int) -> list[EvidenceItem]:
        with self.session() as s:
            query = select(EvidenceItem).where(EvidenceItem.case_id == case_id)
            return list(s.exec(query.order_by(col(EvidenceItem.position), col(EvidenceItem.id))))

    def get_item(self, item_id: int) -> EvidenceItem | None:
        with self.session() as s:
            return s.get(EvidenceItem, item_id)

    def find_item(self, case_id: int, sha256: str) -> EvidenceItem | None:
        with self.session() as s:
            query = select(EvidenceItem).where(
                EvidenceItem.case_id == case_id, EvidenceItem.sha256 == sha256
            )
            return s.exec(query).first()

    def add_item(self, item: EvidenceItem, origin: dict[str, Any] | None = None
                 ) -> EvidenceItem:
        """Insert an exhibit numbered after the case's last. The number is computed inside
        the INSERT, which SQLite runs under its write lock: two processes adding at once
        cannot both take the same one. IntegrityError: the case has this file already.
        `origin` (custody.origin) goes into the chain of custody."""
        with self.session() as s:
            custody.append(s, item.case_id, "imported", item.sha256, **(origin or {}))
            next_position = select(func.coalesce(func.max(EvidenceItem.position), 0) + 1)\
                .where(EvidenceItem.case_id == item.case_id).scalar_subquery()
            item.position = next_position  # type: ignore[assignment]
            s.add(item)
            case = s.get(Case, item.case_id)
            if case is not None:
                case.updated_at = utcnow()
                s.add(case)
            s.commit()
            s.refresh(item)
            return item

    def update_item(self, item_id: int, read_by: list[str] | None = None, **fields: Any
                    ) -> EvidenceItem:
        """Change an exhibit; what touches the evidence (its reading, facts corrected,
        blackouts) enters the chain of custody with the change. `read_by`: the OCR
        engines, when a reading is recorded."""
        _check_fields(fields, ITEM_FIELDS)

        def log(s: Session, item: EvidenceItem) -> None:
            for action, details in custody.item_changes(item, fields, read_by):
                custody.append(s, item.case_id, action, item.sha256, **details)

        return self._update(EvidenceItem, item_id, fields, log)

    def _update(self, model: type[Row], row_id: int, fields: dict[str, Any],
                log: Callable[[Session, Row], None] | None = None) -> Row:
        with self.session() as s:
            row = s.get(model, row_id)
            if row is None:
                raise KeyError(f"{model.__name__} {row_id} not found")
            if log:
                log(s, row)
            for key, value in fields.items():
                setattr(row, key, value)
            s.add(row)
            s.commit()
            s.refresh(row)
            return row

    def reorder_items(self, case_id: int, item_ids: Sequence[int]) -> None:
        """Set the exhibit order: item_ids first, in that order, then any others."""
        with self.session() as s:
            items = {
                i.id: i
                for i in s.exec(select(EvidenceItem).where(EvidenceItem.case_id == case_id))
                if i.id is not None
            }
            order = [i for i in item_ids if i in items]
            order += sorted((i for i in items if i not in set(order)),
                            key=lambda i: items[i].position)
            for position, item_id in enumerate(order, start=1):
                items[item_id].position = position
                s.add(items[item_id])
            s.commit()

    def remove_item(self, item_id: int) -> None:
        with self.session() as s:
            item = s.get(EvidenceItem, item_id)
            if item is not None:
                custody.append(s, item.case_id, "removed", item.sha256,
                               name=item.original_name)
                s.delete(item)
                s.commit()
        self.remove_unreferenced_blobs()

    def item_path(self, item: EvidenceItem) -> Path:
        """The original as it came (a picture, a video, a PDF, a recording)."""
        return self.blobs.absolute(item.stored_path)

    def picture_path(self, item: EvidenceItem) -> Path:
        """The picture OCR, thumbnails, redaction and the bundle use: the original for a
        picture, the face for other media."""
        return self.data_dir / item.face_path if item.face_path else self.item_path(item)

    def write_face(self, sha256: str, face: Image.Image, variant: str = "") -> tuple[str, str]:
        """Store the face of the original with this hash (`variant`: one the buyer chose,
        beside the one drawn at import, which other cases may share); (relative path, its
        hash)."""
        relative = f"{FACES}/{sha256}{'-' + variant if variant else ''}.jpg"
        buffer = io.BytesIO()
        face.save(buffer, "JPEG", quality=90, subsampling=0)  # text: full colour detail
        data = buffer.getvalue()
        with atomic_write(self.data_dir / relative) as fh:
            fh.write(data)
        return relative, hashlib.sha256(data).hexdigest()

    # ---- chain of custody --------------------------------------------------------------

    def log_event(self, case_id: int, action: str, item: str = "", **details: Any) -> Entry:
        """Record an event of the case's own (an export, a backup) in its chain."""
        with self.session() as s:
            entry = custody.append(s, case_id, action, item, **details)
            s.commit()
            return entry

    def custody(self, case_id: int) -> list[Entry]:
        """The case's chain of custody, oldest first."""
        with self.session() as s:
            return custody.entries(s, case_id)

    # ---- submissions -------------------------------------------------------------------

    def add_submission(self, submission: Submission) -> Submission:
        with self.session() as s:
            s.add(submission)
            s.commit()
            s.refresh(submission)
            return submission

    def update_submission(self, submission_id: int, **fields: Any) -> Submission:
        _check_fields(fields, SUBMISSION_FIELDS)
        return self._update(Submission, submission_id, fields)

    def remove_submission(self, submission_id: int) -> None:
        with self.session() as s:
            sub = s.get(Submission, submission_id)
            if sub is not None:
                s.delete(sub)
                s.commit()

    def submissions(self, case_id: int) -> list[Submission]:
        with self.session() as s:
            query = select(Submission).where(Submission.case_id == case_id)
            return list(s.exec(query.order_by(col(Submission.submitted_on),
                                              col(Submission.id))))

    # ---- housekeeping ------------------------------------------------------------------

    def remove_unreferenced_blobs(self, min_age_s: float = 300) -> int:
        """Delete originals no evidence item refers to (left by deletes or a crash between
        writing the file and committing its row).

        Blobs younger than min_age_s are kept: another process sharing the store may have
        just written one and be about to commit its row."""
        with self.session() as s:
            referenced = set(s.exec(select(EvidenceItem.stored_path))) | \
                set(s.exec(select(EvidenceItem.face_path)))
        removed = 0
        now = time.time()
        for blob in [*self.blobs.originals.glob("*/*"), *(self.data_dir / FACES).glob("*")]:
            rel = blob.relative_to(self.data_dir).as_posix()
            if blob.parent.name == FACES:  # a face's text layer goes with the face
                rel = f"{FACES}/{blob.name.split('.')[0]}.jpg"
            if rel not in referenced and now - blob.stat().st_mtime >= min_age_s:
                blob.chmod(0o644)
                blob.unlink(missing_ok=True)
                removed += 1
        return removed


def _errno(exc: BaseException) -> int | None:
    if isinstance(exc, OSError):
        return exc.errno
    return errno.ENOSPC if "full" in str(exc).lower() else None


def _detail(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the sqlite3 error
    return str(orig or exc)


def _orders_in_step(fields: dict[str, Any], current: list[str]) -> dict[str, Any]:
    """order_number is the first of order_numbers: whichever is given, set both."""
    fields = dict(fields)
    if "order_numbers" in fields:
        orders = list(dict.fromkeys(o for o in fields["order_numbers"] if o))
        fields["order_numbers"] = orders
        fields["order_number"] = orders[0] if orders else ""
    elif "order_number" in fields:
        first = str(fields["order_number"])
        rest = [o for o in current[1:] if o != first]
        fields["order_numbers"] = [first, *rest] if first else rest
    return fields


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _require(case: Case | None, case_id: int) -> Case:
    if case is None:
        raise KeyError(f"case {case_id} not found")
    return case
