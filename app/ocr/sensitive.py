"""Personal data on a screenshot that strangers reading a complaint must not see.

Bank card numbers (Luhn-checked), mobile numbers (also masked ones such as 138****1234)
and landlines with their area code, ID card numbers (checksum-verified) wherever they
stand, addresses (after any address label, over as many lines as they wrap, or starting
with a province or municipality), and names (after any label for a person, tolerant of a
lost character, and the name written just before a phone number).
Order, transaction and tracking numbers are evidence and are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.ocr.numbers import id_card_valid, luhn_valid
from app.ocr.words import Box, Line
from app.records import SensitiveField

SENSITIVE_TYPES = ("card", "phone", "id_card", "address", "name")

DIGITS_RUN = re.compile(r"(?<![\d*])\d(?:[ -]?\d){15,18}(?![\d*])")
MOBILE = re.compile(r"(?<![\d*])1[3-9]\d(?:[ -]?[\d*]){8}(?![\d*])")
ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
CARD_LABEL = re.compile(r"银行卡|卡号|储蓄卡|信用卡|借记卡")
EVIDENCE_LABEL = re.compile(r"订单|交易号|流水号|单号|编号|商户")
LANDLINE = re.compile(r"(?<![\d*])(?:\(?0\d{2,3}\)?[ -])\d{3,4}[ -]?\d{4}(?![\d*])")
PHONE_LABEL = re.compile(r"电话|座机|固话|联系方式|Tel|TEL")
ADDRESS_LABEL = re.compile(
    r"(?:收货|收件|寄件|配送|详细|通讯|联系|家庭|所在)?地址\s*[:：;；]?\s*|所在地区\s*[:：]?\s*")
# A province or municipality, then a city, district or county: an address without label.
PLACE = re.compile(r"(?:北京|天津|上海|重庆|[\u4e00-\u9fff]{2,3}省|[\u4e00-\u9fff]{2,6}自治区)"
                   r"[\u4e00-\u9fff]{0,8}?(?:市|区|县|州)")
# Any label for a person, then the name (an invoice's buyer: 购买方 名称, or 购 名称 where the
# 购买方 label stands vertically beside its rows); in small text the label may lose its 人
# (收货张伟): such a short label counts only with the name ending at a gap or digits.
NAME_LABEL = re.compile(
    r"(?:收货人|收件人|联系人|持卡人|取件人|寄件人|投诉人|诉求人|举报人|姓名|"
    r"购(?:买方)?(?:信息)?\s*名\s*称|购买方)"
    r"\s*[:：;；]?\s*([\u4e00-\u9fff·]{2,4})"
    r"|(?:收货|收件|寄件)\s*[:：]?\s*([\u4e00-\u9fff·]{2,3})(?=\s|\d|\*|$)")
NAME_BEFORE_PHONE = re.compile(
    r"([\u4e00-\u9fff·]{2,4})\s{0,2}(?=(?:\+?86)?\s?1[3-9]\d(?:[ -]?[\d*]){8}(?![\d*]))")
NOT_NAMES = re.compile(r"电话|手机|号码|联系|方式|客服|热线|收货|收件|寄件|人|地址|我的|是|信息|"
                       r"时间|地区|订单|方式|后")
# Where an address's next line starts something else.
ANY_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]|订单|时间|电话|手机|实付|金额|快递|运单")
# A road and house number, or a district then a road, wherever it stands: the rest of an
# address whose label OCR read on another line (a tilted label's rows run together).
ADDRESS_PIECE = re.compile(
    r"[\u4e00-\u9fff]{1,4}[区县][\u4e00-\u9fff]{1,8}?(?:路|街|道)"
    r"|[\u4e00-\u9fff]{2,10}?(?:路|街|大道|巷|弄|胡同)\s*\d{1,5}(?:\s*号)?")
ADDRESS_CHARS = re.compile(r"[省市区县镇乡街道路号楼栋幢单元室座层村组巷弄苑园寓厦场]")
MAX_ADDRESS_LINES = 3


def find_sensitive(lines: list[Line], evidence_numbers: set[str]) -> list[SensitiveField]:
    """Each sensitive field found, its box in image pixels."""
    found: list[SensitiveField] = []
    for index, line in enumerate(lines):
        found += _line_fields(line, lines[index + 1:index + 1 + MAX_ADDRESS_LINES],
                              evidence_numbers)
    return found


def _continuation(line: Line, following: list[Line]) -> list[Line]:
    """The lines an address wraps onto: close below, no label of their own."""
    out: list[Line] = []
    previous = line
    for nxt in following:
        gap = nxt.box[1] - (previous.box[1] + previous.box[3])
        text = nxt.text.strip()
        # The tail of a wrapped address: place words, or a short piece ending in digits
        # (贸中心东塔1605); a short heading (服务信息) is not one.
        tail = ADDRESS_CHARS.search(text) or (len(text) <= 14 and re.search(r"\d", text))
        if gap > 1.2 * max(previous.box[3], 1) or ANY_LABEL.search(text) or not tail \
                or len(text) > 40:
            break
        out.append(nxt)
        previous = nxt
    return out


def _line_fields(line: Line, following: list[Line],
                 evidence_numbers: set[str]) -> list[SensitiveField]:
    text = line.text
    fields: list[SensitiveField] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        taken.append((start, end))
        fields.append({"type": kind, "text": text[start:end].strip(),
                       "box": list(char_box(line, start, end))})

    for kind, start, end in _numbers(text, evidence_numbers):
        if not _overlaps((start, end), taken):
            add(kind, start, end)
    for pattern in (NAME_LABEL, NAME_BEFORE_PHONE):
        for m_name in pattern.finditer(text):
            group = 1 if m_name.group(1) else 2
            name = m_name.group(group)
            if not NOT_NAMES.search(name) and not _overlaps(m_name.span(group), taken):
                add("name", m_name.start(group), m_name.end(group))
    wrapped = _address(line, following, text, add)
    if not any(f["type"] == "address" for f in fields):
        piece = ADDRESS_PIECE.search(text)
        if piece and not _overlaps(piece.span(), taken):
            add("address", piece.start(), len(text))
    return fields + wrapped


def _numbers(text: str, evidence: set[str]) -> list[tuple[str, int, int]]:
    """ID cards, bank cards, mobiles and landlines in a line, most certain first; order,
    trade and tracking numbers (evidence) excluded."""
    evidence_line = bool(EVIDENCE_LABEL.search(text)) and not CARD_LABEL.search(text)
    found = [("id_card", m.start(), m.end()) for m in ID_CARD.finditer(text)
             if id_card_valid(m.group()) and m.group() not in evidence]
    for m in DIGITS_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits not in evidence and luhn_valid(digits) and \
                (CARD_LABEL.search(text) or not evidence_line):
            found.append(("card", m.start(), m.end()))
    for m in MOBILE.finditer(text):
        raw = re.sub(r"[ -]", "", m.group())
        if raw not in evidence and len(raw) == 11 and \
                (raw.isdigit() or re.fullmatch(r"1\d{2}\*{4}\d{4}", raw)):
            found.append(("phone", m.start(), m.end()))
    for m in LANDLINE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if digits not in evidence and 10 <= len(digits) <= 12 and \
                (PHONE_LABEL.search(text) or re.search(r"[ -]", m.group())):
            found.append(("phone", m.start(), m.end()))
    return found


def _address(line: Line, following: list[Line], text: str,
             add: Callable[[str, int, int], None]) -> list[SensitiveField]:
    """An address after its label or starting with a place name, with the lines it wraps
    onto; a label alone on its line takes the next line."""
    m_addr = ADDRESS_LABEL.search(text)
    start: int | None = None
    if m_addr and "IP" not in text[:m_addr.start()]:
        start = m_addr.end()
    else:
        place = PLACE.search(text)
        if place:
            start = place.start()
    if start is None:
        return []
    more = _continuation(line, following)
    if len(text[start:].strip()) >= 2:
        add("address", start, len(text))
    elif following:  # the label alone: the address is below
        more = [following[0], *_continuation(following[0], following[1:])]
    return [{"type": "address", "text": ln.text.strip(), "box": list(ln.box)} for ln in more]


def char_box(line: Line, start: int, end: int) -> Box:
    """The box of characters start..end, narrowed inside a word by the characters' share
    of it, so a label or a neighbouring number in the same word stays visible."""
    xs: list[float] = []
    tops: list[int] = []
    bottoms: list[int] = []
    for word, (a, b) in zip(line.words, line.spans, strict=True):
        lo, hi = max(a, start), min(b, end)
        if lo >= hi:
            continue
        left, top, width, height = word.box
        per_char = width / max(1, b - a)
        # Characters differ in width (CJK vs digits): inside a word, err on the side of
        # covering half a character more.
        slack = 0.6 * per_char
        xs += [left + (lo - a) * per_char - (slack if lo > a else 0),
               left + (hi - a) * per_char + (slack if hi < b else 0)]
        tops.append(top)
        bottoms.append(top + height)
    if not xs:
        return line.box
    x0, x1 = int(min(xs)), int(max(xs) + 0.999)
    return (x0, min(tops), x1 - x0, max(bottoms) - min(tops))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and span[1] > a for a, b in taken)
