"""What a number is by its own shape: checksums and the formats platforms write.

The label beside a number decides its role (app.ocr.extract); these checks only rule
out numbers that cannot be what the label claims: an ID card number, a bank card, a
payment platform's trade number.
"""

from __future__ import annotations

import re
from datetime import date

from app.ocr.number_rules import number_rules

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def id_card_valid(value: str) -> bool:
    """GB 11643 checksum of an 18-character resident ID number."""
    if not re.fullmatch(r"\d{17}[\dXx]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17].upper()


def _is_date(yyyymmdd: str, earliest: int = 1900) -> bool:
    try:
        day = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return earliest <= day.year <= date.today().year


def is_id_number(value: str) -> bool:
    """An 18-character ID number: valid checksum and a plausible birth date."""
    return id_card_valid(value) and _is_date(value[6:14])


def is_trade_number(value: str) -> bool:
    """A payment platform's own 28-digit trade number: Alipay's starts with the payment
    date (2024113022001…), WeChat Pay's with 42000."""
    return bool(re.fullmatch(r"\d{28}", value)) and _starts_like_trade_number(value)


def is_trade_number_misread(value: str) -> bool:
    """A trade number with a digit lost or doubled in reading (or its last digits wrapped
    onto a line of their own): 27 or 29 digits starting the way trade numbers do. No shop
    writes order numbers that long."""
    return bool(re.fullmatch(r"\d{27}|\d{29}", value)) and _starts_like_trade_number(value)


def _starts_like_trade_number(value: str) -> bool:
    return value.startswith("4200") or _is_date(value[:8], earliest=2004)


def is_bank_card(value: str) -> bool:
    """A UnionPay card number (62…, 16–19 digits, Luhn)."""
    return bool(re.fullmatch(r"62\d{14,17}", value)) and luhn_valid(value)


def platform_order_format(value: str) -> str | None:
    """Which platform writes order numbers of this shape, if any: Taobao/Tmall 18–19
    digits, JD 12 (older orders 10–11), Pinduoduo YYMMDD-15 digits. Used alone only for
    numbers typed in a sentence (我的订单322643845817什么时候到); a label decides elsewhere."""
    formats = number_rules().formats  # resources/rules/numbers.toml
    if formats["pdd"].fullmatch(value):
        return "pdd" if _is_date("20" + value[:6], earliest=2015) else None
    if formats["taobao"].fullmatch(value):
        return None if is_id_number(value) or is_bank_card(value) else "taobao"
    if formats["jd"].fullmatch(value):
        return None if re.fullmatch(r"1[3-9]\d{9}", value) else "jd"  # not a mobile
    return None
