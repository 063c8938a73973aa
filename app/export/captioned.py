"""One exhibit as a single image for an upload form: personal data blacked out, a caption
strip under it (证据N · kind · date · order number, so it is still identified when the
form renames or reorders it), no EXIF, re-encoded until it fits the channel's size."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from app.export.layout import ExportOptions
from app.i18n import choose
from app.imaging import open_upright
from app.paths import FONT_PATH
from app.privacy.redaction import boxes_to_burn, burn
from app.store.models import Case, EvidenceItem

# Upload forms show a picture a few hundred pixels wide; more than this only costs bytes.
MAX_SIDE = 4096
QUALITIES = (88, 80, 72, 64)
SHRINK = 0.8  # each step once the lowest quality is still too big


def caption_text(item: EvidenceItem, number: int, kind: str, case: Case,
                 options: ExportOptions) -> str:
    parts = [choose(f"证据{number}", f"Exhibit {number}", options.lang), kind]
    stamps = item.effective("timestamps")
    day = stamps[0][:10] if stamps else \
        (item.source_modified_at or item.imported_at).astimezone().strftime("%Y-%m-%d")
    parts.append(day)
    orders = item.effective("order_numbers") or case.order_numbers
    if orders:
        parts.append(choose(f"订单号 {orders[0]}", f"order {orders[0]}", options.lang))
    return " · ".join(parts)


def captioned_picture(picture: bytes, item: EvidenceItem, number: int, kind: str,
                      case: Case, options: ExportOptions, max_bytes: int) -> bytes:
    img, full = open_upright(io.BytesIO(picture), MAX_SIDE, exact=True)
    img = burn(img, boxes_to_burn(item, options.redact_types, options.public), full)
    framed = _with_caption(img, caption_text(item, number, kind, case, options))
    while True:
        for quality in QUALITIES:
            buffer = io.BytesIO()
            framed.save(buffer, "JPEG", quality=quality, optimize=True)
            if buffer.tell() <= max_bytes:
                return buffer.getvalue()
        framed = framed.resize((max(1, int(framed.width * SHRINK)),
                                max(1, int(framed.height * SHRINK))),
                               Image.Resampling.LANCZOS)


def _with_caption(img: Image.Image, text: str) -> Image.Image:
    """The picture over a white strip holding `text` in one line, sized to the width."""
    size = max(14, img.width // 36)
    font = _font(size)
    while size > 10 and font.getlength(text) > img.width - size:
        size -= 1
        font = _font(size)
    strip = int(size * 1.8)
    out = Image.new("RGB", (img.width, img.height + strip), "white")
    out.paste(img, (0, 0))
    draw = ImageDraw.Draw(out)
    draw.line((0, img.height, img.width, img.height), fill=(160, 160, 160), width=1)
    draw.text((size // 2, img.height + (strip - size) // 2 - 1), text, font=font,
              fill=(20, 20, 20))
    return out


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)
