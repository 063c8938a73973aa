"""Running Tesseract on a screenshot and keeping its word boxes, grouped into text lines.

A page is read in two passes by Tesseract processes that stay running (app.ocr.server):
the Chinese model reads the whole page, then the English model reads its numbers again
(app.ocr.digits). With Tesseract alone, a line holding a long number but no label is
read a third time, magnified, with both models; with PP-OCR beside it, PP-OCR reads that
row again instead (app.ocr.second).
"""

from __future__ import annotations

import atexit
import io
import logging
import threading
from collections.abc import Sequence

from PIL import Image

from app.ocr.digits import reread_numbers
from app.ocr.engine import LANGS, TesseractSetup
from app.ocr.paddle import engine_choice, paddle_installed, shared_reader
from app.ocr.preprocess import prepare, prepare_strip
from app.ocr.second import (
    LONG_NUMBER,
    reads_poorly,
    second_reading,
    unlabelled,
    with_alternatives,
)
from app.ocr.server import TesseractServer
from app.ocr.words import Line, Word, build_line, merge_rows, moved, tsv_words

logger = logging.getLogger(__name__)

# psm 11 (sparse text) finds the scattered labels and values of app screens in any
# layout; preserve_interword_spaces keeps Tesseract from inventing gaps in Chinese.
PSM = "--psm 11"
COMMON_OPTIONS = ("--oem 1", "-c preserve_interword_spaces=1", "-c tessedit_do_invert=0")
PAGE_LANGS = "chi_sim"
PAGE_OPTIONS = (PSM, *COMMON_OPTIONS)
DIGIT_LANGS = "eng"
DIGIT_OPTIONS = ("--psm 6", *COMMON_OPTIONS)  # the stacked pieces: one block of lines
LINE_OPTIONS = ("--psm 7", *COMMON_OPTIONS)


class OcrSession:
    """The Tesseract processes that read pages: one per model and mode, started when
    first needed. One per thread of work (they may share a `digits` reader: its reads are
    short, and each waits its turn); close() ends them."""

    def __init__(self, setup: TesseractSetup, digits: TesseractServer | None = None) -> None:
        self.setup = setup
        self.page = TesseractServer(setup, PAGE_LANGS, PAGE_OPTIONS)
        self._own_digits = digits is None
        self.digits = digits or digit_reader(setup)
        # Lines read a third time are rare: not worth a third model held in memory.
        self.line = TesseractServer(setup, LANGS, LINE_OPTIONS, keep_running=False)

    def close(self) -> None:
        for server in (self.page, self.line) + ((self.digits,) if self._own_digits else ()):
            server.close()

    def __enter__(self) -> OcrSession:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def digit_reader(setup: TesseractSetup) -> TesseractServer:
    return TesseractServer(setup, DIGIT_LANGS, DIGIT_OPTIONS)


