"""The PDF evidence bundle (证据材料): cover, index, checklist, timeline, progress log,
complaint letter, exhibits and the channel guide.

Built with reportlab's platypus in two passes: the first lays everything out and notes on
which page each exhibit starts and how many pages there are; the second writes the file
with those numbers in the index and the page footers.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from app import __version__
from app.export.custody_record import CustodyRecord
from app.export.exhibits import Exhibits
from app.export.glyphs import FONT, drawable
from app.export.layout import (
    FOOTER_H,
    GRID,
    HEADER_H,
    MARGIN,
    ExportOptions,
    ExportRefused,
    Part,
    PassLayout,
    fit_width,
)
from app.export.sections import Sections
from app.export.verification import Verification
from app.files import atomic_write, sha256_of
from app.i18n import join_list, t
from app.store.models import Case, EvidenceItem
from app.store.store import Store

logger = logging.getLogger(__name__)

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
    with tempfile.TemporaryDirectory(prefix="proofpack-export-") as work:
        bundle = Bundle(store, case, items, store.submissions(case_id), options, now,
                        Path(work))
        bundle.prepare()
        if not options.max_part_mb:
            whole = Part(0, len(items), True)
            unsigned = Path(work) / "unsigned.pdf"
            with unsigned.open("wb") as fh:
                bundle.write(whole, fh)
            with unsigned.open("rb") as src, atomic_write(output, prefix=".export-") as fh:
                bundle.seal_file(src, fh, whole)
            written = [output]
        else:
            written = _write_parts(output, bundle, int(options.max_part_mb * 1_000_000))
        if not options.channel:  # a pack's PDF is recorded with the whole pack
            _record_exports(store, case_id, written, options)
        for notice in bundle.notices:
            logger.warning("%s", notice)
            if options.on_notice:
                options.on_notice(notice)
        return written


def _record_exports(store: Store, case_id: int, written: list[Path],
                    options: ExportOptions) -> None:
    """Each file written enters the case's chain of custody with its hash."""
    pack = "public" if options.public else "bundle"
    for n, path in enumerate(written, start=1):
        details: dict[str, Any] = {"pack": pack, "file": path.name, "sha256": sha256_of(path)}
        if len(written) > 1:
            details["part"] = n
        store.log_event(case_id, "exported", **details)


def _write_parts(output: Path, bundle: Bundle, limit: int) -> list[Path]:
    """Parts under the limit, each rendered and written before the next (memory holds one
    part at most). All parts or none: a disk that fills at part 3 leaves no parts 1-2 to
    be uploaded as if they were the whole; parts of an earlier, longer export of the same
    name go."""
    def part_path(n: int) -> Path:
        return output.with_name(f"{output.stem}_第{n}部分{output.suffix}")

    written: list[Path] = []
    try:
        for n, (part, data) in enumerate(bundle.parts_under(limit - SEAL_ROOM), start=1):
            with atomic_write(part_path(n), prefix=".export-") as fh:
                bundle.seal_file(io.BytesIO(data), fh, part)
            written.append(part_path(n))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    parts = len(written) if len(written) > 1 else 0
    if not parts:  # small enough whole: no "part 1 of 1"
        written[0].replace(output)
        written = [output]
    stale = parts + 1
    while part_path(stale).exists():
        part_path(stale).unlink()
        stale += 1
    return written


# Rough PDF bytes of a part besides its pictures (fonts, front matter): where parts are
# first cut. Each part is then measured, and cut again if it came out too large.
PART_OVERHEAD = 300_000
# What sealing adds to a part (the manifest attached, the signature and its certificate:
# about 10 KB for 100 exhibits), kept free under the size limit.
SEAL_ROOM = 64_000


