"""PDF evidence (e-invoices, test reports, the 12315 acceptance receipt, bank statements)
drawn by PDFium (pypdfium2): its pages rendered one under the other into one picture,
the exhibit's face, and the words of its text layer with their places on that picture.

The face is what OCR, redaction and the bundle use, like a long screenshot: the bundle
prints the pages as pictures with personal data burnt in, never the PDF itself (a box
drawn over a text layer leaves the text to copy).
"""

from __future__ import annotations

import math
from contextlib import closing
from pathlib import Path
from typing import Any

from PIL import Image

from app.i18n import Refusal

MAX_PAGES = 50  # an e-invoice has one, a test report a few dozen; more is not one exhibit
FACE_DPI = 150  # readable print of 9-pt text
FACE_MAX_HEIGHT = 60_000  # px: JPEG's limit is 65,535; long documents render smaller
# A page may say it is 5 m wide (a PDF "bomb" draws nothing at a huge size): the face is
# never wider than an A4 page at 240 dpi, nor more than 48 MP in all.
FACE_MAX_WIDTH = 2_000
FACE_MAX_PIXELS = 48_000_000
PAGE_GAP = 40  # px of white between pages: where the bundle cuts
POINTS_PER_INCH = 72


class PdfRejected(Refusal):
    pass


# A run of text on the face: (text, left, top, width, height) in face pixels.
TextRun = tuple[str, int, int, int, int]


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfRejected("err.pdf_password") from exc
        raise PdfRejected("err.media_unreadable", kind_zh="PDF", kind_en="PDF",
                          detail=str(exc)[:80]) from exc


def probe_pdf(path: Path) -> int:
    """The PDF's page count, once it is known to open and to be short enough."""
    with closing(_open(path)) as pdf:
        pages = len(pdf)
        if pages == 0:
            raise PdfRejected("err.media_unreadable", kind_zh="PDF", kind_en="PDF",
                              detail="0 pages")
        if pages > MAX_PAGES:
            raise PdfRejected("err.pdf_too_many_pages", pages=pages, limit=MAX_PAGES)
        return pages


def face_scale(sizes: list[tuple[float, float]]) -> float:
    """Pixels per point: FACE_DPI, less when the pages would not fit FACE_MAX_HEIGHT."""
    height_pt = max(1.0, sum(h for _, h in sizes))
    width_pt = max(1.0, max(w for w, _ in sizes))
    room = FACE_MAX_HEIGHT - PAGE_GAP * (len(sizes) - 1)
    by_area = math.sqrt(FACE_MAX_PIXELS / (width_pt * height_pt))
    return min(FACE_DPI / POINTS_PER_INCH, room / height_pt, FACE_MAX_WIDTH / width_pt,
               by_area)


def render_face(path: Path) -> tuple[Image.Image, list[TextRun]]:
    """Every page, one under the other, and the text layer's runs placed on it."""
    with closing(_open(path)) as pdf:
        sizes = [tuple(pdf[i].get_size()) for i in range(len(pdf))]
        scale = face_scale([(float(w), float(h)) for w, h in sizes])
        width = max(round(w * scale) for w, _ in sizes)
        height = sum(round(h * scale) for _, h in sizes) + PAGE_GAP * (len(sizes) - 1)
        face = Image.new("RGB", (width, height), "white")
        runs: list[TextRun] = []
        top = 0
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                bitmap = page.render(scale=scale, may_draw_forms=True)
                picture = bitmap.to_pil().convert("RGB")
                face.paste(picture, ((width - picture.width) // 2, top))
                runs += _text_runs(page, scale, (width - picture.width) // 2, top)
                top += picture.height + PAGE_GAP
                picture.close()
            finally:
                page.close()
        return face, runs


def _text_runs(page: Any, scale: float, left: int, top: int) -> list[TextRun]:
    """The page's text, a run per rectangle PDFium finds (a line, or a column's piece
    of one), in face pixels (PDF y grows upwards)."""
    page_height = page.get_height()
    textpage = page.get_textpage()
    runs: list[TextRun] = []
    try:
        for i in range(textpage.count_rects()):
            x0, y0, x1, y1 = textpage.get_rect(i)
            text = textpage.get_text_bounded(x0, y0, x1, y1).strip()
            if not text:
                continue
            runs.append((text.replace("\r", " ").replace("\n", " "),
                         left + round(x0 * scale), top + round((page_height - y1) * scale),
                         max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))))
    finally:
        textpage.close()
    return runs
