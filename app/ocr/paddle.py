"""PP-OCR (rapidocr on onnxruntime, its models inside the wheel) as the second engine.

Tesseract finds the page's lines; PP-OCR reads again the crops around their numbers
(with room for the label) and lines Tesseract cut short (app.ocr.second), where it
misreads far less (7 for 8, 3 for 9, labels lost in small grey text). A page Tesseract
can hardly read (a photo of a screen) is read whole by PP-OCR. Words come back with
per-character boxes in image pixels and confidences, like Tesseract's, so extraction does
not know which engine read them. Nothing is downloaded: the models ship in the wheel
(checked at load).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PIL import Image

from app.imaging import return_freed_memory
from app.ocr.words import Box, Line, Word, normalise

logger = logging.getLogger(__name__)

# One thread each: the OCR worker runs a thread per core already.
PARAMS: dict[str, Any] = {
    "Global.use_cls": False,
    "Global.log_level": "error",
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    # One crop at a time: a batch is padded to its widest crop, and six wide crops took
    # ~280 MB more at once than one does; on one thread batching saves no time.
    "Rec.rec_batch_num": 1,
}
# A page is read in two sizes: its lines are found on a copy at most DETECT_SIDE px long
# (the detector needs about 250 bytes a pixel: a whole phone screenshot at its default
# size took 290 MB at once), and read in the page itself, at most PAGE_MAX_SIDE long and
# PAGE_MAX_PIXELS large (a 4:3 photo at 1700 x 1280), where small text is still sharp.
DETECT_SIDE = 960
PAGE_MAX_SIDE = 2000
PAGE_MAX_PIXELS = 2_200_000
QUICK_LOOK_SIDE = 640  # px: the detector's first look at a page, for any text at all
SOME_TEXT_BOXES = 4  # text boxes at that first look: fewer, and only they are read
ENGINE_ENV = "PROOFPACK_OCR_ENGINE"  # tesseract | ppocr | both (default)


def engine_choice() -> str:
    choice = os.environ.get(ENGINE_ENV, "both").strip().lower()
    return choice if choice in ("tesseract", "ppocr", "both") else "both"


def paddle_installed() -> bool:
    return importlib.util.find_spec("rapidocr") is not None and \
        importlib.util.find_spec("onnxruntime") is not None


class PaddleReader:
    """One process's PP-OCR models, loaded when first used (the recogniser for crops,
    the detector only when a whole page is read). Threads share it: crops are read side
    by side, pages one at a time (the detector's memory grows with the page, and the
    engine keeps per-call settings on itself)."""

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()
        self._one_page = threading.Lock()

    def _ocr(self) -> Any:
        with self._lock:
            if self._engine is None:
                from rapidocr import RapidOCR

                _without_memory_patterns()
                self._engine = RapidOCR(params=dict(PARAMS))
                models = Path(self._engine.cfg.Global.model_root_dir)
                if not any(models.glob("*rec*.onnx")):
                    raise RuntimeError(f"PP-OCR models missing in {models}")
            return self._engine

    def read_boxes(self, img: Image.Image, boxes: list[Box]) -> list[Line]:
        """Read each box (left, top, width, height) of an RGB image as one text line."""
        if not boxes:
            return []
        import numpy as np
        from rapidocr.cal_rec_boxes import CalRecBoxes
        from rapidocr.ch_ppocr_rec import TextRecInput

        # Each crop converted on its own: never a copy of the whole page per thread.
        crops = [_bgr(img.crop((x, t, x + w, t + h))) for x, t, w, h in boxes]
        recogniser = self._ocr()._load_rec_model()
        out = recogniser(TextRecInput(img=crops, return_word_box=True))
        quads = np.array([[[x, t], [x + w, t], [x + w, t + h], [x, t + h]]
                          for x, t, w, h in boxes], dtype=np.float32)
        out = CalRecBoxes()(crops, quads, out, return_single_char_box=True)
        texts = out.txts or ("",) * len(boxes)
        return [line_from_chars(text, chars)
                for text, chars in zip(texts, out.word_results, strict=True)]

    @contextmanager
    def _detector_at(self, side: int) -> Iterator[Any]:
        """The engine with its detector reading at most `side` px on the long side and
        never scaling up (its default blows a small region up to 736 px on its short side:
        a second for one boxed line). One page at a time: the setting is the engine's."""
        engine = self._ocr()
        with self._one_page:
            detector = engine._load_det_model()
            saved = detector.limit_type, detector.limit_side_len
            detector.limit_type, detector.limit_side_len = "max", max(side, 32)
            try:
                yield engine
            finally:
                detector.limit_type, detector.limit_side_len = saved

    def read_region(self, img: Image.Image, box: Box) -> list[Line]:
        """Detect and read the text lines inside one box of an RGB image, at its size."""
        x, y, w, h = box
        with self._detector_at(max(w, h)) as engine:
            result = engine(_bgr(img.crop((x, y, x + w, y + h))), return_word_box=True,
                            return_single_char_box=True)
        return [line.moved(dx=x, dy=y) for line in _lines(result)]

    def text_boxes(self, img: Image.Image) -> list[Box]:
        """Where the detector finds text on a small copy of the page, in its pixels."""
        with self._detector_at(QUICK_LOOK_SIDE) as engine:
            found = engine._load_det_model()(_bgr(img))
        return [_box(quad) for quad in (found.boxes if found.boxes is not None else ())]

    def read_page(self, img: Image.Image) -> list[Line]:
        """Detect and read every text line of an RGB image. A large one is looked at small
        first: a photo of goods, with no text or a label or two, has its few lines read
        alone, not the whole page at full size (seconds for nothing)."""
        if max(img.size) > QUICK_LOOK_SIDE * 1.5:
            boxes = self.text_boxes(img)
            if len(boxes) < SOME_TEXT_BOXES:
                return [line for line in self.read_boxes(img, boxes) if line.words]
        # A large photo is read reduced (its crops' pixels), and looked for lines smaller.
        scale = min(1.0, PAGE_MAX_SIDE / max(img.size),
                    (PAGE_MAX_PIXELS / (img.width * img.height)) ** 0.5)
        small = img.convert("RGB")
        if scale < 1.0:
            small = small.resize((round(img.width * scale), round(img.height * scale)),
                                 Image.Resampling.LANCZOS)
        try:
            with self._detector_at(DETECT_SIDE) as engine:
                result = engine(_bgr(small), return_word_box=True,
                                return_single_char_box=True)
        finally:
            return_freed_memory()  # the detector's tensors, given back before the next page
        return [line.moved(scale) if scale < 1.0 else line for line in _lines(result)]


