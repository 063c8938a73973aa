"""Near-duplicate margin: how far apart distinct screens are, and how close copies of one
screen stay, by the fingerprint the importer uses (app.imaging.pixel_print).

Copies: JPEG q50, half size as JPEG q70 (a forwarded image), WebP q60, a PNG re-encode
(a paste). The threshold (app.imaging.LOOK_ALIKE_BLOCK_DIFF) must sit between the largest
copy difference and the closest distinct pair. Same-size pictures are then compared
closely (app.imaging.same_picture): a same-size JPEG q50 copy must stay under
SAME_PICTURE_BLOCK_DIFF, and the screen with one glyph changed (a patch of the text line
moved one character along: another digit) must not. Usage:
    python bench/near_duplicates.py --corpus ../shared/ocr-dev/images [--corpus DIR …]
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from PIL import Image

from app.imaging import (
    IMAGE_SUFFIXES,
    LOOK_ALIKE_BLOCK_DIFF,
    SAME_PICTURE_BLOCK_DIFF,
    ImageInfo,
    _detail_grey,
    _worst_block,
    looks_alike,
    print_difference,
    probe_image,
)

COPIES = {
    "jpeg50": lambda im: _encode(im, "JPEG", quality=50),
    "half-jpeg70": lambda im: _encode(im.resize((im.width // 2, im.height // 2)), "JPEG",
                                      quality=70),
    "webp60": lambda im: _encode(im, "WEBP", quality=60),
    "png": lambda im: _encode(im, "PNG"),
}


def _encode(img: Image.Image, fmt: str, **options: object) -> ImageInfo:
    buf = io.BytesIO()
    img.save(buf, fmt, **options)
    buf.seek(0)
    return probe_image(buf)


def _bytes(img: Image.Image, fmt: str, **options: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **options)
    return buf.getvalue()


def glyph_changed(img: Image.Image) -> Image.Image:
    """The screen with one character-sized patch of text replaced by its neighbour."""
    grey = np.asarray(img.convert("L"), dtype=np.int16)
    w, h = int(22 * img.width / 1080) + 1, int(32 * img.width / 1080) + 1
    best = (-1.0, 0, 0)
    for y in range(int(img.height * 0.1), img.height - h, h):
        for x in range(0, img.width - 3 * w, w):
            change = float(np.abs(grey[y:y + h, x:x + w] - grey[y:y + h, x + w:x + 2 * w]).mean())
            best = max(best, (change, x, y))
    _, x, y = best
    edited = img.copy()
    edited.paste(img.crop((x + w, y, x + 2 * w, y + h)), (x, y))
    return edited


def detail_margin(files: list[Path]) -> tuple[float, float]:
    """(largest same-size copy difference, smallest one-glyph edit difference)."""
    copy_worst, edit_least = 0.0, float("inf")
    for path in files:
        with Image.open(path) as img:
            rgb = img.convert("RGB")
        original = _detail_grey(_bytes(rgb, "PNG"))
        copy = _detail_grey(_bytes(rgb, "JPEG", quality=50))
        edit = _detail_grey(_bytes(glyph_changed(rgb), "PNG"))
        assert original is not None and copy is not None and edit is not None
        copy_worst = max(copy_worst, _worst_block(original, copy))
        edit_least = min(edit_least, _worst_block(original, edit))
    return copy_worst, edit_least


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, action="append", required=True)
    args = parser.parse_args()
    files = sorted(p for folder in args.corpus for p in folder.iterdir()
                   if p.suffix.lower() in IMAGE_SUFFIXES)
    infos = {p: probe_image(p) for p in files}
    worst: dict[str, tuple[float, str]] = {}
    missed = 0
    for path in files:
        with Image.open(path) as img:
            rgb = img.convert("RGB")
        for name, copy in COPIES.items():
            other = copy(rgb)
            diff = print_difference(infos[path].pixel_print, other.pixel_print)
            if diff > worst.get(name, (-1.0, ""))[0]:
                worst[name] = (diff, path.name)
            a, b = infos[path], other
            missed += not looks_alike(a.pixel_print, (a.width, a.height), b.pixel_print,
                                      (b.width, b.height))
    pairs = sorted((print_difference(infos[a].pixel_print, infos[b].pixel_print), a.name, b.name)
                   for a, b in itertools.combinations(files, 2))
    flagged = sum(looks_alike(infos[a].pixel_print, (infos[a].width, infos[a].height),
                              infos[b].pixel_print, (infos[b].width, infos[b].height))
                  for a, b in itertools.combinations(files, 2))
    print(f"{'measure':<28}{'worst block diff':>16}  where")
    for name, (diff, where) in worst.items():
        print(f"{'largest copy: ' + name:<28}{diff:>16.2f}  {where}")
    for diff, a, b in pairs[:5]:
        print(f"{'closest distinct pair':<28}{diff:>16.2f}  {a} / {b}")
    copy_worst, edit_least = detail_margin(files)
    print(f"{'same size: largest copy':<28}{copy_worst:>16.2f}")
    print(f"{'same size: least glyph edit':<28}{edit_least:>16.2f}")
    copies = len(files) * len(COPIES)
    print(f"SUMMARY images={len(files)} threshold={LOOK_ALIKE_BLOCK_DIFF} "
          f"largest_copy={max(d for d, _ in worst.values()):.2f} "
          f"closest_distinct={pairs[0][0]:.2f} copies_missed={missed}/{copies} "
          f"distinct_pairs_flagged={flagged}/{len(pairs)} same_size_threshold="
          f"{SAME_PICTURE_BLOCK_DIFF} same_size_copy={copy_worst:.2f} "
          f"glyph_edit={edit_least:.2f}")


if __name__ == "__main__":
    main()
