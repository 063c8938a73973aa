"""One log for the whole program: a rotating file in the data dir.

The window and the command line both call `setup_logging` once at start; every module
logs through `logging.getLogger(__name__)`. Errors never go only to stderr: uncaught
exceptions are logged here too (the window also shows them, see ui/errors.py).
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

LOG_NAME = "proofpack.log"
_MAX_BYTES = 1_000_000
_BACKUPS = 3
_handler: RotatingFileHandler | None = None


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / LOG_NAME


def current_log_file() -> Path | None:
    """The file this process logs to, to name it in error messages."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Log to <data_dir>/logs/proofpack.log (1 MB, 3 old files kept). Returns the path,
    or None when the folder cannot be written (then only stderr gets the messages)."""
    global _handler
    path = log_path(data_dir)
    root = logging.getLogger()
    root.setLevel(level)
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    try:
        handler = _LazyFileHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS,
                                   encoding="utf-8", delay=True)
    except OSError as exc:
        logging.basicConfig(level=level)
        logging.getLogger(__name__).warning("cannot write the log file %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    root.addHandler(handler)
    _handler = handler
    sys.excepthook = _log_uncaught
    return path


class _LazyFileHandler(RotatingFileHandler):
    """Creates its folder and file at the first message: a command that logs nothing
    (`scan` stores nothing) leaves nothing behind."""

    def _open(self):  # type: ignore[no-untyped-def]
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        # A read-only or full data dir: the message itself is still shown to the user;
        # a traceback about the log file would only bury it.
        pass


def _log_uncaught(kind: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> None:
    logging.getLogger("proofpack").critical("uncaught exception", exc_info=(kind, exc, tb))
    sys.__excepthook__(kind, exc, tb)
