"""Complaint types and their evidence checklists, read from resources/rules/complaints.toml."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.i18n import Lang, choose, pick
from app.paths import CHANNELS_PATH, RULES_PATH

KINDS: tuple[str, ...] = ("order", "chat", "payment", "logistics", "photo", "video",
                          "invoice", "report", "audio", "other")
PLATFORMS: tuple[str, ...] = ("taobao", "tmall", "jd", "pdd", "other")


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    kinds: tuple[str, ...]
    min_count: int
    label_zh: str
    label_en: str
    hint_zh: str
    hint_en: str

    def label(self, lang: Lang | None = None) -> str:
        return choose(self.label_zh, self.label_en, lang)

    def hint(self, lang: Lang | None = None) -> str:
        return choose(self.hint_zh, self.hint_en, lang)


@dataclass(frozen=True)
class ComplaintType:
    id: str
    name_zh: str
    name_en: str
    checklist: tuple[ChecklistItem, ...]
    # What the complaint letter says when the buyer has not written it themselves.
    problem: tuple[str, str] = ("", "")
    request: tuple[str, str] = ("", "")
    law: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    def name(self, lang: Lang | None = None) -> str:
        return choose(self.name_zh, self.name_en, lang)


@dataclass(frozen=True)
class Channel:
    id: str
    name: tuple[str, str]
    contact: tuple[str, str]
    when: tuple[str, str]
    prepare: tuple[str, str]


@dataclass(frozen=True)
class ChannelGuide:
    channels: tuple[Channel, ...]
    tips: tuple[tuple[str, ...], tuple[str, ...]]

    def channel(self, channel_id: str) -> Channel | None:
        return next((c for c in self.channels if c.id == channel_id), None)


@dataclass(frozen=True)
class PackRules:
    """What one channel's upload pack holds (resources/rules/channels.toml [packs.*])."""
    id: str
    name: tuple[str, str]
    images: bool  # captioned pictures, one per exhibit
    max_images: int | None  # None: every exhibit
    max_image_bytes: int
    pdf: bool  # the bundle PDF, split over pdf_max_mb
    pdf_max_mb: float | None
    public: bool  # published for anyone: every kind of personal data blacked out
    bundle: bool  # the whole bundle to print, the complaint first
    how: tuple[str, str]
    source: str


@dataclass(frozen=True)
class KindText:
    """What the evidence catalogue says of an exhibit of this kind (templates)."""

    source: tuple[str, str]
    purpose: tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Rules:
    complaint_window_days: int
    warn_days_left: int
    kind_names: dict[str, tuple[str, str]]
    types: dict[str, ComplaintType]
    kind_texts: dict[str, KindText]

    def kind_name(self, kind: str, lang: Lang | None = None) -> str:
        return pick(self.kind_names.get(kind, (kind, kind)), lang)

    def complaint_type(self, type_id: str) -> ComplaintType:
        return self.types.get(type_id) or self.types["other"]


@dataclass(frozen=True)
class ChecklistStatus:
    item: ChecklistItem
    count: int

    @property
    def satisfied(self) -> bool:
        return self.count >= self.item.min_count


@cache
def load_rules(path: Path = RULES_PATH) -> Rules:
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    types: dict[str, ComplaintType] = {}
    for t in raw["types"]:
        items = tuple(
            ChecklistItem(
                id=c["id"],
                kinds=tuple(c["kinds"]),
                min_count=int(c.get("min", 1)),
                label_zh=c["zh"],
                label_en=c["en"],
                hint_zh=c["hint_zh"],
                hint_en=c["hint_en"],
            )
            for c in t["checklist"]
        )
        types[t["id"]] = ComplaintType(
            t["id"], t["zh"], t["en"], items,
            problem=(t.get("problem_zh", ""), t.get("problem_en", "")),
            request=(t.get("request_zh", ""), t.get("request_en", "")),
            law=(tuple(t.get("law_zh", ())), tuple(t.get("law_en", ()))),
        )
    kind_names = {k: (v["zh"], v["en"]) for k, v in raw["kinds"].items()}
    kind_texts = {k: KindText((v.get("source_zh", ""), v.get("source_en", "")),
                              (tuple(v.get("purpose_zh", ())), tuple(v.get("purpose_en", ()))))
                  for k, v in raw["kinds"].items()}
    return Rules(
        complaint_window_days=int(raw["complaint_window_days"]),
        warn_days_left=int(raw["warn_days_left"]),
        kind_names=kind_names,
        types=types,
        kind_texts=kind_texts,
    )


@cache
def channels_file(path: Path = CHANNELS_PATH) -> dict[str, Any]:
    """resources/rules/channels.toml, read once: the guide, the packs and the clocks."""
    with path.open("rb") as fh:
        return tomllib.load(fh)


def form12315_limits() -> tuple[int, int]:
    """12315's form: characters for 事情经过 and for 商品/服务名称 ([packs.12315])."""
    pack = channels_file().get("packs", {}).get("12315", {})
    return (int(pack.get("form_facts_max_chars", 1000)),
            int(pack.get("form_product_max_chars", 50)))


@cache
def load_channels(path: Path = CHANNELS_PATH) -> ChannelGuide:
    raw = channels_file(path)
    channels = tuple(
        Channel(c["id"], (c["zh"], c["en"]), (c["contact_zh"], c["contact_en"]),
                (c["when_zh"], c["when_en"]), (c["prepare_zh"], c["prepare_en"]))
        for c in raw["channels"]
    )
    return ChannelGuide(channels, (tuple(raw["tips"]["zh"]), tuple(raw["tips"]["en"])))


@cache
def load_packs(path: Path = CHANNELS_PATH) -> dict[str, PackRules]:
    raw = channels_file(path)
    return {
        key: PackRules(
            key, (p["zh"], p["en"]), bool(p.get("images")), p.get("max_images"),
            int(float(p.get("max_image_mb", 2)) * 1_000_000), bool(p.get("pdf")),
            p.get("pdf_max_mb"), bool(p.get("public")), bool(p.get("bundle")),
            (p["how_zh"], p["how_en"]), p["source"])
        for key, p in raw.get("packs", {}).items()
    }


def evaluate_checklist(complaint_type: str, kinds: Iterable[str]) -> list[ChecklistStatus]:
    """How many items of the case satisfy each checklist entry of the complaint type."""
    counts = Counter(kinds)
    ctype = load_rules().complaint_type(complaint_type)
    return [
        ChecklistStatus(item, sum(counts[k] for k in item.kinds)) for item in ctype.checklist
    ]
