"""Files written whole or not at all, and hashed in streaming: one mechanism for the
store's originals, the PDF bundle, archives, thumbnails and the OCR cache."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

CHUNK = 1 << 20
PUBLIC = "public"  # the mode a user's new file gets (0666 less the umask)


@contextmanager
def atomic_write(path: Path, *, mode: int | str = PUBLIC, fsync: bool = True,
                 fsync_dir: bool = False, temp_dir: Path | None = None,
                 prefix: str = ".part-") -> Iterator[IO[bytes]]:
    """Yield a binary file to write; on success it is flushed, fsynced (unless `fsync` is
    False: caches), given `mode` and renamed onto `path`, with the folder fsynced when
    `fsync_dir` (the rename itself must survive a crash: evidence). On any error the
    temp file is removed and `path` is untouched. `mkstemp` creates 0600, so PUBLIC
    means a file others may read, as any file the user saves."""
    with temp_file(temp_dir or path.parent, prefix=prefix, fsync=fsync) as (fh, tmp):
        yield fh
    publish(tmp, path, mode=mode, fsync_dir=fsync_dir)


@contextmanager
def temp_file(folder: Path, *, prefix: str = ".part-", suffix: str = ".tmp",
              fsync: bool = True) -> Iterator[tuple[IO[bytes], Path]]:
    """The first half of atomic_write, for a file whose final name is known only once it
    is written (the store names originals by their SHA-256): yield the open file and its
    path; on success it is flushed and fsynced and stays for `publish`, on error it is
    removed."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=suffix)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def publish(tmp: Path, path: Path, *, mode: int | str = PUBLIC,
            fsync_dir: bool = False) -> None:
    """The second half: give a written temp file `mode` and rename it onto `path`, the
    folder fsynced when `fsync_dir`; on error the temp file is removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, _public_mode() if mode == PUBLIC else int(mode))
        os.replace(tmp, path)
        if fsync_dir:
            sync_dir(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _public_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_dir(path: Path) -> None:
    """Make a rename in `path` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class NotARegularFile(OSError):
    """A FIFO, a device (/dev/zero behind a symlink), a socket: never evidence, and
    reading one could block forever or never end."""


class TooLarge(OSError):
    """More bytes than the limit: found while reading, not trusted from the size."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


def open_regular(path: Path) -> IO[bytes]:
    """Open a regular file for reading; anything else is refused without blocking (a FIFO
    opened non-blocking returns at once, and fstat then tells what it is)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(f"{path}: not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(src: IO[bytes], limit: int | None) -> Iterator[bytes]:
    """The stream in chunks, stopping with TooLarge past `limit` bytes."""
    total = 0
    while chunk := src.read(CHUNK):
        total += len(chunk)
        if limit is not None and total > limit:
            raise TooLarge(limit)
        yield chunk


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
