"""Finding the facts a complaint needs in OCR text lines.

Labels decide what a number is: the digits after 订单编号 are an order number, after
交易号 a payment transaction number, after 运单号 a tracking number. Unlabelled long digit
runs are ignored, so phone numbers and bank cards are never taken for order numbers.
OCR confusions inside numbers (O/0, l/1, S/5, B/8, stray spaces) are repaired.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from app.ocr.fact import Fact
from app.ocr.number_rules import number_rules
from app.ocr.numbers import (
    is_bank_card,
    is_id_number,
    is_trade_number,
    is_trade_number_misread,
    platform_order_format,
)
from app.ocr.stamps import clean_for_times, timestamps
from app.ocr.words import Box, Line
from app.records import union_boxes

# Characters OCR produces for digits, and what they stand for.
DIGIT_CONFUSIONS = str.maketrans({
    "O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0",
    "l": "1", "I": "1", "i": "1", "|": "1", "!": "1", "丨": "1",
    "S": "5", "s": "5",
    "B": "8",
    "Z": "2", "z": "2",
    "g": "9", "q": "9",
})
_DIGITISH = "0-9OoDQ〇lIi丨SsBZzgq"  # not | or !: inside a number they are a border
_SEPARATORS = " \u3000·.,_'"

# Labels and formats live in resources/rules/numbers.toml (what each one means is there).
_RULES = number_rules()
ORDER_LABEL = _RULES.order
MERCHANT_ORDER_LABEL = _RULES.merchant_order
MERCHANT_PREFIX = _RULES.merchant_prefix  # Alipay's T200P
TRANSACTION_LABEL = _RULES.transaction
TRACKING_LABEL = _RULES.tracking
# A digit run with the separators and confusions OCR puts into it. It starts and ends
# with a real digit: letters at its edges are a neighbouring button (复制 read as "|Bil").
DIGIT_RUN = re.compile(rf"\d(?:[{_DIGITISH}{re.escape(_SEPARATORS)}-]*\d)?")
# No \b here: Chinese characters count as word characters, so 号SF123… has no boundary.
TRACKING_VALUE = re.compile(r"(?<![A-Z0-9])([A-Z]{1,4})?\s*(\d[\d ]{8,20}\d)(?![0-9])")

AMOUNT_LABELS = (
    r"实\s*付\s*款|实\s*付|付\s*款\s*金\s*额|支\s*付\s*金\s*额|订\s*单\s*金\s*额|"
    r"商\s*品\s*总\s*价|合\s*计|总\s*计|退\s*款\s*金\s*额|应\s*付|金\s*额"
)
YUAN = r"[¥￥Y半羊]"
AMOUNT_AFTER_YUAN = re.compile(rf"{YUAN}\s*(-?\d[\d,]*(?:\s*\.\s*\d{{1,2}})?)")
AMOUNT_AFTER_LABEL = re.compile(
    rf"(?:{AMOUNT_LABELS})\s*[:：]?\s*{YUAN}?\s*(-?\d[\d,]*\s*\.\s*\d{{1,2}})"
)
BARE_AMOUNT_LINE = re.compile(r"^[-+]?\s*(\d[\d,]*\.\d{2})$")
# A bill list's signed amount at the end of a row: 天猫-良品铺子手撕面包1000g-15.75
SIGNED_AMOUNT_AT_END = re.compile(r"(?<![\d.])[-+]\s*(\d{1,3}(?:,\d{3})*(?:\d+)?\.\d{2})$")
AMOUNT_IN_WORDS = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d{1,2})?)\s*元")



def repair_digits(raw: str) -> str:
    """The digits OCR meant: confusions mapped, separators dropped. Keeps one inner '-'
    (Pinduoduo order numbers look like 241123-123456789012345)."""
    text = raw.translate(DIGIT_CONFUSIONS)
    for sep in _SEPARATORS:
        text = text.replace(sep, "")
    text = re.sub(r"-+", "-", text).strip("-")
    return text


def _is_mostly_digits(raw: str) -> bool:
    core = [c for c in raw if c not in _SEPARATORS and c != "-"]
    digits = sum(c.isdigit() for c in core)
    return bool(core) and digits / len(core) >= 0.7


def _valid_order_number(value: str) -> bool:
    if "-" in value:
        head, _, tail = value.partition("-")
        return head.isdigit() and tail.isdigit() and len(head) == 6 and 12 <= len(tail) <= 16
    return value.isdigit() and 10 <= len(value) <= 32 and not is_trade_number_misread(value)


def value_after(lines: list[Line], index: int, start: int) -> tuple[Line, re.Match[str]] | None:
    """The digit run after a label: on the same line, or first thing on the next line."""
    line = lines[index]
    for match in DIGIT_RUN.finditer(line.text, start):
        if _is_mostly_digits(match.group()) and len(re.sub(r"\D", "", match.group())) >= 6:
            return line, match
    if index + 1 < len(lines):
        nxt = lines[index + 1]
        first = DIGIT_RUN.search(nxt.text)
        if first and first.start() <= 2 and _is_mostly_digits(first.group()):
            return nxt, first
    return None


def _value_before(lines: list[Line], index: int) -> tuple[Line, re.Match[str]] | None:
    """A label standing alone under its value (tilted photos, some app layouts)."""
    if index == 0 or re.search(r"\d", lines[index].text):
        return None
    prev = lines[index - 1]
    runs = [m for m in DIGIT_RUN.finditer(prev.text) if _is_mostly_digits(m.group())]
    if len(runs) == 1 and len(re.sub(r"\D", "", runs[0].group())) >= 10 \
            and not re.search(r"[\u4e00-\u9fff]", prev.text):
        return prev, runs[0]
    return None


def _skip_merchant_prefix(text: str, start: int) -> int:
    """Past Alipay's T200P before the shop's order number."""
    m = re.compile(r"\s*[:：]?\s*").match(text, start)
    pos = m.end() if m else start
    prefix = MERCHANT_PREFIX.match(text[pos:].upper().replace("O", "0"))
    return pos + prefix.end() if prefix else start


def _labelled_numbers(lines: list[Line], label: re.Pattern[str], kind: str) -> list[Fact]:
    """Numbers after (or, alone, above) a label. An order label's number that is an ID
    card or a payment trade number is not taken for an order number."""
    facts = []
    for i, line in enumerate(lines):
        for lab in label.finditer(line.text):
            start = lab.end()
            if label is MERCHANT_ORDER_LABEL:
                start = _skip_merchant_prefix(line.text, start)
                token = re.match(r"\s*[:：]?\s*(\S+)", line.text[start:])
                if token and not _is_mostly_digits(token.group(1)):
                    continue  # WeChat's hex 商户单号: no shop order number in it
            found = value_after(lines, i, start)
            if not found and kind == "order_number":
                found = _value_before(lines, i)
            if not found:
                continue
            value_line, match = found
            value = repair_digits(match.group())
            box = value_line.box_of(match.start(), match.end())
            if kind == "order_number":
                value, box = _with_wrapped_tail(lines, value_line, match, value, box)
            role = kind
            if kind == "order_number":
                if is_trade_number(value):
                    role = "transaction_id"
                elif not _valid_order_number(value) or is_id_number(value):
                    continue
            if role == "transaction_id" and not (value.isdigit() and len(value) >= 16):
                continue
            facts.append(Fact(role, value, match.group(), box, lab.group()))
    return facts


WRAPPED_TAIL = re.compile(r"\s*(\d[\d ]*\d)\s*\S?\s*")  # a line of digits alone


def _with_wrapped_tail(lines: list[Line], value_line: Line, match: re.Match[str], value: str,
                       box: Box) -> tuple[str, Box]:
    """An order number a chat bubble wrapped (订单编号241205-9895239 / 08454353): it ends
    its line, bar one stray character, and the next line, starting below the label, is
    digits alone. Joined only when the whole has a platform's format and the first part
    alone has none."""
    index = next((k for k, line in enumerate(lines) if line is value_line), len(lines))
    if index + 1 >= len(lines) or len(value_line.text[match.end():].strip()) > 1 \
            or platform_order_format(value):
        return value, box
    tail_line = lines[index + 1]
    tail = WRAPPED_TAIL.fullmatch(tail_line.text)
    height = max(1, value_line.box[3])
    if not tail or abs(tail_line.box[0] - value_line.box[0]) > 2 * height:
        return value, box
    whole = value + tail.group(1).replace(" ", "")
    if not platform_order_format(whole):
        return value, box
    return whole, union_boxes([box, tail_line.box_of(tail.start(1), tail.end(1))])


def _tracking_numbers(lines: list[Line]) -> list[Fact]:
    facts = []
    for i, line in enumerate(lines):
        for lab in TRACKING_LABEL.finditer(line.text):
            candidates = [(line, line.text[lab.end():], lab.end())]
            if i + 1 < len(lines):
                candidates.append((lines[i + 1], lines[i + 1].text, 0))
            for target, text, offset in candidates:
                match = TRACKING_VALUE.search(text.upper())
                if match:
                    value = (match.group(1) or "") + match.group(2).replace(" ", "")
                    start, end = offset + match.start(), offset + match.end()
                    facts.append(Fact("tracking_number", value, target.text[start:end],
                                      target.box_of(start, end), lab.group()))
                    break
    return facts


def decimal_amount(raw: str, zero_ok: bool = False) -> str | None:
    """The amount as two decimals; ¥0.00 (free shipping) only where a ¥ says so."""
    cleaned = raw.replace(",", "").replace(" ", "").lstrip("-+")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if value < 0 or (value == 0 and not zero_ok) or value >= Decimal("10000000"):
        return None
    return str(value.quantize(Decimal("0.01")))


def _amounts(lines: list[Line]) -> list[Fact]:
    facts = []
    for line in lines:
        text = clean_for_times(line.text)
        spans: list[tuple[int, int]] = []
        for pattern in (AMOUNT_AFTER_LABEL, AMOUNT_AFTER_YUAN, AMOUNT_IN_WORDS):
            for m in pattern.finditer(text):
                if any(a <= m.start(1) < b for a, b in spans):
                    continue
                raw = m.group(1)
                if pattern is AMOUNT_AFTER_YUAN and m.group().startswith(("Y", "半", "羊")) \
                        and "." not in raw:
                    continue  # "Y" or "半" read for ¥ only counts with a decimal point
                value = decimal_amount(raw, zero_ok=pattern is AMOUNT_AFTER_YUAN and "." in raw)
                if value:
                    spans.append((m.start(1), m.end(1)))
                    facts.append(Fact("amount", value, m.group(),
                                      line.box_of(m.start(1), m.end(1))))
        bare = BARE_AMOUNT_LINE.match(text.strip()) or \
            SIGNED_AMOUNT_AT_END.search(text.strip())
        if bare and not spans:
            value = decimal_amount(bare.group(1))
            if value:
                facts.append(Fact("amount", value, bare.group(), line.box))
    return facts


# A label:value row whose label OCR could not read: a few non-digit characters, then a
# number of one of the exact shapes order numbers have.
GARBLED_ROW = re.compile(r"^(\S{1,6})(?:[:：]\s*|\s+|(?<=\D)(?=\d))"
                         r"(\d[\d ]{10,40}\d|\d{6}-\d{15})$")


def _order_shaped(value: str) -> bool:
    if re.fullmatch(r"\d{6}-\d{15}", value):  # Pinduoduo
        return True
    if re.fullmatch(r"\d{18,19}", value):  # Taobao / Tmall, but not a UnionPay card
        return not is_bank_card(value) and not is_id_number(value)
    return False


ORDER_MENTION = _RULES.mentioned  # 我的订单322643845817什么时候能到
PDD_NUMBER = re.compile(rf"(?<![\d-])({_RULES.formats['pdd'].pattern})(?![\d])")


def _mentioned_order_numbers(lines: list[Line], claimed: set[str]) -> list[Fact]:
    """Order numbers whose shape is a platform's own: typed after 订单 in a chat
    message, or Pinduoduo's hyphenated YYMMDD-15 digits wherever it stands."""
    facts = []
    for line in lines:
        for pattern in (ORDER_MENTION, PDD_NUMBER):
            for m in pattern.finditer(line.text):
                value = repair_digits(m.group(1))
                if value in claimed or platform_order_format(value) is None:
                    continue
                claimed.add(value)
                facts.append(Fact("order_number", value, m.group(1),
                                  line.box_of(m.start(1), m.end(1)), "订单"))
    return facts


