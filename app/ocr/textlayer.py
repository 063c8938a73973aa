"""A PDF's own text, used instead of OCR: each run of its text layer (placed on the
exhibit's face by app.media.pdf) becomes a line with its box, read with full confidence,
so extraction and personal-data detection work on it as on a screenshot's reading."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.ocr.scan import Recognition
from app.ocr.words import Word, build_line, merge_rows, normalise

SURE = 99.0  # the text layer is the document's own text, not a guess


def text_layer_recognition(runs: Sequence[Sequence[Any]], width: int, height: int
                           ) -> Recognition:
    """runs: (text, left, top, width, height) in face pixels, as stored (JSON)."""
    lines = [build_line([Word(normalise(str(text)), SURE, (int(x), int(y), int(w), int(h)))])
             for text, x, y, w, h in runs if str(text).strip()]
    return Recognition(merge_rows(lines), width, height, photo_score=0.0)
