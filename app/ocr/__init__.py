"""Reading images: Tesseract behind one interface, and what the words mean (order numbers,
times, amounts, chat messages, personal data). Knows nothing of the store."""

MAY_IMPORT: tuple[str, ...] = ()
