"""OCR extraction benchmark: ProofPack's pipeline against a naive Tesseract baseline.

Either renders a seeded corpus of screenshots (tests/imagegen), or, with --corpus DIR,
reads labelled images drawn by others (../shared/ocr-dev/images: each img_NNN.json beside
its image). Both extractors run on every image in the same run; it prints recall and
precision per field, kind accuracy, seconds per image and, for a corpus, the wall time
per image with the worker warm. PROOFPACK_OCR_ENGINE=tesseract|ppocr|both picks the
engines. Usage: python bench/ocr_bench.py [--count 300] [--corpus DIR] [--workers 2]
(--workers: threads of the one OCR worker process, as in an import)
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytesseract
from PIL import Image

from app.executor import map_in_worker
from app.ocr.engine import LANGS, ocr_status
from app.ocr.scan import analyse, recognize_images
from tests.imagegen import generate, generate_corpus

NO_BASELINE = "PROOFPACK_BENCH_NO_BASELINE"
NAIVE_ORDER = re.compile(r"订单(?:编号|号)[:：]?\s*(\d[\d-]{9,})")
NAIVE_STAMP = re.compile(r"(20\d\d)-(\d\d)-(\d\d) (\d\d):(\d\d)(?::(\d\d))?")
NAIVE_AMOUNT = re.compile(r"[¥￥]\s*(\d+\.\d{2})")
NAIVE_KINDS = {
    "order": ("订单编号", "实付款"), "payment": ("账单详情", "付款金额"),
    "logistics": ("物流", "快递"), "chat": ("发送", "已读"),
}


@dataclass
class Result:
    kind: str
    orders: list[str]
    stamps: list[str]
    amounts: list[str]
    seconds: float


def naive(img: Image.Image) -> Result:
    start = time.perf_counter()
    text = pytesseract.image_to_string(img, lang=LANGS)
    seconds = time.perf_counter() - start
    stamps = []
    for m in NAIVE_STAMP.finditer(text):
        y, mo, d, h, mi, s = m.groups()
        stamps.append(f"{y}-{mo}-{d}T{h}:{mi}" + (f":{s}" if s else ""))
    scores = {k: sum(w in text for w in words) for k, words in NAIVE_KINDS.items()}
    best = max(scores, key=lambda k: scores[k])
    kind = best if scores[best] else ("photo" if len(text.strip()) < 10 else "other")
    return Result(kind, NAIVE_ORDER.findall(text), stamps,
                  [f"{float(a):.2f}" for a in NAIVE_AMOUNT.findall(text)], seconds)


def ours(images: list[Image.Image]) -> list[Result]:
    """The import pipeline on images, each charged an equal share of the time. As in an
    import, each of the worker's threads keeps its Tesseracts running from one image to
    the next: their start is paid on the thread's first image."""
    status = ocr_status()
    assert status.setup is not None, status.message()
    start = time.perf_counter()
    recognitions = recognize_images(images, status.setup)
    results = [analyse(r, "", None) for r in recognitions]
    seconds = (time.perf_counter() - start) / len(images)
    return [Result(r.kind, r.order_numbers, r.timestamps, r.amounts, seconds) for r in results]


def warm_up() -> None:
    """The worker's first image pays the engines' start (PP-OCR's models): pay it before
    the clock runs."""
    from app.ocr.scan import init_ocr_worker

    init_ocr_worker()
    ours([generate(1, "order").image.convert("RGB")])


def timed(work: Any, job: Any) -> tuple[float, float, Any]:
    """work(job) with when it started and ended (the wall time runs from the first start)."""
    started = time.time()
    out = work(job)
    return started, time.time(), out


def digits(values: list[str]) -> list[str]:
    return [re.sub(r"\D", "", v) for v in values]


def run_files(paths: list[str]) -> list[tuple[str, dict[str, list[str]], Result, Result]]:
    """One task of labelled files from --corpus: the truth is the JSON beside each."""
    import json

    from app.imaging import open_rgb

    images = [open_rgb(Path(p), max_side=4000) for p in paths]
    mine = ours(images)
    out = []
    for path, img, a in zip(paths, images, mine, strict=True):
        truth_file = json.loads(Path(path).with_suffix(".json").read_text("utf-8"))
        truth = {"kind": [truth_file["kind"]], "orders": digits(truth_file["order_numbers"]),
                 "stamps": truth_file["timestamps"], "amounts": truth_file["amounts"]}
        a.orders = digits(a.orders)
        b = naive(img) if not os.environ.get(NO_BASELINE) else Result("other", [], [], [], 0.0)
        b.orders = digits(b.orders)
        out.append((Path(path).name, truth, a, b))
    return out


