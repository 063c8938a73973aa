"""Thumbnails of evidence images, made once and kept in the store's cache."""

from __future__ import annotations

from pathlib import Path

from app.files import atomic_write
from app.imaging import open_rgb
from app.store.models import EvidenceItem
from app.store.store import Store

THUMB_SIDE = 320


def thumbnail_path(store: Store, item: EvidenceItem) -> Path:
    """The thumbnail's file, created on first use (None of the original is changed)."""
    folder = store.data_dir / "cache" / "thumbs"
    path = folder / f"{item.sha256}-{THUMB_SIDE}.jpg"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    img = open_rgb(store.picture_path(item), max_side=THUMB_SIDE * 2)
    img.thumbnail((THUMB_SIDE, THUMB_SIDE * 2))
    with atomic_write(path, fsync=False) as fh:  # a cache: rebuilt if lost
        img.save(fh, "JPEG", quality=85)
    return path
