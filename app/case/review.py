"""The review queue: every order number, time and amount OCR was unsure of (read
differently by the two engines, or with low confidence) that the buyer has not yet
confirmed or corrected, exhibit by exhibit, with the area of the picture it was read
from. Confirming records the values as the buyer's (EvidenceItem.user_facts), which the
PDF then prints as the buyer's own and the case's order check takes as reference."""

from __future__ import annotations

from dataclasses import dataclass

from app.case.facts import FACT_KEYS, format_values, parse_values, set_user_facts
from app.records import FactType, facts_of, union_boxes
from app.store.models import EvidenceItem
from app.store.store import Store

TYPE_OF_KEY: dict[str, FactType] = {"order_numbers": "order_number", "timestamps": "timestamp",
               "amounts": "amount"}


@dataclass(frozen=True)
class ToReview:
    item_id: int
    number: int  # the exhibit's number in the case
    key: str  # order_numbers | timestamps | amounts
    values: list[str]  # every value of that kind on the exhibit: confirmed together
    unsure: list[str]  # those OCR was unsure of
    box: tuple[int, int, int, int]  # where the unsure ones were read, in upright original pixels

    def text(self) -> str:
        """The values as the buyer edits them."""
        return format_values(self.key, self.values)


def review_queue(items: list[EvidenceItem]) -> list[ToReview]:
    """What is left to check, in exhibit order (items as the case lists them)."""
    queue: list[ToReview] = []
    for number, item in enumerate(items, start=1):
        if item.id is None:
            continue
        for key in FACT_KEYS:
            if key in item.user_facts:
                continue  # the buyer already stood behind these
            unsure = [f for f in facts_of(item.facts, TYPE_OF_KEY[key])
                      if f.get("to_check") and not f.get("inferred")]
            if not unsure:
                continue
            queue.append(ToReview(item.id, number, key, item.effective(key),
                                  list(dict.fromkeys(str(f["value"]) for f in unsure)),
                                  union_boxes(f["box"] for f in unsure)))
    return queue


def confirm(store: Store, entry: ToReview, typed: str) -> EvidenceItem:
    """Record what the buyer confirmed or typed (FactError names a value that is not
    one); an empty field says the exhibit shows none."""
    return set_user_facts(store, entry.item_id, entry.key, parse_values(entry.key, typed))
