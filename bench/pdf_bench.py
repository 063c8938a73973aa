"""PDF bundle benchmark: export time and file size for 10 / 100 / 300 screenshots.

Usage: python bench/pdf_bench.py [--sizes 10,100,300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.export.bundle import ExportOptions, export_case
from app.store.importer import import_paths
from app.store.store import Store
from tests.imagegen import generate, generate_corpus


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,300")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'screenshots':>12}{'pages':>8}{'seconds':>10}{'MB':>8}{'MB/100':>8}")
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
            sample.image.save(images / f"{i:04d}.{fmt.lower()}", fmt)
        files = sorted(images.iterdir())
        for size in sizes:
            store = Store(root / f"store{size}")
            case = store.create_case(f"基准 {size}", complaint_type="quality")
            import_paths(store, case.id, files[:size])
            out = root / f"bundle{size}.pdf"
            start = time.perf_counter()
            export_case(store, case.id, out, ExportOptions(lang="zh"))
            seconds = time.perf_counter() - start
            from pypdf import PdfReader

            pages = len(PdfReader(out).pages)
            mb = out.stat().st_size / 1e6
            results.append((size, seconds, mb))
            print(f"{size:>12}{pages:>8}{seconds:>10.2f}{mb:>8.2f}{mb / size * 100:>8.2f}")
            store.close()
    by_size = {s: (sec, mb) for s, sec, mb in results}
    hundred = by_size.get(100) or results[-1][1:]
    print(f"summary: 100 screenshots -> {hundred[0]:.1f} s, {hundred[1]:.1f} MB "
          f"(targets: <= 10 s, <= 20 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
