"""The OCR worker process: its threads, a worker that dies, cancelling. Real processes."""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.executor import WORKER_ARGS, WorkerDied, map_in_worker


def _nothing() -> None:
    return None


def _square_where(n: int) -> tuple[int, int, int]:
    time.sleep(0.05)
    return n * n, os.getpid(), threading.get_ident()


def _die_on(n: int, fatal: int) -> int:
    if n == fatal:
        os._exit(3)  # as the kernel's OOM killer would end it: no cleanup, no exception
    time.sleep(0.02)
    return n


def _fail_on(n: int) -> int:
    if n == 2:
        raise ValueError("unreadable")
    return n


def _slow(n: int, marks: str) -> int:
    Path(marks, str(n)).touch()
    time.sleep(0.3)
    return n


def test_jobs_run_on_threads_of_one_worker_process() -> None:
    found = dict(map_in_worker(_square_where, [(n,) for n in range(12)], 2, _nothing))
    assert sorted(found) == list(range(12))
    assert all(found[n][0] == n * n for n in range(12))
    processes = {pid for _, pid, _ in found.values()}
    assert len(processes) == 1 and os.getpid() not in processes
    assert len({tid for _, _, tid in found.values()}) == 2  # both threads took work


def test_a_worker_that_dies_fails_only_the_jobs_it_held() -> None:
    found = dict(map_in_worker(_die_on, [(n, 5) for n in range(40)], 2, _nothing))
    assert sorted(found) == list(range(40))  # every job answered, none twice
    lost = [n for n, r in found.items() if isinstance(r, WorkerDied)]
    assert 5 in lost and len(lost) <= 4  # at most the jobs handed to it (2 threads x 2)
    assert all(found[n] == n for n in range(40) if n not in lost)
    assert "exit code 3" in str(found[5])


def test_an_exception_in_a_job_is_that_jobs_result() -> None:
    found = dict(map_in_worker(_fail_on, [(n,) for n in range(5)], 2, _nothing))
    assert isinstance(found[2], WorkerDied) and "unreadable" in str(found[2])
    assert [found[n] for n in (0, 1, 3, 4)] == [0, 1, 3, 4]


def test_cancelling_drops_the_jobs_not_handed_over(tmp_path: Path) -> None:
    seen: list[int] = []
    cancel = threading.Event()
    for n, result in map_in_worker(_slow, [(n, str(tmp_path)) for n in range(30)], 2,
                                   _nothing, should_cancel=cancel.is_set):
        seen.append(n)
        assert result == n
        cancel.set()
    started = {int(p.name) for p in tmp_path.iterdir()}
    assert set(seen) == started  # what started finished and was reported
    assert len(started) <= 5  # the first, and at most the four handed over with it


def _heavy_modules_after_ocr_import() -> list[str]:
    import app.ocr.scan  # noqa: F401 - what the OCR worker's jobs import

    return sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel",
                                                           "pydantic", "PySide6", "ui"})


def test_the_worker_holds_the_ocr_code_not_the_program() -> None:
    """No re-import of the program's main module (the launcher, the database layer, Qt)
    and no pydantic: memory the worker would hold for nothing beside the engines."""
    [(_, loaded)] = list(map_in_worker(_heavy_modules_after_ocr_import, [()], 1, _nothing))
    assert loaded == []


def test_an_app_binary_started_as_the_worker_serves_jobs() -> None:
    """An app bundle's binary is not a Python interpreter: given the worker's arguments,
    the launcher (what the binary runs) serves jobs as `python -c` would."""
    program = Path(sys.executable).parent / "proofpack"
    proc = subprocess.run([str(program), *WORKER_ARGS, json.dumps(sys.path)],
                          input=pickle.dumps((_square_where, 1, _nothing, ()))
                          + pickle.dumps((7, (9,))), capture_output=True, timeout=60,
                          check=True)
    n, (square, pid, _thread) = pickle.loads(proc.stdout)
    assert (n, square) == (7, 81) and pid not in (os.getpid(), 0)


def _warn_and_print(n: int) -> int:
    logging.getLogger("app.ocr.test").warning("page %d unreadable", n)
    print("stray output")  # must not corrupt the results' stream
    return n


def test_the_workers_log_reaches_this_process(caplog: pytest.LogCaptureFixture) -> None:
    """No error of the worker goes only to its stderr: its records are logged here, where
    the log file is."""
    with caplog.at_level(logging.INFO):
        found = dict(map_in_worker(_warn_and_print, [(n,) for n in range(3)], 2, _nothing))
    assert found == {0: 0, 1: 1, 2: 2}
    said = [r for r in caplog.records if r.name == "app.ocr.test"]
    assert sorted(r.getMessage() for r in said) == [f"page {n} unreadable" for n in range(3)]
    assert all(r.process != os.getpid() for r in said)
