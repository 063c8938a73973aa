"""The case form filled from what the buyer confirmed on the exhibits, where it is still
empty: the order number(s) and the amount paid. Never from a raw reading, and never over
what the buyer typed."""

from __future__ import annotations

from app.case.orders import confirmed_orders
from app.store.models import Case, EvidenceItem

# Where the amount a buyer paid is shown: the order page first, then the payment.
AMOUNT_KINDS = ("order", "payment", "invoice")


def prefill(case: Case, items: list[EvidenceItem]) -> dict[str, object]:
    """The fields of `case` to fill, from its exhibits' confirmed values."""
    fields: dict[str, object] = {}
    if not case.order_numbers and not case.order_number:
        orders = list(dict.fromkeys(o for item in items for o in confirmed_orders(item)))
        if orders:
            fields["order_numbers"] = orders
    if not case.amount:
        for kind in AMOUNT_KINDS:
            amounts = [str(a) for item in items if item.kind == kind
                       for a in item.user_facts.get("amounts", [])]
            if amounts:
                fields["amount"] = amounts[0]
                break
    return fields
