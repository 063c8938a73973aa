"""The PDF bundle: cover, index, checklist and timeline, letter, exhibits, appendices."""

MAY_IMPORT: tuple[str, ...] = ("app.store", "app.case", "app.privacy", "app.media",
                               "app.seal")
