"""The complaint letter (投诉书): a calm, factual draft the buyer edits and sends.

Everything in it comes from the case: the parties, the order, the dated facts, the reply
gaps, the complaints already filed, the request, the evidence by exhibit number and the
legal basis for the complaint type (resources/rules/complaints.toml).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

from app.case.progress import channel_name, status_name
from app.case.rules import form12315_limits, load_rules
from app.case.timeline import TimelineEntry, build_timeline
from app.i18n import Lang, choose, current_lang, join_list, pick, t
from app.store.models import Case, EvidenceItem, Submission

# Online forms cap the description; 12315's is the tightest commonly met.
FORM_LIMIT = form12315_limits()[0]


def letter_text(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                lang: Lang | None = None, today: date | None = None) -> str:
    """The buyer's own version if they edited one, else a fresh draft."""
    if case.letter_text.strip():
        return case.letter_text
    return draft_letter(case, items, submissions, lang, today)


def draft_letter(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                 lang: Lang | None = None, today: date | None = None) -> str:
    lang = lang or current_lang()
    today = today or date.today()
    say = _say(lang)
    ctype = load_rules().complaint_type(case.complaint_type)
    out: list[str] = [say("投诉书", "Complaint"), ""]
    out += _parties(case, items, lang)
    out.append("")

    out.append(say("一、事情经过", "1. What happened"))
    out.append(case.description.strip() or pick(ctype.problem, lang))
    events = [e for e in build_timeline(items, [], lang,
                                        now=datetime.combine(today, datetime.min.time()))
              if e.exhibit is not None]
    key_events = _key_events(events, lang)
    if key_events:
        out.append(say("主要时间：", "Key dates: ") + say("；", "; ").join(key_events)
                   + say("。", "."))
    # The timeline already measured the seller's silences; tell the first three.
    for gap in [e for e in events if e.reply_gap][:3]:
        out.append(gap.detail + say("。", "."))
    out.append("")

    out.append(say("二、协商经过", "2. What I have tried"))
    out += _negotiation(items, submissions, lang)
    out.append("")

    out.append(say("三、投诉请求", "3. My request"))
    out.append(case.requested_outcome.strip() or pick(ctype.request, lang))
    out.append("")

    out.append(say("四、证据清单", "4. Evidence"))
    out += _evidence_list(items, lang)
    out.append("")

    law = pick(ctype.law, lang)
    if law:
        out.append(say("五、依据", "5. Legal basis"))
        out.extend(law)
        out.append("")

    out.append(say("以上情况属实，请予受理并督促商家依法处理。",
                   "The above is true. Please accept this complaint and have the seller "
                   "resolve it as the law requires."))
    out.append("")
    out.append(say(f"投诉人：{case.buyer_name or '　' * 6}　联系电话：{case.buyer_phone}",
                   f"Name: {case.buyer_name or ' ' * 15}  Phone: {case.buyer_phone}"))
    out.append(say(f"日期：{today.year}年{today.month}月{today.day}日",
                   f"Date: {today.isoformat()}"))
    return "\n".join(out)


def _say(lang: Lang) -> Callable[[str, str], str]:
    def say(zh: str, en: str) -> str:
        return choose(zh, en, lang)
    return say


def _parties(case: Case, items: list[EvidenceItem], lang: Lang) -> list[str]:
    say = _say(lang)
    platform = t(f"platform.{case.platform}", lang=lang)
    seller = case.shop or say("（店铺名称）", "(shop name)")
    if case.seller_company:  # the business behind the shop, as its licence names it
        seller += say(f"（{case.seller_company}）", f" ({case.seller_company})")
    facts = [
        (("事由", "Subject"), case.title),
        (("被投诉方", "Against"), f"{platform} · {seller}"),
        (("订单编号", "Order number"), say("、", ", ").join(_orders(case, items))),
        (("实付金额", "Amount paid"), f"¥{case.amount}" if case.amount else ""),
        (("订单完成日期", "Order completed"),
         case.order_completed_on.isoformat() if case.order_completed_on else ""),
        (("投诉类型", "Complaint type"),
         load_rules().complaint_type(case.complaint_type).name(lang)),
    ]
    return [pick(label, lang) + say("：", ": ") + value for label, value in facts if value]


