"""The PDF evidence bundle (证据材料): cover, index, checklist, timeline, progress log,
complaint letter, exhibits and the channel guide.

Built with reportlab's platypus in two passes: the first lays everything out and notes on
which page each exhibit starts and how many pages there are; the second writes the file
with those numbers in the index and the page footers.
"""

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
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from app import __version__
from app.case.deadline import complaint_deadline
from app.case.letter import letter_text
from app.case.progress import channel_name, is_overdue, status_name
from app.case.rules import evaluate_checklist, load_channels, load_rules, pick
from app.case.timeline import build_timeline
from app.export.images import ImageSlice, prepare_exhibit
from app.export.split import split_bundle
from app.files import atomic_write
from app.i18n import Lang, current_lang, t
from app.paths import FONT_PATH
from app.privacy.redaction import DEFAULT_TYPES, boxes_to_burn
from app.store.models import Case, EvidenceItem, Submission
from app.store.store import Store

# Binary image streams: ASCII85 text-encoding adds a quarter to the size and, in pure
# Python, most of the export time. Every PDF reader handles binary streams.
rl_config.useA85 = 0

FONT = "WenQuanYiMicroHei"
MARGIN = 18 * mm
HEADER_H = 12 * mm
FOOTER_H = 12 * mm
EXHIBIT_INFO_H = 62 * mm  # room reserved above the first image slice of an exhibit
ACCENT = colors.HexColor("#1f4e79")
MISSING = colors.HexColor("#c0392b")
PRESENT = colors.HexColor("#1e8449")
GRID = colors.HexColor("#b0b7c3")
SHADE = colors.HexColor("#eef2f7")

Progress = Callable[[int, int], None]


@dataclass
class ExportOptions:
    page_size: str = "A4"  # or "Letter"
    lang: Lang | None = None
    now: datetime | None = None  # export time; tests fix it
    on_progress: Progress | None = None
    max_part_mb: float | None = None  # split into parts no larger than this
    # Personal data blacked out in the exhibits (manual boxes always are).
    redact_types: frozenset[str] = DEFAULT_TYPES
    # Also append each redacted exhibit unredacted: for an official who needs it, never
    # for a public upload.
    include_originals: bool = False


@dataclass
class _Layout:
    """What pass one learned: where exhibits start, how many pages there are."""

    exhibit_pages: dict[int, int] = field(default_factory=dict)
    appendix_page: int = 0  # where the channel guide starts; no exhibit header from there
    total_pages: int = 0


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))


def bundle_filename(case: Case, when: datetime) -> str:
    return f"证据材料_{case.file_title()}_{when:%Y-%m-%d}.pdf"


def export_case(store: Store, case_id: int, output: Path,
                options: ExportOptions | None = None) -> list[Path]:
    """Write the bundle for a case; output is a .pdf path or a folder. Returns the files."""
    options = options or ExportOptions()
    case = store.get_case(case_id)
    if case is None:
        raise KeyError(f"case {case_id} not found")
    now = options.now or datetime.now().replace(microsecond=0)
    if output.is_dir() or (not output.suffix and not output.exists()):
        output.mkdir(parents=True, exist_ok=True)
        output = output / bundle_filename(case, now)
    items = store.items(case_id)
    bundle = Bundle(store, case, items, store.submissions(case_id), options, now)
    data = bundle.render()
    if not options.max_part_mb:
        _write_atomically(output, data)
        return [output]
    parts = split_bundle(data, bundle.exhibit_starts(), int(options.max_part_mb * 1024 * 1024),
                         bundle.outline_titles())
    if len(parts) == 1:
        _write_atomically(output, parts[0])
        return [output]
    paths = []
    for n, part in enumerate(parts, start=1):
        path = output.with_name(f"{output.stem}_第{n}部分{output.suffix}")
        _write_atomically(path, part)
        paths.append(path)
    return paths


def _write_atomically(path: Path, data: bytes) -> None:
    with atomic_write(path, prefix=".export-") as fh:
        fh.write(data)


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


