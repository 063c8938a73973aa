"""A close-up of the text in a photo: the area where OCR found text, cropped from the
photo at full resolution, turned level and printed page-wide after the photo itself.

A shipping label photographed on a parcel fills a third of the frame and leans a few
degrees: printed whole on an A4 page, its order and tracking numbers are a few pixels
high and askew, unreadable on paper and to the complaint officer's OCR. The photo stays
as it was taken (the evidence); the close-up only makes its text legible. Personal data
is blacked out before the crop is taken, so the close-up hides exactly what the photo
hides.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from app.export.images import MAX_DPI, ImageSlice, encode
from app.imaging import TILT_STEPS, open_upright, tilt, turned
from app.privacy.redaction import burn
from app.records import union_boxes
from app.store.models import EvidenceItem

# Only when the text covers less than this share of the photo does a close-up add detail.
MAX_TEXT_SHARE = 0.6
# Margin around the text found, as a share of the text area's size: OCR may have missed a
# line at its edge (an order number it could not read is still evidence).
MARGIN = 0.25
# The close-up must print the text at least this much larger than the photo does.
MIN_GAIN = 1.3


def text_region(item: EvidenceItem) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the text found in a photo, with a margin, in upright
    original pixels; None when the item is not a photo of text or its text already fills
    the frame."""
    if item.read_doubt != "photo" or item.media != "image":
        return None  # (a video's contact sheet is its frames, already page-wide)
    boxes = [f["box"] for f in item.facts if "box" in f] + \
        [r["box"] for r in item.redactions if r["source"] == "auto"]
    if len(boxes) < 2:
        return None
    left, top, width, height = union_boxes(boxes)
    right, bottom = left + width, top + height
    mx, my = int((right - left) * MARGIN), int((bottom - top) * MARGIN)
    left, top = max(0, left - mx), max(0, top - my)
    right, bottom = min(item.width, right + mx), min(item.height, bottom + my)
    if (right - left) * (bottom - top) > MAX_TEXT_SHARE * item.width * item.height:
        return None
    return left, top, right, bottom


def prepare_closeup(original: bytes, region: tuple[int, int, int, int],
                    redact: list[tuple[int, int, int, int]], original_size: tuple[int, int],
                    content_width: float, room_height: float, photo_width_pt: float,
                    path: Path) -> ImageSlice | None:
    """The close-up as one JPEG slice fitting content_width x room_height points, or
    None when its text would print hardly larger than in the photo (photo_width_pt
    wide on the page)."""
    left, top, right, bottom = region
    crop_w = right - left
    # Decode just sharp enough for the close-up at MAX_DPI across the page width.
    wanted_px = content_width / 72 * MAX_DPI
    side = min(max(original_size), int(max(original_size) * wanted_px / max(1, crop_w)) + 1)
    img, full = open_upright(io.BytesIO(original), max_side=max(64, side))
    sx, sy = img.width / full[0], img.height / full[1]
    area = (int(left * sx), int(top * sy), int(right * sx), int(bottom * sy))
    # The text's lean, measured before blacking out: the black boxes are level in the
    # photo's frame, and their sharp edges outweighed the text's rows (a label leaning
    # 5 degrees came out unturned).
    angle = tilt(img.crop(area))
    img = burn(img, redact, full) if redact else img
    crop = img.crop(area)
    img.close()
    if abs(angle) >= TILT_STEPS[1]:
        crop = turned(crop, angle)
    scale_pt = min(content_width / crop.width, room_height / crop.height)
    if scale_pt * sx < MIN_GAIN * photo_width_pt / full[0]:
        return None
    if crop.width > wanted_px * 1.2:
        wanted = int(wanted_px)
        crop = crop.resize((wanted, round(crop.height * wanted / crop.width)),
                           Image.Resampling.LANCZOS)
        scale_pt = min(content_width / crop.width, room_height / crop.height)
    encode(crop, False, path)  # text: full colour resolution
    return ImageSlice(path, crop.width * scale_pt, crop.height * scale_pt, 1, 1)
