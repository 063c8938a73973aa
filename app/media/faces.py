"""The picture that stands for a file that is not a picture: a video's contact sheet, an
audio recording's card. (A PDF's pages are drawn by app.media.pdf.) OCR, thumbnails,
redaction and the bundle all work on it as on a screenshot; the original stays as it was.
"""

from __future__ import annotations

from datetime import datetime

from PIL import Image, ImageDraw, ImageFont

from app.i18n import choose
from app.paths import FONT_PATH

COLUMNS = 2
GAP = 40  # px of white between rows: where the bundle cuts a long sheet


def clock(seconds: float, tenths: bool = False) -> str:
    """01:02:03, or 02:03 under an hour (with .4 tenths when asked)."""
    whole = int(seconds)
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    text = f"{h:d}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"
    return f"{text}.{int((seconds - whole) * 10)}" if tenths else text


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def stamp(frame: Image.Image, moment: float, sha256: str) -> Image.Image:
    """The frame with its timecode and the video's hash burnt in along its bottom, so a
    printed frame says where in which video it was taken."""
    out = frame.copy()
    size = max(18, out.width // 30)
    band = int(size * 1.6)
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, out.height - band, out.width, out.height), fill=(0, 0, 0))
    text = f"{clock(moment, tenths=True)}   SHA-256 {sha256[:12]}…{sha256[-6:]}"
    draw.text((size // 2, out.height - band + (band - size) // 2 - 2), text,
              fill=(255, 255, 255), font=_font(size))
    return out


def contact_sheet(frames: list[tuple[float, Image.Image]], sha256: str) -> Image.Image:
    """The chosen frames, stamped, two to a row, in order."""
    stamped = [stamp(img, moment, sha256) for moment, img in frames]
    cell_w = max(img.width for img in stamped)
    rows = [stamped[i:i + COLUMNS] for i in range(0, len(stamped), COLUMNS)]
    heights = [max(img.height for img in row) for row in rows]
    sheet = Image.new("RGB", (cell_w * COLUMNS + GAP * (COLUMNS - 1),
                              sum(heights) + GAP * (len(rows) - 1)), "white")
    top = 0
    for row, height in zip(rows, heights, strict=True):
        for column, img in enumerate(row):
            sheet.paste(img, (column * (cell_w + GAP) + (cell_w - img.width) // 2, top))
        top += height + GAP
    return sheet


def audio_card(duration: float, codec: str, recorded: datetime | None, name: str,
               sha256: str) -> Image.Image:
    """A card naming the recording: what is printed where a picture would be."""
    # Square, its lines centred: the grid's thumbnail shows it whole.
    card = Image.new("RGB", (1000, 1000), (255, 244, 230))
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 999, 999), outline=(255, 127, 14), width=8)
    when = recorded.astimezone().strftime("%Y-%m-%d %H:%M") if recorded else \
        choose("文件中未记录", "unknown")
    rows = [(choose("通话录音", "Call recording"), 110, (200, 90, 0)),
            (clock(duration), 150, (30, 34, 40)),
            (name[:18], 44, (30, 34, 40)),
            (choose(f"格式 {codec.upper()}", f"format {codec.upper()}"), 40, (30, 34, 40)),
            (choose(f"录制时间 {when}", f"recorded: {when}"), 40, (30, 34, 40)),
            (f"SHA-256 {sha256[:32]}", 30, (90, 90, 90)),
            (sha256[32:], 30, (90, 90, 90))]
    top = 70
    for text, size, colour in rows:
        draw.text((500, top), text, fill=colour, font=_font(size), anchor="ma")
        top += int(size * 1.5)
    return card
