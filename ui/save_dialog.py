"""A dialog that says what its fields are for, takes them in a form and saves them; one
that cannot be saved stays open with the reason in red under the form."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout


class SaveDialog(QDialog):
    problem: QLabel

    def _assemble(self, about: str, form: QFormLayout, width: int) -> None:
        """Lay out the explanation, the form, the problem line and Save / Cancel."""
        explanation = QLabel(about)
        explanation.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(width, self.sizeHint().height())
