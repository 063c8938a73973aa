"""Text as the bundle's fonts can draw it. The CJK font (WenQuanYi Micro Hei) lacks
Hebrew, Arabic and many symbols; those are drawn in DejaVu Sans. A character neither has,
or one beyond the Basic Multilingual Plane (emoji: reportlab cannot embed those), is
printed as □, visibly, never dropped. Right-to-left scripts are put in the order they are
seen (reportlab draws characters in the order they are stored)."""

from __future__ import annotations

import re
from functools import cache

from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.paths import FALLBACK_FONT_PATH, FONT_PATH

FONT = "WenQuanYiMicroHei"
FALLBACK_FONT = "DejaVuSans"
MISSING = "□"  # U+25A1, in the CJK font
INVISIBLE = {0x200B, 0x200C, 0x200D, 0xFE0F, 0xFE0E}  # joiners and variation selectors


def register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in ((FONT, FONT_PATH), (FALLBACK_FONT, FALLBACK_FONT_PATH)):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))


@cache
def _covered(font: str) -> frozenset[int]:
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph)


# Hebrew, Arabic, Syriac, Thaana, N'Ko; their presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def visual_order(text: str) -> str:
    """`text` with its right-to-left runs in the order they are read, line by line."""
    if not RIGHT_TO_LEFT.search(text):
        return text
    return "\n".join(get_display(line) for line in text.split("\n"))


def _runs(text: str) -> list[tuple[str | None, str]]:
    """(font, characters): None for the main font; MISSING stands for what no font has."""
    text = visual_order(text)
    main, fallback = _covered(FONT), _covered(FALLBACK_FONT)
    runs: list[tuple[str | None, str]] = []
    for ch in text:
        code = ord(ch)
        if code in INVISIBLE:
            continue
        if code in main or ch in "\n\t ":
            font, out = None, ch
        elif code in fallback and code <= 0xFFFF:  # reportlab embeds no astral glyphs
            font, out = FALLBACK_FONT, ch
        else:
            font, out = None, MISSING
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + out)
        else:
            runs.append((font, out))
    return runs


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """Paragraph markup for `text`: escaped, with the main font's gaps in the fallback."""
    return "".join(escape(chars) if font is None else
                   f'<font name="{font}">{escape(chars)}</font>' for font, chars in _runs(text))


def drawable(text: str) -> str:
    """`text` for a one-font canvas string (page headers): what the main font lacks is □."""
    return "".join(chars if font is None else MISSING * len(chars)
                   for font, chars in _runs(text))
