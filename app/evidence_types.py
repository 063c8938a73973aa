"""The kinds of file a buyer brings, and how large each may be: the one place every import
path (add, a folder, a drop, a paste, an archive) takes its limits from.

A file is taken by its suffix in a folder, and by what its first bytes say when named
explicitly (a video saved without a suffix is still a video); the decoder of its kind has
the last word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class EvidenceType:
    media: str  # image | pdf | video | audio (EvidenceItem.media)
    suffixes: frozenset[str]
    max_bytes: int


IMAGE = EvidenceType("image", frozenset({
    ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".bmp", ".gif", ".heic", ".heif",
    ".avif"}), 200 * MB)
# E-invoices are 100 KB; a scanned 50-page test report about 60 MB.
PDF = EvidenceType("pdf", frozenset({".pdf"}), 100 * MB)
# A phone films 1080p at about 130 MB a minute: 2 GB is a quarter of an hour of unboxing.
VIDEO = EvidenceType("video", frozenset({".mp4", ".mov", ".m4v", ".3gp", ".3g2"}), 2048 * MB)
# Three hours of a call in AMR or AAC is under 100 MB; WAV is larger.
AUDIO = EvidenceType("audio", frozenset({".m4a", ".mp3", ".amr", ".wav", ".aac"}), 500 * MB)
TYPES = (IMAGE, PDF, VIDEO, AUDIO)
# Formats no well-kept Python library reads yet, with what the buyer can do instead.
REFUSED_SUFFIXES = {".ofd": "err.ofd"}
ALL_SUFFIXES = frozenset().union(*(t.suffixes for t in TYPES))
LARGEST = max(t.max_bytes for t in TYPES)


# HEIC and AVIF pictures are ISO media files too.
IMAGE_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm",
                          b"hevs", b"mif1", b"msf1", b"avif", b"avis"})


def limit_for(path: Path) -> int:
    """The most bytes to copy of a file before knowing what it is: its suffix's limit,
    the largest for a file without a known suffix."""
    known = type_of_suffix(path)
    return known.max_bytes if known else LARGEST


def type_of_suffix(path: Path | str) -> EvidenceType | None:
    suffix = Path(path).suffix.lower()
    return next((t for t in TYPES if suffix in t.suffixes), None)


def type_of_bytes(head: bytes) -> EvidenceType | None:
    """The type the first bytes of a file announce, None for anything else (images are
    told apart by Pillow itself)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in IMAGE_BRANDS:
            return None
        return AUDIO if brand in (b"M4A ", b"M4B ", b"M4P ") else VIDEO
    if head.startswith((b"ID3", b"#!AMR", b"\xff\xf1", b"\xff\xf9")) or \
            (head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")):
        return AUDIO
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return AUDIO
    return None


def type_of(path: Path, head: bytes) -> EvidenceType:
    """What a staged file is: its bytes first, then its suffix, else an image (Pillow
    then says whether it is one)."""
    return type_of_bytes(head) or type_of_suffix(path) or IMAGE
