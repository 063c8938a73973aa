"""Opening and checking image files safely.

The format is decided by the file's content, not its name. Every image is fully decoded
once when it is imported, so truncated and corrupt files are caught before they are stored.
"""

from __future__ import annotations

import base64
import ctypes
import io
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from app.evidence_types import IMAGE
from app.i18n import Refusal

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    HEIF_AVAILABLE = False

# Above this a file is treated as a decompression bomb. 150 MP admits any phone camera
# (a 108 MP sensor gives 12000 x 9000): JPEG decodes reduced (draft mode), so this stays
# far below what would exhaust memory.
MAX_PIXELS = 150_000_000
# Other formats decode whole, at four bytes a pixel: 64 MP (256 MB) keeps import with its
# OCR, and export, each under 600 MB (at 80 MP `add` peaked at 727 MB), and still admits
# a 1080 x 59000 stitched screenshot.
MAX_WHOLE_PIXELS = 64_000_000
MAX_FILE_BYTES = IMAGE.max_bytes  # (app.evidence_types: every type's limits)
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

EXIF_ORIENTATION = 0x0112
ACCEPTED_FORMATS = {"PNG", "JPEG", "MPO", "WEBP", "BMP", "GIF", "HEIF", "AVIF"}
IMAGE_SUFFIXES = IMAGE.suffixes
SUFFIX_OF_FORMAT = {
    "PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "WEBP": ".webp", "BMP": ".bmp",
    "GIF": ".gif", "HEIF": ".heic", "AVIF": ".avif",
}


class ImageRejected(Refusal):
    """The file cannot be used as evidence."""


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int
    pixel_print: str = ""  # see pixel_print()

    @property
    def suffix(self) -> str:
        return SUFFIX_OF_FORMAT.get(self.format, ".img")


