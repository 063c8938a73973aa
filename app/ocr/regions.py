"""Text Tesseract could not see: a "line" of a few characters over a box many text heights
tall and wide is what it makes of text inside a frame (a buyer's red rectangle round an
order number, a boxed notice). Such a region is read again by PP-OCR, which finds the
text lines inside it."""

from __future__ import annotations

import logging

from PIL import Image

from app.ocr.paddle import PaddleReader
from app.ocr.words import Line

logger = logging.getLogger(__name__)

SURE = 80.0  # Tesseract confidence of the words whose height is the page's text height
GARBLED_TALL = 3.0  # text heights: a "line" this tall and
GARBLED_WIDE = 6.0  # this wide, read as
GARBLED_CHARS = 4  # this few characters, is text Tesseract could not see in a frame
GARBLED_AREA = 0.2  # of the page at most
GARBLED_MAX = 3  # regions per page


def text_height(lines: list[Line]) -> int:
    """The median height of the words Tesseract was sure of (0: none)."""
    heights = sorted(w.box[3] for line in lines for w in line.words
                     if w.conf >= SURE and w.box[3] > 0)
    return heights[len(heights) // 2] if heights else 0


def garbled_regions(lines: list[Line], img_width: int, img_height: int, height: int
                    ) -> list[int]:
    """Indexes of the lines that are not lines, the largest first (at most GARBLED_MAX)."""
    found = [i for i, line in enumerate(lines)
             if line.box[3] >= GARBLED_TALL * height and line.box[2] >= GARBLED_WIDE * height
             and len(line.text.replace(" ", "")) <= GARBLED_CHARS
             and line.box[2] * line.box[3] <= GARBLED_AREA * img_width * img_height]
    return sorted(found, key=lambda i: -lines[i].box[2] * lines[i].box[3])[:GARBLED_MAX]


def reread_regions(img: Image.Image, lines: list[Line], reader: PaddleReader) -> list[Line]:
    """Each garbled line replaced by PP-OCR's reading of the rows of text in its region."""
    height = text_height(lines)
    chosen = set(garbled_regions(lines, img.width, img.height, height)) if height else set()
    if not chosen:
        return lines
    out: list[Line] = []
    for i, line in enumerate(lines):
        if i not in chosen:
            out.append(line)
            continue
        try:
            found = reader.read_region(img, line.box)
        except Exception:  # the second engine failing must never lose the first reading
            logger.exception("PP-OCR failed on a region; keeping Tesseract's reading")
            found = []
        out += found or [line]
    return out