NOT_ORDER_LABEL = _RULES.never_order  # rows whose number is never an order number


def _unlabelled_order_rows(lines: list[Line], claimed: set[str]) -> list[Fact]:
    """Order numbers whose label was lost (tiny text in a forwarded screenshot)."""
    facts = []
    for line in lines:
        m = GARBLED_ROW.match(line.text.strip())
        if not m or m.group(1).isdigit() or TRACKING_LABEL.search(line.text) \
                or TRANSACTION_LABEL.search(line.text) or NOT_ORDER_LABEL.search(line.text):
            continue
        value = m.group(2).replace(" ", "")
        if value in claimed or not _order_shaped(value):
            continue
        offset = line.text.index(line.text.strip())
        facts.append(Fact("order_number", value, m.group(2),
                          line.box_of(offset + m.start(2), offset + m.end(2)), "?"))
    return facts


def extract_facts(lines: list[Line], image_height: int,
                  reference: date | None = None) -> list[Fact]:
    numbers = [
        *_labelled_numbers(lines, MERCHANT_ORDER_LABEL, "order_number"),
        *_labelled_numbers(lines, ORDER_LABEL, "order_number"),
        *_labelled_numbers(lines, TRANSACTION_LABEL, "transaction_id"),
        *_tracking_numbers(lines),
    ]
    if not any(f.type == "tracking_number" for f in numbers):
        numbers += _unlabelled_order_rows(lines, {f.value for f in numbers})
    numbers += _mentioned_order_numbers(lines, {f.value for f in numbers})
    return [*numbers, *timestamps(lines, image_height, reference), *_amounts(lines)]


def unique_values(facts: list[Fact], fact_type: str, include_inferred: bool = False) -> list[str]:
    seen: dict[str, None] = {}
    for fact in facts:
        if fact.type == fact_type and (include_inferred or not fact.inferred):
            seen.setdefault(fact.value, None)
    return list(seen)
