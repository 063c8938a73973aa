"""One value found on a page (an order number, a time, an amount), with where it stood and
how sure the reading is."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import cast

from app.ocr.words import Box
from app.records import FactRecord


@dataclass
class Fact:
    type: str  # order_number | transaction_id | tracking_number | timestamp | amount
    value: str
    text: str  # as OCR read it
    box: Box
    label: str = ""
    inferred: bool = False  # a date completed from context (昨天 13:01, 11-23 13:01)
    partial: bool = False
    conf: float = 100.0  # the least sure character of the value, 0-100 (app.ocr.confidence)
    agreed: bool | None = None  # both engines read these digits (None: one engine read it)
    to_check: bool = False  # 待核对: the buyer should look before relying on it

    def to_record(self) -> FactRecord:
        data = asdict(self)
        data["box"] = list(self.box)
        return cast(FactRecord, data)
