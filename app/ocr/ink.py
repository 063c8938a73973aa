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


def ink_band(img: Image.Image, crop: Box, core: Box) -> Box:
    """The crop cut down to the row of text it was made for.

    A crop that holds the foot of the row above besides the number (Tesseract's box for it
    was several lines tall) makes PP-OCR's recogniser misread digits. The rows carrying ink
    between the number's own columns tell where text lies; of those runs, the one that
    overlaps the number's own box most (on a tilted photo the row above reaches into its
    columns too) is kept, padded, across the crop's whole width."""
    x0, y0, width, height = crop
    ink = _ink(img, crop)
    left, top, core_width, core_height = core
    columns = ink[:, max(0, left - x0):max(1, min(width, left + core_width - x0))]
    rows = ink_runs([bool(row) for row in columns.any(axis=1)])
    if not rows:
        return crop
    own_top, own_bottom = top - y0, top - y0 + core_height

    def fit(run: tuple[int, int]) -> tuple[int, int]:
        overlap = max(0, min(run[1], own_bottom) - max(run[0], own_top))
        return overlap, run[1] - run[0]

    run_top, run_bottom = max(rows, key=fit)
    if run_bottom - run_top >= INK_SPAN * height:
        return crop  # ink everywhere (a photo, a coloured band): nothing to cut away
    pad = max(2, round((run_bottom - run_top) * ROW_PAD))
    new_top, new_bottom = max(0, run_top - pad), min(height, run_bottom + pad)
    return (x0, y0 + new_top, width, new_bottom - new_top)


def past_the_ink(img: Image.Image, crop: Box, gap: int, limit: int) -> Box:
    """The crop with its right edge moved out of the glyph it cuts: on until `gap` columns
    free of ink (then `gap` more as margin), at most `limit` px further. Tesseract's box
    for the last digits of a small grey number can stop short of them, and PP-OCR's
    recogniser drops a character that touches the crop's edge."""
    x0, y0, width, height = crop
    right = x0 + width
    end = min(img.width, right + limit)
    if end - right < gap or height < 2:
        return crop
    inked = _ink(img, (right, y0, end - right, height)).any(axis=0)
    clear = 0
    for x, ink in enumerate(inked):
        clear = 0 if ink else clear + 1
        if clear >= gap:
            return (x0, y0, min(img.width, right + x + 1) - x0, height)
    return (x0, y0, end - x0, height)


def ink_pieces(img: Image.Image, band: Box, gap: int, max_width: int) -> list[Box]:
    """A row of text cut where `gap` columns in a row hold no ink, and where a piece would
    grow wider than `max_width` (a run of ink that long is cut at its faintest column near
    the limit: between two glyphs), each piece with half a gap of margin. The ink tells
    where text lies even where OCR read nothing."""
    x0, y0, width, height = band
    if width < 2 or height < 2:
        return []
    ink = _ink(img, band).sum(axis=0)
    max_width = max(gap + 2, max_width)
    pieces: list[list[int]] = []
    for start, end in ink_runs([bool(c) for c in ink]):
        if pieces and start - pieces[-1][1] < gap and end - pieces[-1][0] <= max_width:
            pieces[-1][1] = end
            continue
        while end - start > max_width:
            low = start + max(1, max_width * 3 // 4)
            cut = low + int(ink[low:start + max_width].argmin())
            pieces.append([start, cut])
            start = cut
        pieces.append([start, end])
    margin = gap // 2
    return [(x0 + max(0, start - margin), y0,
             min(width, end + margin) - max(0, start - margin), height)
            for start, end in pieces]
