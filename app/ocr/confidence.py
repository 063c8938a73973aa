"""How sure a reading is: each order number, time and amount gets the confidence of its
least sure character and whether the two engines agree on its digits.

A value both engines read alike is trusted; one they read differently, or one below the
confidence floor, is marked 待核对 (to check) for the buyer. Nothing is dropped: the
buyer sees every value, the uncertain ones marked.
"""

from __future__ import annotations

import re

from app.ocr.extract import repair_digits
from app.ocr.fact import Fact
from app.ocr.words import Box, Line

LISTED_TYPES = ("order_number", "timestamp", "amount")  # the item's lists the buyer confirms
CHECKED_TYPES = (*LISTED_TYPES, "invoice_number", "invoice_code", "invoice_date")
CONF_FLOOR = 80.0  # below this, a single engine's reading is not trusted alone


def _overlap(a: Box, b: Box) -> int:
    width = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    height = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return max(0, width) * max(0, height)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", repair_digits(text))


def _source_line(fact: Fact, lines: list[Line]) -> Line | None:
    best = max(lines, key=lambda ln: _overlap(ln.box, fact.box), default=None)
    return best if best is not None and _overlap(best.box, fact.box) > 0 else None


def assess(facts: list[Fact], lines: list[Line]) -> list[Fact]:
    """Set conf, agreed and to_check on the order numbers, times and amounts."""
    for fact in facts:
        if fact.type not in CHECKED_TYPES:
            continue
        line = _source_line(fact, lines)
        if line is None:
            continue
        confs = [w.conf for w in line.words if _overlap(w.box, fact.box) > 0 and w.conf >= 0]
        fact.conf = round(min(confs), 1) if confs else 0.0
        wanted = _digits(fact.text) if fact.type in ("timestamp", "invoice_date") else \
            re.sub(r"\D", "", fact.value)
        if line.alt_text and wanted:
            fact.agreed = wanted in _digits(line.alt_text)
        fact.to_check = fact.agreed is False or (fact.agreed is None
                                                 and fact.conf < CONF_FLOOR)
    return facts


def values_to_check(facts: list[Fact]) -> list[str]:
    seen: dict[str, None] = {}
    for fact in facts:
        if fact.type in LISTED_TYPES and fact.to_check and not fact.inferred:
            seen.setdefault(fact.value, None)
    return list(seen)
