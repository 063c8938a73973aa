"""Printing the bundle inside the app: Qt's print preview (A4, page range, copies) with
pages drawn by app.pdfpages, and a plain message, with the file's place, where this
computer has no printer (many buyers print at a copy shop or the 12315 office)."""

from __future__ import annotations

import logging
from pathlib import Path

from PIL.ImageQt import ImageQt
from PySide6.QtCore import QObject, QRectF, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from app.pdfpages import dpi_for, page_count, render_pages

logger = logging.getLogger(__name__)


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """0-based indexes of the pages the print dialog's range asks for (all by default)."""
    ranges = printer.pageRanges()
    if ranges.isEmpty():
        return list(range(count))
    return [i for i in range(count) if ranges.contains(i + 1)]


def paint_pdf(printer: QPrinter, pdf: Path) -> int:
    """Draw the PDF's pages onto `printer`, each scaled to the printable area with its
    proportions kept. Returns the number of pages drawn."""
    count = page_count(pdf)
    pages = chosen_pages(printer, count)
    painter = QPainter()
    if not painter.begin(printer):
        logger.error("the printer could not start (%s)", printer.printerName())
        return 0
    drawn = 0
    try:
        for index, image in render_pages(pdf, dpi_for(len(pages)), pages):
            if drawn:
                printer.newPage()
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width, area.height() / image.height)
            w, h = image.width * scale, image.height * scale
            target = QRectF(area.x() + (area.width() - w) / 2, area.y(), w, h)
            painter.drawImage(target, QImage(ImageQt(image)))
            drawn += 1
            logger.debug("printed page %d of %s", index + 1, pdf.name)
    finally:
        painter.end()
    return drawn


class BundlePrinter(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.preview_dialog: QPrintPreviewDialog | None = None

    def print_pdf(self, pdf: Path) -> None:
        """The print preview; first a word where no printer is set up."""
        if QPrinterInfo.availablePrinters():
            self.preview(pdf)
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("没有打印机"),
                          self.tr("这台电脑没有设置打印机。证据材料 PDF 已保存在：\n{0}\n\n"
                                  "可以把它拷到 U 盘，在打印店或 12315 窗口打印；也可以先看看"
                                  "打印预览。").format(pdf),
                          QMessageBox.StandardButton.Close, self.window)
        open_folder = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        preview = box.addButton(self.tr("打印预览"), QMessageBox.ButtonRole.ActionRole)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf.parent)))
        elif box.clickedButton() is preview:
            self.preview(pdf)

    def preview(self, pdf: Path) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setDocName(pdf.stem)
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle(self.tr("打印预览 — {0}").format(pdf.name))
        dialog.paintRequested.connect(lambda target: paint_pdf(target, pdf))
        dialog.resize(self.window.size() * 0.9)
        self.preview_dialog = dialog
        dialog.exec()
        self.preview_dialog = None
