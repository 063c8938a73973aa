"""Evidence that is not a picture: videos, PDFs and audio recordings. Each is checked by
its decoder and given a face (app.media.faces, app.media.pdf), the picture OCR, redaction,
thumbnails and the bundle use; the original is kept as it came. Knows nothing of the
store."""

MAY_IMPORT: tuple[str, ...] = ()
