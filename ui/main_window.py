"""The main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter

from app.store import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle("证据包 ProofPack")
        self.cases = QListWidget()
        for case in store.list_cases():
            self.cases.addItem(case.title)
        self.empty = QLabel("把截图拖到这里")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        splitter = QSplitter()
        splitter.addWidget(self.cases)
        splitter.addWidget(self.empty)
        self.setCentralWidget(splitter)
        self.resize(1100, 720)