class Bundle(Sections, Exhibits, Verification, CustodyRecord):
    def prepare(self) -> None:
        """The pictures, then pass one: the layout of the whole bundle."""
        self._prepare_images()
        self.layout = PassLayout()
        self._build(self.layout, io.BytesIO(), Part(0, len(self.items), True),
                    record=True)

    def write(self, part: Part, target: IO[bytes]) -> None:
        self._build(self.layout, target, part, record=False)

    def parts_under(self, limit: int) -> Iterator[tuple[Part, bytes]]:
        """The bundle in parts of at most `limit` bytes, cut between exhibits (one exhibit
        larger than the limit is a part of its own; so may the front matter be)."""
        count, start, front, number = len(self.items), 0, True, 1
        while front or start < count:
            least = 0 if front else 1
            end = self._greedy_end(start, limit, least)
            while True:
                # the whole bundle in one "part" is no part: its manifest names none
                part = Part(start, end, front, None if front and end == count else number)
                buf = io.BytesIO()
                self.write(part, buf)
                if buf.tell() <= limit or end - start <= least:
                    break
                end = start + max(least, int((end - start) * limit / buf.tell() * 0.95))
            yield part, buf.getvalue()
            start, front, number = end, False, number + 1

    def _greedy_end(self, start: int, limit: int, least: int) -> int:
        used, end = PART_OVERHEAD, start
        while end < len(self.items):
            used += self.exhibit_bytes(end + 1)
            if used > limit and end - start >= least:
                break
            end += 1
        return end

    def _build(self, layout: PassLayout, target: IO[bytes], part: Part, record: bool
               ) -> None:
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
        # A part's pages carry their numbers in the whole bundle, as the index gives them.
        offset = 0 if part.front else layout.exhibit_pages[part.start + 1] - 1

        def decorate(canv: Any, d: Any) -> None:
            self._decorate_page(canv, canv.getPageNumber() + offset, layout)

        def decorate_verification(canv: Any, d: Any) -> None:
            self._decorate_page(canv, None, layout)

        doc.addPageTemplates([PageTemplate("page", [frame], onPage=decorate),
                              PageTemplate("verification", [frame],
                                           onPage=decorate_verification)])
        self._layout_only = record
        story = self._story(layout if not record else None, layout, part)
        try:
            doc.build(story)
        except LayoutError as exc:  # pragma: no cover - every flowable is sized to fit
            raise RuntimeError(f"layout failed: {exc}") from exc
        if record:  # the 校验页 are not counted: each part has its own
            layout.total_pages = (layout.verification_page - 1 if layout.verification_page
                                  else doc.page)

    def _decorate_page(self, canv: Any, page: int | None, layout: PassLayout) -> None:
        """Header and footer; `page` None: a 校验页, outside the numbering."""
        width, height = self.pagesize
        canv.saveState()
        canv.setFont(FONT, 8.5)
        canv.setFillColor(colors.HexColor("#555555"))
        if page is None or page > 1:
            header = self.case.title
            exhibit = self._exhibit_on_page(page, layout) if page else None
            if exhibit:
                header += "  ·  " + self.tr(f"证据{exhibit}", f"Exhibit {exhibit}")
            right = self.tr("消费投诉证据材料", "Complaint evidence") if page else \
                self.tr("校验页（不计页码）", "Verification page (not numbered)")
            room = width - 2 * MARGIN - stringWidth(right, FONT, 8.5) - 6 * mm
            canv.drawString(MARGIN, height - MARGIN - 4 * mm,
                            fit_width(drawable(header), room, FONT, 8.5))
            canv.drawRightString(width - MARGIN, height - MARGIN - 4 * mm, right)
            canv.setStrokeColor(GRID)
            canv.line(MARGIN, height - MARGIN - 6 * mm, width - MARGIN, height - MARGIN - 6 * mm)
        if page:
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

    def _story(self, known: PassLayout | None, layout: PassLayout, part: Part
               ) -> list[Flowable]:
        story: list[Flowable] = []
        if part.front:
            printed = self.options.channel == "print"  # the written complaint comes first
            suing = self.options.channel == "lawsuit"  # a court takes a statement of claim
            if printed:
                story += [*self._bring_sheet(), PageBreak(), *self._letter(), PageBreak()]
            if suing:
                story += [*self._lawsuit(), PageBreak(), *self._catalogue(known), PageBreak()]
            story += self._cover()
            story.append(PageBreak())
            story += self._index(known)
            story.append(PageBreak())
            story += self._checklist()
            story += self._timeline()
            story += self._progress_log()
            if not printed and not suing:
                story.append(PageBreak())
                story += self._letter()
            if self.options.channel == "12315":
                story += [PageBreak(), *self._form_sheet()]
        for number in range(part.start + 1, part.end + 1):
            if story:
                story.append(PageBreak())
            story += self._exhibit(number, self.items[number - 1], layout)
        if part.end == len(self.items):
            story.append(PageBreak())
            story += self._channel_guide(layout)
        story += [NextPageTemplate("verification"), PageBreak()]
        story += self._verification(self.manifest(part), layout)
        story += self._custody_record(part)
        return story