def _without_memory_patterns() -> None:
    """onnxruntime sessions that do not keep a memory plan per input size. With the plan
    (its default) a page's detection left ~70 MB held after it, on top of the models;
    without, nothing is slower here. rapidocr has no setting for it, so its session options
    are amended where it makes them; if that place moves, the default stays."""
    try:
        from rapidocr.inference_engine.onnxruntime import main as ort_engine

        session_class = ort_engine.OrtInferSession
        make = session_class.__dict__["_init_sess_opts"].__func__
    except (ImportError, AttributeError, KeyError):
        logger.warning("rapidocr's session options not found; memory patterns stay on")
        return
    if getattr(make, "proofpack_amended", False):
        return

    def options(cfg: Any) -> Any:
        opts = make(cfg)
        opts.enable_mem_pattern = False
        return opts

    options.proofpack_amended = True  # type: ignore[attr-defined]
    setattr(session_class, "_init_sess_opts", staticmethod(options))  # noqa: B010


def _bgr(img: Image.Image) -> Any:
    import numpy as np

    return np.ascontiguousarray(np.asarray(img.convert("RGB"))[:, :, ::-1])


def _lines(result: Any) -> list[Line]:
    lines = [line_from_chars(text, chars) for text, chars in
             zip(result.txts or (), result.word_results or (), strict=False)]
    return [line for line in lines if line.words]


def _box(quad: Any) -> Box:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return (round(min(xs)), round(min(ys)), round(max(xs) - min(xs)),
            round(max(ys) - min(ys)))


def line_from_chars(text: str, chars: Any) -> Line:
    """A Line whose text is PP-OCR's (spaces as it read them) and whose words are its
    characters, each with its box and confidence (0-100, as Tesseract's)."""
    entries = [chars] if chars and isinstance(chars[0], str) else list(chars or ())
    words = [Word(normalise(str(c)), float(conf) * 100, _box(quad))
             for c, conf, quad in entries if quad is not None and str(c).strip()]
    line = Line(words)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    index = 0
    for ch in normalise(text):
        if index < len(words) and ch == words[index].text[:1] and not ch.isspace():
            spans.append((pos, pos + len(words[index].text)))
            parts.append(words[index].text)
            pos += len(words[index].text)
            index += 1
        elif ch.isspace():
            parts.append(" ")
            pos += 1
    if index != len(words):  # characters and text disagree: fall back to the characters
        parts, spans, pos = [], [], 0
        for word in words:
            spans.append((pos, pos + len(word.text)))
            parts.append(word.text)
            pos += len(word.text)
    line.text = "".join(parts)
    line.spans = spans
    line.engine = "ppocr"
    if not words:
        line.text = ""
    return line


_readers: dict[int, PaddleReader] = {}
_readers_lock = threading.Lock()


def shared_reader() -> PaddleReader:
    """This process's reader, for all its threads: the models are loaded once."""
    with _readers_lock:
        return _readers.setdefault(os.getpid(), PaddleReader())
