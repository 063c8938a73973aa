"""ProofPack core: evidence store, import, OCR extraction, checklist and PDF export.

Nothing in this package imports Qt, so the CLI and tests can use it headless.
"""

__version__ = "0.1.0"
APP_NAME = "ProofPack"
