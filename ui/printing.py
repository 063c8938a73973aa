"""Printing a PDF: Qt's print dialog over QtPdf when available, else the system viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import QWidget


def print_pdf(parent: QWidget, pdf: Path) -> bool:
    """True when printed through Qt; False when handed to the system viewer."""
    try:
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    except ImportError:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf)))
        return False
    document = QPdfDocument(parent)
    document.load(str(pdf))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    painter = QPainter(printer)
    for page in range(document.pageCount()):
        if page:
            printer.newPage()
        target = painter.viewport()
        size = document.pagePointSize(page)
        scale = min(target.width() / size.width(), target.height() / size.height())
        image = document.render(page, (size * scale).toSize())
        painter.drawImage(0, 0, image)
    painter.end()
    return True
