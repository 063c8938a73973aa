"""The bundle's own pages: cover, index, checklist, timeline, progress log, letter and
the channel guide."""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Spacer,
    Table,
)

from app.case.catalogue import catalogue
from app.case.form12315 import form_fields
from app.case.lawsuit import HEADINGS, lawsuit_text
from app.case.letter import letter_text
from app.case.orders import reference_orders
from app.case.parties import buyer_details
from app.case.progress import channel_name, is_overdue, sent_packs, status_name
from app.case.rules import evaluate_checklist, load_channels
from app.case.timeline import build_timeline
from app.export.glyphs import escape
from app.export.layout import MISSING, Anchor, BundleBase, PassLayout, grid_style
from app.i18n import join_list, pick, t
from app.privacy.text import without_personal_data

# The letter's section headings (一、事情经过 / 1. What happened), the buyer's edits included.
LETTER_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}\.\s)\S.{0,30}$")


class Sections(BundleBase):
    def _cover(self) -> list[Flowable]:
        c = self.case
        ctype = self.rules.complaint_type(c.complaint_type)
        # Only what the buyer typed or confirmed: never a raw OCR reading.
        orders = reference_orders(c, self.items) or [self.tr(
            "（未填写：请在案件信息中填写，或确认截图中识别出的订单号）",
            "(not given: enter it in the case, or confirm one read from a screenshot)")]
        rows = [
            (self.tr("案件名称", "Case"), c.title),
            (self.tr("购物平台", "Platform"), t(f"platform.{c.platform}", lang=self.lang)),
            (self.tr("店铺/卖家", "Shop / seller"), c.shop),
            (self.tr("订单编号", "Order number(s)"), join_list(orders[:6], self.lang)),
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
            splitInRow=1,  # a long account (or title) flows on to the next page
        )
        style = grid_style(header=False)
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

    def _index(self, known: PassLayout | None) -> list[Flowable]:
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
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        if not self.items:
            return [*self._section("index", "证据目录", "Index of exhibits"),
                    self.p(self.tr("（尚无证据）", "(no exhibits yet)"))]
        legend = self.p(self.tr(
            "标 * 的订单号、时间、金额和发票信息是文字识别的结果，尚未经本人核对。",
            "Order numbers, times, amounts and invoice details marked * were read by text "
            "recognition and have not been confirmed by the buyer."), "small")
        return [*self._section("index", "证据目录", "Index of exhibits"), table,
                Spacer(1, 2 * mm), legend]

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
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
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
            when = e.stamp
            if e.inferred:
                when += self.tr("（推断）", " (inferred)")
            source = self.tr(f"证据{e.exhibit}", f"Exhibit {e.exhibit}") if e.exhibit \
                else e.detail
            event = self.p(e.detail if e.reply_gap else e.event,
                           "missing" if e.reply_gap else "cell")
            rows.append([self.p(when, "cell"), event, self.p(source, "cell")])
        widths = [48 * mm, 0, 50 * mm]
        widths[1] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        note = self.tr("标注“推断”的时间来自聊天中的“昨天”“星期三”等相对时间，日期按截图推算。",
                       "Times marked inferred come from relative chat stamps such as "
                       "'yesterday'; their date was worked out from the screenshot.")
        return [*head, table, Spacer(1, 2 * mm), self.p(note, "small")]

    def _progress_log(self) -> list[Flowable]:
        if not self.submissions:
            return []
        head = [CondPageBreak(50 * mm), Spacer(1, 6 * mm),
                *self._section("progress", "投诉进度", "Complaint progress")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("日期", "Date"), self.tr("渠道", "Channel"), self.tr("受理编号", "Reference"),
            self.tr("状态", "Status"), self.tr("答复", "Replies"),
            self.tr("下次跟进", "Follow up"))]]
        sent = {p.entry: p for p in sent_packs(self.custody)}
        for sub in self.submissions:
            follow = sub.next_follow_up.isoformat() if sub.next_follow_up else ""
            pack = sent.get(sub.sent)
            what = self.tr(f"提交材料：{pack.name}（{len(pack.files)} 个文件，记录 "
                           f"{pack.entry[:12]}…）", f"Sent: {pack.name} ({len(pack.files)} "
                           f"files, record {pack.entry[:12]}…)") if pack else ""
            late = is_overdue(sub, self.now.date())
            if late:
                follow += self.tr("（已逾期）", " (overdue)")
            rows.append([
                self.p(sub.submitted_on.isoformat(), "cell"),
                self.p(channel_name(sub.channel, self.lang), "cell"),
                self.p(sub.reference, "cellsmall"),
                self.p(status_name(sub.status, self.lang), "cell"),
                self.p(" ".join(x for x in (sub.replies, sub.notes, what) if x), "cellsmall"),
                self.p(follow, "missing" if late else "cell"),
            ])
        widths = [22 * mm, 34 * mm, 28 * mm, 16 * mm, 0, 36 * mm]
        widths[4] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        return [*head, table]

    def _letter(self) -> list[Flowable]:
        text = letter_text(self.case, self.items, self.submissions, self.lang, self.now.date())
        if self.options.public:  # published for anyone: the buyer's own details go
            text = without_personal_data(text, buyer_details(self.case))
        flow = [*self._section("letter", "投诉书", "Complaint letter")]
        lines = text.splitlines()
        if lines and lines[0].strip() in ("投诉书", "Complaint"):
            lines = lines[1:]  # the section heading says it already
        for line in lines:
            style = "letterhead" if LETTER_HEADING.match(line.strip()) else "letter"
            flow.append(self.p(line, style) if line.strip() else Spacer(1, 3 * mm))
        return flow

    def _form_sheet(self) -> list[Flowable]:
        """The 12315 form's fields in its order, in large type, for retyping."""
        flow = [*self._section("form12315", "12315 投诉表单填写单", "12315 form sheet"),
                self.p(self.tr("按 12315 网上表单的顺序逐项填写；表单不能粘贴时可照此抄写。",
                               "Fill in the 12315 online form in this order; retype from "
                               "here where the form blocks pasting."), "small")]
        for field in form_fields(self.case, self.items, self.submissions, self.lang):
            flow.append(self.p(f"【{pick(field.label, self.lang)}】"
                               f"（{field.counted(self.lang)}）",
                               "missing" if field.over else "cell"))
            flow += [self.p(line, "form") for line in field.value.splitlines() or [""]]
        return flow

    def _lawsuit(self) -> list[Flowable]:
        """The statement of claim draft, for the lawsuit pack: the court reads it first."""
        text = lawsuit_text(self.case, self.items, self.submissions, self.lang,
                            self.now.date())
        lines = text.splitlines()[1:]  # the section heading says the title
        flow = [*self._section("lawsuit", "民事起诉状（草稿）", "Statement of claim (draft)")]
        for line in lines:
            flow.append(self.p(line, "letterhead" if line.strip() in HEADINGS else "letter")
                        if line.strip() else Spacer(1, 3 * mm))
        return flow

    def _catalogue(self, known: PassLayout | None) -> list[Flowable]:
        """证据目录 as courts and 消协 expect it: 序号, 证据名称, 证据来源, 证明目的, 页码."""
        header = [self.tr("序号", "No."), self.tr("证据名称", "Evidence"),
                  self.tr("证据来源", "Source"), self.tr("证明目的", "To prove"),
                  self.tr("页码", "Page")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in header]]
        for row in catalogue(self.case, self.items, self.lang):
            page = str(known.exhibit_pages.get(row.number, "")) if known else "00"
            rows.append([self.p(str(row.number), "cell"), self.p(row.name, "cell"),
                         self.p(row.source, "cell"), self.p(row.purpose, "cell"),
                         self.p(page, "cell")])
        widths = [12 * mm, 40 * mm, 38 * mm, 0, 12 * mm]
        widths[3] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        return [*self._section("catalogue", "证据目录", "Evidence catalogue"), table]

    def _bring_sheet(self) -> list[Flowable]:
        """The printed pack's first page: what to take to the 12315 office counter."""
        flow = [*self._section("bring", "到场投诉须带材料", "What to bring to the office"),
                self.p(self.tr(
                    "到当地市场监督管理局（12315）窗口现场投诉时，请带上：",
                    "When you complain in person at the local market-regulation (12315) "
                    "office, bring:"), "base"), Spacer(1, 3 * mm)]
        bring = [
            self.tr("本人身份证原件及复印件一份", "Your ID card and one copy of it"),
            self.tr("本材料打印件（投诉书在前，证据材料在后），建议多备一份交对方",
                    "This printout (the complaint first, then the evidence), ideally a "
                    "second copy to hand over"),
            self.tr("存有原始截图、照片、视频和录音的手机或电脑，供工作人员核对原件",
                    "The phone or computer holding the original screenshots, photos, videos "
                    "and recordings, for the staff to compare"),
            self.tr("订单号、商家名称（店铺「营业执照」信息页）、已投诉过的渠道及受理编号",
                    "The order number, the business's name (from the shop's licence page), "
                    "where you have already complained and the reference numbers"),
        ]
        flow += [self.p(f"□ {line}", "letter") for line in bring]
        return flow

    def _channel_guide(self, layout: PassLayout) -> list[Flowable]:
        guide = load_channels()

        def note_page(page: int) -> None:
            if self._layout_only:  # pass one lays out the whole bundle; parts come after
                layout.appendix_page = page

        title = self.tr("附录：投诉渠道指南", "Appendix: where to complain")
        flow: list[Flowable] = [Anchor("channels", title, 0, note_page), self.p(title, "h1")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in (
            self.tr("渠道", "Channel"), self.tr("适用情形", "When it fits"),
            self.tr("需要准备", "What to prepare"))]]
        for ch in guide.channels:
            rows.append([
                Paragraph(f"<b>{escape(pick(ch.name, self.lang))}</b><br/>"
                          f"{escape(pick(ch.contact, self.lang))}", self.styles["cellsmall"]),
                self.p(pick(ch.when, self.lang), "cellsmall"),
                self.p(pick(ch.prepare, self.lang), "cellsmall"),
            ])
        widths = [52 * mm, 0, 52 * mm]
        widths[1] = self.content_w - sum(widths)
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        flow += [table, Spacer(1, 5 * mm), self.p(self.tr("投诉要点", "Tips"), "base")]
        flow += [self.p(f"· {tip}", "small") for tip in pick(guide.tips, self.lang)]
        return flow
