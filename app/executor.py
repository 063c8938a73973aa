"""Running work on every core: the one place that starts threads or worker processes.

Threads for work that Pillow and hashlib do with the interpreter lock released (decoding,
resizing and encoding export pictures); processes for work that holds it, or that runs a
program of its own per worker (OCR with its Tesseracts).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
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


def map_in_processes(fn: Callable[..., R], tasks: Sequence[tuple[Any, ...]], workers: int,
                     initializer: Callable[..., None], initargs: tuple[Any, ...] = (),
                     should_cancel: Callable[[], bool] | None = None,
                     ) -> Iterator[tuple[int, R | BrokenProcessPool]]:
    """fn(*task) across spawned worker processes, (index, result) as they finish. A worker
    that dies (out of memory, killed) fails only its own task, which is yielded as the
    BrokenProcessPool error; cancelling drops the tasks not yet started."""
    ctx = multiprocessing.get_context("spawn")  # safe beside Qt threads, same on all OSes
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=initializer,
                             initargs=initargs) as pool:
        futures: dict[Future[R], int] = {pool.submit(fn, *task): n
                                         for n, task in enumerate(tasks)}
        for future in as_completed(futures):
            try:
                result: R | BrokenProcessPool = future.result()
            except BrokenProcessPool as exc:
                result = exc
            yield futures[future], result
            if should_cancel and should_cancel():
                for f in futures:
                    f.cancel()
                break
