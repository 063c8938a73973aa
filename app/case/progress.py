"""The progress log: every complaint filed, where it stands, when to follow up."""

from __future__ import annotations

from datetime import date

from app.case.rules import load_channels
from app.i18n import Lang, pick
from app.store.models import Submission

STATUSES: dict[str, tuple[str, str]] = {
    "submitted": ("已提交", "Submitted"),
    "accepted": ("已受理", "Accepted"),
    "in_progress": ("处理中", "In progress"),
    "resolved": ("已解决", "Resolved"),
    "unresolved": ("未解决", "Not resolved"),
    "withdrawn": ("已撤回", "Withdrawn"),
}
CLOSED = {"resolved", "withdrawn"}


def status_name(status: str, lang: Lang | None = None) -> str:
    return str(pick(STATUSES.get(status, (status, status)), lang))


def channel_name(channel: str, lang: Lang | None = None) -> str:
    """A channel id from the guide, in words; anything else the buyer typed, as typed."""
    known = load_channels().channel(channel)
    return str(pick(known.name, lang)) if known else channel


def is_overdue(sub: Submission, today: date | None = None) -> bool:
    """A follow-up date has passed and the complaint is still open."""
    return (sub.next_follow_up is not None and sub.status not in CLOSED
            and sub.next_follow_up < (today or date.today()))


def overdue(submissions: list[Submission], today: date | None = None) -> list[Submission]:
    return [s for s in submissions if is_overdue(s, today)]
