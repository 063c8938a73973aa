"""Window responsiveness while screenshots are imported and OCRed.

A QTimer fires every 10 ms on the GUI thread; the gap between its ticks, less 10 ms, is
how long the event loop was stalled. Usage: python bench/ui_bench.py [--count 50]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

from app.store.store import Store
from tests.imagegen import generate, generate_corpus
from ui.main import make_application
from ui.main_window import MainWindow

TICK_MS = 10


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        images = root / "images"
        images.mkdir()
        for i, (seed, kind) in enumerate(generate_corpus(args.count, seed=5)):
            generate(seed, kind).image.save(images / f"{i:03d}.png")
        store = Store(root / "store")
        store.create_case("响应测试")
        window = MainWindow(store, QSettings(str(root / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        app.processEvents()

        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(max(0.0, now - last[0] - TICK_MS))
            last[0] = now

        probe = QTimer()
        probe.timeout.connect(tick)
        probe.start(TICK_MS)
        started = time.perf_counter()
        window.import_paths([images])
        while window.job is not None:
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - started
        probe.stop()
        done = sum(1 for i in store.items(window.current_case().id) if i.ocr_status == "done")
        window.close()
        window.deleteLater()
        probe.deleteLater()
        app.processEvents()
        store.close()
    over = sum(1 for g in gaps if g > 100)
    p99 = statistics.quantiles(gaps, n=100)[98] if len(gaps) > 100 else max(gaps)
    print(f"{'images':>8}{'OCR done':>10}{'seconds':>10}{'ticks':>8}{'max stall ms':>14}"
          f"{'p99 ms':>8}{'>100 ms':>9}")
    print(f"{args.count:>8}{done:>10}{seconds:>10.1f}{len(gaps):>8}{max(gaps):>14.0f}"
          f"{p99:>8.0f}{over:>9}")
    print(f"summary: {args.count} images imported and OCRed in {seconds:.1f} s; longest "
          f"event-loop stall {max(gaps):.0f} ms, {over} stalls over 100 ms")
    # Let Qt go down before the interpreter does (PySide6 can crash in a late GC pass).
    app.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
