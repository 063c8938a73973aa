"""Redaction: personal data blacked out in the exported images, for real.

Suggestions come from OCR (app.ocr.sensitive); the buyer adds rectangles by hand and
switches suggestions off. Boxes are [x, y, width, height] in original-image pixels and
are burnt into the pixels of the exported copy; the stored original is never touched.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from app.ocr.sensitive import SENSITIVE_TYPES
from app.records import Redaction, SensitiveField
from app.store.models import EvidenceItem
from app.store.store import Store

ALL_TYPES: frozenset[str] = frozenset(SENSITIVE_TYPES)  # what a public pack blacks out
DEFAULT_TYPES = ALL_TYPES
PAD = 3  # pixels around a found field: OCR boxes hug the glyphs
PAD_X_PER_HEIGHT = 0.5  # and may cut off a character at either end: widen by half a glyph


def merge_suggestions(existing: list[Redaction],
                      found: list[SensitiveField]) -> list[Redaction]:
    """New OCR suggestions, keeping the buyer's manual boxes and their on/off choices."""
    manual = [r for r in existing if r["source"] == "manual"]
    previous = [r for r in existing if r["source"] == "auto"]
    merged: list[Redaction] = []
    for f in found:
        same = next((r for r in previous
                     if r["type"] == f["type"] and _overlap(r["box"], f["box"]) > 0.5), None)
        merged.append(Redaction(box=list(f["box"]), type=f["type"], text=f["text"],
                                source="auto", enabled=same["enabled"] if same else True))
    return merged + manual


def add_manual(store: Store, item_id: int, box: list[int]) -> EvidenceItem:
    item = _item(store, item_id)
    x, y, w, h = (int(v) for v in box)
    if w < 2 or h < 2:
        return item
    entry = Redaction(box=[x, y, w, h], type="manual", text="", source="manual",
                      enabled=True)
    return store.update_item(item_id, redactions=[*item.redactions, entry])


def set_enabled(store: Store, item_id: int, index: int, enabled: bool) -> EvidenceItem:
    item = _item(store, item_id)
    redactions = [Redaction(**r) for r in item.redactions]
    redactions[index]["enabled"] = enabled
    return store.update_item(item_id, redactions=redactions)


def remove(store: Store, item_id: int, index: int) -> EvidenceItem:
    """A manual box is deleted; a suggestion is switched off (OCR would only suggest it
    again)."""
    item = _item(store, item_id)
    redactions = [Redaction(**r) for r in item.redactions]
    if redactions[index]["source"] == "manual":
        del redactions[index]
    else:
        redactions[index]["enabled"] = False
    return store.update_item(item_id, redactions=redactions)


def boxes_to_burn(item: EvidenceItem, types: frozenset[str] | set[str] = DEFAULT_TYPES,
                  everything: bool = False) -> list[tuple[int, int, int, int]]:
    """(left, top, right, bottom) of every area to black out in this item's export;
    `everything`: also the suggestions the buyer switched off (a public pack)."""
    boxes = []
    for r in item.redactions:
        if not r["enabled"] and not everything:
            continue
        if r["source"] != "manual" and r["type"] not in types:
            continue
        x, y, w, h = r["box"]
        pad_x = PAD if r["source"] == "manual" else max(PAD, int(h * PAD_X_PER_HEIGHT))
        boxes.append((x - pad_x, y - PAD, x + w + pad_x, y + h + PAD))
    return boxes


def burn(img: Image.Image, boxes: list[tuple[int, int, int, int]],
         original_size: tuple[int, int]) -> Image.Image:
    """Black out boxes given in upright original pixels (original_size, EXIF orientation
    applied) on img, an upright copy that may have been reduced."""
    if not boxes:
        return img
    sx, sy = img.width / original_size[0], img.height / original_size[1]
    out = img.copy()
    draw = ImageDraw.Draw(out)
    for left, top, right, bottom in boxes:
        draw.rectangle((int(left * sx), int(top * sy), int(right * sx + 0.999),
                        int(bottom * sy + 0.999)), fill=(0, 0, 0))
    return out


def _item(store: Store, item_id: int) -> EvidenceItem:
    item = store.get_item(item_id)
    if item is None:
        raise KeyError(f"evidence item {item_id} not found")
    return item


def _overlap(a: list[int], b: list[int]) -> float:
    """Intersection over the smaller box."""
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    smaller = min(a[2] * a[3], b[2] * b[3]) or 1
    return ix * iy / smaller
