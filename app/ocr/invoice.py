"""An invoice's own facts: 发票号码 (20 digits on a 数电票, 8 on the older VAT e-invoice,
whose 10- or 12-digit 发票代码 goes with it), 开票日期 (a date: invoices carry no time, and
none is invented) and 价税合计, the amount the buyer paid, tax included. On an invoice the
other amounts (单价, 金额 before tax, 税额) are parts of that total, not payments."""

from __future__ import annotations

import re
from datetime import date

from app.ocr.extract import decimal_amount, repair_digits, value_after
from app.ocr.fact import Fact
from app.ocr.words import Line

# Each number's label, the fact it gives, its lengths in digits, and its name in print.
NUMBERS = (
    (re.compile(r"发\s*票\s*号\s*码"), "invoice_number", (8, 20), "发票号码"),
    (re.compile(r"发\s*票\s*代\s*码"), "invoice_code", (10, 12), "发票代码"),
)
DATE_LABEL = re.compile(r"开\s*票\s*日\s*期\s*[:：]?\s*")
# Printed 2024年11月20日; a scan's OCR may double a separator (2021年年03月05日).
ISSUE_DATE = re.compile(r"(20\d\d)\s*(?:[-/.年]\s*)+(\d{1,2})\s*(?:[-/.月]\s*)+(\d{1,2})\s*日?")
TOTAL_LABEL = re.compile(r"价\s*税\s*合\s*计")
# The total in figures: after （小写） or the ¥ on the 价税合计 row; the row also holds the
# total in words (壹佰贰拾捌圆整), which has no digits.
TOTAL_FIGURES = re.compile(r"(?:小\s*写\s*[)）]?\s*[:：]?\s*)?[¥￥Y]\s*(\d[\d,]*\s*\.\s*\d{2})")
SMALL_FIGURES = re.compile(r"小\s*写\s*[)）]?\s*[:：]?\s*[¥￥Y]?\s*(\d[\d,]*\s*\.\s*\d{2})")


def invoice_facts(lines: list[Line]) -> list[Fact]:
    """The invoice's number, code, date and total; nothing on a screen that is no invoice."""
    facts: list[Fact] = []
    for index, line in enumerate(lines):
        for label, kind, lengths, name in NUMBERS:
            found = label.search(line.text)
            if found:
                facts += _number(lines, index, found.end(), kind, lengths, name)
        dated = DATE_LABEL.search(line.text)
        if dated:
            facts += _date(line, dated.end())
        total = TOTAL_LABEL.search(line.text)
        if total:
            facts += _total(lines, index, total.end())
    return facts


def _number(lines: list[Line], index: int, start: int, kind: str, lengths: tuple[int, ...],
            name: str) -> list[Fact]:
    found = value_after(lines, index, start)
    if found is None:
        return []
    line, match = found
    value = repair_digits(match.group())
    if not value.isdigit() or len(value) not in lengths:
        return []
    return [Fact(kind, value, match.group(), line.box_of(match.start(), match.end()), name)]


def _date(line: Line, start: int) -> list[Fact]:
    m = ISSUE_DATE.match(line.text, start)
    if not m:
        return []
    try:
        issued = date(*(int(g) for g in m.groups()))
    except ValueError:  # 2024年02月31日: a misread, not a date
        return []
    return [Fact("invoice_date", issued.isoformat(), m.group(),
                 line.box_of(m.start(), m.end()), "开票日期")]


def _total(lines: list[Line], index: int, start: int) -> list[Fact]:
    """The figures on the 价税合计 row, or on the row below it where the layout wraps."""
    line = lines[index]
    m = TOTAL_FIGURES.search(line.text, start)
    if not m and index + 1 < len(lines):
        line = lines[index + 1]
        m = SMALL_FIGURES.search(line.text)
    value = decimal_amount(m.group(1)) if m else None
    if m is None or value is None:
        return []
    return [Fact("amount", value, m.group(), line.box_of(m.start(1), m.end(1)), "价税合计")]


def with_invoice_total(facts: list[Fact], invoice: list[Fact]) -> list[Fact]:
    """The facts with an invoice's own: where it states 价税合计, that is its one amount."""
    if not any(f.type == "amount" for f in invoice):
        return [*facts, *invoice]
    return [*(f for f in facts if f.type != "amount"), *invoice]
