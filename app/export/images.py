"""Exhibit images for the PDF: re-encoded small, tall screenshots cut into page slices.

Cuts fall on blank rows between lines of text, so no line is ever cut in half. Slices are
written as JPEG files to the export's work folder and embedded from there as they are
(no decoding), so memory does not grow with the number of exhibits.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageStat

from app.imaging import open_upright
from app.privacy.redaction import burn

# Effective print resolution: at most MAX_DPI (more only makes the file bigger).
MAX_DPI = 200
# A small picture (forwarded through a chat app, 270 px wide) is printed large enough to
# read, up to 1/LOWEST_DPI inch a pixel, and its pixels enlarged smoothly to MIN_DPI:
# printed at its own 150 dpi it was a 5 cm stamp, and its digits blocks of grey.
LOWEST_DPI = 60
MIN_DPI = 150
# Phone screenshots are shown at this share of the text width: their UI text then prints
# at about 10 pt, the size of the surrounding text.
PHONE_WIDTH_SHARE = 0.72
# A picture at most this much wider than MAX_DPI needs is kept as it is: resampling a
# 1080-px screenshot to 986 px costs more time than its bytes save, and blurs its text.
RESAMPLE_ABOVE = 1.2


@dataclass(frozen=True)
class ImageSlice:
    path: Path  # a JPEG file
    width_pt: float
    height_pt: float
    part: int
    parts: int


def display_width(px_width: int, px_height: int, content_width: float, screenshot: bool) -> float:
    width = content_width
    if screenshot and px_height > px_width * 1.3:
        width = content_width * PHONE_WIDTH_SHARE
    return min(width, px_width * 72 / LOWEST_DPI)


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
    small = gray.reduce(4) if min(gray.size) >= 4 else gray
    background = int(small.tobytes()[-(small.width // 2) - 1])  # bottom row, middle
    for y in range(small.height - 1, -1, -1):
        row = small.crop((0, y, small.width, y + 1)).tobytes()
        lo, hi = min(row), max(row)
        if abs(lo - background) > 12 or abs(hi - background) > 12:
            return min(gray.height, (y + 3) * 4)
    return gray.height


def encode(img: Image.Image, photo: bool, path: Path) -> None:
    # Text needs full colour resolution (4:4:4) to stay crisp.
    options: dict[str, object] = {"quality": 80} if photo else {"quality": 85,
                                                                 "subsampling": 0}
    try:
        img.save(path, "JPEG", optimize=True, **options)
    except OSError:
        # Pillow sizes the optimising encoder's buffer at one byte a pixel; a noisy photo
        # (night, high ISO) needs more and fails ("broken data stream"): plain coding.
        img.save(path, "JPEG", **options)


def decode_side(original_size: tuple[int, int] | None, screenshot: bool,
                content_width: float) -> int:
    """The longest side worth decoding: what the most print resolution needs at the
    printed size. A 50 MP photo is then decoded reduced (JPEG draft mode), not in full."""
    if not original_size or min(original_size) < 1:
        return 6000
    w, h = original_size
    width_pt = display_width(w, h, content_width, screenshot)
    needed_px = width_pt / 72 * MAX_DPI
    # Either side may be the width once EXIF orientation is applied: allow for both. A
    # long capture keeps its whole height (capped at 6000 px, a 1080 x 15000 capture was
    # decoded at half its width, and its text printed at 110 dpi).
    return max(64, min(max(w, h), math.ceil(max(w, h) * needed_px / min(w, h))))


def prepare_exhibit(original: bytes, photo: bool, content_width: float, first_height: float,
                    page_height: float, slice_path: Callable[[int], Path],
                    redact: list[tuple[int, int, int, int]] | None = None,
                    original_size: tuple[int, int] | None = None, page_wide: bool = False
                    ) -> list[ImageSlice]:
    """Slices of the image (the original file's bytes) sized for the page: the first fits
    first_height (below the exhibit's facts), the next ones page_height each, written to
    slice_path(part). Photos are scaled to fit one page, and never cut. A phone's
    screenshot is printed narrower than the page unless page_wide (a PDF's pages).

    redact: areas (left, top, right, bottom, in original pixels) burnt black into the
    pixels before anything is encoded, so the PDF never holds what was under them."""
    screenshot = not photo and not page_wide
    side = decode_side(original_size, screenshot, content_width)
    img, upright_full = open_upright(io.BytesIO(original), max_side=side)
    if redact:
        # Boxes are in upright original pixels; the decoded copy may be reduced.
        img = burn(img, redact, upright_full)
    width_pt = display_width(img.width, img.height, content_width, screenshot)
    scale_pt = width_pt / img.width  # points per source pixel
    if photo and img.height * scale_pt > first_height:
        scale_pt = first_height / img.height
        width_pt = img.width * scale_pt
    # No more than MAX_DPI at the printed size, and no less than MIN_DPI.
    max_px = int(width_pt / 72 * MAX_DPI)
    min_px = int(width_pt / 72 * MIN_DPI)
    if img.width > max_px * RESAMPLE_ABOVE or img.width < min_px:
        wanted = max_px if img.width > max_px else min_px
        img = img.resize((wanted, round(img.height * wanted / img.width)),
                         Image.Resampling.LANCZOS, reducing_gap=2.0)
        scale_pt = width_pt / img.width
    gray = img.convert("L") if not photo else None
    if gray is not None:
        bottom = content_bottom(gray)
        if bottom < img.height * 0.9:
            img = img.crop((0, 0, img.width, bottom))
            gray = gray.crop((0, 0, gray.width, bottom))
    cuts = _cuts(img.height, gray, first_height / scale_pt, page_height / scale_pt)
    result = []
    for n, (a, b) in enumerate(cuts, start=1):
        path = slice_path(n)
        encode(img.crop((0, a, img.width, b)), photo, path)
        result.append(ImageSlice(path, width_pt, (b - a) * scale_pt, n, len(cuts)))
    return result


def _cuts(height: int, gray: Image.Image | None, first_room: float, page_room: float
          ) -> list[tuple[int, int]]:
    """(top, bottom) rows of each slice; a photo (no gray copy) is never cut."""
    slices: list[tuple[int, int]] = []
    top = 0
    room = int(first_room)
    while top < height:
        if height - top <= room or gray is None:
            slices.append((top, height))
            break
        cut = find_cut(gray, top + room, max(8, room // 6))
        slices.append((top, cut))
        top = cut
        room = int(page_room)
    return slices
