"""Where the text lies inside a crop, told by its ink: rows whose pixels stand out from the
background. Tesseract's boxes are not always where the glyphs are (a box several lines
tall), and PP-OCR's recogniser reads one clean line at a time."""

from __future__ import annotations

from typing import Any

from PIL import Image

from app.ocr.words import Box

INK_CONTRAST = 48  # grey levels from the background that count as text
INK_SPAN = 0.9  # of a crop's height: ink in this much of it is not a row of text
ROW_PAD = 0.4  # of the text's height, above and below a row cut out


def _ink(img: Image.Image, box: Box) -> Any:
    """True where a pixel of the box stands out from the box's background (its median)."""
    import numpy as np  # (installed with rapidocr, the engine these crops are read by)

    x0, y0, width, height = box
    grey = np.asarray(img.crop((x0, y0, x0 + width, y0 + height)).convert("L"), dtype=np.int16)
    return abs(grey - int(np.median(grey))) > INK_CONTRAST


def ink_runs(inked: list[bool]) -> list[tuple[int, int]]:
    """Runs of inked rows (or columns), a one-row gap bridged (the gap inside 二)."""
    runs: list[tuple[int, int]] = []
    start = None
    for y, ink in enumerate([*inked, False, False]):
        if ink and start is None:
            start = y
        elif not ink and start is not None and not any(inked[y:y + 2]):
            runs.append((start, y))
            start = None
    return runs


def ink_band(img: Image.Image, crop: Box, core: tuple[int, int]) -> Box:
    """The crop cut down to the row of text it was made for.

    A crop that holds the bottom of the row above besides the number (Tesseract's box for
    it was several lines tall) makes PP-OCR's recogniser misread digits. The rows carrying
    ink between the number's own columns (`core`, x from-to) tell where its text lies; the
    crop keeps those, padded, and the whole width."""
    x0, y0, width, height = crop
    ink = _ink(img, crop)
    columns = ink[:, max(0, core[0] - x0):max(1, min(width, core[1] - x0))]
    rows = ink_runs([bool(row) for row in columns.any(axis=1)])
    if not rows:
        return crop
    top, bottom = max(rows, key=lambda r: (r[1] - r[0], -abs((r[0] + r[1]) / 2 - height / 2)))
    if bottom - top >= INK_SPAN * height:
        return crop  # ink everywhere (a photo, a coloured band): nothing to cut away
    pad = max(2, round((bottom - top) * ROW_PAD))
    new_top, new_bottom = max(0, top - pad), min(height, bottom + pad)
    return (x0, y0 + new_top, width, new_bottom - new_top)
