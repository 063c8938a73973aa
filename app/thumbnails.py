"""Thumbnails of evidence images, made once and kept in the store's cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from app.imaging import open_rgb
from app.models import EvidenceItem
from app.store import Store

THUMB_SIDE = 320


def thumbnail_path(store: Store, item: EvidenceItem) -> Path:
    """The thumbnail's file, created on first use (None of the original is changed)."""
    folder = store.data_dir / "cache" / "thumbs"
    path = folder / f"{item.sha256}-{THUMB_SIDE}.jpg"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    img = open_rgb(store.item_path(item), max_side=THUMB_SIDE * 2)
    img.thumbnail((THUMB_SIDE, THUMB_SIDE * 2))
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    try:
        img.save(tmp, "JPEG", quality=85)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
