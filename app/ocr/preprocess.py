"""Preparing screenshots for Tesseract.

Screenshots are clean but vary in scale (a 1290 px phone shot, or half that after being
forwarded through a chat app) and theme (dark mode). Tesseract reads best with dark text
on a light background and text lines a few dozen pixels high.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

# Phone screenshots are rescaled to about this width: UI text then lands near the
# glyph size Tesseract's Chinese model was trained on.
TARGET_PHONE_WIDTH = 1100
MAX_UPSCALE = 2.5
MAX_SIDE = 6000


@dataclass(frozen=True)
class Prepared:
    image: Image.Image  # grayscale, dark text on light
    scale: float  # prepared pixels per original pixel
    inverted: bool


def is_dark(gray: Image.Image) -> bool:
    return ImageStat.Stat(gray.reduce(4) if min(gray.size) > 64 else gray).mean[0] < 110


def prepare(img: Image.Image) -> Prepared:
    gray = ImageOps.grayscale(img)
    inverted = is_dark(gray)
    if inverted:
        gray = ImageOps.invert(gray)
    width, height = gray.size
    scale = 1.0
    if height >= width:  # phone screenshot: normalise its width
        scale = min(MAX_UPSCALE, TARGET_PHONE_WIDTH / width)
    elif width < 1000:  # small desktop crop: enlarge small UI text
        scale = min(MAX_UPSCALE, 1000 / width)
    if max(width, height) * scale > MAX_SIDE:
        scale = MAX_SIDE / max(width, height)
    if abs(scale - 1.0) > 0.05:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    else:
        scale = 1.0
    gray = ImageOps.autocontrast(gray, cutoff=(_dark_cutoff(gray), 1))
    return Prepared(invert_dark_panels(gray), scale, inverted)


SPARSE_INK_LEVEL = 128  # a darkest 1 % lighter than this is background, not text


def _dark_cutoff(gray: Image.Image) -> float:
    """The share of darkest pixels autocontrast may clip: 1 %, unless the page has so
    little text (a desktop chat, text under 1 % of its pixels) that its darkest 1 % is
    background; clipped there, its grey side panels went dark enough for Tesseract to
    take each for one black block."""
    histogram = gray.histogram()
    total, seen = sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= total / 100:
            return 1.0 if level < SPARSE_INK_LEVEL else 0.0
    return 1.0


PANEL_DARK = 150  # grey level below which a filled area counts as a dark panel
PANEL_MIN_PX = 16  # thinner than this (in prepared pixels) is a text stroke, not a panel
PANEL_FILL_PX = 120  # light gaps up to this size inside a panel are its text


def invert_dark_panels(gray: Image.Image) -> Image.Image:
    """Light text on dark panels (the buyer's blue chat bubbles, coloured buttons) made dark
    on light, as Tesseract needs. Text strokes are too thin to count as a panel."""
    factor = 2
    small = gray.reduce(factor)
    dark = small.point(lambda v: 255 if v < PANEL_DARK else 0)
    # Opening drops text strokes and closing fills the light letters inside a panel; both
    # are coarse, so they run at a quarter of the size. The panel may then not reach out
    # beyond its own edge into the page.
    coarse = dark.reduce(2)
    radius = PANEL_MIN_PX // (4 * factor)
    panels = _dilate(_erode(coarse, radius), radius)
    if not panels.getbbox():
        return gray
    fill = PANEL_FILL_PX // (4 * factor)
    panels = _erode(_dilate(panels, fill), fill).resize(dark.size, Image.Resampling.NEAREST)
    panels = ImageChops.multiply(panels, _erode(_dilate(dark, 3), 3))
    if not panels.getbbox():
        return gray
    mask = panels.resize(gray.size, Image.Resampling.NEAREST)
    inverted = ImageOps.invert(gray)
    # Panels become black text on white. A panel without text (an avatar, a picture)
    # turns white: left grey, it would sit beside the text as a block Tesseract reads.
    background = int(ImageStat.Stat(inverted, mask).median[0])
    inverted = inverted.point(lambda v: 255 if v > background // 2 else 0)
    return Image.composite(inverted, gray, mask)


# Square-window morphology on 0/255 masks. A one-dimensional box blur is above zero where
# any pixel of its window is set and 255 where all are, whatever the radius: linear time.
def _dilate(mask: Image.Image, radius: int) -> Image.Image:
    return _pass(_pass(mask, (radius, 0), 0), (0, radius), 0)


def _erode(mask: Image.Image, radius: int) -> Image.Image:
    return _pass(_pass(mask, (radius, 0), 254), (0, radius), 254)


def _pass(mask: Image.Image, radius: tuple[int, int], above: int) -> Image.Image:
    blurred = mask.filter(ImageFilter.BoxBlur(radius))
    return blurred.point(lambda v: 255 if v > above else 0)


def prepare_strip(img: Image.Image, scale: float) -> Prepared:
    """A single line of text, magnified by scale (at most 4x), dark on light."""
    gray = ImageOps.grayscale(img)
    inverted = is_dark(gray)
    if inverted:
        gray = ImageOps.invert(gray)
    scale = max(1.0, min(4.0, scale))
    if scale > 1.05:
        size = (round(gray.width * scale), round(gray.height * scale))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    else:
        scale = 1.0
    return Prepared(ImageOps.autocontrast(gray, cutoff=1), scale, inverted)
