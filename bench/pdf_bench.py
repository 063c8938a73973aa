"""PDF bundle benchmark: export time, peak memory and file size for 10 / 100 / 300
exhibits of realistic sizes (phone screenshots, photos, and every tenth a 1080 x 7000
stitched long screenshot). Each export runs in a fresh process whose own peak resident
memory (VmHWM) is reported. Targets (issue #15): 100 exhibits in <= 8 s, <= 400 MB.
Also what sealing adds (issue #18: the signature with its attached manifest, after the
bundle is written): its time and bytes, target <= 0.5 s and <= 50 KB for 100 exhibits.

Usage: python bench/pdf_bench.py [--sizes 10,100,300]
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from app.export.bundle import ExportOptions, export_case
from app.store.importer import import_paths
from app.store.store import Store
from tests.imagegen import generate, generate_corpus


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,300")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'exhibits':>12}{'pages':>8}{'seconds':>10}{'peak MB':>10}{'PDF MB':>8}"
          f"{'MB/100':>8}{'seal s':>8}{'seal KB':>9}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        images = root / "images"
        images.mkdir()
        corpus = generate_corpus(max(sizes), seed=3)
        for i, (seed, kind) in enumerate(corpus):
            sample = generate(seed, kind)
            # What users import: PNG screenshots, JPEG photos.
            fmt = "JPEG" if kind == "photo" else "PNG"
            image = long_screenshot(sample.image) if i % 10 == 9 else sample.image
            image.save(images / f"{i:04d}.{fmt.lower()}", fmt)
        files = sorted(images.iterdir())
        for size in sizes:
            store = Store(root / f"store{size}")
            case = store.create_case(f"基准 {size}", complaint_type="quality")
            import_paths(store, case.id, files[:size])
            out = root / f"bundle{size}.pdf"
            store.close()
            ctx = multiprocessing.get_context("spawn")
            with ctx.Pool(1) as pool:
                seconds, peak_mb, seal_s, seal_kb = pool.apply(
                    export_in_child, (root / f"store{size}", case.id, out))
            from pypdf import PdfReader

            pages = len(PdfReader(out).pages)
            mb = out.stat().st_size / 1e6
            results.append((size, seconds, mb, peak_mb, seal_s, seal_kb))
            print(f"{size:>12}{pages:>8}{seconds:>10.2f}{peak_mb:>10.0f}{mb:>8.2f}"
                  f"{mb / size * 100:>8.2f}{seal_s:>8.2f}{seal_kb:>9.1f}")
    by_size = {r[0]: r[1:] for r in results}
    hundred = by_size.get(100) or results[-1][1:]
    print(f"SUMMARY exhibits=100 seconds={hundred[0]:.1f} peak_rss_mb={hundred[2]:.0f} "
          f"pdf_mb={hundred[1]:.1f} seal_s={hundred[3]:.2f} seal_kb={hundred[4]:.0f} "
          "(targets: <= 8 s, <= 400 MB; seal <= 0.5 s, <= 50 KB)")
    return 0


def long_screenshot(img: Image.Image) -> Image.Image:
    """A 1080 x 7000 stitched capture: the screen repeated down the page."""
    screen = img.convert("RGB").resize((1080, round(img.height * 1080 / img.width)))
    tall = Image.new("RGB", (1080, 7000), "white")
    for top in range(0, 7000, screen.height):
        tall.paste(screen, (0, top))
    return tall


def export_in_child(data_dir: Path, case_id: int, out: Path
                    ) -> tuple[float, float, float, float]:
    """(seconds, peak RSS in MB, sealing seconds, KB sealing added) of one export in
    this fresh process."""
    from app.export.verification import Verification

    sealed: list[tuple[float, int]] = []
    seal_file = Verification.seal_file

    def timed(self: Verification, source: IO[bytes], target: IO[bytes], part: Any) -> None:
        unsigned = source.seek(0, io.SEEK_END)
        source.seek(0)
        begun = time.perf_counter()
        seal_file(self, source, target, part)
        sealed.append((time.perf_counter() - begun, target.tell() - unsigned))

    Verification.seal_file = timed  # type: ignore[method-assign]
    store = Store(data_dir)
    start = time.perf_counter()
    export_case(store, case_id, out, ExportOptions(lang="zh", allow_unscanned=True))
    seconds = time.perf_counter() - start
    store.close()
    with open("/proc/self/status") as fh:
        hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    return seconds, hwm / 1024, sum(s for s, _ in sealed), sum(b for _, b in sealed) / 1024


if __name__ == "__main__":
    sys.exit(main())
