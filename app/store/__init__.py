"""The evidence store: originals kept by SHA-256, the SQLite index, import and backup.

Imports nothing of the rest of the core but its base modules (app.i18n, app.paths,
app.files, app.imaging, app.logs); never Qt.
"""

MAY_IMPORT: tuple[str, ...] = ("app.media", "app.seal")
