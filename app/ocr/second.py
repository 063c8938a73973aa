"""The second reading: PP-OCR reads again the parts of the page where the facts are.

Tesseract found the lines; around each run of digits (order numbers, times, amounts, with
room for its label), and along a line Tesseract read only the start of, PP-OCR reads
again. Its reading replaces what lay inside those crops and Tesseract's whole line is
kept beside it (Line.alt_text), so extraction can see where the two agree. Pages
Tesseract hardly reads are read whole by PP-OCR instead.
"""

from __future__ import annotations

import logging
import re

from PIL import Image

from app.ocr.digits import number_runs
from app.ocr.ink import ink_band, ink_pieces, past_the_ink
from app.ocr.paddle import PaddleReader
from app.ocr.regions import reread_regions
from app.ocr.words import Box, Line, Word, build_line
from app.records import union_boxes

logger = logging.getLogger(__name__)

SMALL_WIDTH = 400  # px: a screenshot forwarded (halved) twice; read whole by PP-OCR
FEW_LINES = 8  # Tesseract found hardly any text: a dimmed page under a dialog, a photo
MIN_DIGITS = 3  # a band with fewer digits carries no number worth a second look
BAND_PAD = 0.25  # of the line height, above and below
LABEL_ROOM = 5.0  # line heights of room left of a number: a label Tesseract misread
SIDE_PAD = 0.8  # line heights of room right of a number (more where ink goes on)
# Heights a crop may be wide at most, its own height once cut to its row of ink: PP-OCR
# reads a crop scaled to 48 px tall, and its memory grows with the width that gives, about
# 1 MB a height (a 14 px row across a 1020 px page: 73 heights, 120 MB at once). A payment
# page's label column and value fit in about 25.
MAX_CROP_WIDTH = 40
SHORT_LINE = 2  # characters: a line read this short and unsure is probably cut short
UNSURE = 80.0  # Tesseract confidence below which such a line is read again
REST_OF_ROW = 14  # line heights to the right read again for a line cut short
SPARSE_CHARS = 25  # sure characters a megapixel: below, Tesseract hardly read the page
SOME_TEXT = 12  # sure characters: fewer, and the page is a photo of things, not of text
# A long number with no label read before it: the label was probably too small, or far
# to the left (a payment page's label column); the line is read again whole.
LONG_NUMBER = re.compile(r"\d{10,}")
ANY_LABEL = re.compile(r"订|单|号|交易|时间|电话|金额|¥")


def unlabelled(line: Line) -> bool:
    compact = line.text.replace(" ", "")
    return bool(LONG_NUMBER.search(compact)) and not ANY_LABEL.search(compact)


