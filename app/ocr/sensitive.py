"""Personal data on a screenshot that strangers reading a complaint must not see.

Bank card numbers (Luhn-checked), mobile numbers (also masked ones such as 138****1234),
ID card numbers (checksum-verified), addresses after 收货地址/地址, names after 收货人.
Order, transaction and tracking numbers are evidence and are never flagged.
"""

from __future__ import annotations

import re
from typing import Any

from app.ocr.numbers import id_card_valid, luhn_valid
from app.ocr.words import Box, Line

SENSITIVE_TYPES = ("card", "phone", "id_card", "address", "name")

DIGITS_RUN = re.compile(r"(?<![\d*])\d(?:[ -]?\d){15,18}(?![\d*])")
MOBILE = re.compile(r"(?<![\d*])1[3-9]\d(?:[ -]?[\d*]){8}(?![\d*])")
ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
CARD_LABEL = re.compile(r"银行卡|卡号|储蓄卡|信用卡|借记卡")
EVIDENCE_LABEL = re.compile(r"订单|交易号|流水号|单号|编号|商户")
ADDRESS_LABEL = re.compile(r"(?:收货|收件|配送|详细)?地址\s*[:：;；]?\s*")
NAME_LABEL = re.compile(r"(?:收货人|收件人|联系人|姓名)\s*[:：]?\s*([\u4e00-\u9fff·]{2,5})")
def find_sensitive(lines: list[Line], evidence_numbers: set[str]) -> list[dict[str, Any]]:
    """Each sensitive field found: {"type", "text", "box"} in image pixels."""
    found: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        found += _line_fields(line, following, evidence_numbers)
    return found


def _line_fields(line: Line, following: Line | None,
                 evidence_numbers: set[str]) -> list[dict[str, Any]]:
    text = line.text
    evidence_line = bool(EVIDENCE_LABEL.search(text)) and not CARD_LABEL.search(text)
    fields: list[dict[str, Any]] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        taken.append((start, end))
        fields.append({"type": kind, "text": text[start:end].strip(),
                       "box": list(char_box(line, start, end))})

    for m in ID_CARD.finditer(text):
        if id_card_valid(m.group()) and m.group() not in evidence_numbers:
            add("id_card", m.start(), m.end())
    for m in DIGITS_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _overlaps(m.span(), taken) or digits in evidence_numbers:
            continue
        if luhn_valid(digits) and (CARD_LABEL.search(text) or not evidence_line):
            add("card", m.start(), m.end())
    for m in MOBILE.finditer(text):
        raw = re.sub(r"[ -]", "", m.group())
        if _overlaps(m.span(), taken) or raw in evidence_numbers:
            continue
        if len(raw) == 11 and (raw.isdigit() or re.fullmatch(r"1\d{2}\*{4}\d{4}", raw)):
            add("phone", m.start(), m.end())
    m_name = NAME_LABEL.search(text)
    if m_name:
        add("name", m_name.start(1), m_name.end(1))
    m_addr = ADDRESS_LABEL.search(text)
    if m_addr and "IP" not in text[:m_addr.start()]:
        if len(text[m_addr.end():].strip()) >= 4:
            add("address", m_addr.end(), len(text))
        elif following is not None:  # the address is on the next line
            fields.append({"type": "address", "text": following.text.strip(),
                           "box": list(following.box)})
    return fields


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
