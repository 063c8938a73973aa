"""Times on a page: full stamps (2024-04-05 23:44:36, and as OCR damages them), and a chat's
partial ones (昨天 13:01, 星期三 05:23, 11-23 13:01) dated from the full dates on the same
page or the day the screenshot was taken."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, timedelta

from app.ocr.fact import Fact
from app.ocr.words import Line

# A month OCR split with a stray space (2023-0 8-30).
_D2 = r"(\d ?\d|\d)"
FULL_STAMP = re.compile(
    rf"(20\d\d)\s*[-/.年]\s*{_D2}\s*[-/.月]\s*(\d{{1,2}})\s*日?\s*"
    r"(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?"
)
# A full stamp OCR damaged: the date's small hyphens lost or misread (2024040523:44:36,
# 202403-22, 2023-07:20, 2023-07-21.01:39:44),
# the year's first digit cut off at a bubble's edge (024-03-24 11:50:55). Taken only with
# the seconds, so the digits cannot be anything but a time.
COMPACT_STAMP = re.compile(r"(?<![\d-])(20\d\d|0[12]\d(?=-))[\s-]?([01]\d)[\s:.-]?([0-3]\d)[\s.]*"
                           r"([0-2]\d)\s*[:：]\s*([0-5]\d)\s*[:：]\s*([0-5]\d)(?!\d)")
DATE_ONLY = re.compile(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
MONTH_DAY_STAMP = re.compile(r"(?<![\d-])(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?\s+(\d{1,2}):(\d{2})")
RELATIVE_STAMP = re.compile(r"(今天|昨天|前天)\s*(\d{1,2}):(\d{2})")
WEEKDAY_STAMP = re.compile(r"(?:星期|周)([一二三四五六日天])\s*(\d{1,2}):(\d{2})")
TIME_ONLY = re.compile(r"^(?:上午|下午|晚上|中午)?\s*(\d{1,2}):(\d{2})$")

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
STATUS_BAR_FRACTION = 0.05


def _stamp(year: str, month: str, day: str, hour: str, minute: str,
           second: str | None) -> str | None:
    year = year if len(year) == 4 else "2" + year  # 024-03-24: the 2 cut off
    month, day, hour, minute = (v.replace(" ", "") for v in (month, day, hour, minute))
    second = second.replace(" ", "") if second else None
    try:
        dt = datetime(int(year), int(month), int(day), int(hour), int(minute),
                      int(second or 0))
    except ValueError:
        return None
    return dt.strftime("%Y-%m-%dT%H:%M:%S" if second else "%Y-%m-%dT%H:%M")


_CONFUSED_IN_NUMBER = re.compile(
    r"(?<=\d)[OolI|](?=[\d:.\-/])|(?<=[\d:.\-/])[OolI|](?=\d)|(?<=\d[:.])[OolI|]"
)


_DOT_IN_TIME = re.compile(r"(?<=[0-2]\d)\.(?=[0-5]\d[:：][0-5]\d(?![\d:：]))|"
                          r"(?<=[0-2]\d[:：][0-5]\d)\.(?=[0-5]\d(?![\d.]))")


def clean_for_times(text: str) -> str:
    # Inside numbers OCR writes O for 0 and l for 1; fix only next to digits, so words
    # such as "Hello" stay as they are. (Same length: match positions map to boxes.)
    text = _CONFUSED_IN_NUMBER.sub(lambda m: "0" if m.group() in "Oo" else "1", text)
    return _DOT_IN_TIME.sub(":", text)  # 12.32:42 and 11:49.20 are times


def _full_stamps(text: str) -> list[re.Match[str]]:
    """Full date-and-time stamps in a line: written out, or with the date's hyphens lost."""
    found = list(FULL_STAMP.finditer(text))
    found += [m for m in COMPACT_STAMP.finditer(text)
              if not any(m.start() < f.end() and f.start() < m.end() for f in found)]
    return sorted(found, key=lambda m: m.start())


def timestamps(lines: list[Line], image_height: int, reference: date | None) -> list[Fact]:
    facts: list[Fact] = []
    full_dates: list[date] = []
    for line in lines:
        text = clean_for_times(line.text)
        for m in _full_stamps(text):
            value = _stamp(*m.groups())
            if value:
                label = re.sub(r"[\s:：]+", "", text[: m.start()])[-8:]
                facts.append(Fact("timestamp", value, m.group(),
                                  line.box_of(m.start(), m.end()), label))
                full_dates.append(datetime.fromisoformat(value).date())
        for m in DATE_ONLY.finditer(text):
            with contextlib.suppress(ValueError):  # 2024-02-30 is no date
                full_dates.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    # Chat apps write 昨天 / 星期三 relative to the day the screenshot was taken (the
    # reference date); MM-DD stamps take their year from full dates in the same image.
    newest = max(full_dates) if full_dates else None
    today = reference or newest
    year_anchor = newest or reference
    if today is None or year_anchor is None:
        return facts
    current_day: date | None = None
    for line in lines:
        text = clean_for_times(line.text)
        if _full_stamps(text):
            continue
        found = _partial_stamp(text, today, year_anchor, current_day)
        if found is None:
            continue
        day, hour, minute, match = found
        if line.box[1] < image_height * STATUS_BAR_FRACTION:
            continue  # the phone's status-bar clock
        try:
            when = datetime(day.year, day.month, day.day, int(hour), int(minute))
        except ValueError:
            continue
        current_day = day
        facts.append(Fact("timestamp", when.strftime("%Y-%m-%dT%H:%M"), match.group(),
                          line.box_of(match.start(), match.end()), inferred=True, partial=True))
    return facts


def _partial_stamp(
    text: str, today: date, year_anchor: date, current_day: date | None
) -> tuple[date, str, str, re.Match[str]] | None:
    m = MONTH_DAY_STAMP.search(text)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        try:
            when = date(year_anchor.year, month, day)
            if when > max(today, year_anchor) + timedelta(days=1):
                when = date(year_anchor.year - 1, month, day)  # last December, seen in January
        except ValueError:
            return None
        return when, m.group(3), m.group(4), m
    m = RELATIVE_STAMP.search(text)
    if m:
        back = {"今天": 0, "昨天": 1, "前天": 2}[m.group(1)]
        return today - timedelta(days=back), m.group(2), m.group(3), m
    m = WEEKDAY_STAMP.search(text)
    if m:
        back = (today.weekday() - WEEKDAYS[m.group(1)]) % 7 or 7
        return today - timedelta(days=back), m.group(2), m.group(3), m
    m = TIME_ONLY.match(text.strip())
    if m:
        return current_day or today, m.group(1), m.group(2), m
    return None
