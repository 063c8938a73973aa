"""The complaint letter (投诉书): a calm, factual draft the buyer edits and sends.

Everything in it comes from the case: the parties, the order, the dated facts, the reply
gaps, the complaints already filed, the request, the evidence by exhibit number and the
legal basis for the complaint type (resources/rules/complaints.toml).
"""

from __future__ import annotations

from datetime import date, datetime

from app.case.progress import channel_name, status_name
from app.case.rules import load_rules, pick
from app.case.timeline import TimelineEntry, build_timeline
from app.i18n import Lang, current_lang, t
from app.store.models import Case, EvidenceItem, Submission

# Online forms cap the description; 12315's is the tightest commonly met.
FORM_LIMIT = 1000


def letter_text(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                lang: Lang | None = None, today: date | None = None) -> str:
    """The buyer's own version if they edited one, else a fresh draft."""
    if case.letter_text.strip():
        return case.letter_text
    return draft_letter(case, items, submissions, lang, today)


def draft_letter(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                 lang: Lang | None = None, today: date | None = None) -> str:
    lang = lang or current_lang()
    zh = lang == "zh"
    today = today or date.today()
    rules = load_rules()
    ctype = rules.complaint_type(case.complaint_type)
    platform = t(f"platform.{case.platform}", lang=lang)
    orders = _orders(case, items)
    out: list[str] = [("投诉书" if zh else "Complaint"), ""]

    seller = case.shop or ("（店铺名称）" if zh else "(shop name)")
    facts = [
        (("事由", "Subject"), case.title),
        (("被投诉方", "Against"), f"{platform} · {seller}"),
        (("订单编号", "Order number"), "、".join(orders) if zh else ", ".join(orders)),
        (("实付金额", "Amount paid"), f"¥{case.amount}" if case.amount else ""),
        (("订单完成日期", "Order completed"),
         case.order_completed_on.isoformat() if case.order_completed_on else ""),
        (("投诉类型", "Complaint type"), ctype.name(lang)),
    ]
    for label, value in facts:
        if value:
            out.append(f"{pick(label, lang)}：{value}" if zh else f"{pick(label, lang)}: {value}")
    out.append("")

    out.append("一、事情经过" if zh else "1. What happened")
    out.append(case.description.strip() or str(pick(ctype.problem, lang)))
    events = [e for e in build_timeline(items, [], lang,
                                        now=datetime.combine(today, datetime.min.time()))
              if e.exhibit is not None]
    key_events = _key_events(events, zh)
    if key_events:
        out.append(("主要时间：" if zh else "Key dates: ") + ("；" if zh else "; ").join(key_events)
                   + ("。" if zh else "."))
    # The timeline already measured the seller's silences; tell the first three.
    for gap in [e for e in events if e.reply_gap][:3]:
        out.append(gap.detail + ("。" if zh else "."))
    out.append("")

    out.append("二、协商经过" if zh else "2. What I have tried")
    chats = [n for n, i in enumerate(items, start=1) if i.kind == "chat"]
    if chats:
        refs = _refs(chats, zh)
        out.append(f"我已通过平台聊天与卖家沟通（见{refs}），问题至今未得到解决。" if zh else
                   f"I raised the problem with the seller in the platform chat (see {refs}); "
                   "it has not been resolved.")
    else:
        out.append("我已与卖家沟通，问题至今未得到解决。" if zh else
                   "I raised the problem with the seller; it has not been resolved.")
    for sub in submissions:
        ref = (f"，受理编号 {sub.reference}" if zh else f", reference {sub.reference}") \
            if sub.reference else ""
        out.append(
            f"{sub.submitted_on.isoformat()} 已向{channel_name(sub.channel, lang)}投诉{ref}，"
            f"目前状态：{status_name(sub.status, lang)}。" if zh else
            f"On {sub.submitted_on.isoformat()} I complained to "
            f"{channel_name(sub.channel, lang)}{ref}; status: {status_name(sub.status, lang)}.")
    out.append("")

    out.append("三、投诉请求" if zh else "3. My request")
    out.append(case.requested_outcome.strip() or str(pick(ctype.request, lang)))
    out.append("")

    out.append("四、证据清单" if zh else "4. Evidence")
    if items:
        for n, item in enumerate(items, start=1):
            kind = rules.kind_name(item.kind, lang)
            caption = f"：{item.caption}" if zh and item.caption else \
                (f": {item.caption}" if item.caption else "")
            out.append(f"证据{n}　{kind}{caption}" if zh else f"Exhibit {n}  {kind}{caption}")
    else:
        out.append("（见所附证据材料）" if zh else "(see the attached evidence bundle)")
    out.append("")

    law = pick(ctype.law, lang)
    if law:
        out.append("五、依据" if zh else "5. Legal basis")
        out.extend(law)
        out.append("")

    out.append("以上情况属实，请予受理并督促商家依法处理。" if zh else
               "The above is true. Please accept this complaint and have the seller "
               "resolve it as the law requires.")
    out.append("")
    out.append("投诉人：　　　　　　联系电话：" if zh else "Name:                Phone:")
    out.append(f"日期：{today.year}年{today.month}月{today.day}日" if zh else
               f"Date: {today.isoformat()}")
    return "\n".join(out)


def char_count(text: str) -> int:
    """Characters as an online form counts them: everything but line breaks."""
    return len(text.replace("\r", "").replace("\n", ""))


def _orders(case: Case, items: list[EvidenceItem]) -> list[str]:
    found = [case.order_number] if case.order_number else []
    for item in items:
        if item.kind == "order":
            found += item.effective("order_numbers")
    return list(dict.fromkeys(o for o in found if o))[:3]


def _key_events(events: list[TimelineEntry], zh: bool) -> list[str]:
    """The first of each kind of event (下单, 付款, 发货, 交易完成), in time order."""
    seen: set[str] = set()
    out = []
    for e in events:
        if e.event in seen or e.inferred or e.reply_gap or \
                e.event in ("聊天消息", "Chat message"):
            continue  # chat times and silences are told separately
        seen.add(e.event)
        ref = f"证据{e.exhibit}" if zh else f"exhibit {e.exhibit}"
        out.append(f"{e.when:%Y-%m-%d %H:%M} {e.event}（{ref}）" if zh else
                   f"{e.when:%Y-%m-%d %H:%M} {e.event} ({ref})")
    return out[:6]


def _refs(numbers: list[int], zh: bool) -> str:
    if zh:
        return "、".join(f"证据{n}" for n in numbers)
    return ", ".join(f"exhibit {n}" for n in numbers)
