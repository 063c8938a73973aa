"""The shapes of what OCR found, as stored in an evidence row's JSON columns and read by
the assistant, privacy and export: facts, chat messages, personal-data fields and the
areas to black out. Boxes are [x, y, width, height] in original-image pixels.

Keys added after the first release are NotRequired: rows written then lack them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, NotRequired, TypeGuard

from annotated_types import Len
from typing_extensions import TypedDict  # pydantic reads TypedDicts from here on 3.11

if TYPE_CHECKING:
    from pydantic import TypeAdapter

FactType = Literal["order_number", "transaction_id", "tracking_number", "timestamp",
                   "amount", "invoice_number", "invoice_code", "invoice_date"]
Side = Literal["buyer", "seller"]
Box = Annotated[list[int], Len(4, 4)]  # x, y, width, height


def union_boxes(boxes: Iterable[Sequence[int]]) -> tuple[int, int, int, int]:
    """The smallest box (x, y, width, height) around all of `boxes`; zeros for none."""
    boxes = list(boxes)
    if not boxes:
        return (0, 0, 0, 0)
    left = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = max(b[1] + b[3] for b in boxes)
    return (left, top, right - left, bottom - top)


class FactRecord(TypedDict):
    """A value read from the image (app.ocr.extract.Fact as stored)."""
    type: FactType
    value: str
    text: str  # as OCR read it
    box: Box
    label: NotRequired[str]  # 成交时间, 订单编号…
    inferred: NotRequired[bool]  # a date completed from context (昨天 13:01)
    partial: NotRequired[bool]
    conf: NotRequired[float]
    agreed: NotRequired[bool | None]
    to_check: NotRequired[bool]


class MessageRecord(TypedDict):
    """A chat bubble, with the time above it (app.ocr.chat)."""
    type: Literal["message"]
    side: Side
    when: str  # ISO time of the stamp above it
    text: str
    box: Box
    inferred: NotRequired[bool]
    read: NotRequired[bool]  # the app showed it as 已读


FoundEntry = FactRecord | MessageRecord  # EvidenceItem.facts holds both


class SensitiveField(TypedDict):
    """Personal data found by OCR (app.ocr.sensitive)."""
    type: str  # phone | id_card | card | address | name
    text: str
    box: Box


class Redaction(TypedDict):
    """An area blacked out in exports: an OCR suggestion or the buyer's own box."""
    box: Box
    type: str
    text: str
    source: Literal["auto", "manual"]
    enabled: bool


def is_fact(entry: FoundEntry) -> TypeGuard[FactRecord]:
    return entry["type"] != "message"


def is_message(entry: FoundEntry) -> TypeGuard[MessageRecord]:
    return entry["type"] == "message"


def facts_of(entries: list[FoundEntry], fact_type: FactType | None = None
             ) -> list[FactRecord]:
    return [e for e in entries if is_fact(e) and fact_type in (None, e["type"])]


def messages_of(entries: list[FoundEntry]) -> list[MessageRecord]:
    return [e for e in entries if is_message(e)]


class BadRecords(ValueError):
    """JSON from outside (a backup file) that does not have the shapes above."""


# pydantic and its validators are loaded when a backup is read, not on import: the OCR
# worker imports these shapes and would otherwise hold some 15 MB of validators for nothing.
@cache
def _validator(shape: type) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(shape)


def _checked(shape: type, data: object) -> Any:
    from pydantic import ValidationError

    try:
        return _validator(shape).validate_python(data)
    except ValidationError as exc:
        raise BadRecords(str(exc)) from exc


def checked_found(data: object) -> list[FoundEntry]:
    found: list[FoundEntry] = _checked(list[FoundEntry], data)
    return found


def checked_redactions(data: object) -> list[Redaction]:
    redactions: list[Redaction] = _checked(list[Redaction], data)
    return redactions
