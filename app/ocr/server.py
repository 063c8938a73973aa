"""A Tesseract process kept running and fed one image at a time.

Starting Tesseract and loading the Chinese model costs about 0.2 s, as much as reading a
whole screenshot. Tesseract can read a list of image paths from its standard input
(``stream_filelist``) and answers each page as soon as it is done, so one process serves a
whole import. After every image a tiny blank "marker" image is sent: its (empty) page in
the TSV output says that the page before it is complete.
"""

from __future__ import annotations

import functools
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections import deque
from typing import IO, Any, NoReturn

import pytesseract
from PIL import Image

from app.ocr.engine import TesseractSetup, die_with_parent, tesseract_config

TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")
# Generous: a 4000 px screenshot full of text takes a few seconds on a slow machine.
PAGE_TIMEOUT_S = 120.0
# What Tesseract says on stderr for every page: not worth quoting in an error.
ROUTINE_STDERR = ("Page ", "Estimating resolution", "Empty page", "Detected ",
                  "Warning: Invalid resolution")


class TesseractFailed(RuntimeError):
    """Tesseract stopped, timed out or could not read an image."""


def _parse_row(cols: list[str], data: dict[str, list[Any]]) -> None:
    cols = cols + [""] * (len(TSV_COLUMNS) - len(cols))
    for key, value in zip(TSV_COLUMNS, cols, strict=False):
        if key == "text":
            data[key].append(value)
        elif key == "conf":
            data[key].append(float(value or -1))
        else:
            data[key].append(int(value or 0))


class TesseractServer:
    """One running ``tesseract`` with fixed languages and options.

    read() returns what pytesseract.image_to_data(output_type=DICT) would, for one image.
    The process is started on first use and again after it died; close() ends it."""

    def __init__(self, setup: TesseractSetup, langs: str, options: tuple[str, ...],
                 timeout: float = PAGE_TIMEOUT_S, keep_running: bool = True) -> None:
        self.setup = setup
        self.langs = langs
        self.options = options
        self.timeout = timeout
        # False: one run per image, for rare reads not worth a process held in memory,
        # and for a Tesseract that cannot stream.
        self.streaming = keep_running
        self._proc: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=20)
        self._tmp = tempfile.TemporaryDirectory(prefix="proofpack-tess-")
        self._marker = os.path.join(self._tmp.name, "marker.pgm")
        Image.new("L", (8, 8), 255).save(self._marker)
        self._files = 0  # images sent to the running process, markers included
        self._ever_answered = False
        self._lock = threading.Lock()
        self._stderr_thread: threading.Thread | None = None

    # -- process ------------------------------------------------------------------------
    def _args(self) -> list[str]:
        args = [self.setup.cmd, "stdin", "stdout", "-l", self.langs]
        for option in self.options:
            args += option.split()
        if self.setup.tessdata_dir:
            args += ["--tessdata-dir", str(self.setup.tessdata_dir)]
        return [*args, "-c", "stream_filelist=1", "tsv"]

    def _start(self) -> subprocess.Popen[bytes]:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        proc = subprocess.Popen(self._args(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, creationflags=flags,
                                preexec_fn=functools.partial(die_with_parent, os.getpid())
                                if os.name == "posix" else None)
        self._lines = queue.Queue()
        self._files = 0
        self._stderr.clear()
        assert proc.stdout is not None and proc.stderr is not None
        threading.Thread(target=self._pump, args=(proc.stdout, self._lines),
                         daemon=True).start()
        self._stderr_thread = threading.Thread(target=self._pump_stderr, args=(proc.stderr,),
                                               daemon=True)
        self._stderr_thread.start()
        return proc

    @staticmethod
    def _pump(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
        for line in iter(stream.readline, b""):
            lines.put(line)
        lines.put(None)

    def _pump_stderr(self, stream: IO[bytes]) -> None:
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").strip()
            if line and not line.startswith(ROUTINE_STDERR):
                self._stderr.append(line)

    def close(self) -> None:
        with self._lock:
            self._stop()
        self._tmp.cleanup()

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        if self._stderr_thread is not None:
            self._stderr_thread.join(timeout=1)  # so a failure can quote what it said

    # -- reading ------------------------------------------------------------------------
    def read(self, image: Image.Image) -> dict[str, list[Any]]:
        """Tesseract's words for one image (grayscale or RGB) as a column dict."""
        with self._lock:
            if not self.streaming:
                return self._read_once(image)
            path = os.path.join(self._tmp.name, "page.pgm" if image.mode == "L" else "page.ppm")
            image.save(path)  # uncompressed: quicker to write and read than PNG
            try:
                return self._read_streamed(path)
            except TesseractFailed:
                if self._ever_answered:
                    raise  # a crash or a timeout on this image; the next read restarts it
                # Never answered: a Tesseract without stream_filelist. Read images one by one.
                self.streaming = False
                return self._read_once(image)

    def _read_streamed(self, path: str) -> dict[str, list[Any]]:
        if self._proc is None or self._proc.poll() is not None:
            self._stop()
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None
        try:
            proc.stdin.write(f"{path}\n{self._marker}\n".encode())
            proc.stdin.flush()
        except OSError:
            self._fail("")
        marker_page = str(self._files + 2)  # TSV pages count from 1, markers included
        self._files += 2
        data: dict[str, list[Any]] = {key: [] for key in TSV_COLUMNS}
        while True:
            try:
                line = self._lines.get(timeout=self.timeout)
            except queue.Empty:
                self._fail(f"no answer in {self.timeout:.0f} s")
            if line is None:
                self._fail("")
            cols = line.decode("utf-8", "replace").rstrip("\r\n").split("\t")
            if cols[0] == "level" or len(cols) < 2:
                continue
            if cols[1] == marker_page:
                self._ever_answered = True
                return data
            _parse_row(cols, data)

    def _fail(self, why: str) -> NoReturn:
        self._stop()
        raise TesseractFailed(why or " / ".join(self._stderr) or "tesseract stopped")

    def _read_once(self, image: Image.Image) -> dict[str, list[Any]]:
        try:
            result: dict[str, list[Any]] = pytesseract.image_to_data(
                image, lang=self.langs, config=tesseract_config(self.setup, *self.options),
                output_type=pytesseract.Output.DICT, timeout=self.timeout)
        except (RuntimeError, pytesseract.TesseractError) as exc:
            raise TesseractFailed(str(exc)) from exc
        return result
