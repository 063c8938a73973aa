"""Reading the numbers of a page a second time, with Tesseract's English model.

A page is read with the Chinese model alone: adding the English model to every line costs
Tesseract about half as much time again, and only the numbers need it. The Chinese model
finds the numbers but misreads what matters in them: ¥ becomes 兰 or 半 and swallows the
next digit, a colon becomes ";", a 5 a 3. So every run of digits is cut out of the page,
the pieces are stacked into one small image, and the English model's readings replace the
Chinese ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image

from app.ocr.words import Box, Line, Word, build_line, moved, tsv_words
from app.records import union_boxes

# What the Chinese model makes of a ¥ glyph standing before the digits.
YUAN_LOOKALIKES = frozenset("兰半羊关妆筷¥Y")
DOUBTFUL_CONF = 80.0  # a single character read with less confidence may be a ¥
SURE_CONF = 90.0  # numbers read with this confidence or more are not read again
CJK = re.compile(r"[\u3400-\u9fff]")
PRICE = re.compile(r"^\d[\d,]*\.\d")  # what a ¥ stands before
MIN_DIGITS = 3  # shorter numbers (1件, x1) carry no fact
JOIN_GAP = 1.5  # words closer than this many text heights are read together (date + time)
TOUCH_GAP = 0.6  # a ¥ this close before the digits belongs to them
SIDE_ROOM = 0.6  # room left and right of a piece, in text heights: a clipped 1 is lost
MARGIN = 24  # px of white around each piece in the stacked image
BACKGROUND_NOISE = 24  # grey levels around the background that JPEG noise spreads it over

Read = Callable[[Image.Image], dict[str, list[Any]]]


@dataclass
class Piece:
    line: int  # index in the page's lines
    words: list[int]  # indexes of the words it replaces, left to right
    crop: Box = (0, 0, 0, 0)  # area of the page to read again


def _digit_count(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _is_number(text: str) -> bool:
    """Digits, with at most one Chinese character, in front: a ¥ read as 兰."""
    return _digit_count(text) > 0 and not CJK.search(text[1:])


def _may_be_yuan(word: Word) -> bool:
    return len(word.text) == 1 and not word.text.isdigit() and (
        word.text in YUAN_LOOKALIKES or word.conf < DOUBTFUL_CONF)


def number_runs(words: list[Word]) -> list[list[int]]:
    """Indexes of the number words of a line, grouped when they stand close together."""
    runs: list[list[int]] = []
    previous = -2
    for wi, word in enumerate(words):
        if not _is_number(word.text):
            continue
        if previous == wi - 1:
            last = words[previous].box
            if word.box[0] - (last[0] + last[2]) < max(1, word.box[3]) * JOIN_GAP:
                runs[-1].append(wi)
                previous = wi
                continue
        runs.append([wi])
        previous = wi
    return runs


def _with_yuan(words: list[Word], run: list[int]) -> list[int]:
    """The run with the character before it when that is a misread ¥ of a price."""
    first = run[0]
    if first == 0 or not PRICE.match("".join(words[i].text for i in run)):
        return run
    prev, word = words[first - 1], words[first]
    touching = word.box[0] - (prev.box[0] + prev.box[2]) < max(1, word.box[3]) * TOUCH_GAP
    return [first - 1, *run] if touching and _may_be_yuan(prev) else run


def find_pieces(lines: list[Line]) -> list[Piece]:
    """The runs of digits worth reading again, with the crop around each."""
    pieces = []
    for li, line in enumerate(lines):
        for run in number_runs(line.words):
            if sum(_digit_count(line.words[i].text) for i in run) < MIN_DIGITS:
                continue
            members = _with_yuan(line.words, run)
            if min(line.words[i].conf for i in members) >= SURE_CONF:
                continue  # read with confidence: the Chinese model's digits are right
            pieces.append(Piece(li, members, _crop_box(line.words, members)))
    return pieces


def _crop_box(words: list[Word], members: list[int]) -> Box:
    """The piece's words with room around them, but not into the neighbouring words:
    Tesseract's word boxes can clip a thin leading 1."""
    left, top, width, height = union_boxes(words[i].box for i in members)
    right = left + width
    room = round(height * SIDE_ROOM)
    new_left, new_right = left - room, right + room
    for i, word in enumerate(words):
        if i in members:
            continue
        w_left, w_right = word.box[0], word.box[0] + word.box[2]
        if w_right <= left + 2:
            new_left = max(new_left, (w_right + left) // 2)
        elif w_left >= right - 2:
            new_right = min(new_right, (w_left + right) // 2)
    pad = max(2, round(height * 0.3))
    new_left = max(0, new_left)
    return (new_left, max(0, top - pad), new_right - new_left, height + 2 * pad)


def _on_white(crop: Image.Image) -> Image.Image:
    """The crop with its background made white and its ink left as it is: a piece must
    show no edge of its own, which Tesseract would read as a stroke (a "1" or a "|")."""
    histogram = crop.histogram()
    background = max(range(256), key=lambda v: histogram[v])  # the commonest grey
    cut = background - BACKGROUND_NOISE
    return crop.point(lambda v: 255 if v >= cut else v)


def stack(image: Image.Image, pieces: list[Piece]) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The pieces one under another on white; the top of each piece and the bottom of
    the band of canvas that belongs to it."""
    crops = [image.crop((p.crop[0], p.crop[1], min(image.width, p.crop[0] + p.crop[2]),
                         min(image.height, p.crop[1] + p.crop[3]))) for p in pieces]
    gap = max(c.height for c in crops)
    width = max(c.width for c in crops) + 2 * MARGIN
    places = []
    y = gap
    for crop in crops:
        places.append((y, y + crop.height + gap // 2))
        y += crop.height + gap
    canvas = Image.new("L", (width, y), 255)
    for crop, (top, _bottom) in zip(crops, places, strict=True):
        canvas.paste(_on_white(crop), (MARGIN, top))
    return canvas, places


def _read_pieces(canvas: Image.Image, places: list[tuple[int, int]], pieces: list[Piece],
                 read: Read) -> list[list[Word]]:
    """The words read in each piece, boxes back in page pixels."""
    found: list[list[Word]] = [[] for _ in pieces]
    for word in (w for group in tsv_words(read(canvas)).values() for w in group):
        centre = word.box[1] + word.box[3] / 2
        for k, (top, bottom) in enumerate(places):
            if centre < bottom:
                crop = pieces[k].crop
                box = moved(word.box, 1.0, crop[0] - MARGIN, crop[1] - top)
                found[k].append(Word(word.text, word.conf, box))
                break
    return found


def reread_numbers(image: Image.Image, lines: list[Line], read: Read) -> list[Line]:
    """lines (boxes in image pixels) with their numbers as the English model reads them."""
    pieces = find_pieces(lines)
    if not pieces:
        return lines
    canvas, places = stack(image, pieces)
    found = _read_pieces(canvas, places, pieces, read)
    # per line: index of a replaced piece's first word -> its new words; others dropped
    replace: dict[int, dict[int, list[Word]]] = {}
    for piece, words in zip(pieces, found, strict=True):
        if not any(_digit_count(w.text) for w in words):
            continue  # the English model saw no number there: keep what the Chinese one saw
        line_plan = replace.setdefault(piece.line, {})
        line_plan[piece.words[0]] = words
        for i in piece.words[1:]:
            line_plan[i] = []
    result = list(lines)
    for li, plan in replace.items():
        words = []
        for i, word in enumerate(lines[li].words):
            words.extend(plan.get(i, [word]))
        result[li] = build_line(words)
    return result
