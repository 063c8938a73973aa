"""The complaint windows: how many days are left to complain on the platform, and
until when 12315 accepts a complaint.

Taobao accepts complaints for about 30 days after an order completes. The completion
date is the one the buyer entered, or else the latest 成交时间 / 确认收货 time found in
an order screenshot. 12315 does not accept a complaint made more than three years after
the buyer knew of the harm (app.case.clocks): the date the buyer entered, else the
completion date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from app.case.clocks import Clock, load_clocks, years_later
from app.case.rules import load_rules
from app.i18n import Lang, choose
from app.records import facts_of
from app.store.models import Case, EvidenceItem

COMPLETION_LABELS = ("成交时间", "确认收货", "完成时间", "交易成功")
Level = Literal["ok", "warn", "passed"]


@dataclass(frozen=True)
class Deadline:
    completed_on: date
    inferred_from: int | None  # exhibit number the date was read from; None = entered
    last_day: date
    days_left: int  # 0 = today is the last day; negative = passed
    last_day_12315: date | None = None  # three years after the buyer knew of the harm
    today: date | None = None

    @property
    def level(self) -> Level:
        if self.days_left < 0:
            return "passed"
        return "warn" if self.days_left <= load_rules().warn_days_left else "ok"

    def describe(self, lang: Lang | None = None) -> str:
        last = self.last_day.isoformat()
        if self.days_left < 0:
            return self._after_platform(last, lang)
        if self.days_left == 0:
            return choose(f"今天（{last}）是平台投诉的最后一天",
                          f"today ({last}) is the last day to complain on the platform", lang)
        return choose(f"距平台投诉期限（{last}）还有 {self.days_left} 天",
                      f"{self.days_left} days left to complain on the platform (until {last})",
                      lang)

    def _after_platform(self, last: str, lang: Lang | None) -> str:
        """The platform's window has closed: what remains, and until when."""
        closed = choose(f"平台投诉期限已于 {last} 届满（已过 {-self.days_left} 天）",
                        f"the platform's complaint window closed on {last} "
                        f"({-self.days_left} days ago)", lang)
        final = self.last_day_12315
        if final is None:
            return closed
        if final >= (self.today or date.today()):
            return closed + choose(
                f"；仍可向 12315 投诉，最晚至 {final.isoformat()}（知道权益受损之日起三年）",
                f"; 12315 still accepts a complaint until {final.isoformat()} (three years "
                "from when you knew of the harm)", lang)
        return closed + choose(
            f"；向 12315 投诉的三年时限也已于 {final.isoformat()} 届满，市场监管部门不再受理。"
            "向法院起诉的诉讼时效一般也是三年，但曾向卖家或有关部门主张权利的可能重新起算，"
            "可咨询律师或当地消协",
            f"; the three years in which 12315 accepts a complaint also ended on "
            f"{final.isoformat()}. The time limit for a lawsuit is generally three years "
            "too, but it may have restarted if you claimed your rights from the seller or "
            "an authority since: ask a lawyer or the local consumer association", lang)

    def source(self, lang: Lang | None = None) -> str:
        if self.inferred_from is None:
            return choose("按填写的订单完成日期计算", "from the completion date you entered", lang)
        return choose(f"按证据{self.inferred_from}中的成交时间推算",
                      f"from the completion time in exhibit {self.inferred_from}", lang)


def read_completion_date(items: list[EvidenceItem]) -> tuple[date, int] | None:
    """The latest 成交时间 / 确认收货 date read from an order screenshot, with the exhibit
    number it was read from."""
    found: tuple[date, int] | None = None
    for number, item in enumerate(items, start=1):
        if item.kind != "order":
            continue
        for fact in facts_of(item.facts, "timestamp"):
            if fact.get("inferred"):
                continue
            if not any(label in fact.get("label", "") for label in COMPLETION_LABELS):
                continue
            try:
                day = datetime.fromisoformat(fact["value"]).date()
            except ValueError:
                continue
            if found is None or day > found[0]:
                found = (day, number)
    return found


def completion_date(case: Case, items: list[EvidenceItem]) -> tuple[date, int | None] | None:
    """The order completion date and where it came from (exhibit number, None = entered)."""
    if case.order_completed_on is not None:
        return case.order_completed_on, None
    return read_completion_date(items)


def complaint_deadline(case: Case, items: list[EvidenceItem],
                       today: date | None = None) -> Deadline | None:
    found = completion_date(case, items)
    if found is None:
        return None
    completed, exhibit = found
    today = today or date.today()
    last_day = completed + timedelta(days=load_rules().complaint_window_days)
    years = load_clocks().get("12315", Clock()).complaint_years
    harm = case.harm_known_on or completed
    return Deadline(completed, exhibit, last_day, (last_day - today).days,
                    years_later(harm, years) if years else None, today)
