"""Exhibit images for the PDF: re-encoded small, tall screenshots cut into page slices.

Cuts fall on blank rows between lines of text, so no line is ever cut in half.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageStat

from app.imaging import open_rgb, upright_size
from app.privacy.redaction import burn

# Effective print resolution: at least MIN_DPI (never blown up beyond the pixels we have),
# at most MAX_DPI (more only makes the file bigger).
MIN_DPI = 150
MAX_DPI = 200
# Phone screenshots are shown at this share of the text width: their UI text then prints
# at about 10 pt, the size of the surrounding text.
PHONE_WIDTH_SHARE = 0.72


@dataclass(frozen=True)
class ImageSlice:
    data: bytes  # JPEG
    width_pt: float
    height_pt: float
    part: int
    parts: int


def is_screenshot_like(img: Image.Image, kind: str) -> bool:
    return kind != "photo"


def display_width(px_width: int, px_height: int, content_width: float, screenshot: bool) -> float:
    width = content_width
    if screenshot and px_height > px_width * 1.3:
        width = content_width * PHONE_WIDTH_SHARE
    return min(width, px_width * 72 / MIN_DPI)


def find_cut(gray: Image.Image, ideal: int, search: int) -> int:
    """The blankest row in [ideal - search, ideal], preferring the lowest such row."""
    top = max(1, ideal - search)
    band = gray.crop((0, top, gray.width, ideal))
    best_row, best_score = ideal, float("inf")
    for y in range(band.height - 1, -1, -2):
        row = band.crop((0, y, band.width, y + 1))
        stat = ImageStat.Stat(row)
        score = stat.stddev[0]
        if score < best_score - 0.5:
            best_row, best_score = top + y, score
        if score < 1.0:
            return top + y
    return best_row


def content_bottom(gray: Image.Image) -> int:
    """Height of the image without the empty band of background at its bottom (a short
    chat leaves half a screen of it); the band would only print as blank pages."""
    small = gray.resize((max(1, gray.width // 4), max(1, gray.height // 4)))
    background = int(small.tobytes()[-(small.width // 2) - 1])  # bottom row, middle
    for y in range(small.height - 1, -1, -1):
        row = small.crop((0, y, small.width, y + 1)).tobytes()
        lo, hi = min(row), max(row)
        if abs(lo - background) > 12 or abs(hi - background) > 12:
            return min(gray.height, (y + 3) * 4)
    return gray.height


def encode(img: Image.Image, photo: bool) -> bytes:
    # Text needs full colour resolution (4:4:4) to stay crisp.
    options: dict[str, object] = {"quality": 80} if photo else {"quality": 85,
                                                                 "subsampling": 0}
    buf = io.BytesIO()
    try:
        img.save(buf, "JPEG", optimize=True, **options)
    except OSError:
        # Pillow sizes the optimising encoder's buffer at one byte a pixel; a noisy photo
        # (night, high ISO) needs more and fails ("broken data stream"): plain coding.
        buf = io.BytesIO()
        img.save(buf, "JPEG", **options)
    return buf.getvalue()


def decode_side(original_size: tuple[int, int] | None, kind: str, content_width: float) -> int:
    """The longest side worth decoding: what MAX_DPI needs at the printed size. A 50 MP
    photo is then decoded at a quarter of its size (JPEG draft mode), not in full."""
    if not original_size or min(original_size) < 1:
        return 6000
    w, h = original_size
    width_pt = display_width(w, h, content_width, kind != "photo")
    needed_px = width_pt / 72 * MAX_DPI
    # Either side may be the width once EXIF orientation is applied: allow for both.
    return max(64, min(6000, math.ceil(max(w, h) * needed_px / min(w, h))))


def prepare_exhibit(path: Path, kind: str, content_width: float, first_height: float,
                    page_height: float,
                    redact: list[tuple[int, int, int, int]] | None = None,
                    original_size: tuple[int, int] | None = None) -> list[ImageSlice]:
    """Slices of the image sized for the page: the first fits first_height (below the
    exhibit's facts), the next ones page_height each. Photos are scaled to fit one page.

    redact: areas (left, top, right, bottom, in original pixels) burnt black into the
    pixels before anything is encoded, so the PDF never holds what was under them."""
    img = open_rgb(path, max_side=decode_side(original_size, kind, content_width), exact=False)
    if redact:
        # Boxes are in upright original pixels; the decoded copy may be reduced.
        img = burn(img, redact, upright_size(path))
    photo = kind == "photo"
    width_pt = display_width(img.width, img.height, content_width, not photo)
    scale_pt = width_pt / img.width  # points per source pixel
    if photo and img.height * scale_pt > first_height:
        scale_pt = first_height / img.height
        width_pt = img.width * scale_pt
    # Downsample so the image carries no more than MAX_DPI at its printed size.
    max_px = int(width_pt / 72 * MAX_DPI)
    if img.width > max_px:
        img = img.resize((max_px, round(img.height * max_px / img.width)),
                         Image.Resampling.LANCZOS, reducing_gap=2.0)
        scale_pt = width_pt / img.width
    slices: list[tuple[int, int]] = []
    top = 0
    available = first_height
    gray = img.convert("L") if not photo else None
    if gray is not None:
        bottom = content_bottom(gray)
        if bottom < img.height * 0.9:
            img = img.crop((0, 0, img.width, bottom))
            gray = gray.crop((0, 0, gray.width, bottom))
    while top < img.height:
        room = int(available / scale_pt)
        if img.height - top <= room or gray is None:
            slices.append((top, img.height))
            break
        cut = find_cut(gray, top + room, max(8, room // 6))
        slices.append((top, cut))
        top = cut
        available = page_height
    result = []
    for n, (a, b) in enumerate(slices, start=1):
        part = img.crop((0, a, img.width, b))
        result.append(ImageSlice(encode(part, photo), width_pt, (b - a) * scale_pt, n,
                                 len(slices)))
    return result
