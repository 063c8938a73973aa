"""Who said what, and when, in a chat screenshot.

Chat apps put the buyer's bubbles on the right and the seller's on the left, with time
separators centred between them. Each bubble line is dated by the separator above it,
which is all a read-no-reply complaint needs: the buyer asked at T and nobody answered.
"""

from __future__ import annotations

import re

from app.ocr.words import Line
from app.records import FactRecord, MessageRecord, Side

# Screen chrome to ignore: the status bar and title at the top, the input bar at the foot.
TOP_FRACTION = 0.09
BOTTOM_FRACTION = 0.93
READ_MARK = re.compile(r"^[已未]读$")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# Lines of an order card shared into the chat, not something anyone said.
CARD_LINE = re.compile(r"订单号|订单编号|实付|¥|￥|合计")


def chat_messages(lines: list[Line], width: int, height: int,
                  stamps: list[FactRecord]) -> list[MessageRecord]:
    """The message lines of a chat screen, each with its side and the time above it.

    stamps are the timestamp facts of the same image (full or inferred)."""
    card_tops = [ln.box[1] for ln in lines if CARD_LINE.search(ln.text)]
    separators = sorted(((s["box"][1], s) for s in stamps), key=lambda p: p[0])
    messages: list[MessageRecord] = []
    read_marks: list[int] = []  # bottom edges of 已读 marks
    for line in lines:
        left, top, w, h = line.box
        text = line.text.strip()
        if top < height * TOP_FRACTION or top > height * BOTTOM_FRACTION:
            continue
        compact = text.replace(" ", "")
        if READ_MARK.match(compact):
            if compact == "已读":
                read_marks.append(top + h)
            continue
        read = "已读" in compact
        text = re.sub(r"[已未]\s*读", "", text).strip()
        if not _wordy(text) or any(_overlaps(line.box, s["box"]) for _, s in separators):
            continue
        if any(0 <= card_top - top <= 2.5 * h for card_top in card_tops):
            continue  # an order card's own lines, or the goods title just above them
        side = _side(left, left + w, width)
        if side is None:
            continue
        above = [s for y, s in separators if y <= top]
        if not above:
            continue  # a bubble continued from the previous screen: its time is unknown
        stamp = above[-1]
        messages.append({
            "type": "message", "side": side, "when": stamp["value"], "text": text,
            "box": list(line.box), "inferred": bool(stamp.get("inferred")), "read": read,
        })
    # A 已读 mark sits beside the bottom of the buyer bubble it belongs to.
    buyer = [m for m in messages if m["side"] == "buyer"]
    for mark_bottom in read_marks:
        bubbles = [m for m in buyer if m["box"][1] <= mark_bottom]
        if bubbles:
            max(bubbles, key=lambda m: m["box"][1])["read"] = True
    return messages


def _wordy(text: str) -> bool:
    """Real words, not the letters OCR sees in an avatar picture."""
    return len(CJK.findall(text)) >= 2 or len(LATIN.findall(text)) >= 5


def _side(left: int, right: int, width: int) -> Side | None:
    if left > width * 0.22 and right > width * 0.70:
        return "buyer"
    if left < width * 0.30 and right < width * 0.80:
        return "seller"
    return None  # centred or full-width: a card, a notice, not a bubble


def _overlaps(a: tuple[int, int, int, int] | list[int], b: list[int]) -> bool:
    return not (a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1])