def run_batch(jobs: list[tuple[int, str]]) -> list[tuple[str, dict[str, list[str]], Result,
                                                          Result]]:
    samples = [generate(seed, kind) for seed, kind in jobs]
    images = []
    for sample in samples:
        # Both read the same bytes: the image as a user's file would hold it.
        buf = io.BytesIO()
        sample.image.save(buf, "PNG")
        images.append(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    mine = ours(images)
    out = []
    for sample, img, a in zip(samples, images, mine, strict=True):
        truth = {"kind": [sample.kind], "orders": sample.order_numbers,
                 "stamps": sample.timestamps, "amounts": sample.amounts}
        out.append((sample.name, truth, a, naive(img)))
    return out


@dataclass
class Score:
    tp: dict[str, int] = field(default_factory=lambda: {"orders": 0, "stamps": 0, "amounts": 0})
    fp: dict[str, int] = field(default_factory=lambda: {"orders": 0, "stamps": 0, "amounts": 0})
    fn: dict[str, int] = field(default_factory=lambda: {"orders": 0, "stamps": 0, "amounts": 0})
    kind_ok: int = 0
    n: int = 0
    seconds: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, truth: dict[str, list[str]], got: Result) -> None:
        self.n += 1
        self.seconds.append(got.seconds)
        self.kind_ok += got.kind == truth["kind"][0]
        if got.kind != truth["kind"][0]:
            self.misses.append(f"{name}: kind {got.kind}")
        for key in ("orders", "stamps", "amounts"):
            want, have = set(truth[key]), set(getattr(got, key))
            self.tp[key] += len(want & have)
            self.fp[key] += len(have - want)
            self.fn[key] += len(want - have)
            if want - have or (key != "amounts" and have - want):
                self.misses.append(f"{name}: {key} missing {sorted(want - have)} "
                                   f"extra {sorted(have - want)}")

    def recall(self, key: str) -> float:
        total = self.tp[key] + self.fn[key]
        return self.tp[key] / total if total else 1.0

    def precision(self, key: str) -> float:
        total = self.tp[key] + self.fp[key]
        return self.tp[key] / total if total else 1.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=None,
                        help="labelled images (img_NNN.png/.jpg + img_NNN.json) to read")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--no-baseline", action="store_true",
                        help="ProofPack alone (the wall time is then its own)")
    args = parser.parse_args()
    if args.no_baseline:
        os.environ[NO_BASELINE] = "1"  # the workers inherit it
    # One Tesseract thread per worker for both pipelines: a fair per-image time.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    mine, base = Score(), Score()
    if args.corpus:
        files = sorted(str(p) for p in args.corpus.iterdir()
                       if p.suffix.lower() in (".png", ".jpg", ".jpeg")
                       and p.with_suffix(".json").exists())
        tasks: list[Any] = [(run_files, [f]) for f in files]
        args.count = len(files)
    else:
        tasks = [(run_batch, [job]) for job in generate_corpus(args.count, args.seed)]
    # The app's own executor: one OCR worker process, a thread per core.
    spans = []
    for _n, found in map_in_worker(timed, tasks, args.workers, warm_up):
        assert not isinstance(found, Exception), found
        started, ended, batch = found
        spans.append((started, ended))
        for name, truth, a, b in batch:
            mine.add(name, truth, a)
            base.add(name, truth, b)
    wall = max(e for _, e in spans) - min(s for s, _ in spans)
    rows = [
        ("order-number recall", "orders", "recall"), ("order-number precision", "orders",
                                                       "precision"),
        ("timestamp recall", "stamps", "recall"), ("timestamp precision", "stamps",
                                                   "precision"),
        ("amount recall", "amounts", "recall"),
    ]
    source = f"corpus {args.corpus}" if args.corpus else f"generated, seed {args.seed}"
    engine = os.environ.get("PROOFPACK_OCR_ENGINE", "both")
    print(f"OCR benchmark: {args.count} images ({source}), one worker, {args.workers} threads, "
          f"engine {engine}")
    print(f"{'metric':28}{'ProofPack':>12}{'baseline':>12}")
    for label, key, how in rows:
        print(f"{label:28}{getattr(mine, how)(key):>12.3f}{getattr(base, how)(key):>12.3f}")
    print(f"{'kind accuracy':28}{mine.kind_ok / mine.n:>12.3f}{base.kind_ok / base.n:>12.3f}")
    med_a, med_b = statistics.median(mine.seconds), statistics.median(base.seconds)
    print(f"{'median s/image':28}{med_a:>12.2f}{med_b:>12.2f}")
    print(f"{'total OCR s':28}{sum(mine.seconds):>12.1f}{sum(base.seconds):>12.1f}")
    if args.show_misses:
        for miss in mine.misses:
            print("  miss:", miss)
    print(f"summary: order R/P {mine.recall('orders'):.3f}/{mine.precision('orders'):.3f}, "
          f"time R/P {mine.recall('stamps'):.3f}/{mine.precision('stamps'):.3f}, "
          f"amount R {mine.recall('amounts'):.3f}, kind {mine.kind_ok / mine.n:.3f}, "
          f"median {med_a:.2f}s vs baseline {med_b:.2f}s, "
          f"wall {wall:.0f}s = {wall / args.count:.2f} s/image on {args.workers} threads")
    return 0


if __name__ == "__main__":
    # Run as bench.ocr_bench, not __main__: the OCR worker finds the functions it is
    # handed (timed, warm_up, run_files) by their module's name.
    from bench.ocr_bench import main as bench_main

    sys.exit(bench_main())