def probe_image(path: Path | IO[bytes]) -> ImageInfo:
    """Check that path (or an open file) is a complete image of an accepted format; raise
    ImageRejected if not."""
    if isinstance(path, Path):
        size = path.stat().st_size
    else:
        size = path.seek(0, os.SEEK_END)
        path.seek(0)
    if size == 0:
        raise ImageRejected("err.empty")
    if size > MAX_FILE_BYTES:
        raise ImageRejected(
            "err.file_too_big", size_mb=size // (1024 * 1024), limit_mb=MAX_FILE_BYTES >> 20
        )
    with _reading(), Image.open(path) as img:
        fmt = (img.format or "").upper()
        check_header(img)
        width, height = upright(img.size, img.getexif().get(EXIF_ORIENTATION, 1))
        if fmt in ("JPEG", "MPO"):
            # Decoding at 1/8 scale still reads every byte: a truncated file fails.
            # Not below 1024 px: a screenshot decodes whole, so its fingerprint
            # is the same as a lossless copy's; a 50 MP photo still decodes small.
            img.draft("RGB", (max(1024, width // 8), max(1024, height // 8)))
        img.load()
        fingerprint = pixel_print(img, (width, height))
    return ImageInfo(fmt if fmt != "MPO" else "JPEG", width, height, fingerprint)


def stored_size(source: Path | IO[bytes]) -> tuple[int, int]:
    """The picture's size as its header gives it (before any EXIF turn), nothing decoded;
    refused as check_header refuses."""
    with _reading(), Image.open(source) as img:
        check_header(img)
        return img.size


def check_header(img: Image.Image) -> None:
    """Refuse, before anything is decoded, a format ProofPack does not take, or a picture
    too large to decode within memory (JPEG decodes reduced, in draft mode; the other
    formats whole, at four bytes a pixel)."""
    if (img.format or "").upper() not in ACCEPTED_FORMATS:
        raise ImageRejected("err.unsupported", fmt=img.format or "?")
    jpeg = img.format in ("JPEG", "MPO")
    limit = MAX_PIXELS if jpeg else MAX_WHOLE_PIXELS
    pixels = img.width * img.height
    if pixels > limit:
        raise ImageRejected("err.too_many_pixels", wan=-(-pixels // 10_000),
                            mp=-(-pixels // 1_000_000), fmt=img.format or "?",
                            limit_wan=limit // 10_000, limit_mp=limit // 1_000_000)


@contextmanager
def _reading() -> Iterator[None]:
    """Whatever goes wrong decoding an untrusted file, said as an ImageRejected."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, at twice MAX_PIXELS: the size is not said, the limit is.
        raise ImageRejected("err.too_many_pixels", wan=f">{2 * MAX_PIXELS // 10_000}",
                            mp=f">{2 * MAX_PIXELS // 1_000_000}", fmt="",
                            limit_wan=MAX_PIXELS // 10_000,
                            limit_mp=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise ImageRejected("err.not_image") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected("err.truncated") from exc


# EXIF orientations that turn the picture a quarter: the upright width is the stored height.
QUARTER_TURNS = (5, 6, 7, 8)


def upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in QUARTER_TURNS else size


TRANSPOSE_OF_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90,
}


def open_rgb(path: Path | IO[bytes], max_side: int | None = None,
             exact: bool = True) -> Image.Image:
    """The image upright (EXIF orientation applied), first frame only, in RGB.

    With max_side, large images are reduced while decoding (JPEG draft mode), so a
    50 MP photo never sits in memory at full size when it does not need to; then, if
    exact, scaled down to fit max_side (a caller that scales anyway passes exact=False)."""
    return open_upright(path, max_side, exact)[0]


def open_upright(source: Path | IO[bytes], max_side: int | None = None, exact: bool = False
                 ) -> tuple[Image.Image, tuple[int, int]]:
    """open_rgb(source, max_side, exact) and the full upright size: the pixels every
    stored box is in, whatever size the decoded copy has. One decode gives both (a PNG's
    EXIF may follow its pixels, so reading the orientation alone decodes it). A file that
    cannot be read raises ImageRejected."""
    rgb, full, orientation = _decoded(source, max_side, exact)
    turn = TRANSPOSE_OF_ORIENTATION.get(orientation)
    if turn is not None:
        rgb = rgb.transpose(turn)
    if max_side and exact and max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
    if full[0] * full[1] > TRIM_AFTER:
        return_freed_memory()  # here, once the decode's own locals are gone
    return rgb, upright(full, orientation)


def _decoded(source: Path | IO[bytes], max_side: int | None, exact: bool
             ) -> tuple[Image.Image, tuple[int, int], int]:
    """The first frame in RGB (reduced as open_upright says), its size, its orientation."""
    with _reading(), Image.open(source) as img:
        check_header(img)
        full = img.size
        if max_side and img.format == "JPEG":
            img.draft("RGB", (max_side, max_side))
        img.seek(0)
        orientation = img.getexif().get(EXIF_ORIENTATION, 1)
        img.load()
        factor = max(1, max(img.size) // max_side) if max_side else 1
        if max_side and exact and factor > 1:  # straight to the size asked: no 2nd copy
            factor = -(-max(img.size) // max_side)
        return flatten(img, factor), full, orientation


# A picture this large was decoded whole in hundreds of megabytes, now freed.
BIG_DECODE = 20_000_000
# Past this, the decode's freed copies are handed back at once (a few ms): a 1080 x 15000
# capture kept 60 MB of them under the OCR that followed (161 MB resident, 99 after).
TRIM_AFTER = 8_000_000


M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters
M_ARENA_MAX = -8
HEAP_ARENAS = 2  # glibc gives each thread a heap of its own, up to 8 per core by default
BIG_BLOCK = 1 << 20


def hand_back_big_blocks() -> None:
    """From now on, memory blocks of 1 MB and more (decoded pictures, PP-OCR's tensors)
    are mapped apart and returned to the system when freed. glibc's default raises that
    threshold as big blocks are freed, so they then pile up in the heap: a 1080 x 15000
    capture's `add` held 374 MB, 301 MB with this (a phone screenshot 257, 220). Called
    at the start of each process that reads pictures. Its threads share two heaps: memory
    one thread freed is then there for the other (the OCR worker's peak, 14 MB lower)."""
    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, BIG_BLOCK)
        libc.mallopt(M_ARENA_MAX, HEAP_ARENAS)


def return_freed_memory() -> None:
    """Give the memory of a freed big decode back to the system. glibc keeps freed
    blocks in the heap, and the OCR that follows stacked its memory on top of them
    (8000 x 8000 16-bit PNG: `add` peaked at 613 MB without this, 590 with)."""
    # Not glibc (macOS, Windows): their allocators return big blocks themselves.
    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


# Rows converted at a time: a picture near the pixel limit is never copied whole.
STRIP_ROWS = 256


def flatten(img: Image.Image, factor: int = 1) -> Image.Image:
    """`img` (loaded, any mode) in RGB, transparency on white, reduced by `factor` (area
    average). Done a strip at a time: converting or reducing a whole RGBA picture makes
    one or two full-size copies (Pillow premultiplies the alpha), about 1 GB more for
    12000 x 12000."""
    if img.mode == "RGB" and factor == 1:
        return img.copy()
    width, height = img.size
    out = Image.new("RGB", (-(-width // factor), -(-height // factor)), "white")
    step = max(1, STRIP_ROWS // factor) * factor  # whole blocks of factor rows
    for top in range(0, height, step):
        strip = _rgb(img.crop((0, top, width, min(height, top + step))))
        out.paste(strip.reduce(factor) if factor > 1 else strip, (0, top // factor))
    return out


def _rgb(img: Image.Image) -> Image.Image:
    if img.mode in ("RGBA", "LA", "P", "PA"):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


# Near-duplicates: the same screen saved twice (pasted, then added as a file; forwarded
# as a smaller JPEG) has other bytes but the same picture. Fingerprint: the picture upright,
# 64 pixels wide, grey. Two prints are alike when no 4 x 4 block (about one line of text
# on a phone screen) differs by more than LOOK_ALIKE_BLOCK_DIFF grey levels on average:
# re-encodes stay under 14, two orders of the same app differ by 25 and more somewhere
# (bench/near_duplicates.py measures the margin on real screens).
# Tilt searched, in degrees: a label photographed by hand leans a little; more than this
# is a photo taken at an angle on purpose, left as it is.
MAX_TILT = 8.0
TILT_STEPS = (0.5, 0.125)  # degrees: a coarse search, then a fine one around its best


def tilt(img: Image.Image) -> float:
    """The angle (degrees, counter-clockwise, as Image.rotate takes it) that makes lines
    of text level: the one whose rows alternate most sharply between ink and paper."""
    gray = img.convert("L")
    gray.thumbnail((700, 700))

    def sharpness(angle: float) -> float:
        turned = gray.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        rows = np.frombuffer(turned.resize((1, turned.height), Image.Resampling.BOX)
                             .tobytes(), dtype=np.uint8).astype(np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    coarse, fine = TILT_STEPS
    steps = int(MAX_TILT / coarse)
    best = max((i * coarse for i in range(-steps, steps + 1)), key=sharpness)
    return max((best + i * fine for i in range(-4, 5)), key=sharpness)


def turned(img: Image.Image, angle: float) -> Image.Image:
    """`img` turned by `angle` (as tilt gives it) on white, its canvas grown to hold it
    all: what app.ocr.words.Turn takes boxes back through."""
    return img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                      fillcolor=(255, 255, 255))


PRINT_WIDTH = 64
PRINT_MAX_HEIGHT = 640  # a long scrolling capture is cut here
BLOCK = 4
LOOK_ALIKE_BLOCK_DIFF = 18.0
LOOK_ALIKE_ASPECT = 0.03
STATUS_BAR = 0.04  # the top rows: a clock that moved on is not another screen
BIG_PICTURE = 16_000_000  # pixels: reduced in strips before the print is taken


def pixel_print(img: Image.Image, upright_size: tuple[int, int] | None = None) -> str:
    """The picture's fingerprint ("HEIGHT:" + base64 of 64 x HEIGHT grey pixels, upright),
    or "" when it cannot be made. The image must be loaded; it is not changed. Pass the
    file's upright size when `img` was decoded smaller (JPEG draft), whose rounding
    would change the print's height."""
    try:
        orientation = img.getexif().get(EXIF_ORIENTATION, 1)
        width, height = upright_size or upright(img.size, orientation)
        rows = max(1, min(PRINT_MAX_HEIGHT, round(PRINT_WIDTH * height / max(width, 1))))
        if img.width * img.height > BIG_PICTURE:  # never copied whole (see flatten)
            img = flatten(img, max(1, min(img.size) // (PRINT_WIDTH * 8)))
        small = img if img.mode in ("L", "RGB", "RGBA", "LA", "CMYK", "YCbCr") else \
            img.convert("RGBA")
        # Exact area averages straight to the print's size, in the stored orientation
        # (reduce() first would put copies of other sizes on another grid); then upright.
        stored = (rows, PRINT_WIDTH) if orientation in QUARTER_TURNS else (PRINT_WIDTH, rows)
        small = small.resize(stored, Image.Resampling.BOX)
        turn = TRANSPOSE_OF_ORIENTATION.get(orientation)
        if turn is not None:
            small = small.transpose(turn)
        grey = small.convert("L")
        return f"{grey.height}:{base64.b64encode(grey.tobytes()).decode('ascii')}"
    except (OSError, ValueError):
        return ""


def _print_pixels(fingerprint: str) -> np.ndarray | None:
    rows, _, data = fingerprint.partition(":")
    try:
        pixels = np.frombuffer(base64.b64decode(data), dtype=np.uint8)
        return pixels.reshape(int(rows), PRINT_WIDTH).astype(np.int16)
    except ValueError:
        return None


def print_difference(a: str, b: str) -> float:
    """The largest mean grey difference of a 4 x 4 block between two fingerprints (0: the
    same picture); infinity when their shapes differ."""
    x, y = _print_pixels(a), _print_pixels(b)
    if x is None or y is None or abs(x.shape[0] - y.shape[0]) > 2:
        return float("inf")
    if x.shape != y.shape:  # sizes that round to another height: stretch one onto the other
        stretched = Image.fromarray(y.astype(np.uint8)).resize(
            (PRINT_WIDTH, x.shape[0]), Image.Resampling.BILINEAR)
        y = np.asarray(stretched, dtype=np.int16)
    return _worst_block(x, y)


def looks_alike(a: str, a_size: tuple[int, int], b: str, b_size: tuple[int, int]) -> bool:
    """The same screen saved twice, at first sight: same proportions and no block of the
    prints that differs. Same-size pictures are then compared closely (same_picture)."""
    if not a or not b or 0 in (*a_size, *b_size):
        return False
    aspect_a, aspect_b = a_size[0] / a_size[1], b_size[0] / b_size[1]
    if abs(aspect_a - aspect_b) > LOOK_ALIKE_ASPECT * aspect_a:
        return False
    return print_difference(a, b) <= LOOK_ALIKE_BLOCK_DIFF


# Two screenshots of the same size from one phone (two orders of the same product) may
# differ only in some digits, which a 64-pixel print cannot see; at 540 pixels a changed
# digit makes a 4 x 4 block differ by 56 or more, a JPEG q50 copy by 22 at most.
DETAIL_WIDTH = 540
SAME_PICTURE_BLOCK_DIFF = 36.0
ImageSource = Path | bytes  # a file, or an image in memory (pasted)


def same_picture(a: ImageSource, b: ImageSource) -> bool:
    """Two images of the same upright size show the same picture, digit for digit."""
    x, y = _detail_grey(a), _detail_grey(b)
    if x is None or y is None or x.shape != y.shape:
        return False
    return _worst_block(x, y) <= SAME_PICTURE_BLOCK_DIFF


def shows_same_picture(info: ImageInfo, source: ImageSource, fingerprint: str,
                       size: tuple[int, int], other: ImageSource) -> bool:
    """The image `source` (probed as `info`) and `other` (its fingerprint and upright
    size) are the same screen saved twice: alike at first sight, and when they have the
    same size, digit for digit."""
    if not looks_alike(info.pixel_print, (info.width, info.height), fingerprint, size):
        return False
    return (info.width, info.height) != size or same_picture(source, other)


def _detail_grey(source: ImageSource) -> np.ndarray | None:
    try:
        with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as img:
            if img.format == "JPEG":  # both sides decode alike: they have the same size
                img.draft("RGB", (2 * DETAIL_WIDTH, 2 * DETAIL_WIDTH))
            upright_img = ImageOps.exif_transpose(img) or img
            width = min(DETAIL_WIDTH, upright_img.width) // BLOCK * BLOCK
            rows = max(BLOCK, round(width * upright_img.height / upright_img.width))
            factor = max(1, upright_img.width // (2 * DETAIL_WIDTH))
            small = flatten(upright_img, factor).resize((width, rows), Image.Resampling.BOX)
            return np.asarray(small.convert("L"), dtype=np.int16)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def _worst_block(x: np.ndarray, y: np.ndarray) -> float:
    """The largest mean difference of a 4 x 4 block, the status bar left out."""
    rows = x.shape[0] // BLOCK * BLOCK
    cols = x.shape[1] // BLOCK * BLOCK
    top = int(rows * STATUS_BAR) // BLOCK * BLOCK
    diff = np.abs(x[top:rows, :cols] - y[top:rows, :cols])
    if diff.size == 0:
        return float("inf")
    blocks = diff.reshape(diff.shape[0] // BLOCK, BLOCK, cols // BLOCK, BLOCK)
    return float(blocks.mean(axis=(1, 3)).max())
