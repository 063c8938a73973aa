"""The Tesseract kept running between images (app.ocr.server), with the real binary."""

import os
import stat
import sys
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from app.ocr.engine import TesseractSetup, ocr_status, tesseract_config
from app.ocr.recognize import PAGE_LANGS, PAGE_OPTIONS, OcrSession
from app.ocr.server import TesseractFailed, TesseractServer
from tests.conftest import text_image


@pytest.fixture
def setup() -> TesseractSetup:
    status = ocr_status()
    assert status.setup is not None, status.message()
    return status.setup


def _words(data: dict[str, list]) -> list[tuple[str, int, int]]:
    return [(t, data["left"][i], data["top"][i]) for i, t in enumerate(data["text"]) if t.strip()]


def test_one_process_reads_many_images_as_separate_runs_would(tmp_path: Path,
                                                              setup: TesseractSetup) -> None:
    first = Image.open(text_image(["订单编号：3620154412345678901", "实付款 ¥256.80"],
                                  tmp_path / "a.png")).convert("L")
    second = Image.open(text_image(["运单号 SF1234567890123", "2024-11-23 13:01:02"],
                                   tmp_path / "b.png")).convert("L")
    server = TesseractServer(setup, PAGE_LANGS, PAGE_OPTIONS)
    try:
        got = [server.read(first), server.read(second), server.read(first)]
        pid = server._proc.pid if server._proc else None
        assert pid is not None and server._proc is not None and server._proc.poll() is None
    finally:
        server.close()
    for image, data in zip((first, second, first), got, strict=True):
        alone = pytesseract.image_to_data(image, lang=PAGE_LANGS,
                                          config=tesseract_config(setup, *PAGE_OPTIONS),
                                          output_type=pytesseract.Output.DICT)
        assert _words(data) == _words(alone)
    assert any("3620154412345678901" in t for t, _x, _y in _words(got[0]))
    assert any("SF1234567890123" in t for t, _x, _y in _words(got[1]))


def test_a_killed_tesseract_is_started_again(tmp_path: Path, setup: TesseractSetup) -> None:
    image = Image.open(text_image(["付款时间 2024-11-23 13:01:02"], tmp_path / "a.png"))
    server = TesseractServer(setup, PAGE_LANGS, PAGE_OPTIONS)
    try:
        before = server.read(image)
        assert server._proc is not None
        old_pid = server._proc.pid
        server._proc.kill()
        server._proc.wait()
        after = server.read(image)
        assert server._proc is not None and server._proc.pid != old_pid
        assert _words(after) == _words(before)
    finally:
        server.close()
    assert server._proc is None


def test_a_page_that_takes_too_long_fails_cleanly(tmp_path: Path, setup: TesseractSetup) -> None:
    image = Image.open(text_image(["订单编号：3620154412345678901"] * 12, tmp_path / "a.png"))
    server = TesseractServer(setup, PAGE_LANGS, PAGE_OPTIONS)
    try:
        server.read(Image.new("L", (8, 8), 255))  # the process is up and answering
        server.timeout = 0.01
        with pytest.raises(TesseractFailed, match="no answer"):
            server.read(image)
        assert server._proc is None  # stopped, not left running
        server.timeout = 60
        assert any("3620154412345678901" in t for t, _x, _y in _words(server.read(image)))
    finally:
        server.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell wrapper stands in")
def test_a_tesseract_that_cannot_stream_is_run_per_image(tmp_path: Path,
                                                         setup: TesseractSetup) -> None:
    # An older Tesseract without stream_filelist: it fails when asked to stream.
    wrapper = tmp_path / "tesseract"
    wrapper.write_text('#!/bin/sh\ncase "$*" in *stream_filelist*) echo "no such option" >&2;'
                       f' exit 1;; esac\nexec "{setup.cmd}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    old = TesseractSetup(str(wrapper), setup.tessdata_dir)
    image = Image.open(text_image(["运单号 SF1234567890123"], tmp_path / "a.png"))
    server = TesseractServer(old, PAGE_LANGS, PAGE_OPTIONS)
    try:
        data = server.read(image)
        assert not server.streaming
        assert any("SF1234567890123" in t for t, _x, _y in _words(data))
    finally:
        server.close()


def test_a_session_ends_its_processes(tmp_path: Path, setup: TesseractSetup) -> None:
    from app.ocr.recognize import recognize

    img = Image.open(text_image(["订单编号：3620154412345678901", "实付款 ¥256.80"],
                                tmp_path / "a.png")).convert("RGB")
    with OcrSession(setup) as session:
        lines = recognize(img, session)
        procs = [s._proc for s in (session.page, session.digits) if s._proc]
        assert len(procs) == 2 and all(p.poll() is None for p in procs)
    assert all(p.poll() is not None for p in procs)
    text = "\n".join(line.text for line in lines)
    assert "3620154412345678901" in text and "¥256.80" in text


def _tesseract_children() -> set[str]:
    tasks = Path(f"/proc/{os.getpid()}/task")
    children = {c for task in tasks.iterdir() for c in (task / "children").read_text().split()}
    return {c for c in children if Path(f"/proc/{c}/comm").exists()
            and Path(f"/proc/{c}/comm").read_text().strip() == "tesseract"}


def test_scan_in_this_process_leaves_no_tesseract_running(tmp_path: Path) -> None:
    from app.intake import scan_many

    if not Path(f"/proc/{os.getpid()}/task").exists():
        pytest.skip("needs /proc to list child processes")
    before = _tesseract_children()  # other tests' shared sessions may be running
    path = text_image(["订单编号：3620154412345678901"], tmp_path / "a.png")
    results = scan_many([path], workers=1)
    assert results[0] is not None and results[0].order_numbers == ["3620154412345678901"]
    assert _tesseract_children() <= before


def test_a_server_for_rare_reads_holds_no_process(tmp_path: Path, setup: TesseractSetup) -> None:
    image = Image.open(text_image(["运单号 SF1234567890123"], tmp_path / "a.png"))
    server = TesseractServer(setup, PAGE_LANGS, PAGE_OPTIONS, keep_running=False)
    try:
        assert any("SF1234567890123" in t for t, _x, _y in _words(server.read(image)))
        assert server._proc is None
    finally:
        server.close()
