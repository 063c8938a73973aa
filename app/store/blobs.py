"""Content-addressed storage of the original files.

Each original is written once under originals/<2 hex>/<sha256><ext>: first to a temp
file, fsynced, then renamed into place, so a crash leaves either nothing or a whole file.
Blobs are never modified after they are written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.files import open_regular, publish, read_limited, temp_file


@dataclass(frozen=True)
class StagedFile:
    """A copy of an original in the store's temp dir, hashed while it was copied."""

    temp_path: Path
    sha256: str
    size: int

    def head(self, count: int = 16) -> bytes:
        """The first bytes: what kind of file it says it is."""
        with open(self.temp_path, "rb") as fh:
            return fh.read(count)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.originals = root / "originals"
        self.tmp = root / "tmp"
        self.originals.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)

    def relative_path(self, sha256: str, suffix: str) -> str:
        return f"originals/{sha256[:2]}/{sha256}{suffix}"

    def absolute(self, relative: str) -> Path:
        return self.root / relative

    def stage(self, source: Path, limit: int | None = None) -> StagedFile:
        """Copy source into the temp dir, hashing it on the way; the source is only read.
        Only regular files; more than `limit` bytes stops the copy (TooLarge)."""
        with open_regular(source) as src:
            return self.stage_stream(src, limit)

    def stage_stream(self, src: IO[bytes], limit: int | None = None) -> StagedFile:
        digest = hashlib.sha256()
        size = 0
        with temp_file(self.tmp, prefix=f"import-{os.getpid()}-", suffix=".part") as (out, tmp):
            for chunk in read_limited(src, limit):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        return StagedFile(tmp, digest.hexdigest(), size)

    def commit(self, staged: StagedFile, relative: str) -> Path:
        """Move a staged file into its final place (or drop it if that blob exists already)."""
        final = self.absolute(relative)
        if final.exists():
            staged.temp_path.unlink(missing_ok=True)
            return final
        # Originals are read-only evidence, and the rename must survive a crash.
        publish(staged.temp_path, final, mode=0o444, fsync_dir=True)
        return final

    def discard(self, staged: StagedFile) -> None:
        staged.temp_path.unlink(missing_ok=True)

    def clean_temp(self) -> int:
        """Remove leftovers of interrupted imports. Returns how many were removed.

        Files of a process that is still running (the window and the CLI may share a
        store) are left alone."""
        removed = 0
        for leftover in self.tmp.iterdir():
            if _owner_alive(leftover.name):
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
            removed += 1
        return removed


def _owner_alive(name: str) -> bool:
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no cheap liveness check; keep the file, it is small
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

