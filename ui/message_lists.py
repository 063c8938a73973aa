"""A long list in a message box: the first lines shown, all of them under "Show Details",
so a batch of 200 problems never makes a box taller than the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

SHOWN = 8


def show_list(box: QMessageBox, lines: list[str]) -> None:
    box.setInformativeText("\n".join(lines[:SHOWN]) + ("\n……" if len(lines) > SHOWN else ""))
    box.setDetailedText("\n".join(lines))
