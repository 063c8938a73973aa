"""Checking the store: is every original still there, byte for byte, and does each
case's chain of custody still hold (no entry edited, removed or reordered)?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from app.files import sha256_of
from app.seal.chain import ChainCheck, check_chain
from app.store.models import EvidenceItem
from app.store.store import Store

Problem = Literal["missing", "altered"]


@dataclass
class VerifyReport:
    checked: int = 0
    problems: list[tuple[EvidenceItem, Problem]] = field(default_factory=list)
    custody: dict[int, ChainCheck] = field(default_factory=dict)  # per case id

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self.custody.values())


def verify_store(store: Store, case_id: int | None = None,
                 on_progress: Callable[[int, int], None] | None = None) -> VerifyReport:
    """Re-hash the originals of one case (or of every case) against the database."""
    cases = [case_id] if case_id is not None else \
        [c.id for c in store.list_cases() + store.list_cases(trashed=True) if c.id is not None]
    items = [item for cid in cases for item in store.items(cid)]
    report = VerifyReport(custody={cid: check_chain(store.custody(cid)) for cid in cases})
    for n, item in enumerate(items, start=1):
        path = store.item_path(item)
        try:
            actual = sha256_of(path)
        except OSError:  # gone, or unreadable: either way it cannot serve as evidence
            report.problems.append((item, "missing"))
        else:
            if actual != item.sha256:
                report.problems.append((item, "altered"))
        report.checked += 1
        if on_progress:
            on_progress(n, len(items))
    return report
