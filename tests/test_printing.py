"""Printing inside the app: the Print button exports, says where the PDF is when no
printer is set up, and shows Qt's print preview with every page of the bundle drawn by
PDFium; a page range prints those pages only, on A4."""

from __future__ import annotations

from pathlib import Path

import pytesseract
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest

from app.pdfpages import page_count, render_pages
from tests.dialogs import press_labelled, read_preview, when_dialogs
from tests.test_ui import drop, wait_idle, window  # noqa: F401  (fixture)
from tests.test_ui_clicks import toolbar_button
from ui.main_window import MainWindow
from ui.printing import paint_pdf


def test_print_button_shows_where_the_pdf_is_then_the_preview(
        qtbot, window: MainWindow, sample_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    drop(window, [sample_dir / "order.png", sample_dir / "chat.png"])
    wait_idle(qtbot, window)
    seen: dict[str, object] = {}
    said: list[str] = []
    when_dialogs(press_labelled("打印预览", said), read_preview(seen, "preview.png"))
    QTest.mouseClick(toolbar_button(window, window.act_print), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "pages" in seen, timeout=60_000)
    pdfs = list((window.store.data_dir / "exports").glob("证据材料_*.pdf"))
    assert len(pdfs) == 1
    assert str(pdfs[0]) in said[0]
    assert seen["pages"] == page_count(pdfs[0]) >= 3


def test_a_page_range_prints_those_pages_on_a4(qapp, tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "five.pdf"
    canvas = Canvas(str(source), pagesize=A4)
    for n in range(1, 6):
        canvas.setFont("Helvetica", 200)
        canvas.drawString(200, 400, str(n))
        canvas.showPage()
    canvas.save()
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(10, 10, 10, 10)))
    ranges = QPageRanges()
    ranges.addRange(2, 3)
    printer.setPageRanges(ranges)
    assert paint_pdf(printer, source) == 2
    reader = PdfReader(printed)
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 2 and abs(height - 842) < 2
    # The pages are the source's second and third, as Tesseract reads them.
    digits = "--psm 6 -c tessedit_char_whitelist=0123456789"
    read = [pytesseract.image_to_string(image.convert("L"), config=digits).strip()
            for _, image in render_pages(printed, 40)]
    assert read == ["2", "3"]
