"""Running work on every core: the one place that starts threads or the OCR worker process.

Threads for work that Pillow and hashlib do with the interpreter lock released (decoding,
resizing and encoding export pictures); a worker process with threads for OCR, kept apart
from the window (its engines can crash or run out of memory without taking it down).
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from logging.handlers import QueueHandler
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers(jobs: int) -> int:
    """One worker per core, never more than there are jobs."""
    return max(1, min(os.cpu_count() or 1, jobs))


def map_in_threads(fn: Callable[[T], R], jobs: Iterable[T], workers: int | None = None
                   ) -> Iterator[R]:
    """fn over jobs, results in order, `workers` jobs at a time. A job should load what it
    needs when it starts: the ones waiting their turn then hold no memory. The first
    error is raised here, and the jobs not yet started are dropped."""
    pending = list(jobs)
    workers = workers or default_workers(len(pending))
    if workers <= 1:
        yield from map(fn, pending)
        return
    with ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(fn, job) for job in pending]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


class WorkerDied(RuntimeError):
    """The worker process ended (out of memory, killed) while it held this job."""


def map_in_worker(fn: Callable[..., R], jobs: Sequence[tuple[Any, ...]], threads: int,
                  initializer: Callable[..., None], initargs: tuple[Any, ...] = (),
                  should_cancel: Callable[[], bool] | None = None,
                  ) -> Iterator[tuple[int, R | WorkerDied]]:
    """fn(*job) in one worker process on `threads` threads, (index, result) as they
    finish. One process, not one per core: the engines it loads (PP-OCR's models) are held
    once, and its threads run in parallel while the engines work outside the interpreter
    lock. Jobs are handed over a few at a time, so cancelling drops the ones not yet
    handed over. A worker that dies fails only the jobs it held, as WorkerDied; a new one
    takes the rest."""
    remaining = list(range(len(jobs)))
    while remaining:
        remaining = yield from _run_worker(fn, jobs, remaining, threads, initializer,
                                           initargs, should_cancel)


def _run_worker(fn: Callable[..., R], jobs: Sequence[tuple[Any, ...]], order: list[int],
                threads: int, initializer: Callable[..., None], initargs: tuple[Any, ...],
                should_cancel: Callable[[], bool] | None,
                ) -> Generator[tuple[int, R | WorkerDied], None, list[int]]:
    """One worker process over the jobs in `order`; returns those it never received."""
    worker = _WorkerProcess((fn, threads, initializer, initargs))
    queue_ahead = threads * 2  # jobs handed over beyond those running: no core waits
    waiting = list(order)
    held: set[int] = set()
    try:
        while waiting or held:
            cancelled = should_cancel is not None and should_cancel()
            while waiting and len(held) < queue_ahead and not cancelled:
                n = waiting.pop(0)
                held.add(n)
                worker.send((n, jobs[n]))
            if cancelled and not held:
                return []
            try:
                n, result = worker.results.get(timeout=0.25)
            except queue.Empty:
                continue
            if n == _ENDED:  # the worker's output ended: it died
                lost = WorkerDied(f"OCR worker ended with exit code {worker.wait()}")
                for n in sorted(held):
                    yield n, lost
                return [] if cancelled else waiting
            held.discard(n)
            yield n, result
        return []
    finally:
        worker.close()


_ENDED = -1  # in place of a job's number: the worker's output ended
_LOG_RECORD = -2  # in place of a job's number: a record of the worker's log

# The worker runs this and nothing else: no re-import of the program's main module (as
# multiprocessing's spawn would do: the window's launcher, its database layer), and no
# resource-tracker process beside it. It imports what the pickled job functions name.
# Where the program is an app bundle's own binary, not a Python interpreter, the same
# arguments reach ui.launcher, which answers them with serve() (is_worker_command).
WORKER_ARGS = ("-c", "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
                     "from app.executor import serve; serve()")


def is_worker_command(argv: Sequence[str]) -> bool:
    return tuple(argv[:2]) == WORKER_ARGS


def serve_worker_command(argv: Sequence[str]) -> None:
    """What WORKER_ARGS's code does, for a program already running (an app's launcher)."""
    sys.path[:] = json.loads(argv[2])
    serve()


class _WorkerProcess:
    """A Python process reading pickled jobs on its stdin and writing pickled results on
    its stdout (pipes: the same on every OS, and they break when either side dies). A
    thread reads its results into `results`; (-1, None) says its output ended."""

    def __init__(self, setup: tuple[Any, ...]) -> None:
        self.proc = subprocess.Popen([sys.executable, *WORKER_ARGS, json.dumps(sys.path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.results: queue.Queue[tuple[int, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.send(setup)

    def send(self, message: object) -> None:
        with suppress(OSError):  # a dead worker: its output ends, its jobs fail there
            assert self.proc.stdin is not None
            pickle.dump(message, self.proc.stdin, pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        try:
            while True:
                n, message = pickle.load(self.proc.stdout)
                if n == _LOG_RECORD:  # the worker's log: into this process's log file
                    logging.getLogger(message.name).handle(message)
                else:
                    self.results.put((n, message))
        except Exception:  # EOF, or a worker killed mid-message: it has ended
            self.results.put((_ENDED, None))

    def wait(self) -> int:
        return self.proc.wait()

    def close(self) -> None:
        with suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()  # the worker's threads take this as the end
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=5)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


class _Output:
    """The worker's stdout, written by its threads (and its log) one message at a time."""

    def __init__(self) -> None:
        self.file = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
        try:  # stray prints: to stderr, or nowhere when there is none (a GUI launch)
            os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        except (AttributeError, OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        self.lock = threading.Lock()

    def send(self, message: tuple[int, Any]) -> None:
        with self.lock:
            pickle.dump(message, self.file, pickle.HIGHEST_PROTOCOL)
            self.file.flush()

    def put_nowait(self, record: logging.LogRecord) -> None:  # the log handler's queue
        with suppress(OSError):
            self.send((_LOG_RECORD, record))


def serve() -> None:
    """The worker process: `threads` threads taking jobs from stdin until it closes. Its
    log goes to the parent (which writes it to the log file); its results on stdout."""
    output = _Output()
    root = logging.getLogger()
    root.addHandler(QueueHandler(output))  # type: ignore[arg-type]
    root.setLevel(logging.INFO)
    jobs = sys.stdin.buffer
    fn, threads, initializer, initargs = pickle.load(jobs)
    initializer(*initargs)
    take = threading.Lock()

    def work() -> None:
        while True:
            with take:
                try:
                    n, args = pickle.load(jobs)
                except (EOFError, OSError):
                    return
            try:
                result = fn(*args)
            except Exception as exc:  # reported on the job, as a crash would be
                result = WorkerDied(f"{type(exc).__name__}: {exc}")
            output.send((n, result))

    pool = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    output.file.close()
