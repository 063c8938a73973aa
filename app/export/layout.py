"""What every part of the bundle shares: page geometry, fonts, styles, small
flowables, and the base every section builds on."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    TableStyle,
)

from app.case.deadline import complaint_deadline
from app.case.orders import item_checks, reference_orders
from app.case.rules import load_rules
from app.export.glyphs import FONT, markup, register_fonts
from app.export.images import ImageSlice
from app.i18n import Lang, Refusal, choose, current_lang, join_list
from app.privacy.redaction import DEFAULT_TYPES
from app.records import FactType, facts_of
from app.seal.chain import GENESIS
from app.seal.identity import Identity
from app.seal.manifest import Manifest
from app.store.media_import import text_layer_path
from app.store.models import Case, EvidenceItem, Submission
from app.store.store import Store

# Binary image streams: ASCII85 text-encoding adds a quarter to the size and, in pure
# Python, most of the export time. Every PDF reader handles binary streams.
rl_config.useA85 = 0

MARGIN = 18 * mm
HEADER_H = 12 * mm
FOOTER_H = 12 * mm
EXHIBIT_INFO_H = 62 * mm  # room reserved above the first image slice of an exhibit
ACCENT = colors.HexColor("#1f4e79")
MISSING = colors.HexColor("#c0392b")
PRESENT = colors.HexColor("#1e8449")
GRID = colors.HexColor("#b0b7c3")
SHADE = colors.HexColor("#eef2f7")
# After a value that is an OCR reading the buyer has not confirmed (explained in the index).
UNCONFIRMED = "*"

Progress = Callable[[int, int], None]




@dataclass
class ExportOptions:
    page_size: str = "A4"  # or "Letter"
    lang: Lang | None = None
    now: datetime | None = None  # export time; tests fix it
    on_progress: Progress | None = None
    # Split into parts no larger than this, in MB as a buyer and the channels count them
    # (1 MB = 1,000,000 bytes; a "10 MB" upload limit refuses 10.47 million bytes).
    max_part_mb: float | None = None
    # Personal data blacked out in the exhibits (manual boxes always are).
    redact_types: frozenset[str] = DEFAULT_TYPES
    # Also append each redacted exhibit unredacted: for an official who needs it, never
    # for a public upload.
    include_originals: bool = False
    # Export exhibits not yet read by OCR (their personal data was never looked for).
    allow_unscanned: bool = False
    # Refuse when an exhibit's personal data may not all have been found (a photo, an
    # unclear or tiny picture) rather than warn.
    strict_privacy: bool = False
    # A pack published for anyone (黑猫投诉): no file names, case title nor signer's name.
    public: bool = False
    signer_name: str = ""  # in the signing certificate, else a pseudonym
    tsa_url: str = ""  # an RFC 3161 timestamp authority; none by default (no network)
    on_notice: Callable[[str], None] | None = None  # what the buyer should know (TSA down)
    channel: str = ""  # the channel pack this bundle is for (app.export.packs), if any


@dataclass(frozen=True)
class Part:
    """Exhibits [start, end) (0-based) of a part. The first part (front) also holds the
    cover, index and letter; the part that ends with the last exhibit, the channel guide."""

    start: int
    end: int
    front: bool
    number: int | None = None  # of a split export's parts, from 1


class ExportRefused(Refusal):
    """The bundle would say something untrue or leak something."""


@dataclass
class PassLayout:
    """What pass one learned: where exhibits start, how many pages there are."""

    exhibit_pages: dict[int, int] = field(default_factory=dict)
    appendix_page: int = 0  # where the channel guide starts; no exhibit header from there
    verification_page: int = 0  # where the 校验页 starts: not numbered, not counted
    total_pages: int = 0


class Anchor(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Zero-size marker: a bookmark and outline entry, and a note of the page it lands on."""

    def __init__(self, key: str, title: str, level: int, on_page: Callable[[int], None]
                 | None = None) -> None:
        super().__init__()
        self.key, self.title, self.level, self.on_page = key, title, level, on_page
        self.width = self.height = 0

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)
        if self.on_page:
            self.on_page(canv.getPageNumber())


