"""Facts the user corrects by hand: parsing and checking what they typed."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from app.i18n import choose
from app.store.models import EvidenceItem
from app.store.store import Store

FACT_KEYS = ("order_numbers", "timestamps", "amounts")
_SPLIT = re.compile(r"[,，;；、\n]+")


class FactError(ValueError):
    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def parse_values(key: str, text: str) -> list[str]:
    """The values typed into a fact field, normalised; FactError names a bad one."""
    values = [v.strip() for v in _SPLIT.split(text) if v.strip()]
    return [_normalise(key, v) for v in values]


def _normalise(key: str, value: str) -> str:
    if key == "order_numbers":
        compact = value.replace(" ", "")
        if not re.fullmatch(r"[0-9A-Za-z-]{6,40}", compact):
            raise FactError(value)
        return compact
    if key == "timestamps":
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
                    "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"):
            try:
                when = datetime.strptime(value, fmt)
            except ValueError:
                continue
            return when.strftime("%Y-%m-%dT%H:%M:%S" if fmt.count(":") == 2 else
                                 "%Y-%m-%dT%H:%M")
        raise FactError(value)
    if key == "amounts":
        try:
            amount = Decimal(value.replace("¥", "").replace("￥", "").replace(",", ""))
        except InvalidOperation:
            raise FactError(value) from None
        if amount < 0:
            raise FactError(value)
        return str(amount.quantize(Decimal("0.01")))
    raise KeyError(key)


def format_values(key: str, values: list[str]) -> str:
    shown = [v.replace("T", " ") for v in values] if key == "timestamps" else values
    return choose("，", ", ").join(shown)


def set_user_facts(store: Store, item_id: int, key: str, values: list[str] | None
                   ) -> EvidenceItem:
    """Record the user's version of a fact (None: go back to what OCR found)."""
    if key not in FACT_KEYS:
        raise KeyError(key)
    item = store.get_item(item_id)
    if item is None:
        raise KeyError(item_id)
    user = dict(item.user_facts)
    if values is None:
        user.pop(key, None)
    else:
        user[key] = values
    return store.update_item(item_id, user_facts=user)
