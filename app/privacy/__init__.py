"""Privacy: which personal data on an exhibit is blacked out, and where."""

MAY_IMPORT: tuple[str, ...] = ("app.store", "app.ocr")
