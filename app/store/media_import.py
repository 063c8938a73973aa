"""Importing a video, a PDF or a recording: checked and read by its decoder
(app.media.reading), its face stored beside the original, then recorded like a picture.
Nothing is stored when the decoder refuses the file."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy.exc import IntegrityError

from app.evidence_types import EvidenceType
from app.files import atomic_write
from app.media.faces import contact_sheet
from app.media.reading import MediaReading, read_media
from app.media.video import MAX_FRAMES, frames_at, probe_video
from app.store import custody
from app.store.blobs import StagedFile
from app.store.models import EvidenceItem
from app.store.store import FACES, Store

# The kind an exhibit starts with; a PDF's is then read from its text like a screenshot's.
FIRST_KIND = {"video": "video", "audio": "audio", "pdf": "other"}


def text_layer_path(store: Store, sha256: str) -> Path:
    """Where the text layer (runs on its face) of the PDF with this hash is kept."""
    return store.data_dir / FACES / f"{sha256}.text.json"


def store_face(store: Store, sha256: str, reading: MediaReading) -> dict[str, Any]:
    """Write the face of a reading (and a PDF's text layer, for reading it); the item
    columns that describe the face."""
    if reading.text_runs:
        with atomic_write(text_layer_path(store, sha256)) as fh:
            fh.write(json.dumps(reading.text_runs, ensure_ascii=False).encode())
    return _face_columns(store, sha256, reading.face)


def _face_columns(store: Store, sha256: str, face: Image.Image, variant: str = ""
                  ) -> dict[str, Any]:
    face_path, face_sha = store.write_face(sha256, face, variant)
    return {"face_path": face_path, "face_sha256": face_sha, "width": face.width,
            "height": face.height}


def import_media(store: Store, case_id: int, path: Path, staged: StagedFile,
                 kind: EvidenceType, modified: datetime) -> EvidenceItem | None:
    """The item made of a staged non-picture file, None if another process added the
    same file a moment ago. A Refusal says why it is not evidence (the caller then
    discards the staged copy)."""
    reading = read_media(staged.temp_path, kind, staged.sha256, path.name)
    face = store_face(store, staged.sha256, reading)
    relative = store.blobs.relative_path(staged.sha256, path.suffix.lower()[:6])
    store.blobs.commit(staged, relative)
    try:
        origin = custody.origin(path, staged.size)
        if reading.recorded_at:
            origin["recorded"] = reading.recorded_at.isoformat(timespec="seconds")
        return store.add_item(_item(case_id, path, staged, relative, modified, reading,
                                    face), origin=origin)
    except IntegrityError:
        return None


def _item(case_id: int, path: Path, staged: StagedFile, relative: str, modified: datetime,
          reading: MediaReading, face: dict[str, Any]) -> EvidenceItem:
    return EvidenceItem(
        case_id=case_id, sha256=staged.sha256, stored_path=relative, original_name=path.name,
        size_bytes=staged.size, **face, image_format=reading.format,
        source_modified_at=modified, media=reading.media, duration_s=reading.duration,
        recorded_at=reading.recorded_at, page_count=reading.pages,
        frame_times=reading.frame_times, kind=FIRST_KIND[reading.media],
        # A recording's card holds nothing to read; frames and pages are OCRed.
        ocr_status="done" if reading.media == "audio" else "pending")


def draw_sheet(store: Store, original: Path, sha256: str, times: list[float]
               ) -> dict[str, Any]:
    """The contact sheet of the video `original` at these moments (seconds), stored as a
    face of its own; the item columns that describe it."""
    info = probe_video(original)
    wanted = sorted({round(min(max(0.0, t), info.duration), 1) for t in times})[:MAX_FRAMES]
    frames = frames_at(original, info, wanted or [0.0])
    sheet = contact_sheet(frames, sha256)
    chosen = [t for t, _ in frames]
    variant = hashlib.sha256(repr(chosen).encode()).hexdigest()[:12]
    return {"frame_times": chosen, **_face_columns(store, sha256, sheet, variant)}


def set_video_frames(store: Store, item: EvidenceItem, times: list[float]) -> EvidenceItem:
    """The frames the buyer chose (seconds into the video): the contact sheet drawn again
    from the original. What was read and found on the old sheet no longer fits it (boxes
    are in its pixels), so it is cleared and the new sheet is read again; the buyer's own
    corrections of values are kept."""
    assert item.id is not None and item.media == "video"
    sheet = draw_sheet(store, store.item_path(item), item.sha256, times)
    return store.update_item(
        item.id, **sheet, ocr_status="pending", ocr_text="", facts=[], redactions=[],
        order_numbers=[], timestamps=[], amounts=[], extractor_version="")
