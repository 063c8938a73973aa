"""Opening and checking image files safely.

The format is decided by the file's content, not its name. Every image is fully decoded
once when it is imported, so truncated and corrupt files are caught before they are stored.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    HEIF_AVAILABLE = False

# Above this a file is treated as a decompression bomb. 150 MP admits any phone camera
# (a 108 MP sensor gives 12000 x 9000) and stays far below what would exhaust memory.
MAX_PIXELS = 150_000_000
MAX_FILE_BYTES = 200 * 1024 * 1024
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

EXIF_ORIENTATION = 0x0112
ACCEPTED_FORMATS = {"PNG", "JPEG", "MPO", "WEBP", "BMP", "GIF", "HEIF", "AVIF"}
IMAGE_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".webp", ".bmp", ".gif", ".heic", ".heif",
    ".avif",
}
SUFFIX_OF_FORMAT = {
    "PNG": ".png", "JPEG": ".jpg", "MPO": ".jpg", "WEBP": ".webp", "BMP": ".bmp",
    "GIF": ".gif", "HEIF": ".heic", "AVIF": ".avif",
}


class ImageRejected(Exception):
    """The file cannot be used as evidence. key/params name a message in app.i18n."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int

    @property
    def suffix(self) -> str:
        return SUFFIX_OF_FORMAT.get(self.format, ".img")


def probe_image(path: Path) -> ImageInfo:
    """Check that path is a complete image of an accepted format; raise ImageRejected if not."""
    size = path.stat().st_size
    if size == 0:
        raise ImageRejected("err.empty")
    if size > MAX_FILE_BYTES:
        raise ImageRejected(
            "err.file_too_big", size_mb=size // (1024 * 1024), limit_mb=MAX_FILE_BYTES >> 20
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt = (img.format or "").upper()
                if fmt not in ACCEPTED_FORMATS:
                    raise ImageRejected("err.unsupported", fmt=fmt or "?")
                width, height = upright(img.size, img.getexif().get(EXIF_ORIENTATION, 1))
                if width * height > MAX_PIXELS:
                    raise ImageRejected("err.too_many_pixels", pixels=width * height)
                if fmt in ("JPEG", "MPO"):
                    # Decoding at 1/8 scale still reads every byte: a truncated file fails.
                    img.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                img.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected("err.too_many_pixels", pixels="?") from None
    except UnidentifiedImageError:
        raise ImageRejected("err.not_image") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected("err.truncated") from exc
    return ImageInfo(fmt if fmt != "MPO" else "JPEG", width, height)


# EXIF orientations that turn the picture a quarter: the upright width is the stored height.
QUARTER_TURNS = (5, 6, 7, 8)


def upright(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in QUARTER_TURNS else size


def upright_size(path: Path) -> tuple[int, int]:
    """The size of the image as a person sees it (EXIF orientation applied), read from
    the header. Every box ProofPack keeps (OCR, personal data, redactions) is in these
    pixels, whatever size the copy it was found on or is burnt into."""
    with Image.open(path) as img:
        return upright(img.size, img.getexif().get(EXIF_ORIENTATION, 1))


def open_rgb(path: Path, max_side: int | None = None, exact: bool = True) -> Image.Image:
    """The image upright (EXIF orientation applied), first frame only, in RGB.

    With max_side, large images are reduced while decoding (JPEG draft mode), so a
    50 MP photo never sits in memory at full size when it does not need to; then, if
    exact, scaled down to fit max_side (a caller that scales anyway passes exact=False)."""
    with Image.open(path) as img:
        if max_side and img.format == "JPEG":
            img.draft("RGB", (max_side, max_side))
        img.seek(0)
        # Only photos carry an orientation tag; transposing copies the whole image.
        rotated = img.getexif().get(EXIF_ORIENTATION, 1) not in (0, 1)
        frame = (ImageOps.exif_transpose(img) or img) if rotated else img
        if frame.mode in ("RGBA", "LA", "P", "PA"):
            frame = frame.convert("RGBA")
            background = Image.new("RGB", frame.size, "white")
            background.paste(frame, mask=frame.getchannel("A"))
            rgb = background
        else:
            rgb = frame.convert("RGB")
    if max_side and exact and max(rgb.size) > max_side:
        rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
    return rgb
