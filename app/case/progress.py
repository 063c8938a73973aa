"""The progress log: every complaint filed, where it stands, when to follow up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.case.rules import load_channels
from app.i18n import Lang, choose, pick
from app.seal.chain import Entry
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


@dataclass(frozen=True)
class SentPack:
    """An export or channel pack as the chain of custody recorded it: what a submission
    can say it sent."""
    entry: str  # the custody entry's hash
    at: str  # UTC, ISO
    pack: str  # bundle, public, taobao, 12315, heimao, print
    name: str  # the file or folder
    files: dict[str, str]  # name -> SHA-256 (a single PDF: itself)

    def describe(self, lang: Lang | None = None) -> str:
        when = self.at.replace("T", " ")[:16]
        count = len(self.files)
        return choose(f"{self.name}（{when} UTC 导出，{count} 个文件）",
                      f"{self.name} (exported {when} UTC, {count} files)", lang)


def sent_packs(chain: list[Entry]) -> list[SentPack]:
    """Every export of the case, newest first."""
    found = []
    for entry in chain:
        fields = entry.fields()
        details = fields.get("details") or {}
        if fields.get("action") != "exported" or not isinstance(details, dict):
            continue
        files = details.get("files") or {str(details.get("file", "")): str(
            details.get("sha256", ""))}
        found.append(SentPack(entry.hash, str(fields.get("at", "")),
                              str(details.get("pack", "")), str(details.get("file", "")),
                              {str(k): str(v) for k, v in files.items()}))
    return found[::-1]
