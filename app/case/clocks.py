"""Each channel's clock (resources/rules/channels.toml [clocks.*]): the three years 12315
accepts a complaint in, its 7 working days to accept and 45 to mediate, the platform's and
12345's follow-up rhythm; and working days as China counts them, holidays and 调休
make-up Saturdays included (chinese-calendar), Monday to Friday past the years it knows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import chinese_calendar

from app.case.rules import channels_file
from app.i18n import Lang, choose
from app.paths import CHANNELS_PATH

# Statuses in which 12315 has accepted the complaint and is mediating.
ACCEPTED = {"accepted", "in_progress"}


@dataclass(frozen=True)
class Clock:
    complaint_years: int | None = None
    decide_working_days: int | None = None
    mediation_working_days: int | None = None
    follow_up_days: tuple[int, ...] = ()
    source: str = ""


@cache
def load_clocks(path: Path = CHANNELS_PATH) -> dict[str, Clock]:
    raw = channels_file(path)
    return {key: Clock(c.get("complaint_years"), c.get("decide_working_days"),
                       c.get("mediation_working_days"), tuple(c.get("follow_up_days", ())),
                       c.get("source", ""))
            for key, c in raw.get("clocks", {}).items()}


def is_working_day(day: date) -> tuple[bool, bool]:
    """(a working day?, known from the holiday calendar?) — past the calendar's years, a
    weekday counts and the answer says it is a guess."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_working_days(start: date, count: int) -> tuple[date, bool]:
    """The `count`th working day after `start`, and whether every day was in the calendar."""
    day, left, known = start, count, True
    while left > 0:
        day += timedelta(days=1)
        working, sure = is_working_day(day)
        known = known and sure
        left -= working
    return day, known


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class FollowUp:
    day: date
    why: tuple[str, str]
    calendar_known: bool = True  # False: working days counted Monday to Friday

    def describe(self, lang: Lang | None = None) -> str:
        text = choose(*self.why, lang)
        if not self.calendar_known:
            text += choose("（节假日安排尚未公布，按周一至周五计算）",
                           " (holidays not yet published: counted Monday to Friday)", lang)
        return text


def proposed_follow_up(channel: str, status: str, submitted_on: date,
                       today: date | None = None) -> FollowUp:
    """When to look at a submission again, by its channel's rules."""
    clocks = load_clocks()
    clock = clocks.get(channel) or clocks.get("platform") or Clock(follow_up_days=(7,))
    if clock.decide_working_days:
        decided, known = add_working_days(submitted_on, clock.decide_working_days)
        if status not in ACCEPTED or not clock.mediation_working_days:
            return FollowUp(decided, (
                f"12315 应在收到投诉后 {clock.decide_working_days} 个工作日内决定是否受理",
                f"12315 decides on acceptance within {clock.decide_working_days} working "
                "days"), known)
        ended, still_known = add_working_days(decided, clock.mediation_working_days)
        return FollowUp(ended, (
            f"受理后 {clock.mediation_working_days} 个工作日内未达成调解协议的，调解终止",
            f"mediation without agreement ends {clock.mediation_working_days} working days "
            "after acceptance"), known and still_known)
    today = today or date.today()
    days = clock.follow_up_days or (7,)
    for after in days:
        due = submitted_on + timedelta(days=after)
        if due >= today:
            break
    return FollowUp(due, (f"提交后第 {after} 天仍未答复，可催办",
                          f"no answer {after} days after submitting: follow up"))
