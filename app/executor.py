"""Running work on every core: the one place that starts threads or the OCR worker process.

Threads for work that Pillow and hashlib do with the interpreter lock released (decoding,
resizing and encoding export pictures); a worker process with threads for OCR, kept apart
from the window (its engines can crash or run out of memory without taking it down).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from multiprocessing.connection import Connection
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
    """fn(*job) in one spawned worker process on `threads` threads, (index, result) as they
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
    """One worker process over the jobs in `order`; returns those it never received.
    Jobs go over one pipe and results come back over another (plain pipes: queues would
    start multiprocessing's resource tracker, one more process held for nothing)."""
    ctx = multiprocessing.get_context("spawn")  # safe beside Qt threads, same on all OSes
    job_out, job_in = ctx.Pipe(duplex=False)
    result_out, result_in = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_serve, daemon=True,
                       args=(fn, job_out, result_in, threads, initializer, initargs))
    proc.start()
    job_out.close()  # the worker's ends: the pipes then break when it dies
    result_in.close()
    queue_ahead = threads * 2  # jobs handed over beyond those running: no core waits
    waiting = list(order)
    held: set[int] = set()
    try:
        while waiting or held:
            cancelled = should_cancel is not None and should_cancel()
            while waiting and len(held) < queue_ahead and not cancelled:
                n = waiting.pop(0)
                held.add(n)
                with suppress(OSError):  # a dead worker: found below, its jobs failed
                    job_in.send((n, jobs[n]))
            if cancelled and not held:
                return []
            try:
                if not result_out.poll(0.25):
                    continue
                n, result = result_out.recv()
            except (EOFError, OSError):
                proc.join()
                lost = WorkerDied(f"OCR worker ended with exit code {proc.exitcode}")
                for n in sorted(held):
                    yield n, lost
                return [] if cancelled else waiting
            held.discard(n)
            yield n, result
        return []
    finally:
        with suppress(OSError):
            job_in.close()  # the worker's threads take this as the end
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()
            proc.join()
        result_out.close()


def _serve(fn: Callable[..., Any], jobs: Connection, results: Connection, threads: int,
           initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    """The worker process: `threads` threads taking jobs until the pipe closes."""
    initializer(*initargs)
    take, give = threading.Lock(), threading.Lock()

    def work() -> None:
        while True:
            with take:
                try:
                    n, args = jobs.recv()
                except (EOFError, OSError):
                    return
            try:
                result = fn(*args)
            except Exception as exc:  # reported on the job, as a crash would be
                result = WorkerDied(f"{type(exc).__name__}: {exc}")
            with give:
                results.send((n, result))

    pool = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    results.close()