def number_crops(line: Line, img: Image.Image) -> list[Box]:
    """Where a line holds numbers: each run of number words, widened to the left by a few
    characters (the label before it, which Tesseract misreads in small text), padded, and
    cut down to the number's own row of ink."""
    img_width, img_height = img.size
    crops: list[Box] = []
    previous_right = 0
    for run in number_runs(line.words):
        if sum(c.isdigit() for i in run for c in line.words[i].text) < MIN_DIGITS:
            continue
        left, top, width, height = union_boxes(line.words[i].box for i in run)
        height = max(1, height)
        pad = max(2, round(height * BAND_PAD))
        x0 = _outside_words(line, max(previous_right, left - round(LABEL_ROOM * height)), -1)
        x1 = _outside_words(line, min(img_width, left + width + round(SIDE_PAD * height)), 1)
        x0, x1 = max(0, x0, x1 - MAX_CROP_WIDTH * height), min(img_width, x1)
        y0, y1 = max(0, top - pad), min(img_height, top + height + pad)
        if x1 - x0 <= 2 or y1 - y0 <= 2:
            continue
        crop = ink_band(img, (x0, y0, x1 - x0, y1 - y0), (left, top, width, height))
        if not any(w.box[0] >= left + width for w in line.words):  # it ends the line
            crop = past_the_ink(img, crop, gap=max(2, height // 2), limit=2 * height)
        previous_right = x1
        crops.append(_within_reach(crop, left))
    return crops


def _within_reach(crop: Box, number_left: int) -> Box:
    """The crop at most MAX_CROP_WIDTH of its own heights wide: the room left for the
    label is given up first, never the number."""
    x0, y0, width, height = crop
    x1 = x0 + width
    new_x0 = max(x0, min(number_left, x1 - MAX_CROP_WIDTH * max(1, height)))
    return (new_x0, y0, x1 - new_x0, height)


WORD_GAP = 2.0  # line heights between two words that start a new piece of a line


def line_pieces(line: Line, img: Image.Image) -> list[Box]:
    """A whole line, in pieces: where Tesseract read a long number but no label before
    it, its split of the line is not to be trusted either (an id and a date run together,
    a label lost in small grey text, digits it never saw), so its row is read again across
    the page (the label may stand far to the left, in a column of its own) by its ink:
    cut where a gap of blank columns or the width PP-OCR can read at once says."""
    _left, top, _width, height = line.box
    height = max(1, height)
    pad = max(2, round(height * BAND_PAD))
    y0, y1 = max(0, top - pad), min(img.height, top + height + pad)
    if y1 - y0 <= 2:
        return []
    band = ink_band(img, (0, y0, img.width, y1 - y0), line.box)
    return ink_pieces(img, band, gap=round(WORD_GAP * height),
                      max_width=(MAX_CROP_WIDTH - 2) * band[3])


def _outside_words(line: Line, x: int, direction: int) -> int:
    """Move a crop edge out of any word it would cut (a half character is misread)."""
    for word in sorted(line.words, key=lambda w: w.box[0], reverse=direction < 0):
        left, right = word.box[0], word.box[0] + word.box[2]
        if left < x < right:
            x = left - 2 if direction < 0 else right + 2
    return x


def cut_short_crop(line: Line, img_width: int, img_height: int) -> list[Box]:
    """A line Tesseract read only the first character of (a chat bubble's 收货人：… read
    as 收), or two unsure ones: the rest of its row, to read again."""
    text = line.text.strip()
    confs = [w.conf for w in line.words if w.conf >= 0]
    if not confs or any(c.isdigit() for c in text) or len(text) > SHORT_LINE or \
            (len(text) > 1 and max(confs) >= UNSURE):
        return []  # (a lone character, however sure, is the start of something)
    left, top, width, height = line.box
    height = max(1, height)
    pad = max(2, round(height * BAND_PAD))
    x0, x1 = max(0, left - height), min(img_width, left + width + REST_OF_ROW * height)
    y0, y1 = max(0, top - pad), min(img_height, top + height + pad)
    x1 = min(x1, x0 + MAX_CROP_WIDTH * (y1 - y0))  # (a photo's "line" may be wide)
    return [(x0, y0, x1 - x0, y1 - y0)] if x1 > x0 and y1 > y0 else []


def second_reading(img: Image.Image, lines: list[Line], reader: PaddleReader) -> list[Line]:
    lines = reread_regions(img, lines, reader)
    crops = [line_pieces(line, img) if unlabelled(line) else
             number_crops(line, img) or cut_short_crop(line, img.width, img.height)
             for line in lines]
    flat = [box for boxes in crops for box in boxes]
    try:
        readings = iter(reader.read_boxes(img, flat))
    except Exception:  # the second engine failing must never lose the first reading
        logger.exception("PP-OCR failed; keeping Tesseract's reading")
        return lines
    out = list(lines)
    for i, boxes in enumerate(crops):
        if not boxes:
            continue
        parts = [next(readings) for _ in boxes]
        out[i] = replaced(lines[i], boxes, parts)
    return out


def replaced(line: Line, boxes: list[Box], parts: list[Line]) -> Line:
    """The line with what lies inside each crop read by PP-OCR instead of Tesseract."""
    def inside(word: Word) -> bool:
        # A word the crop cuts into is read again by PP-OCR too: keep one reading.
        left, width = word.box[0], max(1, word.box[2])
        return any(min(left + width, x + w) - max(left, x) > 0.3 * width
                   for x, _y, w, _h in boxes)

    words = [w for w in line.words if not inside(w)]
    for part in parts:
        words += tokens(part)
    again = build_line(words)
    again.alt_text = line.text
    again.engine = "both"
    return again


def tokens(line: Line) -> list[Word]:
    """PP-OCR's characters joined into the words Tesseract would give: a run of digits
    (with its separators) is one word, each Chinese character its own."""
    out: list[Word] = []
    for (start, _end), word in zip(line.spans, line.words, strict=True):
        joinable = out and word.text[:1].isascii() and out[-1].text[-1:].isascii() \
            and not word.text.isspace() and line.text[start - 1:start] != " "
        if joinable:
            last = out[-1]
            out[-1] = Word(last.text + word.text, min(last.conf, word.conf),
                           union_boxes([last.box, word.box]))
        else:
            out.append(Word(word.text, word.conf, word.box))
    return out


def reads_poorly(img: Image.Image, lines: list[Line]) -> bool:
    """Pages where Tesseract's reading is not worth keeping as the main one: small, with
    hardly any lines, or with hardly any characters it is sure of for their size (a
    photo of a screen, grey text on a striped background: a phone screen holds hundreds)."""
    sure = sum(len(w.text) for line in lines for w in line.words if w.conf >= UNSURE)
    megapixels = img.width * img.height / 1e6
    return img.width < SMALL_WIDTH or len(lines) < FEW_LINES or \
        SOME_TEXT <= sure < SPARSE_CHARS * megapixels


def with_alternatives(primary: list[Line], other: list[Line]) -> list[Line]:
    """Each line of one engine's page reading, with the other engine's reading of the
    same band (the lines overlapping it) as its alternative."""
    for line in primary:
        left, top, width, height = line.box
        beside = [o for o in other if _overlap(o.box[1], o.box[3], top, height) > 0.5 * height
                  and _overlap(o.box[0], o.box[2], left, width) > 0]
        line.alt_text = " ".join(o.text for o in beside)
    return primary


def _overlap(a: int, a_len: int, b: int, b_len: int) -> int:
    return max(0, min(a + a_len, b + b_len) - max(a, b))
