"""The exhibits: each image redacted, cut into page-sized slices and laid out under its
heading and facts."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    PageBreak,
    Spacer,
    Table,
)

from app.executor import map_in_threads
from app.export.closeup import prepare_closeup, text_region
from app.export.images import ImageSlice, prepare_exhibit
from app.export.layout import (
    EXHIBIT_INFO_H,
    Anchor,
    Box,
    BundleBase,
    ExportRefused,
    PassLayout,
    grid_style,
    local_time,
)
from app.files import sha256_of
from app.imaging import BIG_DECODE
from app.media.faces import clock
from app.privacy.redaction import boxes_to_burn
from app.store.models import EvidenceItem
from app.store.store import Store

# Pictures other than JPEG decode whole (four bytes a pixel): two near the pixel limit at
# once would double the export's memory, so the large ones take turns.
_ONE_BIG_DECODE = threading.Lock()


@dataclass
class ExhibitPictures:
    slices: list[ImageSlice]
    originals: list[ImageSlice]  # unredacted, when the buyer asked for them
    redacted: int  # areas blacked out
    closeup: ImageSlice | None  # a photo's text enlarged (app.export.closeup)


class Exhibits(BundleBase):
    def _prepare_images(self) -> None:
        """Every exhibit's pictures, two (one per core) at a time."""
        # Continuation pages carry a marker line above and below the slice.
        marker_h = self.styles["continued"].leading + 2 * mm
        rooms = (self.content_h - EXHIBIT_INFO_H - marker_h,  # the first slice's
                 self.content_h - 2 * marker_h - 2 * mm)  # each next one's
        jobs = [(n, item, rooms) for n, item in enumerate(self.items, start=1)]
        for n, pictures in enumerate(map_in_threads(self._prepare_exhibit, jobs), start=1):
            self._slices[n], self._redacted[n] = pictures.slices, pictures.redacted
            if pictures.originals:
                self._original_slices[n] = pictures.originals
            if pictures.closeup:
                self._closeups[n] = pictures.closeup
            if self.options.on_progress:
                self.options.on_progress(n, len(self.items))

    def _prepare_exhibit(self, job: tuple[int, EvidenceItem, tuple[float, float]]
                         ) -> ExhibitPictures:
        n, item, (first_h, page_h) = job
        original = checked_picture(self.store, n, item)
        boxes = boxes_to_burn(item, self.options.redact_types, self.options.public)
        size = (item.width, item.height)
        big = item.image_format != "JPEG" and item.width * item.height > BIG_DECODE
        # A recording's card is printed whole, like a photo, never cut across pages.
        photo = (item.kind == "photo" and item.media == "image") or item.media == "audio"
        wide = item.media == "pdf"
        with _ONE_BIG_DECODE if big else nullcontext():
            slices = prepare_exhibit(original, photo, self.content_w, first_h, page_h,
                                     self._slice_path(n, "r"), boxes, size, wide)
            originals = []
            if boxes and self.options.include_originals:
                originals = prepare_exhibit(original, photo, self.content_w, first_h,
                                            page_h, self._slice_path(n, "o"), None, size,
                                            wide)
            region = text_region(item)
            closeup = prepare_closeup(original, region, boxes, size, self.content_w, page_h,
                                      slices[0].width_pt, self._slice_path(n, "c")(1)
                                      ) if region and slices else None
        return ExhibitPictures(slices, originals, len(boxes), closeup)

    def _slice_path(self, number: int, variant: str) -> Callable[[int], Path]:
        # The name must be unique in the PDF: reportlab names an image by its file name.
        return lambda part: self.work_dir / f"{number:05d}{variant}{part:03d}.jpg"

    def exhibit_bytes(self, number: int) -> int:
        """What an exhibit adds to a PDF, about: its pictures, and a little per page."""
        closeup = self._closeups.get(number)
        slices = self._slices[number] + self._original_slices.get(number, []) + \
            ([closeup] if closeup else [])
        return sum(s.path.stat().st_size + 4_000 for s in slices)

    def _exhibit(self, number: int, item: EvidenceItem, layout: PassLayout) -> list[Flowable]:
        title = self.tr(f"证据{number}", f"Exhibit {number}")
        kind = self.rules.kind_name(item.kind, self.lang)

        def note_page(page: int) -> None:
            if self._layout_only:  # pass one lays out the whole bundle; parts come after
                layout.exhibit_pages[number] = page

        facts_rows = [
            (self.tr("说明", "Description"), self._description(item)),
            (self.tr("识别信息", "Extracted facts"), self._key_facts(item, full=True) or "—"),
            # A file name may carry the buyer's name: not in a pack published for anyone.
            *([] if self.options.public else
              [(self.tr("原文件名", "Original file"), item.original_name)]),
            *self._media_rows(item),
            (self.tr("导入时间", "Imported"), local_time(item.imported_at)),
            ("SHA-256", item.sha256),
        ]
        if self._redacted.get(number):
            facts_rows.append((self.tr("隐私遮盖", "Redacted"), self.tr(
                f"图中 {self._redacted[number]} 处个人信息已涂黑；原件未改动，校验值为原件的",
                f"{self._redacted[number]} area(s) of personal data blacked out; the "
                "original is unchanged and the checksum is the original's")))
        table = Table([[self.p(k, "cell"), self.p(v, "mono" if k == "SHA-256" else "cell")]
                       for k, v in facts_rows],
                      colWidths=[26 * mm, self.content_w - 26 * mm], splitInRow=1)
        table.setStyle(grid_style(header=False))
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
        closeup = self._closeups.get(number)
        if closeup:
            flow.append(PageBreak())
            flow.append(self.p(self.tr(
                f"{title} 文字部分放大（由上图裁切并旋正，便于阅读；以上图为准）",
                f"{title}, its text enlarged (cropped from the photo above and levelled "
                "for reading; the photo is the evidence)"), "continued"))
            flow.append(Spacer(1, 2 * mm))
            flow += self._slice_flow([closeup], title, 0)
        originals = self._original_slices.get(number)
        if originals:
            flow.append(PageBreak())
            flow.append(self.p(self.tr(f"{title} 原图（未遮盖，含个人信息，请勿公开）",
                                       f"{title} original (unredacted: personal data, "
                                       "do not publish)"), "missing"))
            flow.append(Spacer(1, 2 * mm))
            flow += self._slice_flow(originals, title, 0)
        return flow

    def _media_rows(self, item: EvidenceItem) -> list[tuple[str, str]]:
        """What a video, PDF or recording is, and where its original is: not in this PDF
        (a video would not fit, a PDF's text layer would leak what is blacked out)."""
        if item.media == "image":
            return []
        length, frames = clock(item.duration_s), len(item.frame_times)
        what = {
            "video": self.tr(f"视频（{item.image_format}，{length}，取 {frames} 幅画面）",
                             f"Video ({item.image_format}, {length}, {frames} frames shown)"),
            "pdf": self.tr(f"PDF 文件（{item.page_count} 页，按页印出）",
                           f"PDF document ({item.page_count} pages, printed page by page)"),
            "audio": self.tr(f"录音（{item.image_format}，{length}）",
                             f"Audio recording ({item.image_format}, {length})"),
        }[item.media]
        rows = [(self.tr("证据形式", "Form"), what)]
        if item.recorded_at:
            rows.append((self.tr("录制时间", "Recorded"), local_time(item.recorded_at)))
        where = {
            "video": self.tr("原始视频不在本文件中，见案件存档（导出案件存档时一并保存）。"
                             "下列画面取自原视频，每帧下方印有其时间码和原视频的 SHA-256。",
                             "The original video is not in this file but in the case "
                             "archive. The frames below are taken from it; each carries "
                             "its timecode and the video's SHA-256."),
            "pdf": self.tr("原 PDF 见案件存档；此处为其各页画面（个人信息已涂黑）。",
                           "The original PDF is in the case archive; its pages are shown "
                           "here as pictures (personal data blacked out)."),
            "audio": self.tr("录音原件不在本文件中，见案件存档；内容摘要见“说明”。",
                             "The original recording is not in this file but in the case "
                             "archive; see the description for a summary."),
        }[item.media]
        rows.append((self.tr("原件", "Original"), where))
        return rows

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
                Image(str(s.path), width=width, height=height)
            img.hAlign = "CENTER"
            flow.append(img)
            if s.part < s.parts:
                flow.append(self.p(self.tr(f"（接下页 · {title} 第 {s.part + 1} 部分）",
                                           f"(continued on next page · part {s.part + 1})"),
                                   "continued"))
        return flow


def checked_picture(store: Store, number: int, item: EvidenceItem) -> bytes:
    """The picture to print, read once for the check and the printing. The bundle says
    the originals are unchanged: make sure, for each one printed. A video or PDF is
    checked whole (streamed) and its face, the picture printed, by its own hash."""
    if item.media == "image":
        picture = store.item_path(item).read_bytes()
        if hashlib.sha256(picture).hexdigest() != item.sha256:
            raise ExportRefused("export.altered", number=number, name=item.original_name)
        return picture
    try:
        intact = sha256_of(store.item_path(item)) == item.sha256
        picture = store.picture_path(item).read_bytes()
    except OSError:
        intact, picture = False, b""
    if not intact or hashlib.sha256(picture).hexdigest() != item.face_sha256:
        raise ExportRefused("export.altered", number=number, name=item.original_name)
    return picture
