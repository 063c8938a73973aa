"""One chronological timeline of every dated fact in a case."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from app.case.progress import channel_name, status_name
from app.case.replies import format_span, reply_gaps
from app.i18n import Lang, choose, current_lang, pick
from app.records import facts_of
from app.store.models import EvidenceItem, Submission

# What a timestamp's label says happened, in both languages.
EVENT_OF_LABEL: list[tuple[tuple[str, ...], tuple[str, str]]] = [
    (("创建时间", "下单时间"), ("下单", "Order placed")),
    (("付款时间", "支付时间"), ("付款", "Paid")),
    (("发货时间",), ("卖家发货", "Shipped")),
    (("成交时间", "完成时间", "确认收货"), ("交易完成", "Order completed")),
]
EVENT_OF_KIND: dict[str, tuple[str, str]] = {
    "chat": ("聊天消息", "Chat message"),
    "payment": ("付款记录", "Payment record"),
    "logistics": ("物流记录", "Tracking event"),
    "order": ("订单记录", "Order record"),
}


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    event: str
    exhibit: int | None  # exhibit number (证据N), None for submissions
    inferred: bool = False
    detail: str = ""
    reply_gap: bool = False  # a long silence of the seller, not a dated fact
    date_only: bool = False  # an invoice's date or a submission's day: no time to show

    @property
    def stamp(self) -> str:
        return f"{self.when:%Y-%m-%d}" if self.date_only else f"{self.when:%Y-%m-%d %H:%M}"


def describe(label: str, kind: str, lang: Lang) -> str:
    if kind in ("payment", "logistics", "chat"):
        # On these screens 创建时间 is the payment's or the parcel's, not the order's.
        return pick(EVENT_OF_KIND[kind], lang)
    for labels, names in EVENT_OF_LABEL:
        if any(lab in label for lab in labels):
            return pick(names, lang)
    return pick(EVENT_OF_KIND.get(kind, ("时间记录", "Dated record")), lang)


def build_timeline(
    items: list[EvidenceItem],
    submissions: list[Submission] | None = None,
    lang: Lang | None = None,
    now: datetime | None = None,
) -> list[TimelineEntry]:
    """Every dated fact of the exhibits (numbered in list order), the seller's long
    silences in the chats (measured up to now) and every submission."""
    lang = lang or current_lang()
    entries: list[TimelineEntry] = []
    for number, item in enumerate(items, start=1):
        if item.recorded_at is not None:  # a video's or recording's own clock
            entries.append(TimelineEntry(
                item.recorded_at.astimezone().replace(tzinfo=None),
                choose("拍摄视频" if item.media == "video" else "通话录音",
                       "Video filmed" if item.media == "video" else "Call recorded", lang),
                number))
        for value in dict.fromkeys(f["value"] for f in facts_of(item.facts, "invoice_date")):
            with contextlib.suppress(ValueError):
                entries.append(TimelineEntry(datetime.fromisoformat(value),
                                             choose("开具发票", "Invoice issued", lang), number,
                                             date_only=True))
        corrected = "timestamps" in item.user_facts
        if corrected:
            stamps = [(s, "", False) for s in item.effective("timestamps")]
        else:
            stamps = [(f["value"], f.get("label", ""), bool(f.get("inferred")))
                      for f in facts_of(item.facts, "timestamp")]
        seen: set[str] = set()
        for value, label, inferred in stamps:
            if value in seen:
                continue
            seen.add(value)
            try:
                when = datetime.fromisoformat(value)
            except ValueError:
                continue
            entries.append(TimelineEntry(when, describe(label, item.kind, lang), number,
                                         inferred))
    for gap in reply_gaps(items, now):
        span = format_span(gap.length, lang)
        event = choose(f"卖家 {span}未回复" if gap.answered_at else f"卖家至今 {span}未回复",
                       f"No seller reply for {span}", lang)
        entries.append(TimelineEntry(gap.asked_at, event, gap.exhibits[0], gap.inferred,
                                     gap.describe(lang), reply_gap=True))
    for sub in submissions or []:
        detail = " ".join(x for x in (channel_name(sub.channel, lang), sub.reference,
                                      status_name(sub.status, lang)) if x)
        entries.append(TimelineEntry(datetime.combine(sub.submitted_on, datetime.min.time()),
                                     choose("提交投诉", "Complaint submitted", lang), None,
                                     False, detail, date_only=True))
    entries.sort(key=lambda e: (e.when, e.exhibit or 0))
    return entries
