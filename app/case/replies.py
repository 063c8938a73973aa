"""Reply gaps: the buyer wrote, and the seller said nothing for a long time.

For a 客服已读不回 complaint this is the evidence: every chat screenshot of the case is
merged into one conversation, and each run of buyer messages is measured to the next
seller message (or to now, if none came).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from app.i18n import Lang, choose, join_list
from app.records import messages_of
from app.store.models import EvidenceItem

MIN_GAP = timedelta(hours=24)


@dataclass(frozen=True)
class ReplyGap:
    asked_at: datetime  # the first unanswered buyer message
    answered_at: datetime | None  # the seller's next message; None = never, so far
    until: datetime  # answered_at, or the moment the gap was measured
    exhibits: tuple[int, ...]  # where the unanswered messages are shown
    messages: int  # how many buyer messages went unanswered
    read: bool  # the app showed the buyer's message as 已读
    inferred: bool  # a time came from a partial stamp (昨天 13:01)

    @property
    def length(self) -> timedelta:
        return self.until - self.asked_at

    def describe(self, lang: Lang | None = None) -> str:
        span = format_span(self.length, lang)
        start = f"{self.asked_at:%Y-%m-%d %H:%M}"
        refs = join_list((choose(f"证据{n}", f"exhibit {n}", lang) for n in self.exhibits),
                         lang)
        read = choose("（显示已读）", " (shown as read)", lang) if self.read else ""
        asked = choose(f"买家于 {start} 发出{self.messages}条消息{read}，",
                       f"{self.messages} buyer message(s) from {start}{read}: ", lang)
        if self.answered_at is None:
            return asked + choose(f"卖家至今（{span}）未回复（{refs}）",
                                  f"no seller reply for {span} so far ({refs})", lang)
        return asked + choose(f"卖家在 {span}内未回复（{refs}）",
                              f"no seller reply for {span} ({refs})", lang)


def format_span(span: timedelta, lang: Lang | None = None) -> str:
    days, rest = divmod(int(span.total_seconds()), 86400)
    hours = rest // 3600
    minutes = (rest % 3600) // 60
    if not days and not hours:
        return choose(f"{minutes} 分钟", f"{minutes} minutes", lang)
    parts = [choose(f"{days} 天", f"{days} day{'s' * (days != 1)}", lang) if days else "",
             choose(f"{hours} 小时", f"{hours} hour{'s' * (hours != 1)}", lang) if hours else ""]
    return " ".join(p for p in parts if p)


def reply_gaps(items: list[EvidenceItem], now: datetime | None = None,
               min_gap: timedelta = MIN_GAP) -> list[ReplyGap]:
    """Gaps of at least min_gap after buyer messages, across the chat exhibits of a case
    (exhibits numbered in list order)."""
    now = now or datetime.now()
    messages: dict[tuple[str, str, str], tuple[datetime, str, int, bool, bool, int]] = {}
    for number, item in enumerate(items, start=1):
        if item.kind != "chat":
            continue
        for fact in messages_of(item.facts):
            try:
                when = datetime.fromisoformat(fact["when"])
            except ValueError:
                continue
            # The same message on two overlapping screenshots counts once.
            key = (fact["when"], fact["side"], fact["text"])
            if key not in messages:
                messages[key] = (when, fact["side"], number, bool(fact.get("read")),
                                 bool(fact.get("inferred")), int(fact["box"][1]))
    # Within one minute, screen order (exhibit, then height on the screen) decides.
    ordered = sorted(messages.values(), key=lambda m: (m[0], m[2], m[5]))
    gaps: list[ReplyGap] = []
    pending: list[tuple[datetime, str, int, bool, bool, int]] = []
    for message in [*ordered, None]:
        if message is not None and message[1] == "buyer":
            pending.append(message)
            continue
        if pending:
            answered = message[0] if message is not None else None
            until = answered or max(now, pending[-1][0])
            gap = ReplyGap(
                asked_at=pending[0][0], answered_at=answered, until=until,
                exhibits=tuple(sorted({m[2] for m in pending})),
                messages=len(pending), read=any(m[3] for m in pending),
                inferred=any(m[4] for m in pending) or bool(message and message[4]),
            )
            if gap.length >= min_gap:
                gaps.append(gap)
            pending = []
    return gaps