class Bundle:
    def __init__(self, store: Store, case: Case, items: list[EvidenceItem],
                 submissions: list[Submission], options: ExportOptions, now: datetime) -> None:
        _register_font()
        self.store, self.case, self.items = store, case, items
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
        self._measure = Canvas(io.BytesIO(), pagesize=self.pagesize)  # for measuring only
        self._layout_only = False
        self.deadline = complaint_deadline(case, items, now.date())

    def tr(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    # ---- styles ------------------------------------------------------------------------

    def _styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=15,
                              wordWrap="CJK")
        return {
            "base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
            "mono": ParagraphStyle("mono", parent=base, fontSize=8, leading=11),
            "h1": ParagraphStyle("h1", parent=base, fontSize=16, leading=24, spaceAfter=8,
                                 textColor=ACCENT),
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
            "continued": ParagraphStyle("continued", parent=base, fontSize=9,
                                        textColor=ACCENT, alignment=TA_CENTER),
        }

    def p(self, text: str, style: str = "base") -> Paragraph:
        return Paragraph(_escape(text), self.styles[style])

    # ---- assembly ----------------------------------------------------------------------

    def render(self) -> bytes:
        self._prepare_images()
        self.layout = _Layout()
        self._build(self.layout, io.BytesIO(), record=True)
        out = io.BytesIO()
        self._build(self.layout, out, record=False)
        return out.getvalue()

    def exhibit_starts(self) -> list[int]:
        return [self.layout.exhibit_pages[n] for n in sorted(self.layout.exhibit_pages)]

    def outline_titles(self) -> dict[int, str]:
        """Outline entries of the split parts, by 0-based page."""
        titles = {0: self.tr("封面", "Cover"), 1: self.tr("证据目录", "Index of exhibits")}
        for number, page in self.layout.exhibit_pages.items():
            kind = self.rules.kind_name(self.items[number - 1].kind, self.lang)
            titles[page - 1] = self.tr(f"证据{number} {kind}", f"Exhibit {number} {kind}")
        return titles

    def _prepare_images(self) -> None:
        # Continuation pages carry a marker line above and below the slice.
        marker_h = self.styles["continued"].leading + 2 * mm
        first_h = self.content_h - EXHIBIT_INFO_H - marker_h
        page_h = self.content_h - 2 * marker_h - 2 * mm
        for n, item in enumerate(self.items, start=1):
            path = self.store.item_path(item)
            boxes = boxes_to_burn(item, self.options.redact_types)
            self._slices[n] = prepare_exhibit(path, item.kind, self.content_w, first_h, page_h,
                                              boxes, (item.width, item.height))
            self._redacted[n] = len(boxes)
            if boxes and self.options.include_originals:
                self._original_slices[n] = prepare_exhibit(path, item.kind, self.content_w,
                                                           first_h, page_h, None,
                                                           (item.width, item.height))
            if self.options.on_progress:
                self.options.on_progress(n, len(self.items))

    def _build(self, layout: _Layout, target: io.BytesIO, record: bool) -> None:
        doc = BaseDocTemplate(
            target, pagesize=self.pagesize,
            leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_H, bottomMargin=MARGIN + FOOTER_H,
            title=self.tr(f"消费投诉证据材料 - {self.case.title}",
                          f"Consumer complaint evidence - {self.case.title}"),
            author="ProofPack", creator=f"ProofPack {__version__}",
            subject=self.tr("消费投诉证据材料", "Consumer complaint evidence bundle"),
            initialFontName=FONT,  # else reportlab references a non-embedded Helvetica
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, self.content_w, self.content_h,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

        def decorate(canv: Any, d: Any) -> None:
            self._decorate_page(canv, d, layout)

        doc.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
        self._layout_only = record
        story = self._story(layout if not record else None, layout)
        try:
            doc.build(story)
        except LayoutError as exc:  # pragma: no cover - every flowable is sized to fit
            raise RuntimeError(f"layout failed: {exc}") from exc
        if record:
            layout.total_pages = doc.page

    def _decorate_page(self, canv: Any, doc: Any, layout: _Layout) -> None:
        page = canv.getPageNumber()
        width, height = self.pagesize
        canv.saveState()
        canv.setFont(FONT, 8.5)
        canv.setFillColor(colors.HexColor("#555555"))
        if page > 1:
            header = self.case.title
            exhibit = self._exhibit_on_page(page, layout)
            if exhibit:
                header += "  ·  " + self.tr(f"证据{exhibit}", f"Exhibit {exhibit}")
            canv.drawString(MARGIN, height - MARGIN - 4 * mm, _fit(header, 80))
            canv.drawRightString(width - MARGIN, height - MARGIN - 4 * mm,
                                 self.tr("消费投诉证据材料", "Complaint evidence"))
            canv.setStrokeColor(GRID)
            canv.line(MARGIN, height - MARGIN - 6 * mm, width - MARGIN, height - MARGIN - 6 * mm)
        total = layout.total_pages or 0
        footer = self.tr(f"第 {page} 页 / 共 {total} 页", f"Page {page} / {total}")
        canv.drawCentredString(width / 2, MARGIN, footer)
        canv.drawRightString(width - MARGIN, MARGIN,
                             self.tr(f"导出日期 {self.now:%Y-%m-%d}",
                                     f"Exported {self.now:%Y-%m-%d}"))
        canv.drawString(MARGIN, MARGIN, "ProofPack")
        canv.restoreState()

    def _exhibit_on_page(self, page: int, layout: _Layout) -> int | None:
        if layout.appendix_page and page >= layout.appendix_page:
            return None
        current = None
        for number, start in sorted(layout.exhibit_pages.items()):
            if start <= page:
                current = number
        return current

    def _story(self, known: _Layout | None, layout: _Layout) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._cover()
        story.append(PageBreak())
        story += self._index(known)
        story.append(PageBreak())
        story += self._checklist()
        story += self._timeline()
        story += self._progress_log()
        story.append(PageBreak())
        story += self._letter()
        for number, item in enumerate(self.items, start=1):
            story.append(PageBreak())
            story += self._exhibit(number, item, layout)
        story.append(PageBreak())
        story += self._channel_guide(layout)
        return story

    # ---- sections ----------------------------------------------------------------------

    def _section(self, key: str, zh: str, en: str) -> list[Flowable]:
        title = self.tr(zh, en)
        return [Anchor(key, title, 0), self.p(title, "h1")]

    def _cover(self) -> list[Flowable]:
        c = self.case
        ctype = self.rules.complaint_type(c.complaint_type)
        # A payment slip's 订单号 is Alipay's own number, not the shop order: leave it out.
        orders = _unique([c.order_number, *[o for i in self.items if i.kind in ("order", "chat")
                                            for o in i.effective("order_numbers")]])
        rows = [
            (self.tr("案件名称", "Case"), c.title),
            (self.tr("购物平台", "Platform"), t(f"platform.{c.platform}", lang=self.lang)),
            (self.tr("店铺/卖家", "Shop / seller"), c.shop),
            (self.tr("订单编号", "Order number(s)"), "、".join(orders[:6])),
            (self.tr("订单金额", "Amount"), f"¥{c.amount}" if c.amount else ""),
            (self.tr("投诉类型", "Complaint type"), ctype.name(self.lang)),
            (self.tr("订单完成日期", "Order completed"),
             c.order_completed_on.isoformat() if c.order_completed_on else ""),
            (self.tr("投诉期限", "Complaint deadline"), self._deadline_text()),
            (self.tr("事情经过", "What happened"), c.description),
            (self.tr("诉求", "Requested outcome"), c.requested_outcome),
            (self.tr("证据数量", "Exhibits"), self.tr(f"{len(self.items)} 份",
                                                       str(len(self.items)))),
            (self.tr("导出时间", "Exported at"), f"{self.now:%Y-%m-%d %H:%M}"),
        ]
        table = Table(
            [[self.p(k, "cell"), self.p(v or "—", "cell")] for k, v in rows],
            colWidths=[38 * mm, self.content_w - 38 * mm],
        )
        style = _grid_style(header=False)
        if self.deadline is not None and self.deadline.level != "ok":
            row = [k for k, _ in rows].index(self.tr("投诉期限", "Complaint deadline"))
            style.add("TEXTCOLOR", (1, row), (1, row), MISSING)
        table.setStyle(style)
        integrity = self.tr(
            "完整性说明：本材料中的每份证据均为原始文件的副本，原始文件在导入时已计算 SHA-256 "
            "校验值并原样保存，未作任何修改。各证据的校验值列于证据目录及各证据页，"
            "可据此核验原始文件。",
            "Integrity: every exhibit reproduces an original file that was stored unaltered "
            "when it was imported; its SHA-256 checksum is listed in the index and on the "
            "exhibit's page, so the original can be verified against this bundle.",
        )
        notes = [Spacer(1, 10 * mm), self.p(integrity, "small")]
        if any(self._redacted.values()):
            notes += [Spacer(1, 3 * mm), self.p(self.tr(
                "隐私保护：为保护个人信息，部分证据图片中的银行卡号、手机号、身份证号、地址、姓名等"
                "已涂黑（PDF 中不含被遮盖的内容）；原始文件未作任何改动。",
                "Privacy: card numbers, phone numbers, ID numbers, addresses and names are "
                "blacked out in some exhibits (the PDF does not contain what is covered); the "
                "original files are unchanged."), "small")]
        if self._original_slices:
            notes += [Spacer(1, 3 * mm), self.p(self.tr(
                "注意：本材料附有未遮盖的原图，含个人信息，仅供受理机关核对，请勿公开上传。",
                "Warning: this bundle includes unredacted originals with personal data, for "
                "the handling authority only; do not upload it publicly."), "missing")]
        return [
            Anchor("cover", self.tr("封面", "Cover"), 0),
            Spacer(1, 22 * mm),
            self.p(self.tr("消费投诉证据材料", "Consumer Complaint Evidence"), "title"),
            self.p(c.title, "subtitle"),
            Spacer(1, 14 * mm),
            table,
            *notes,
        ]

    def _index(self, known: _Layout | None) -> list[Flowable]:
        header = [self.tr("编号", "No."), self.tr("类型", "Kind"),
                  self.tr("说明", "Description"), self.tr("关键信息", "Key facts"),
                  self.tr("页码", "Page"), "SHA-256"]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in header]]
        for number, item in enumerate(self.items, start=1):
            page = str(known.exhibit_pages.get(number, "")) if known else "00"
            rows.append([
                self.p(self.tr(f"证据{number}", f"Exhibit {number}"), "cell"),
                self.p(self.rules.kind_name(item.kind, self.lang), "cell"),
                self.p(self._description(item), "cell"),
                self.p(self._key_facts(item), "cellsmall"),
                self.p(page, "cell"),
                self.p(item.sha256[:12], "cellsmall"),
            ])
        widths = [16 * mm, 18 * mm, 46 * mm, 0, 12 * mm, 24 * mm]
        widths[3] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style(header=True))
        if not self.items:
            return [*self._section("index", "证据目录", "Index of exhibits"),
                    self.p(self.tr("（尚无证据）", "(no exhibits yet)"))]
        return [*self._section("index", "证据目录", "Index of exhibits"), table]

    def _checklist(self) -> list[Flowable]:
        ctype = self.rules.complaint_type(self.case.complaint_type)
        statuses = evaluate_checklist(ctype.id, [i.kind for i in self.items])
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("应备证据", "Evidence needed"), self.tr("状态", "Status"),
            self.tr("数量", "Items"), self.tr("如何获取", "How to get it"))]]
        for st in statuses:
            ok = st.satisfied
            mark = self.tr("✔ 已具备", "✔ present") if ok else self.tr("✘ 缺少", "✘ MISSING")
            rows.append([
                self.p(st.item.label(self.lang), "cell"),
                self.p(mark, "present" if ok else "missing"),
                self.p(f"{st.count} / {st.item.min_count}", "cell"),
                self.p("" if ok else st.item.hint(self.lang), "cellsmall"),
            ])
        widths = [52 * mm, 22 * mm, 14 * mm, 0]
        widths[3] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style(header=True))
        return [
            *self._section("checklist", "证据清单", "Evidence checklist"),
            self.p(self.tr(f"投诉类型：{ctype.name_zh}", f"Complaint type: {ctype.name_en}")),
            Spacer(1, 3 * mm),
            table,
            Spacer(1, 8 * mm),
        ]

    def _timeline(self) -> list[Flowable]:
        entries = build_timeline(self.items, self.submissions, self.lang, self.now)
        head = [CondPageBreak(60 * mm), *self._section("timeline", "时间线", "Timeline")]
        if not entries:
            return [*head, self.p(self.tr("（证据中未识别到日期）",
                                          "(no dates found in the exhibits)"))]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("时间", "Time"), self.tr("事件", "Event"), self.tr("出处", "Source"))]]
        for e in entries:
            when = f"{e.when:%Y-%m-%d %H:%M}"
            if e.inferred:
                when += self.tr("（推断）", " (inferred)")
            source = self.tr(f"证据{e.exhibit}", f"Exhibit {e.exhibit}") if e.exhibit \
                else e.detail
            event = self.p(e.detail if e.reply_gap else e.event,
                           "missing" if e.reply_gap else "cell")
            rows.append([self.p(when, "cell"), event, self.p(source, "cell")])
        widths = [48 * mm, 0, 50 * mm]
        widths[1] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style(header=True))
        note = self.tr("标注“推断”的时间来自聊天中的“昨天”“星期三”等相对时间，日期按截图推算。",
                       "Times marked inferred come from relative chat stamps such as "
                       "'yesterday'; their date was worked out from the screenshot.")
        return [*head, table, Spacer(1, 2 * mm), self.p(note, "small")]

    def _exhibit(self, number: int, item: EvidenceItem, layout: _Layout) -> list[Flowable]:
        title = self.tr(f"证据{number}", f"Exhibit {number}")
        kind = self.rules.kind_name(item.kind, self.lang)

        def note_page(page: int) -> None:
            layout.exhibit_pages[number] = page

        facts_rows = [
            (self.tr("说明", "Description"), self._description(item)),
            (self.tr("识别信息", "Extracted facts"), self._key_facts(item, full=True) or "—"),
            (self.tr("原文件名", "Original file"), item.original_name),
            (self.tr("导入时间", "Imported"), _local(item.imported_at)),
            ("SHA-256", item.sha256),
        ]
        if self._redacted.get(number):
            facts_rows.append((self.tr("隐私遮盖", "Redacted"), self.tr(
                f"图中 {self._redacted[number]} 处个人信息已涂黑；原件未改动，校验值为原件的",
                f"{self._redacted[number]} area(s) of personal data blacked out; the "
                "original is unchanged and the checksum is the original's")))
        table = Table([[self.p(k, "cell"), self.p(v, "mono" if k == "SHA-256" else "cell")]
                       for k, v in facts_rows],
                      colWidths=[26 * mm, self.content_w - 26 * mm])
        table.setStyle(_grid_style(header=False))
        flow: list[Flowable] = [
            Anchor(f"exhibit-{number}", f"{title} {kind}", 0, note_page),
            self.p(f"{title}　{kind}", "h1"),
            table,
            Spacer(1, 4 * mm),
        ]
        # The info block must fit in the room reserved for it, or the first slice would
        # not fit under it; _prepare_images sized slices for that room.
        info_h = sum(f.wrapOn(self._measure, self.content_w, self.content_h)[1]
                     for f in flow[1:])
        flow += self._slice_flow(self._slices[number], title, info_h)
        originals = self._original_slices.get(number)
        if originals:
            flow.append(PageBreak())
            flow.append(self.p(self.tr(f"{title} 原图（未遮盖，含个人信息，请勿公开）",
                                       f"{title} original (unredacted: personal data, "
                                       "do not publish)"), "missing"))
            flow.append(Spacer(1, 2 * mm))
            flow += self._slice_flow(originals, title, 0)
        return flow

    def _slice_flow(self, slices: list[ImageSlice], title: str, info_h: float
                    ) -> list[Flowable]:
        flow: list[Flowable] = []
        for s in slices:
            if s.part > 1:
                flow.append(PageBreak())
                flow.append(self.p(self.tr(f"（{title} 续，第 {s.part}/{s.parts} 部分）",
                                           f"({title} continued, part {s.part}/{s.parts})"),
                                   "continued"))
                flow.append(Spacer(1, 2 * mm))
            width, height = s.width_pt, s.height_pt
            if s.part == 1 and info_h > EXHIBIT_INFO_H:
                room = self.content_h - info_h - 2 * mm
                if height > room:  # a long caption took the image's room: shrink to fit
                    width, height = width * room / height, room
            img = Box(width, height) if self._layout_only else \
                Image(io.BytesIO(s.data), width=width, height=height)
            img.hAlign = "CENTER"
            flow.append(img)
            if s.part < s.parts:
                flow.append(self.p(self.tr(f"（接下页 · {title} 第 {s.part + 1} 部分）",
                                           f"(continued on next page · part {s.part + 1})"),
                                   "continued"))
        return flow

    def _progress_log(self) -> list[Flowable]:
        if not self.submissions:
            return []
        head = [CondPageBreak(50 * mm), Spacer(1, 6 * mm),
                *self._section("progress", "投诉进度", "Complaint progress")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("日期", "Date"), self.tr("渠道", "Channel"), self.tr("受理编号", "Reference"),
            self.tr("状态", "Status"), self.tr("答复", "Replies"),
            self.tr("下次跟进", "Follow up"))]]
        for sub in self.submissions:
            follow = sub.next_follow_up.isoformat() if sub.next_follow_up else ""
            late = is_overdue(sub, self.now.date())
            if late:
                follow += self.tr("（已逾期）", " (overdue)")
            rows.append([
                self.p(sub.submitted_on.isoformat(), "cell"),
                self.p(channel_name(sub.channel, self.lang), "cell"),
                self.p(sub.reference, "cellsmall"),
                self.p(status_name(sub.status, self.lang), "cell"),
                self.p(" ".join(x for x in (sub.replies, sub.notes) if x), "cellsmall"),
                self.p(follow, "missing" if late else "cell"),
            ])
        widths = [22 * mm, 34 * mm, 28 * mm, 16 * mm, 0, 36 * mm]
        widths[4] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style(header=True))
        return [*head, table]

    def _letter(self) -> list[Flowable]:
        text = letter_text(self.case, self.items, self.submissions, self.lang, self.now.date())
        flow = [*self._section("letter", "投诉书", "Complaint letter")]
        lines = text.splitlines()
        if lines and lines[0].strip() in ("投诉书", "Complaint"):
            lines = lines[1:]  # the section heading says it already
        for line in lines:
            flow.append(self.p(line, "letter") if line.strip() else Spacer(1, 3 * mm))
        return flow

    def _channel_guide(self, layout: _Layout) -> list[Flowable]:
        guide = load_channels()

        def note_page(page: int) -> None:
            layout.appendix_page = page

        title = self.tr("附录：投诉渠道指南", "Appendix: where to complain")
        flow: list[Flowable] = [Anchor("channels", title, 0, note_page), self.p(title, "h1")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("渠道", "Channel"), self.tr("适用情形", "When it fits"),
            self.tr("需要准备", "What to prepare"))]]
        for ch in guide.channels:
            rows.append([
                Paragraph(f"<b>{_escape(pick(ch.name, self.lang))}</b><br/>"
                          f"{_escape(pick(ch.contact, self.lang))}", self.styles["cellsmall"]),
                self.p(pick(ch.when, self.lang), "cellsmall"),
                self.p(pick(ch.prepare, self.lang), "cellsmall"),
            ])
        widths = [52 * mm, 0, 52 * mm]
        widths[1] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_grid_style(header=True))
        flow += [table, Spacer(1, 5 * mm), self.p(self.tr("投诉要点", "Tips"), "base")]
        flow += [self.p(f"· {tip}", "small") for tip in pick(guide.tips, self.lang)]
        return flow

    def _deadline_text(self) -> str:
        if self.deadline is None:
            return self.tr("未填写订单完成日期，无法计算", "no completion date, cannot compute")
        return f"{self.deadline.describe(self.lang)}（{self.deadline.source(self.lang)}）" \
            if self.lang == "zh" else \
            f"{self.deadline.describe(self.lang)} ({self.deadline.source(self.lang)})"

    # ---- texts -------------------------------------------------------------------------

    def _description(self, item: EvidenceItem) -> str:
        if item.caption:
            return item.caption
        kind = self.rules.kind_name(item.kind, self.lang)
        return kind

    def _key_facts(self, item: EvidenceItem, full: bool = False) -> str:
        limit = 20 if full else 2
        parts = []
        orders = item.effective("order_numbers")[:limit]
        if orders:
            parts.append(self.tr("订单号 ", "Order ") + "、".join(orders))
        stamps = item.effective("timestamps")
        if stamps:
            shown = stamps[:limit]
            parts.append(self.tr("时间 ", "Time ") + "、".join(s.replace("T", " ")
                                                             for s in shown))
        amounts = item.effective("amounts")[:limit]
        if amounts:
            parts.append(self.tr("金额 ", "Amount ") + "、".join(f"¥{a}" for a in amounts))
        return "；".join(parts)


def _grid_style(header: bool) -> TableStyle:
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


def _local(when: datetime) -> str:
    """A stored UTC time in the machine's local time zone, with its offset."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
