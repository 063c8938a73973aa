"""PDF pages as images, drawn by PDFium (pypdfium2): the one renderer for printing the
bundle and for PDF evidence (e-invoices, test reports)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

POINTS_PER_INCH = 72
A4_POINTS = (595.3, 841.9)
MIN_DPI, MAX_DPI = 100, 300


def page_count(path: Path) -> int:
    with closing(pdfium.PdfDocument(str(path))) as pdf:
        return len(pdf)


def render_pages(path: Path, dpi: float, pages: Iterable[int] | None = None
                 ) -> Iterator[tuple[int, Image.Image]]:
    """(index, RGB image) for each page (0-based, all when `pages` is None), one at a time
    so a long bundle never sits in memory whole."""
    with closing(pdfium.PdfDocument(str(path))) as pdf:
        wanted = range(len(pdf)) if pages is None else [p for p in pages if 0 <= p < len(pdf)]
        for index in wanted:
            page = pdf[index]
            try:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH)
                yield index, bitmap.to_pil().convert("RGB")
            finally:
                page.close()


def dpi_for(pages: int, budget_bytes: int = 300 * 1024 * 1024) -> int:
    """A resolution at which `pages` A4 pages as RGB fit in `budget_bytes` (a print preview
    keeps every page), between 100 dpi (readable) and 300 (print quality)."""
    inches = (A4_POINTS[0] / POINTS_PER_INCH) * (A4_POINTS[1] / POINTS_PER_INCH)
    dpi = math.sqrt(budget_bytes / (max(pages, 1) * inches * 3))
    return int(min(MAX_DPI, max(MIN_DPI, dpi)))