class Box(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """An empty box the size of an image: pass one needs the layout, not the pixels."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def wrap(self, _avail_w: float, _avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        pass


def grid_style(header: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), SHADE))
    return TableStyle(commands)


def local_time(when: datetime) -> str:
    """A stored UTC time in the machine's local time zone, with its offset."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def fit_width(text: str, width: float, font: str, size: float) -> str:
    """`text` cut (with …) to what fits in `width` points: a CJK character is twice as
    wide as a Latin one, so a count of characters does not say what fits."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))



class BundleBase:
    """The case, its evidence and the options, with the texts and styles the sections use."""

    def __init__(self, store: Store, case: Case, items: list[EvidenceItem],
                 submissions: list[Submission], options: ExportOptions, now: datetime,
                 work_dir: Path) -> None:
        register_fonts()
        self.store, self.case, self.items = store, case, items
        self.work_dir = work_dir  # the picture slices, until the PDF is written
        self.submissions = submissions
        self.options, self.now = options, now
        self.lang: Lang = options.lang or current_lang()
        self.rules = load_rules()
        self.pagesize = LETTER if options.page_size.lower() == "letter" else A4
        self.content_w = self.pagesize[0] - 2 * MARGIN
        self.content_h = self.pagesize[1] - 2 * MARGIN - HEADER_H - FOOTER_H
        self.styles = self._styles()
        self._slices: dict[int, list[ImageSlice]] = {}
        self._original_slices: dict[int, list[ImageSlice]] = {}  # unredacted, if asked
        self._redacted: dict[int, int] = {}  # areas blacked out per exhibit
        self._closeups: dict[int, ImageSlice] = {}  # the text of a photo, enlarged
        self._measure = Canvas(io.BytesIO(), pagesize=self.pagesize)  # for measuring only
        self._layout_only = False
        self._who: Identity | None = None  # the signing identity, loaded on first use
        self._printed: dict[Path, str] = {}  # SHA-256 of each picture file printed
        self._manifests: dict[Part, Manifest] = {}  # one per part: as printed, as sealed
        self.notices: list[str] = []
        self.deadline = complaint_deadline(case, items, now.date())
        self.references = reference_orders(case, items)
        # The case's chain of custody as this export begins; its head goes in the manifest.
        self.custody = store.custody(case.id or 0)
        self.custody_head = self.custody[-1].hash if self.custody else GENESIS

    def tr(self, zh: str, en: str) -> str:
        return choose(zh, en, self.lang)

    def _styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=15,
                              wordWrap="CJK")
        return {
            "base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
            "mono": ParagraphStyle("mono", parent=base, fontSize=8, leading=11),
            "h1": ParagraphStyle("h1", parent=base, fontSize=16, leading=24, spaceAfter=8,
                                 textColor=ACCENT, keepWithNext=1),
            "title": ParagraphStyle("title", parent=base, fontSize=26, leading=36,
                                    alignment=TA_CENTER, spaceAfter=6 * mm),
            "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20,
                                       alignment=TA_CENTER, textColor=ACCENT),
            "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
            "cellsmall": ParagraphStyle("cellsmall", parent=base, fontSize=7.5, leading=10),
            "missing": ParagraphStyle("missing", parent=base, fontSize=9, leading=12.5,
                                      textColor=MISSING),
            "present": ParagraphStyle("present", parent=base, fontSize=9, leading=12.5,
                                      textColor=PRESENT),
            "letter": ParagraphStyle("letter", parent=base, fontSize=10.5, leading=17,
                                     spaceAfter=1),
            # the 12315 form sheet, large enough to retype from
            "form": ParagraphStyle("form", parent=base, fontSize=14, leading=22, spaceAfter=4),
            # 一、事情经过: never alone at the foot of a page
            "letterhead": ParagraphStyle("letterhead", parent=base, fontSize=11, leading=18,
                                         spaceBefore=2, keepWithNext=1),
            "continued": ParagraphStyle("continued", parent=base, fontSize=9,
                                        textColor=ACCENT, alignment=TA_CENTER),
        }

    def p(self, text: str, style: str = "base") -> Paragraph:
        return Paragraph(markup(text), self.styles[style])

    def _section(self, key: str, zh: str, en: str) -> list[Flowable]:
        title = self.tr(zh, en)
        return [Anchor(key, title, 0), self.p(title, "h1")]

    def _deadline_text(self) -> str:
        if self.deadline is None:
            return self.tr("未填写订单完成日期，无法计算", "no completion date, cannot compute")
        describe, source = self.deadline.describe(self.lang), self.deadline.source(self.lang)
        return self.tr(f"{describe}（{source}）", f"{describe} ({source})")

    def _description(self, item: EvidenceItem) -> str:
        """The buyer's caption (what the exhibit proves), or a dash: the kind has its own
        column, and repeating it there said nothing."""
        return item.caption or "—"

    def _key_facts(self, item: EvidenceItem, full: bool = False) -> str:
        """The exhibit's order numbers, times and amounts. Values the buyer did not type
        or confirm are OCR readings and carry UNCONFIRMED; an order number read a digit
        or two off the case's is printed as the case's, with what was read."""
        limit = 20 if full else 2
        parts = []
        orders = []
        for check in item_checks(item, self.references)[:limit]:
            if check.status == "case":
                orders.append(check.value)
            elif check.status == "misread":
                orders.append(self.tr(f"{check.should_be}（截图识别为 {check.value}，有误差）",
                                      f"{check.should_be} (read as {check.value})"))
            elif check.status == "other":
                orders.append(self.tr(f"{check.value}（其他订单）",
                                      f"{check.value} (another order)"))
            else:
                orders.append(check.value + self._mark(item, "order_numbers"))
        if orders:
            parts.append(self.tr("订单号 ", "Order ") + join_list(unique(orders), self.lang))
        stamps = item.effective("timestamps")[:limit]
        if stamps:
            parts.append(self.tr("时间 ", "Time ") + join_list(
                (s.replace("T", " ") + self._mark(item, "timestamps") for s in stamps),
                self.lang))
        amounts = item.effective("amounts")[:limit]
        if amounts:
            parts.append(self.tr("金额 ", "Amount ") + join_list(
                (f"¥{a}{self._mark(item, 'amounts')}" for a in amounts), self.lang))
        parts += self._invoice_facts(item)
        return self.tr("；", "; ").join(parts)

    def _invoice_facts(self, item: EvidenceItem) -> list[str]:
        """An invoice's number (with its code on the older kind) and its date. The buyer
        does not confirm these: read from a PDF's own text they are the document's; read
        by OCR they carry UNCONFIRMED."""
        mark = "" if self._own_text(item) else UNCONFIRMED
        named: tuple[tuple[FactType, str, str], ...] = (
            ("invoice_code", "发票代码 ", "Invoice code "),
            ("invoice_number", "发票号码 ", "Invoice no. "),
            ("invoice_date", "开票日期 ", "Issued "))
        parts = []
        for fact_type, zh, en in named:
            values = list(dict.fromkeys(
                f["value"] + mark
                for f in facts_of(item.facts, fact_type)))[:2]
            if values:
                parts.append(self.tr(zh, en) + join_list(values, self.lang))
        return parts

    def _own_text(self, item: EvidenceItem) -> bool:
        return item.media == "pdf" and text_layer_path(self.store, item.sha256).exists()

    @staticmethod
    def _mark(item: EvidenceItem, key: str) -> str:
        return "" if key in item.user_facts else UNCONFIRMED
