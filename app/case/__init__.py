"""The complaint assistant: checklists, deadlines, reply gaps, timeline, letter, progress."""

MAY_IMPORT: tuple[str, ...] = ("app.store", "app.seal")