class _Shared:
    """This process's Tesseracts: a page reader for each thread (an OCR worker's threads
    read pages side by side), one digit reader for them all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.local = threading.local()
        self.digits: dict[TesseractSetup, TesseractServer] = {}
        self.sessions: list[OcrSession] = []

    def session(self, setup: TesseractSetup) -> OcrSession:
        mine: dict[TesseractSetup, OcrSession] = self.local.__dict__.setdefault("by_setup", {})
        if setup not in mine:
            with self.lock:
                if setup not in self.digits:
                    self.digits[setup] = digit_reader(setup)
                mine[setup] = OcrSession(setup, self.digits[setup])
                self.sessions.append(mine[setup])
        return mine[setup]

    def close(self) -> None:
        with self.lock:
            for session in self.sessions:
                session.close()
            for server in self.digits.values():
                server.close()
            self.sessions.clear()
            self.digits.clear()


_shared = _Shared()


def shared_session(setup: TesseractSetup) -> OcrSession:
    """This thread's session: an OCR worker's thread keeps its Tesseracts for every file."""
    return _shared.session(setup)


atexit.register(_shared.close)


def _moved(line: Line, scale: float, dx: int = 0, dy: int = 0) -> Line:
    return build_line([Word(w.text, w.conf, moved(w.box, scale, dx, dy)) for w in line.words])


def recognize(img: Image.Image, session: OcrSession) -> list[Line]:
    """OCR an RGB image; return its text lines top to bottom with boxes in image pixels."""
    choice = engine_choice() if paddle_installed() else "tesseract"
    if choice == "ppocr":
        return merge_rows(shared_reader().read_page(img))
    prepared = prepare(img)
    data = session.page.read(prepared.image)
    lines = merge_rows([build_line(w) for w in tsv_words(data).values()])
    lines = reread_numbers(prepared.image, lines, session.digits.read)
    if prepared.scale != 1.0:
        lines = [_moved(line, prepared.scale) for line in lines]
    if choice != "both":
        return [reread_if_unlabelled(img, line, session) for line in lines]
    reader = shared_reader()
    if reads_poorly(img, lines):
        try:
            page = merge_rows(reader.read_page(img))
        except Exception:  # the second engine failing must never lose the first reading
            logger.exception("PP-OCR failed on a page; keeping Tesseract's reading")
            return lines
        return with_alternatives(page, lines)
    return second_reading(img, lines, reader)


def recognize_many(images: list[Image.Image], setup: TesseractSetup,
                   session: OcrSession | None = None, release: Sequence[bool] = ()
                   ) -> list[list[Line]]:
    """recognize() for several images, by this process's shared session unless given one;
    a long stitched capture in bands (closed once cut, where `release` says so)."""
    session = session or shared_session(setup)
    flags = list(release) or [False] * len(images)
    return [recognize_in_bands(img, session, flag)
            for img, flag in zip(images, flags, strict=True)]


# Bands of a long capture: two widths tall (about one phone screen, what the engines are
# tuned for), overlapping by more than a line of text, so every line is whole in one.
BAND_WIDTHS = 2.0
BAND_OVERLAP = 240


def recognize_in_bands(img: Image.Image, session: OcrSession, release: bool = False
                       ) -> list[Line]:
    """recognize() of an image; one taller than about three screens is read a band at a
    time, each line kept from the band where it stands farthest from a cut. With
    `release`, the bands are kept PNG-compressed and the image is closed before the
    engines start: a 1080 x 15000 capture's 48 MB of pixels are not held beside them."""
    band = max(BAND_OVERLAP * 4, round(img.width * BAND_WIDTHS))
    if img.height <= band * 1.5:
        return recognize(img, session)
    width, height = img.size
    tops = list(range(0, height - BAND_OVERLAP, band - BAND_OVERLAP))
    cuts: list[Image.Image | bytes | None] = []
    for top in tops:
        crop = img.crop((0, top, width, min(height, top + band)))
        cuts.append(_packed(crop) if release else crop)
    if release:
        img.close()
    lines: list[Line] = []
    for n, top in enumerate(tops):
        bottom = min(height, top + band)
        # Each line belongs to the band whose middle part holds its centre.
        keep_from = top + BAND_OVERLAP // 2 if n else 0
        keep_to = bottom - BAND_OVERLAP // 2 if n < len(tops) - 1 else height
        piece, cuts[n] = cuts[n], None  # each band is let go once read
        assert piece is not None
        for line in recognize(_unpacked(piece), session):
            if not line.words:
                continue
            shifted = line.moved(dy=top)
            box = shifted.box
            if keep_from <= box[1] + box[3] // 2 < keep_to:
                lines.append(shifted)
    return lines


def _packed(band: Image.Image) -> bytes:
    buffer = io.BytesIO()
    band.save(buffer, "PNG", compress_level=1)  # a screen's flat colours: ~1/15 the size
    return buffer.getvalue()


def _unpacked(piece: Image.Image | bytes) -> Image.Image:
    if isinstance(piece, bytes):
        with Image.open(io.BytesIO(piece)) as img:
            return img.convert("RGB")
    return piece


REREAD_TEXT_HEIGHT = 48  # px: the strip is magnified until its text is this tall


def reread_if_unlabelled(img: Image.Image, line: Line, session: OcrSession) -> Line:
    """OCR a line again, magnified, when it holds a long number but no label.

    Small screenshots (halved when forwarded through a chat app) lose the label before
    an order number while its digits survive; read on its own at a larger scale, the
    strip usually gives the label back. Only such lines are read again, so it is cheap."""
    if not unlabelled(line):
        return line
    _left, top, _width, height = line.box
    if height <= 0:
        return line
    pad = max(2, height // 3)
    y0, y1 = max(0, top - pad), min(img.height, top + height + pad)
    strip = img.crop((0, y0, img.width, y1))
    prepared = prepare_strip(strip, REREAD_TEXT_HEIGHT / height)
    data = session.line.read(prepared.image)
    words = [w for group in tsv_words(data).values() for w in group]
    if not words:
        return line
    again = _moved(build_line(words), prepared.scale, 0, y0)
    return again if LONG_NUMBER.search(again.text.replace(" ", "")) else line
