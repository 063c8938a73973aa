"""Draw the ProofPack icon at every size the installers need.

A blue tile, a white evidence sheet with lines of text, and a red seal bearing 证.
Each size is drawn at 4x and reduced, so small sizes stay crisp. Run it after changing
the design; the outputs are committed:
  packaging/icons/proofpack-<size>.png (16 … 1024), proofpack.ico, proofpack.icns
  resources/icons/proofpack.png (the window icon)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.paths import FONT_PATH  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
BLUE = (31, 78, 121)
SEAL = (192, 57, 43)
LINE = (176, 183, 195)


def draw(size: int) -> Image.Image:
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = s / 64  # design grid: 64 x 64
    d.rounded_rectangle((2 * u, 2 * u, 62 * u, 62 * u), radius=13 * u, fill=BLUE)
    # the sheet, with a folded corner
    x0, y0, x1, y1, fold = 16 * u, 10 * u, 46 * u, 52 * u, 9 * u
    d.polygon([(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)], fill="white")
    d.polygon([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], fill=LINE)
    if size >= 32:  # text lines only where they can be seen
        for i, width in enumerate((20, 24, 16, 22)):
            top = (19 + i * 6) * u
            d.rounded_rectangle((x0 + 4 * u, top, x0 + (4 + width) * u, top + 2.2 * u),
                                radius=1.1 * u, fill=LINE)
    # the seal
    cx, cy, r = 43 * u, 44 * u, 13 * u
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=SEAL, outline="white", width=int(2 * u))
    if size >= 24:
        font = ImageFont.truetype(str(FONT_PATH), int(15 * u))
        d.text((cx, cy + 0.5 * u), "证", fill="white", font=font, anchor="mm")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    out = ROOT / "packaging" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, img in images.items():
        img.save(out / f"proofpack-{size}.png", optimize=True)
    images[256].save(out / "proofpack.ico",
                     sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    images[1024].save(out / "proofpack.icns")
    window = ROOT / "resources" / "icons"
    window.mkdir(parents=True, exist_ok=True)
    images[256].save(window / "proofpack.png", optimize=True)
    print(f"icons written to {out} and {window}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
