"""A PDF's own text, used instead of OCR: each run of its text layer (placed on the
exhibit's face by app.media.pdf) becomes a line, read with full confidence, so extraction
and personal-data detection work on it as on a screenshot's reading.

A run is one box for a whole string ("购买方：柯沐阳  电话：137…"); it is cut into words
as Tesseract gives them (each Chinese character alone, Latin and digit runs whole), each
word's box its share of the run's width, so a redaction covers the phone number and not
the whole run. The run's spaces are kept, and runs on one row are joined with a space, so
a name is not read into the label after it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from app.ocr.scan import Recognition
from app.ocr.words import Line, Word, merge_rows, normalise

SURE = 99.0  # the text layer is the document's own text, not a guess
ENGINE = "textlayer"  # not "tesseract": merge_rows keeps the gaps between runs
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # CJK, its punctuation, full-width forms
TOKEN = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")
NARROW_EM = 0.55  # a Latin letter or digit, as a share of a Chinese character's width
SPACE_EM = 0.3


def text_layer_recognition(runs: Sequence[Sequence[Any]], width: int, height: int
                           ) -> Recognition:
    """runs: (text, left, top, width, height) in face pixels, as stored (JSON)."""
    lines = [_run_line(str(text), (int(x), int(y), int(w), int(h)))
             for text, x, y, w, h in runs if str(text).strip()]
    return Recognition(merge_rows(lines), width, height, photo_score=0.0)


def _em(token: str) -> float:
    if token.isspace():
        return SPACE_EM * len(token)
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else NARROW_EM for c in token)


def _run_line(text: str, box: tuple[int, int, int, int]) -> Line:
    text = text.strip()
    tokens = TOKEN.findall(text)
    scale = box[2] / max(sum(_em(t) for t in tokens), 0.01)
    words: list[Word] = []
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    x, pos = float(box[0]), 0
    for token in tokens:
        advance = _em(token) * scale
        shown = " " if token.isspace() else normalise(token)
        if not token.isspace():
            words.append(Word(shown, SURE, (round(x), box[1], max(1, round(advance)), box[3])))
            spans.append((pos, pos + len(shown)))
        parts.append(shown)
        pos += len(shown)
        x += advance
    return Line(words, "".join(parts), spans, engine=ENGINE)
