"""A photo's text read again, turned level.

A shipping label or a screen photographed by hand leans a few degrees; Tesseract reads
tilted rows as one (收件人:庞嘉禾17吊武侯区领事馆路7) or cuts numbers short, so an order
number comes out 13 digits long and a name goes unseen. The area where text was found is
cut out, turned level (app.imaging.tilt) and read again; its lines, with their boxes
turned back into the photo's pixels (app.ocr.words.Turn), replace what the first reading
found there. The export's close-up (app.export.closeup) prints the same area level, so
what it shows is what this reading checked for personal data.
"""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from app.imaging import TILT_STEPS, tilt, turned
from app.ocr.classify import meaningful_chars
from app.ocr.words import Box, Line, Turn
from app.records import union_boxes

MIN_LINES = 2  # text in fewer lines than this is a product's print, not a label
MARGIN = 0.25  # of the text area's size on each side: a line the first reading missed
MAX_SHARE = 0.9  # the text fills the photo: no crop, the whole photo is turned
# Degrees: less than this, Tesseract reads as well as it can already, and a screenshot
# (level by birth) may show half a degree of noise.
MIN_TILT = 1.0


def text_area(lines: list[Line], width: int, height: int) -> Box | None:
    """The area holding the lines that read as text, with a margin; None when there are
    too few of them."""
    texty = [ln for ln in lines if meaningful_chars(ln.text) >= 2]
    if len(texty) < MIN_LINES:
        return None
    left, top, w, h = union_boxes(ln.box for ln in texty)
    mx, my = int(w * MARGIN), int(h * MARGIN)
    left, top = max(0, left - mx), max(0, top - my)
    right, bottom = min(width, left + w + 2 * mx), min(height, top + h + 2 * my)
    if (right - left) * (bottom - top) > MAX_SHARE * width * height:
        return (0, 0, width, height)
    return (left, top, right - left, bottom - top)


def read_levelled(img: Image.Image, lines: list[Line],
                  read: Callable[[Image.Image], list[Line]]) -> list[Line]:
    """The lines of a photo with the tilted text area read again level by `read`; the
    first reading as it was when the text is level or there is none."""
    area = text_area(lines, img.width, img.height)
    if area is None:
        return lines
    left, top, w, h = area
    crop = img.crop((left, top, left + w, top + h))
    angle = tilt(crop)
    if abs(angle) < max(MIN_TILT, TILT_STEPS[1]):
        return lines
    level = turned(crop, angle)
    turn = Turn(angle, left, top, crop.size, level.size)
    again = [ln.turned_back(turn) for ln in read(level) if ln.words]
    kept = [ln for ln in lines if not _centre_inside(ln.box, area)]
    replaced = [ln for ln in lines if _centre_inside(ln.box, area)]
    if _chars(again) < 0.9 * _chars(replaced):
        return lines  # the level copy read worse (a texture taken for a tilt)
    return sorted(kept + again, key=lambda ln: (ln.box[1], ln.box[0]))


def _chars(lines: list[Line]) -> int:
    return sum(meaningful_chars(ln.text) for ln in lines)


def _centre_inside(box: Box, area: Box) -> bool:
    cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
    return area[0] <= cx < area[0] + area[2] and area[1] <= cy < area[1] + area[3]
