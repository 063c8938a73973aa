"""Sealing an exported bundle so whoever receives it can check it: this installation's
signing key and self-made certificate, the manifest of what the bundle holds, the PAdES
signature (pyHanko) and the checks `verify-bundle` runs. A self-made signature and hash,
not a notarised 存证: the wording everywhere says so.

Imports nothing of the rest of the core but its base modules; never Qt."""

MAY_IMPORT: tuple[str, ...] = ()
