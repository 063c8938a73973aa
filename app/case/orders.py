"""The case's order numbers as the reference every reading is checked against.

The buyer types the order number(s) of the case, or confirms one read from a screenshot.
An order number OCR read is then either one of them, one of them misread (a digit or two
differ: shown as 可能识别有误，应为 …, never as another order), or another order's
(the exhibit is flagged 其他订单 so the buyer can keep, move or remove it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.store.models import Case, EvidenceItem

Status = Literal["case", "misread", "other", "unchecked"]
MAX_MISREAD_DIGITS = 2


@dataclass(frozen=True)
class OrderCheck:
    value: str  # as read (or as the buyer corrected it)
    status: Status
    should_be: str = ""  # for a misread: the case order it is


def confirmed_orders(item: EvidenceItem) -> list[str]:
    """The order numbers the buyer typed or confirmed on this exhibit."""
    return [str(v) for v in item.user_facts.get("order_numbers", [])]


def reference_orders(case: Case, items: list[EvidenceItem]) -> list[str]:
    """The case's orders: typed on the case, then confirmed on its exhibits."""
    orders = [*case.order_numbers] or ([case.order_number] if case.order_number else [])
    for item in items:
        orders += confirmed_orders(item)
    return list(dict.fromkeys(o for o in orders if o))


def _differing_digits(a: str, b: str) -> int | None:
    if len(a) != len(b):
        return None
    return sum(x != y for x, y in zip(a, b, strict=True))


def check_order(value: str, references: list[str]) -> OrderCheck:
    if not references:
        return OrderCheck(value, "unchecked")
    if value in references:
        return OrderCheck(value, "case")
    for ref in references:
        diff = _differing_digits(value.replace("-", ""), ref.replace("-", ""))
        if diff is not None and diff <= MAX_MISREAD_DIGITS:
            return OrderCheck(value, "misread", ref)
    return OrderCheck(value, "other")


def item_checks(item: EvidenceItem, references: list[str]) -> list[OrderCheck]:
    return [check_order(o, references) for o in item.effective("order_numbers")]


def belongs_to_other_order(item: EvidenceItem, references: list[str]) -> bool:
    """Every order number on it is another order's (none is the case's, or a misread)."""
    checks = item_checks(item, references)
    return bool(checks) and all(c.status == "other" for c in checks)
