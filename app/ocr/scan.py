"""Scanning one image: OCR (cached), fact extraction and kind classification.

The cache keeps Tesseract's words and boxes per SHA-256 and RECOGNIZER_VERSION, so a
known image is never OCRed twice, while extraction rules (cheap) always run fresh.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PIL import Image

from app.files import NotARegularFile, atomic_write, sha256_of
from app.imaging import (
    ImageRejected,
    hand_back_big_blocks,
    open_upright,
    return_freed_memory,
    stored_size,
)
from app.ocr.chat import chat_messages
from app.ocr.classify import (
    DOUBT_PHOTO_SCORE,
    classify,
    confident_chars,
    photo_likeness,
    privacy_doubt,
    read_quality,
)
from app.ocr.confidence import assess, values_to_check
from app.ocr.engine import TesseractSetup, die_with_parent, engines_named, ocr_status
from app.ocr.extract import extract_facts, unique_values
from app.ocr.invoice import invoice_facts, with_invoice_total
from app.ocr.levelled import read_levelled
from app.ocr.recognize import OcrSession, recognize, recognize_many, shared_session
from app.ocr.sensitive import find_sensitive
from app.ocr.words import Line, Word
from app.records import FoundEntry, SensitiveField

RECOGNIZER_VERSION = "10"  # bump when preprocessing, engines or their options change
EXTRACTOR_VERSION = f"r{RECOGNIZER_VERSION}.e10"  # bump the tail when extraction rules change
# Images are OCRed at most this large; a 50 MP photo is reduced before Tesseract sees it.
OCR_MAX_SIDE = 4000
# A long stitched capture (taller than TALL widths) keeps its width, up to OCR_MAX_AREA
# pixels: reduced to 4000 px tall, a 1080 x 16000 capture was 270 px wide and its digits
# unreadable. It is read in bands (app.ocr.recognize).
TALL = 3.0
OCR_MAX_AREA = 24_000_000


def ocr_side(width: int, height: int) -> int:
    """The longest side the OCR copy of a width x height picture may have."""
    long, short = max(width, height), max(1, min(width, height))
    if long <= TALL * short:
        return OCR_MAX_SIDE
    return min(long, int(long * (OCR_MAX_AREA / (long * short)) ** 0.5))


class OcrUnavailable(RuntimeError):
    pass


@dataclass
class Recognition:
    """What Tesseract saw in one image: cached by SHA-256."""

    lines: list[Line]
    width: int
    height: int
    photo_score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "version": RECOGNIZER_VERSION,
            "width": self.width,
            "height": self.height,
            "photo_score": self.photo_score,
            "lines": [{"text": ln.text, "spans": ln.spans, "alt": ln.alt_text,
                       "engine": ln.engine,
                       "words": [[w.text, w.conf, list(w.box)] for w in ln.words]}
                      for ln in self.lines],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Recognition:
        lines = [
            Line([Word(text, conf, (box[0], box[1], box[2], box[3]))
                  for text, conf, box in line["words"]], line["text"],
                 [(a, b) for a, b in line["spans"]], line["alt"], line["engine"])
            for line in data["lines"]
        ]
        return cls(lines, data["width"], data["height"], data["photo_score"])

    def in_pixels_of(self, width: int, height: int) -> Recognition:
        """The same reading with every box in an image of width x height (the upright
        original, when OCR read a reduced copy)."""
        if width == self.width:
            return self
        scale = self.width / width
        lines = [ln.moved(scale) for ln in self.lines]
        return Recognition(lines, width, height, self.photo_score)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class ScanResult:
    sha256: str
    kind: str = "other"
    order_numbers: list[str] = field(default_factory=list)
    timestamps: list[str] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)  # values listed above, 待核对
    text: str = ""
    read_quality: float = 1.0  # app.ocr.classify.read_quality
    read_doubt: str = ""  # app.ocr.classify.privacy_doubt
    facts: list[FoundEntry] = field(default_factory=list)
    sensitive: list[SensitiveField] = field(default_factory=list)  # to black out in exports
    error: str = ""
    error_key: str = ""
    engines: list[str] = field(default_factory=list)  # who read it, with versions

    def to_json(self, file: str) -> dict[str, Any]:
        if self.error:
            return {"file": file, "sha256": self.sha256, "error": self.error}
        return {
            "file": file,
            "sha256": self.sha256,
            "kind": self.kind,
            "order_numbers": self.order_numbers,
            "timestamps": self.timestamps,
            "amounts": self.amounts,
            "to_check": self.to_check,
            "text": self.text,
            "read_quality": self.read_quality,
            "read_doubt": self.read_doubt,
            "facts": self.facts,
            "sensitive": self.sensitive,
        }


class RecognitionCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.r{RECOGNIZER_VERSION}.json"

    def get(self, sha256: str) -> Recognition | None:
        try:
            data = json.loads(self._path(sha256).read_text("utf-8"))
            return Recognition.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha256: str, recognition: Recognition) -> None:
        try:
            with atomic_write(self._path(sha256), fsync=False) as fh:
                fh.write(json.dumps(recognition.to_json(), ensure_ascii=False).encode())
        except OSError:
            pass  # a cache that cannot be written only costs time


def recognize_images(images: list[Image.Image], setup: TesseractSetup,
                     session: OcrSession | None = None, release: bool = False
                     ) -> list[Recognition]:
    """Each image read; a photo's tilted text read again level (app.ocr.levelled). With
    `release`, a long screen capture is closed once cut into bands (the caller is done
    with it), so its pixels are not held while the engines read."""
    session = session or shared_session(setup)
    found = []
    scores = [photo_likeness(img) for img in images]
    screens = [release and score <= DOUBT_PHOTO_SCORE for score in scores]
    readings = recognize_many(images, setup, session, screens)
    for img, lines, score in zip(images, readings, scores, strict=True):
        if score > DOUBT_PHOTO_SCORE:
            lines = read_levelled(img, lines, lambda level: recognize(level, session))
        found.append(Recognition(lines, img.width, img.height, score))
    return found


def analyse(recognition: Recognition, sha256: str, reference: date | None) -> ScanResult:
    facts = with_invoice_total(
        extract_facts(recognition.lines, recognition.height, reference),
        invoice_facts(recognition.lines))
    facts = assess(facts, recognition.lines)
    text = recognition.text
    words = [(w.text, w.conf) for line in recognition.lines for w in line.words]
    sure_chars = confident_chars(words)
    quality = read_quality(words, sure_chars)
    kind = classify(text, recognition.photo_score, sure_chars)
    fact_records = [f.to_record() for f in facts]
    found: list[FoundEntry] = list(fact_records)
    if kind == "chat":
        found += chat_messages(recognition.lines, recognition.width, recognition.height,
                               [f for f in fact_records if f["type"] == "timestamp"])
    return ScanResult(
        sha256=sha256,
        kind=kind,
        order_numbers=unique_values(facts, "order_number"),
        timestamps=unique_values(facts, "timestamp"),
        amounts=unique_values(facts, "amount"),
        to_check=values_to_check(facts),
        text=text,
        read_quality=round(quality, 3),
        read_doubt=privacy_doubt(recognition.photo_score, quality, recognition.width,
                                 sure_chars),
        facts=found,
        engines=engines_named({line.engine for line in recognition.lines} or {"tesseract"}),
        sensitive=find_sensitive(recognition.lines, {
            f.value.replace("-", "") for f in facts
            if f.type in ("order_number", "transaction_id", "tracking_number")}),
    )


def init_ocr_worker(parent: int | None = None) -> None:
    """Start of the OCR worker process. It lives here, not in app.intake, so the worker
    imports only the OCR code, not the database layer."""
    # Each of its threads runs one Tesseract at a time; let each use one core unless the
    # user said otherwise, or N threads x N OpenMP threads would oversubscribe the machine.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    hand_back_big_blocks()
    die_with_parent(parent)  # a killed import must not leave workers (or Tesseracts) behind


def scan_file(path: Path, cache: RecognitionCache | None = None,
              reference: date | None = None) -> ScanResult:
    """OCR and analyse one image file. Errors come back in the result, never raised."""
    return scan_files([path], cache, [reference])[0]


def scan_files(paths: list[Path], cache: RecognitionCache | None = None,
               references: list[date | None] | None = None,
               session: OcrSession | None = None) -> list[ScanResult]:
    """scan_file() for several files, OCRing the uncached ones with the given Tesseracts
    (else with this process's shared ones). A file that fails fails alone."""
    from app.i18n import t, t_params

    refs = references or [None] * len(paths)
    results: list[ScanResult | None] = [None] * len(paths)
    recognitions: list[Recognition | None] = [None] * len(paths)
    hashes = [""] * len(paths)
    for i, path in enumerate(paths):
        try:
            hashes[i] = sha256_of(path)
        except OSError as exc:
            key = "err.not_found" if isinstance(exc, FileNotFoundError) else \
                "err.not_regular" if isinstance(exc, NotARegularFile) else "err.unreadable"
            results[i] = ScanResult("", error=t(key, detail=exc.strerror or exc), error_key=key)
            continue
        recognitions[i] = cache.get(hashes[i]) if cache else None
        if recognitions[i] is not None:
            continue
        status = ocr_status()
        if not status.available or status.setup is None:
            results[i] = ScanResult(hashes[i], error=status.message(),
                                    error_key=f"ocr.{status.problem}")
            continue
        # One image decoded at a time: the Tesseracts stay running between them anyway.
        try:
            img, (width, height) = open_upright(path, ocr_side(*stored_size(path)),
                                                exact=True)
        except ImageRejected as exc:
            results[i] = ScanResult(hashes[i], error=t_params(exc.key, exc.params),
                                    error_key=exc.key)
            continue
        try:
            fresh = recognize_images([img], status.setup, session, release=True)[0]
        except Exception as exc:  # Tesseract crashed or timed out: report, keep going
            results[i] = ScanResult(hashes[i], error=t("ocr.failed", detail=exc),
                                    error_key="ocr.failed")
            continue
        finally:
            img.close()
            return_freed_memory()  # the image's and the engines' freed memory, given back
        # Boxes in the upright original's pixels, as redaction and export expect.
        fresh = fresh.in_pixels_of(width, height)
        recognitions[i] = fresh
        if cache:
            cache.put(hashes[i], fresh)
    for i, path in enumerate(paths):
        recognition = recognitions[i]
        if results[i] is not None or recognition is None:
            continue
        reference = refs[i]
        if reference is None:
            try:
                reference = datetime.fromtimestamp(path.stat().st_mtime).date()
            except OSError:
                reference = date.today()
        results[i] = analyse(recognition, hashes[i], reference)
    return [r or ScanResult(hashes[i], error="?", error_key="ocr.failed")
            for i, r in enumerate(results)]