def _negotiation(items: list[EvidenceItem], submissions: list[Submission],
                 lang: Lang) -> list[str]:
    say = _say(lang)
    chats = [n for n, i in enumerate(items, start=1) if i.kind == "chat"]
    out: list[str] = []
    if chats:
        refs = _refs(chats, lang)
        out.append(say(f"我已通过平台聊天与卖家沟通（见{refs}），问题至今未得到解决。",
                       f"I raised the problem with the seller in the platform chat (see "
                       f"{refs}); it has not been resolved."))
    else:
        out.append(say("我已与卖家沟通，问题至今未得到解决。",
                       "I raised the problem with the seller; it has not been resolved."))
    for sub in submissions:
        ref = say(f"，受理编号 {sub.reference}", f", reference {sub.reference}") \
            if sub.reference else ""
        day, channel = sub.submitted_on.isoformat(), channel_name(sub.channel, lang)
        status = status_name(sub.status, lang)
        out.append(say(f"{day} 已向{channel}投诉{ref}，目前状态：{status}。",
                       f"On {day} I complained to {channel}{ref}; status: {status}."))
    return out


def _evidence_list(items: list[EvidenceItem], lang: Lang) -> list[str]:
    say = _say(lang)
    if not items:
        return [say("（见所附证据材料）", "(see the attached evidence bundle)")]
    rules = load_rules()
    out = []
    for n, item in enumerate(items, start=1):
        kind = rules.kind_name(item.kind, lang)
        caption = say("：", ": ") + item.caption if item.caption else ""
        out.append(say(f"证据{n}　{kind}{caption}", f"Exhibit {n}  {kind}{caption}"))
    return out


def letter_part(text: str, first: int, last: int) -> str:
    """Sections first..last of a letter (一、 = 1), as the buyer may have edited them: the
    facts for a form's 事情经过 box."""
    heading = re.compile(r"^(?:([一二三四五六七八九十])、|(\d{1,2})\.\s)")
    numerals = "一二三四五六七八九十"
    kept, section = [], 0
    for line in text.splitlines():
        found = heading.match(line.strip())
        if found:
            section = numerals.index(found[1]) + 1 if found[1] else int(found[2])
            continue
        if first <= section <= last and line.strip():
            kept.append(line.strip())
    return "\n".join(kept)


def char_count(text: str) -> int:
    """Characters as an online form counts them: everything but line breaks."""
    return len(text.replace("\r", "").replace("\n", ""))


def _orders(case: Case, items: list[EvidenceItem]) -> list[str]:
    found = [case.order_number] if case.order_number else []
    for item in items:
        if item.kind == "order":
            found += item.effective("order_numbers")
    return list(dict.fromkeys(o for o in found if o))[:3]


def _key_events(events: list[TimelineEntry], lang: Lang) -> list[str]:
    """The first of each kind of event (下单, 付款, 发货, 交易完成), in time order."""
    seen: set[str] = set()
    out = []
    for e in events:
        if e.event in seen or e.inferred or e.reply_gap or \
                e.event in ("聊天消息", "Chat message"):
            continue  # chat times and silences are told separately
        seen.add(e.event)
        when = e.stamp
        out.append(choose(f"{when} {e.event}（证据{e.exhibit}）",
                          f"{when} {e.event} (exhibit {e.exhibit})", lang))
    return out[:6]


def _refs(numbers: list[int], lang: Lang) -> str:
    return join_list((choose(f"证据{n}", f"exhibit {n}", lang) for n in numbers), lang)
