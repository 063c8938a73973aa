"""The PDF evidence bundle (证据材料): cover, index, checklist, timeline, progress log,
complaint letter, exhibits and the channel guide.

Built with reportlab's platypus in two passes: the first lays everything out and notes on
which page each exhibit starts and how many pages there are; the second writes the file
with those numbers in the index and the page footers.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from app import __version__
from app.export.exhibits import Exhibits
from app.export.glyphs import FONT, drawable
from app.export.layout import (
    FOOTER_H,
    GRID,
    HEADER_H,
    MARGIN,
    ExportOptions,
    ExportRefused,
    PassLayout,
    fit_width,
)
from app.export.sections import Sections
from app.export.split import split_bundle
from app.files import atomic_write
from app.i18n import join_list, t
from app.store.models import Case, EvidenceItem
from app.store.store import Store

__all__ = ["Bundle", "ExportOptions", "ExportRefused", "bundle_filename", "export_case",
           "unread_exhibits"]


def unread_exhibits(items: list[EvidenceItem]) -> list[int]:
    """The exhibit numbers whose text (and so personal data) was never read."""
    return [n for n, item in enumerate(items, start=1) if item.ocr_status != "done"]


def doubtful_exhibits(items: list[EvidenceItem]) -> list[tuple[int, EvidenceItem]]:
    """(number, item) of the exhibits whose personal data may not all have been found (a
    photo with text, an unclear or tiny picture; app.ocr.classify.privacy_doubt) and that
    the buyer has not blacked out by hand since."""
    return [(n, item) for n, item in enumerate(items, start=1)
            if item.read_doubt and not any(r["source"] == "manual" for r in item.redactions)]


def doubt_warnings(items: list[EvidenceItem]) -> list[str]:
    """One line per doubtful exhibit, naming it and why."""
    return [t("export.doubt", number=n, name=item.original_name,
              reason=t(f"doubt.{item.read_doubt}")) for n, item in doubtful_exhibits(items)]


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
    unread = unread_exhibits(items)
    if unread and not options.allow_unscanned:
        raise ExportRefused("export.unscanned", numbers=join_list(unread))
    doubtful = [n for n, _ in doubtful_exhibits(items)]
    if doubtful and options.strict_privacy:
        raise ExportRefused("export.doubtful", numbers=join_list(doubtful))
    bundle = Bundle(store, case, items, store.submissions(case_id), options, now)
    data = bundle.render()
    if not options.max_part_mb:
        _write_atomically(output, data)
        return [output]
    parts = split_bundle(data, bundle.exhibit_starts(), int(options.max_part_mb * 1_000_000),
                         bundle.outline_titles())
    if len(parts) == 1:
        _write_atomically(output, parts[0])
        return [output]
    return _write_parts(output, parts)


def _write_parts(output: Path, parts: list[bytes]) -> list[Path]:
    """All parts or none: a disk that fills at part 3 leaves no parts 1-2 to be uploaded
    as if they were the whole; parts of an earlier, longer export of the same name go."""
    def part_path(n: int) -> Path:
        return output.with_name(f"{output.stem}_第{n}部分{output.suffix}")

    written: list[Path] = []
    try:
        for n, part in enumerate(parts, start=1):
            _write_atomically(part_path(n), part)
            written.append(part_path(n))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    stale = len(parts) + 1
    while part_path(stale).exists():
        part_path(stale).unlink()
        stale += 1
    return written


def _write_atomically(path: Path, data: bytes) -> None:
    with atomic_write(path, prefix=".export-") as fh:
        fh.write(data)



class Bundle(Sections, Exhibits):
    def render(self) -> bytes:
        self._prepare_images()
        self.layout = PassLayout()
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

    def _build(self, layout: PassLayout, target: io.BytesIO, record: bool) -> None:
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

    def _decorate_page(self, canv: Any, doc: Any, layout: PassLayout) -> None:
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
            right = self.tr("消费投诉证据材料", "Complaint evidence")
            room = width - 2 * MARGIN - stringWidth(right, FONT, 8.5) - 6 * mm
            canv.drawString(MARGIN, height - MARGIN - 4 * mm,
                            fit_width(drawable(header), room, FONT, 8.5))
            canv.drawRightString(width - MARGIN, height - MARGIN - 4 * mm, right)
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

    def _exhibit_on_page(self, page: int, layout: PassLayout) -> int | None:
        if layout.appendix_page and page >= layout.appendix_page:
            return None
        current = None
        for number, start in sorted(layout.exhibit_pages.items()):
            if start <= page:
                current = number
        return current

    def _story(self, known: PassLayout | None, layout: PassLayout) -> list[Flowable]:
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
