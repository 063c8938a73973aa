"""Preparing screenshots for Tesseract.

Screenshots are clean but vary in scale (a 1290 px phone shot, or half that after being
forwarded through a chat app) and theme (dark mode). Tesseract reads best with dark text
on a light background and text lines a few dozen pixels high.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageOps, ImageStat

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
    gray = ImageOps.autocontrast(gray, cutoff=1)
    return Prepared(gray, scale, inverted)


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
