"""Running Tesseract and keeping its word boxes, grouped into text lines."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytesseract
from PIL import Image

from app.ocr.engine import LANGS, TesseractSetup, tesseract_config
from app.ocr.preprocess import prepare, prepare_strip

Box = tuple[int, int, int, int]  # left, top, width, height in original image pixels

# psm 11 (sparse text) finds the scattered labels and values of app screens in any
# layout; preserve_interword_spaces keeps Tesseract from inventing gaps in Chinese.
PSM = "--psm 11"
OCR_OPTIONS = (PSM, "--oem 1", "-c preserve_interword_spaces=1", "-c tessedit_do_invert=0")


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

    @property
    def box(self) -> Box:
        return union_boxes(w.box for w in self.words)

    def box_of(self, start: int, end: int) -> Box:
        """The box covering characters start..end of the line text."""
        hit = [w.box for w, (a, b) in zip(self.words, self.spans, strict=True)
               if a < end and b > start]
        return union_boxes(hit or [w.box for w in self.words])


def union_boxes(boxes: Any) -> Box:
    boxes = list(boxes)
    if not boxes:
        return (0, 0, 0, 0)
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return (left, top, right - left, bottom - top)


def normalise(text: str) -> str:
    """Full-width digits, letters and colons to ASCII; keep ¥ as ¥."""
    return unicodedata.normalize("NFKC", text).replace("￥", "¥")


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


def _words(data: dict[str, list[Any]], scale: float, dx: int = 0,
           dy: int = 0) -> dict[tuple[int, int, int], list[Word]]:
    """Tesseract's words grouped by line, boxes mapped back to original image pixels."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for i, raw in enumerate(data["text"]):
        text = normalise(raw).strip()
        if not text:
            continue
        box = (
            dx + round(data["left"][i] / scale),
            dy + round(data["top"][i] / scale),
            round(data["width"][i] / scale),
            round(data["height"][i] / scale),
        )
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        grouped.setdefault(key, []).append(Word(text, float(data["conf"][i]), box))
    return grouped


def _ocr(image: Image.Image | str, setup: TesseractSetup, options: tuple[str, ...]) -> Any:
    return pytesseract.image_to_data(
        image, lang=LANGS, config=tesseract_config(setup, *options),
        output_type=pytesseract.Output.DICT,
    )


def recognize(img: Image.Image, setup: TesseractSetup) -> list[Line]:
    """OCR an RGB image; return its text lines top to bottom with boxes in image pixels."""
    return recognize_many([img], setup)[0]


def recognize_many(images: list[Image.Image], setup: TesseractSetup) -> list[list[Line]]:
    """recognize() for several images with one Tesseract process.

    Loading the Chinese model costs about 0.2 s per process; a batch pays it once."""
    prepared = [prepare(img) for img in images]
    if len(images) == 1:
        pages = [_ocr(prepared[0].image, setup, OCR_OPTIONS)]
    else:
        with tempfile.TemporaryDirectory(prefix="proofpack-ocr-") as tmp:
            names = []
            for n, prep in enumerate(prepared):
                name = os.path.join(tmp, f"{n:04d}.png")
                prep.image.save(name, compress_level=1)
                names.append(name)
            listing = os.path.join(tmp, "images.txt")
            Path(listing).write_text("\n".join(names) + "\n", encoding="utf-8")
            pages = _split_pages(_ocr(listing, setup, OCR_OPTIONS), len(images))
    result = []
    for img, prep, data in zip(images, prepared, pages, strict=True):
        lines = merge_rows([build_line(w) for w in _words(data, prep.scale).values()])
        result.append([reread_if_unlabelled(img, line, setup) for line in lines])
    return result


def _split_pages(data: dict[str, list[Any]], count: int) -> list[dict[str, list[Any]]]:
    """Tesseract's TSV for a list of images, one dict per image (page_num is 1-based)."""
    pages: list[dict[str, list[Any]]] = [{key: [] for key in data} for _ in range(count)]
    for i, page in enumerate(data["page_num"]):
        for key in data:
            pages[int(page) - 1][key].append(data[key][i])
    return pages


# A long number with no label readable before it: the label was probably too small.
LONG_NUMBER = re.compile(r"\d{10,}")
ANY_LABEL = re.compile(r"订|单|号|交易|时间|电话|金额|¥")
REREAD_TEXT_HEIGHT = 48  # px: the strip is magnified until its text is this tall
REREAD_OPTIONS = ("--psm 7", "--oem 1", "-c preserve_interword_spaces=1",
                  "-c tessedit_do_invert=0")


def reread_if_unlabelled(img: Image.Image, line: Line, setup: TesseractSetup) -> Line:
    """OCR a line again, magnified, when it holds a long number but no label.

    Small screenshots (halved when forwarded through a chat app) lose the label before
    an order number while its digits survive; read on its own at a larger scale, the
    strip usually gives the label back. Only such lines are read again, so it is cheap."""
    compact = line.text.replace(" ", "")
    if not LONG_NUMBER.search(compact) or ANY_LABEL.search(compact):
        return line
    _left, top, _width, height = line.box
    if height <= 0:
        return line
    pad = max(2, height // 3)
    y0, y1 = max(0, top - pad), min(img.height, top + height + pad)
    strip = img.crop((0, y0, img.width, y1))
    prepared = prepare_strip(strip, REREAD_TEXT_HEIGHT / height)
    data = _ocr(prepared.image, setup, REREAD_OPTIONS)
    words = [w for group in _words(data, prepared.scale, 0, y0).values() for w in group]
    if not words:
        return line
    again = build_line(words)
    return again if LONG_NUMBER.search(again.text.replace(" ", "")) else line


def merge_rows(lines: list[Line]) -> list[Line]:
    """Join pieces Tesseract read as separate blocks but that sit on one visual row
    (a label on the left, its value on the right), then sort top to bottom."""
    lines.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    rows: list[list[Line]] = []
    for line in lines:
        top, height = line.box[1], line.box[3]
        centre = top + height / 2
        for row in rows:
            ref = row[0].box
            if abs((ref[1] + ref[3] / 2) - centre) < max(4, min(ref[3], height) * 0.5):
                row.append(line)
                break
        else:
            rows.append([line])
    merged = []
    for row in rows:
        words = [w for ln in row for w in ln.words]
        merged.append(build_line(words))
    merged.sort(key=lambda ln: (ln.box[1], ln.box[0]))
    return merged
