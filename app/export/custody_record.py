"""The bundle's record of evidence handling (证据处理记录), printed after the 校验页: the
entries of the case's chain of custody about the exhibits in this file, each with its
hash, and the chain's head when the export began. A public pack leaves out paths and
file names (they carry the buyer's user name)."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from app.export.layout import BundleBase, Part, grid_style
from app.seal.chain import ACTIONS, Entry
from app.store.custody import public_details

DETAIL_NAMES = {
    "path": ("路径", "path"), "name": ("文件名", "file name"), "size": ("大小", "size"),
    "modified": ("修改时间", "modified"), "created": ("创建时间", "created"),
    "device": ("设备", "device"), "software": ("软件", "software"),
    "taken": ("拍摄时间", "taken"), "recorded": ("录制时间", "recorded"),
    "by": ("识别引擎", "read by"), "extractor": ("提取规则", "extractor"),
    "order_numbers": ("订单号", "order numbers"), "fact": ("项目", "fact"),
    "old": ("原值", "was"), "new": ("改为", "now"), "box": ("区域", "area"),
    "type": ("类型", "type"), "source": ("来源", "source"), "file": ("文件", "file"),
    "sha256": ("SHA-256", "SHA-256"), "custody_head": ("链头", "head"),
    "archive": ("备份", "archive"), "custody": ("原记录", "record"),
    "entries": ("条数", "entries"), "pack": ("材料", "pack"), "part": ("部分", "part"),
}
# Words stored in English in the record, as the buyer reads them.
VALUE_NAMES = {
    "phone": ("手机号", "phone"), "id_card": ("身份证号", "ID card"),
    "card": ("银行卡号", "card number"), "address": ("地址", "address"),
    "name": ("姓名", "name"), "manual": ("手动", "by hand"), "auto": ("自动识别", "found"),
    "order_numbers": ("订单号", "order numbers"), "timestamps": ("时间", "times"),
    "amounts": ("金额", "amounts"), "kind": ("证据类型", "kind"),
    "bundle": ("证据材料", "evidence bundle"), "public": ("公开材料", "public pack"),
    "intact": ("完整", "intact"), "absent": ("无（旧版本备份）", "none (older backup)"),
}
LONG_HEX = 64
ISO_UTC = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)\+00:00$")


class CustodyRecord(BundleBase):
    def _custody_entries(self, part: Part) -> list[tuple[Entry, dict[str, Any]]]:
        """The entries about this part's exhibits, and the case's own (exports,
        backups), each with its parsed fields."""
        shown = {self.items[n].sha256: n + 1 for n in range(part.start, part.end)}
        out = []
        for entry in self.custody:
            fields = entry.fields()
            if fields.get("item", "") in ("", *shown):
                out.append((entry, fields))
        return out

    def _custody_record(self, part: Part) -> list[Flowable]:
        title = self.tr("证据处理记录", "Record of evidence handling")
        entries = self._custody_entries(part)
        intro = self.tr(
            "ProofPack 在本机记录了每份证据导入后经过的处理（导入、文字识别、更正、遮盖、"
            "导出等）。每条记录包含前一条记录的 SHA-256，导出本文件时整条记录共 "
            f"{len(self.custody)} 条，最后一条（链头）为 {self.custody_head}，"
            "也写在附件清单中。下表是其中与本文件所含"
            f"证据有关的 {len(entries)} 条。此后若有人改动或删除链头之前的任一条记录，运行 "
            "proofpack verify（或用案件备份运行 proofpack verify-bundle --archive）即可发现；"
            "这是本机自行生成的记录，不是公证或区块链存证。",
            "ProofPack records on this computer what was done to each exhibit after import "
            "(import, text reading, corrections, blackouts, exports). Each entry holds the "
            f"SHA-256 of the one before; when this file was exported the record held "
            f"{len(self.custody)} entries, the last (its head) being {self.custody_head}, "
            f"also written in the attached manifest. The table lists the {len(entries)} "
            "about the exhibits in this file. An entry before that head edited or removed "
            "later is found by proofpack verify (or proofpack verify-bundle --archive with "
            "the case archive). This is a record made on this computer, not a notarised or "
            "blockchain record.")
        flow: list[Flowable] = [Spacer(1, 6 * mm), self.p(title, "h1"), self.p(intro, "small"),
                                Spacer(1, 3 * mm)]
        if entries:
            flow.append(self._custody_table(entries, part))
        return flow

    def _custody_table(self, entries: list[tuple[Entry, dict[str, Any]]], part: Part
                       ) -> Table:
        numbers = {self.items[n].sha256: n + 1 for n in range(part.start, part.end)}
        head = [self.tr("序号", "No."), self.tr("时间 (UTC)", "Time (UTC)"),
                self.tr("证据", "Exhibit"), self.tr("事件", "Event"),
                self.tr("详情", "Details"), self.tr("记录 SHA-256", "Entry SHA-256")]
        rows: list[list[Any]] = [[self.p(h, "cellsmall") for h in head]]
        for entry, fields in entries:
            number = numbers.get(fields.get("item", ""))
            action = ACTIONS.get(str(fields.get("action")), (fields.get("action"),) * 2)
            rows.append([self.p(str(fields.get("seq", "")), "cellsmall"),
                         self.p(str(fields.get("at", "")).replace("T", " ")
                                .removesuffix("+00:00"), "cellsmall"),
                         self.p(self.tr(f"证据{number}", f"Exhibit {number}") if number
                                else self.tr("整个案件", "the case"), "cellsmall"),
                         self.p(self.tr(str(action[0]), str(action[1])), "cellsmall"),
                         self.p(self._details_text(fields.get("details", {})), "cellsmall"),
                         self.p(entry.hash[:12] + "…", "cellsmall")])
        widths = [10 * mm, 22 * mm, 15 * mm, 24 * mm, 0, 25 * mm]
        widths[4] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        return table

    def _details_text(self, details: object) -> str:
        if not isinstance(details, dict):
            return ""
        if self.options.public:
            details = public_details(details)
        parts = []
        order = list(DETAIL_NAMES)  # a reader's order (path before size, was before now)
        for key, value in sorted(details.items(),
                                 key=lambda kv: order.index(kv[0]) if kv[0] in order
                                 else len(order)):
            name = DETAIL_NAMES.get(key, (key, key))
            shown = self._shown(value)
            if key == "size":
                shown = self.tr(f"{value} 字节", f"{value} bytes")
            elif key == "taken":  # EXIF writes dates as 2026:10:02
                shown = re.sub(r"^(\d{4}):(\d\d):(\d\d)", r"\1-\2-\3", shown)
            parts.append(f"{self.tr(name[0], name[1])}{self.tr('：', ': ')}{shown}")
        return self.tr("；", "; ").join(parts)

    def _shown(self, value: object) -> str:
        if isinstance(value, list):
            return "[" + ", ".join(self._shown(v) for v in value) + "]"
        text = str(value)
        if len(text) == LONG_HEX and all(c in "0123456789abcdef" for c in text):
            return text[:16] + "…"  # a hash: its start identifies it; the file has it whole
        if text in VALUE_NAMES:
            return self.tr(*VALUE_NAMES[text])
        when = ISO_UTC.match(text)
        return f"{when[1]} {when[2]} UTC" if when else text
