"""OCR output as words with boxes, grouped into the visual lines of a screenshot."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.records import union_boxes

Box = tuple[int, int, int, int]  # left, top, width, height in original image pixels


@dataclass
class Word:
    text: str
    conf: float
    box: Box


@dataclass
class Line:
    words: list[Word]
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # char range of each word
    # The other engine's reading of the same band ("" when only one engine read it):
    # values both readings agree on are trusted, the others are marked to check.
    alt_text: str = ""
    engine: str = "tesseract"

    @property
    def box(self) -> Box:
        return union_boxes(w.box for w in self.words)

    def moved(self, scale: float = 1.0, dx: int = 0, dy: int = 0) -> Line:
        """The same reading with every box taken back by moved() (from a scaled copy, or
        a crop at dx, dy) into the whole image's pixels."""
        return self._boxes_mapped(lambda box: moved(box, scale, dx, dy))

    def turned_back(self, turn: Turn) -> Line:
        """The same reading with every box taken back through a turn (read from a crop
        turned level) into the whole image's pixels."""
        return self._boxes_mapped(turn.back)

    def _boxes_mapped(self, back: Callable[[Box], Box]) -> Line:
        return Line([Word(w.text, w.conf, back(w.box)) for w in self.words],
                    self.text, self.spans, self.alt_text, self.engine)

    def box_of(self, start: int, end: int) -> Box:
        """The box covering characters start..end of the line text."""
        hit = [w.box for w, (a, b) in zip(self.words, self.spans, strict=True)
               if a < end and b > start]
        return union_boxes(hit or [w.box for w in self.words])


def normalise(text: str) -> str:
    """Full-width digits, letters and colons to ASCII; keep ¥ as ¥."""
    return unicodedata.normalize("NFKC", text).replace("￥", "¥")


def moved(box: Box, scale: float = 1.0, dx: int = 0, dy: int = 0) -> Box:
    """A box of an image scaled by scale and cut at (dx, dy), back in that image's pixels."""
    return (dx + round(box[0] / scale), dy + round(box[1] / scale),
            round(box[2] / scale), round(box[3] / scale))


@dataclass(frozen=True)
class Turn:
    """A crop of an image at (left, top), size crop_size, turned by `angle` degrees
    counter-clockwise with its canvas grown to turned_size (PIL's rotate, expand=True)."""

    angle: float
    left: int
    top: int
    crop_size: tuple[int, int]
    turned_size: tuple[int, int]

    def back(self, box: Box) -> Box:
        """A box in the turned crop as the box around it in the image: its corners turned
        back, so a box always covers at least what it covered."""
        a = math.radians(self.angle)
        cos, sin = math.cos(a), math.sin(a)
        tw, th = self.turned_size[0] / 2, self.turned_size[1] / 2
        cw, ch = self.crop_size[0] / 2, self.crop_size[1] / 2
        x, y, w, h = box
        xs, ys = [], []
        for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
            dx, dy = px - tw, py - th
            # y grows downwards: a counter-clockwise turn on screen is clockwise in maths
            xs.append(cw + dx * cos - dy * sin)
            ys.append(ch + dx * sin + dy * cos)
        left, top = math.floor(min(xs)), math.floor(min(ys))
        return (self.left + left, self.top + top,
                math.ceil(max(xs)) - left, math.ceil(max(ys)) - top)


def tsv_words(data: dict[str, list[Any]]) -> dict[tuple[int, int, int], list[Word]]:
    """Tesseract's words (pytesseract's column dict) grouped by its lines, boxes as given."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw in enumerate(data["text"]):
        text = normalise(raw).strip()
        if not text:
            continue
        box = (data["left"][i], data["top"][i], data["width"][i], data["height"][i])
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        grouped.setdefault(key, []).append(Word(text, float(data["conf"][i]), box))
    return grouped


def _needs_space(prev: str, nxt: str) -> bool:
    # Tesseract separates every Chinese character; only Latin words and numbers keep gaps.
    return prev[-1:].isascii() and nxt[:1].isascii() and prev[-1:].isalnum() \
        and nxt[:1].isalnum()


def build_line(words: list[Word]) -> Line:
    words = sorted(words, key=lambda w: w.box[0])
    line = Line(words)
    parts: list[str] = []
    pos = 0
    prev = ""
    for word in words:
        if parts and _needs_space(prev, word.text):
            parts.append(" ")
            pos += 1
        line.spans.append((pos, pos + len(word.text)))
        parts.append(word.text)
        pos += len(word.text)
        prev = word.text
    line.text = "".join(parts)
    return line


def merge_rows(lines: list[Line]) -> list[Line]:
    """Join pieces Tesseract read as separate blocks but that sit on one visual row
    (a label on the left, its value on the right), then sort top to bottom."""
    boxed = sorted(((ln.box, ln) for ln in lines), key=lambda bl: (bl[0][1], bl[0][0]))
    rows: list[tuple[Box, list[Line]]] = []  # each row's first box, and its pieces
    for box, line in boxed:
        top, height = box[1], box[3]
        centre = top + height / 2
        for ref, row in rows:
            if abs((ref[1] + ref[3] / 2) - centre) < max(4, min(ref[3], height) * 0.5):
                row.append(line)
                break
        else:
            rows.append((box, [line]))
    merged = []
    for _ref, row in rows:
        if all(ln.engine == "tesseract" for ln in row):
            merged.append(build_line([w for ln in row for w in ln.words]))
        else:  # PP-OCR's and a PDF text layer's lines carry their own spacing: keep it
            merged.append(join_lines(sorted(row, key=lambda ln: ln.box[0])))
    merged.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    return merged


def join_lines(parts: list[Line]) -> Line:
    """Pieces of one row, left to right, as one line (a space between pieces)."""
    if len(parts) == 1:
        return parts[0]
    words: list[Word] = []
    spans: list[tuple[int, int]] = []
    texts: list[str] = []
    pos = 0
    for part in parts:
        if texts:
            texts.append(" ")
            pos += 1
        words += part.words
        spans += [(a + pos, b + pos) for a, b in part.spans]
        texts.append(part.text)
        pos += len(part.text)
    alt = " ".join(p.alt_text for p in parts if p.alt_text)
    return Line(words, "".join(texts), spans, alt, parts[0].engine)
