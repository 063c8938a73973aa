"""Peak memory while a large batch of screenshots is imported, thumbnailed and OCRed.

Runs the same core path the window runs (import, thumbnails, OCR in the worker process)
and samples the resident memory of this process and of the OCR workers every 50 ms.
With --huge SIDE, one SIDE x SIDE 16-bit RGBA PNG (about a megabyte on disk) goes through
the same path and is then exported: issue #15 asks for 600 MB at most in any process.

Usage: python bench/memory_bench.py [--count 500] [--no-ocr] [--huge 8000]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIMIT_MB = 500  # the window's own process
TREE_LIMIT_MB = 700  # it and every OCR worker, Tesseract and PP-OCR under it (issue #13)


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    """Child processes, their children (Tesseract under an OCR worker), and so on. Each
    thread's children are listed apart: an OCR worker's threads start its Tesseracts."""
    kids: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for tid in threads:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                kids += [int(p) for p in fh.read().split()]
        except OSError:
            continue
    return kids + [d for k in kids for d in descendants(k)]


class Sampler(threading.Thread):
    """Peak resident memory of a process (this one unless `pid` says) and of its tree."""

    def __init__(self, pid: int | None = None) -> None:
        super().__init__(daemon=True)
        self.pid = pid or os.getpid()
        self.main_peak = 0.0
        self.worker_peak = 0.0  # the largest single helper process (OCR worker, Tesseract)
        self.tree_peak = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        me = self.pid
        while not self.stop.is_set():
            main = rss_mb(me)
            workers = [rss_mb(c) for c in descendants(me)]
            self.main_peak = max(self.main_peak, main)
            self.worker_peak = max([self.worker_peak, *workers])
            self.tree_peak = max(self.tree_peak, main + sum(workers))
            time.sleep(0.05)


def main() -> int:
    # Imported here, not at the top: this script's start stays light (the generated
    # corpus is written before the sampling starts).
    from app.intake import analyse_items
    from app.store.importer import import_paths
    from app.store.store import Store
    from app.store.thumbnails import thumbnail_path
    from tests.imagegen import generate, generate_corpus

    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--no-ocr", action="store_true")
    parser.add_argument("--huge", type=int, default=0, metavar="SIDE")
    args = parser.parse_args()
    if args.huge:
        return huge(args.huge)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        images = root / "images"
        images.mkdir()
        t0 = time.perf_counter()
        for i, (seed, kind) in enumerate(generate_corpus(args.count, seed=9)):
            generate(seed, kind, "forwarded" if i % 3 == 0 else "clean").image.save(
                images / f"{i:04d}.png")
        generated = time.perf_counter() - t0
        size_mb = sum(p.stat().st_size for p in images.iterdir()) / 2**20

        sampler = Sampler()
        sampler.start()
        base = rss_mb(os.getpid())
        store = Store(root / "store")
        case = store.create_case("内存测试")
        assert case.id is not None
        stages: list[tuple[str, float, float]] = []

        t0 = time.perf_counter()
        report = import_paths(store, case.id, [images])
        stages.append(("import", time.perf_counter() - t0, sampler.main_peak))
        items = store.items(case.id)

        t0 = time.perf_counter()
        for item in items:
            thumbnail_path(store, item)
        stages.append(("thumbnails", time.perf_counter() - t0, sampler.main_peak))

        if not args.no_ocr:
            t0 = time.perf_counter()
            analyse_items(store, items)
            stages.append(("ocr", time.perf_counter() - t0, sampler.main_peak))
        sampler.stop.set()
        sampler.join()
        store.close()

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.count} screenshots, {size_mb:.0f} MB on disk, generated in {generated:.0f} s; "
          f"start RSS {base:.0f} MB")
    print(f"{'stage':<12}{'seconds':>9}{'main peak MB':>14}")
    for name, secs, peak in stages:
        print(f"{name:<12}{secs:>9.1f}{peak:>14.0f}")
    print(f"imported {report.count('imported')}, errors {report.count('error')}; "
          f"largest helper process {sampler.worker_peak:.0f} MB")
    verdict = "OK" if max(sampler.main_peak, maxrss) <= LIMIT_MB and \
        sampler.tree_peak <= TREE_LIMIT_MB else "OVER"
    print(f"SUMMARY count={args.count} main_peak_rss_mb={max(sampler.main_peak, maxrss):.0f} "
          f"tree_peak_rss_mb={sampler.tree_peak:.0f} limit_mb={LIMIT_MB} "
          f"tree_limit_mb={TREE_LIMIT_MB} {verdict}")
    return 0 if verdict == "OK" else 1


def huge(side: int) -> int:
    """One huge 16-bit RGBA PNG through the CLI, as a buyer runs it: `add` (import, OCR),
    then `export`, each in a process of its own; the largest process of each is reported."""
    import subprocess

    from PIL import Image, ImageDraw, ImageFont

    from tests.conftest import FONT_PATH
    from tests.imagegen.huge import write_rgba16_png

    huge_limit = 600
    proofpack = str(Path(sys.executable).parent / "proofpack")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        band = Image.new("RGB", (side, 400), "white")
        font = ImageFont.truetype(str(FONT_PATH), 160)
        ImageDraw.Draw(band).text((200, 100), "订单编号 260911223344556677", fill="black",
                                  font=font)
        path = write_rgba16_png(root / "huge.png", side, side, band, side // 3)
        size = path.stat().st_size

        def run(*args: str) -> tuple[str, float, float]:
            sampler = Sampler()
            sampler.start()
            t0 = time.perf_counter()
            out = subprocess.run([proofpack, "--data-dir", str(root / "data"), *args],
                                 capture_output=True, text=True, check=False)
            sampler.stop.set()
            sampler.join()
            return out.stdout.strip(), time.perf_counter() - t0, sampler.worker_peak

        case, _, _ = run("case", "new", "大图")
        stages = [("add", *run("add", case, str(path))),
                  ("export", *run("export", case, "-o", str(root / "out.pdf")))]
    print(f"{side} x {side} 16-bit RGBA PNG, {size} bytes")
    print(f"{'stage':<8}{'seconds':>9}{'largest process MB':>20}  output")
    for name, said, secs, peak in stages:
        print(f"{name:<8}{secs:>9.1f}{peak:>20.0f}  {said.splitlines()[0] if said else ''}")
    worst = max(peak for _, _, _, peak in stages)
    verdict = "OK" if worst <= huge_limit else "OVER"
    print(f"SUMMARY huge={side}x{side} largest_process_peak_mb={worst:.0f} "
          f"limit_mb={huge_limit} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
