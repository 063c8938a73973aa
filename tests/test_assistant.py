"""The complaint assistant: deadline, reply gaps, letter draft, channels, progress log."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from app.case.deadline import COMPLETION_LABELS, complaint_deadline
from app.case.letter import char_count, draft_letter, letter_text
from app.case.progress import is_overdue, overdue
from app.case.replies import format_span, reply_gaps
from app.case.rules import load_channels, load_rules
from app.export.bundle import ExportOptions, export_case
from app.intake import analyse_items
from app.paths import FONT_PATH
from app.store.importer import import_paths
from app.store.models import Case, EvidenceItem, Submission
from app.store.store import Store


def chat_image(path: Path, turns: list[tuple[str, str]]) -> Path:
    """A phone chat screen: ("time", "2026-11-20 10:00") separators, ("buyer"|"seller", text)
    bubbles on the right/left, ("read", "") marks the buyer's last bubble 已读."""
    width = 1080
    img = Image.new("RGB", (width, 2200), (237, 237, 237))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_PATH), 34)
    small = ImageFont.truetype(str(FONT_PATH), 26)
    draw.rectangle((0, 0, width, 190), fill=(250, 250, 250))
    draw.text((420, 110), "潮流数码专营店", fill="black", font=font)
    y = 260
    last_bubble = (0, 0)
    for who, text in turns:
        if who == "time":
            w = draw.textlength(text, font=small)
            draw.text(((width - w) / 2, y), text, fill=(140, 140, 140), font=small)
            y += 70
        elif who == "read":
            draw.text((last_bubble[0] - 80, last_bubble[1] + 50), "已读", fill=(140, 140, 140),
                      font=small)
        else:
            tw = draw.textlength(text, font=font)
            if who == "buyer":
                x1 = width - 140
                x0 = x1 - tw - 48
                draw.rounded_rectangle((x0, y, x1, y + 84), 16, fill=(0, 122, 255))
                draw.text((x0 + 24, y + 22), text, fill="white", font=font)
                draw.rectangle((width - 120, y, width - 40, y + 80), fill=(120, 160, 90))
                last_bubble = (int(x0), y)
            else:
                draw.rectangle((40, y, 120, y + 80), fill=(200, 120, 90))
                draw.rounded_rectangle((140, y, 140 + tw + 48, y + 84), 16, fill="white")
                draw.text((164, y + 22), text, fill="black", font=font)
            y += 130
    img.save(path)
    return path


@pytest.fixture
def silent_seller_case(store: Store, tmp_path: Path) -> tuple[Store, int]:
    case = store.create_case("耳机已读不回", complaint_type="no_reply", shop="潮流数码专营店",
                             order_number="3521798801234567890", amount="129.00",
                             order_completed_on=date(2026, 11, 10))
    shot = chat_image(tmp_path / "chat.png", [
        ("time", "2026-11-20 10:00"),
        ("buyer", "你好，耳机左耳没有声音"),
        ("buyer", "请问怎么处理？"),
        ("read", ""),
        ("time", "2026-11-23 14:30"),
        ("buyer", "在吗？请回复一下"),
        ("time", "2026-11-24 09:00"),
        ("seller", "亲，请稍等，我们核实一下"),
        ("time", "2026-11-24 09:30"),
        ("buyer", "好的，请尽快处理"),
    ])
    assert import_paths(store, case.id, [shot]).outcomes[0].status == "imported"
    analyse_items(store, store.items(case.id))
    return store, case.id


def test_reply_gap_is_measured_from_a_real_chat_screenshot(silent_seller_case) -> None:
    store, case_id = silent_seller_case
    (item,) = store.items(case_id)
    assert item.kind == "chat"
    sides = [(m["side"], m["when"]) for m in item.facts if m["type"] == "message"]
    assert ("buyer", "2026-11-20T10:00") in sides and ("seller", "2026-11-24T09:00") in sides
    assert any(m.get("read") for m in item.facts if m["type"] == "message")

    gaps = reply_gaps(store.items(case_id), now=datetime(2026, 11, 27, 12, 0))
    first = gaps[0]
    assert first.asked_at == datetime(2026, 11, 20, 10, 0)
    assert first.answered_at == datetime(2026, 11, 24, 9, 0)
    assert first.messages == 3 and first.read
    assert "卖家在 3 天 23 小时内未回复" in first.describe("zh")
    # the last buyer message is still waiting: measured up to now
    assert gaps[-1].answered_at is None
    assert gaps[-1].asked_at == datetime(2026, 11, 24, 9, 30)
    assert "至今" in gaps[-1].describe("zh")


def test_short_silences_are_not_gaps() -> None:
    item = EvidenceItem(case_id=1, sha256="x", stored_path="", original_name="c.png",
                        size_bytes=1, width=1, height=1, image_format="PNG", kind="chat",
                        facts=[
                            {"type": "message", "side": "buyer", "when": "2026-11-20T10:00",
                             "text": "你好", "box": [600, 300, 200, 40]},
                            {"type": "message", "side": "seller", "when": "2026-11-20T15:00",
                             "text": "亲", "box": [100, 400, 200, 40]},
                        ])
    assert reply_gaps([item], now=datetime(2026, 11, 27)) == []
    assert format_span(timedelta(days=3, hours=4), "zh") == "3 天 4 小时"
    assert format_span(timedelta(days=1, hours=1), "en") == "1 day 1 hour"


def order_item(label_time: str) -> EvidenceItem:
    return EvidenceItem(case_id=1, sha256="x", stored_path="", original_name="o.png",
                        size_bytes=1, width=1, height=1, image_format="PNG", kind="order",
                        facts=[{"type": "timestamp", "value": label_time, "label": "成交时间",
                                "box": [0, 0, 1, 1]},
                               {"type": "timestamp", "value": "2026-10-01T08:00:00",
                                "label": "创建时间", "box": [0, 0, 1, 1]}])


@pytest.mark.parametrize("today,left,level", [
    (date(2026, 11, 20), 20, "ok"),
    (date(2026, 12, 3), 7, "warn"),
    (date(2026, 12, 10), 0, "warn"),
    (date(2026, 12, 15), -5, "passed"),
])
def test_deadline_from_the_entered_completion_date(today, left, level) -> None:
    case = Case(title="c", order_completed_on=date(2026, 11, 10))
    deadline = complaint_deadline(case, [], today)
    assert deadline is not None
    assert deadline.last_day == date(2026, 12, 10) and deadline.days_left == left
    assert deadline.level == level
    assert ("已过" in deadline.describe("zh")) == (level == "passed")


def test_deadline_inferred_from_the_completion_time_on_an_order_screen() -> None:
    case = Case(title="c")
    deadline = complaint_deadline(case, [order_item("2026-11-05T12:00:00")], date(2026, 11, 27))
    assert deadline is not None
    assert deadline.completed_on == date(2026, 11, 5) and deadline.inferred_from == 1
    assert deadline.days_left == 8 and "证据1" in deadline.source("zh")
    assert complaint_deadline(Case(title="c"), [], date(2026, 11, 27)) is None


def test_deadline_from_ocr_of_a_generated_order_screen(store: Store, sample_dir: Path) -> None:
    case = store.create_case("c")
    import_paths(store, case.id, [sample_dir / "order.png"])
    analyse_items(store, store.items(case.id))
    items = store.items(case.id)
    completed = [f["value"] for f in items[0].facts if f["type"] == "timestamp"
                 and any(label in f.get("label", "") for label in COMPLETION_LABELS)]
    assert completed, items[0].facts
    deadline = complaint_deadline(store.get_case(case.id), items, date(2026, 11, 27))
    assert deadline is not None
    assert deadline.completed_on == datetime.fromisoformat(completed[0]).date()


def test_letter_draft_states_the_case_calmly(silent_seller_case) -> None:
    store, case_id = silent_seller_case
    case = store.get_case(case_id)
    store.add_submission(Submission(case_id=case_id, submitted_on=date(2026, 11, 25),
                                    channel="12315", reference="1500112233",
                                    status="accepted"))
    text = draft_letter(case, store.items(case_id), store.submissions(case_id), "zh",
                        date(2026, 11, 27))
    for expected in ("投诉书", "潮流数码专营店", "3521798801234567890", "¥129.00",
                     "卖家在 3 天 23 小时内未回复", "证据1", "全国12315平台", "1500112233",
                     "《中华人民共和国电子商务法》第五十九条", "2026年11月27日"):
        assert expected in text, expected
    assert "!" not in text and "！" not in text  # calm
    assert text.count("3 天 23 小时") == 1  # each silence told once
    assert char_count(text) == len(text) - text.count("\n")
    english = draft_letter(case, store.items(case_id), [], "en", date(2026, 11, 27))
    assert "E-Commerce Law, Art. 59" in english and "Exhibit 1" in english
    # the buyer's edit wins over the draft, and is remembered
    store.update_case(case_id, letter_text="我的投诉书")
    assert letter_text(store.get_case(case_id), [], []) == "我的投诉书"


def test_every_complaint_type_has_letter_material_and_the_channels_are_complete() -> None:
    for ctype in load_rules().types.values():
        assert ctype.problem[0] and ctype.request[0] and ctype.law[0], ctype.id
        assert len(ctype.law[0]) == len(ctype.law[1])
        for item in ctype.checklist:
            assert item.hint_zh and item.hint_en
    guide = load_channels()
    text = " ".join(c.contact[0] for c in guide.channels)
    for needle in ("9510211", "12315", "12345", "12381", "12377", "黑猫投诉"):
        assert needle in text, needle


def test_overdue_follow_ups() -> None:
    today = date(2026, 11, 27)
    late = Submission(case_id=1, submitted_on=date(2026, 11, 1), channel="platform",
                      next_follow_up=date(2026, 11, 20))
    done = Submission(case_id=1, submitted_on=date(2026, 11, 1), channel="platform",
                      status="resolved", next_follow_up=date(2026, 11, 20))
    future = Submission(case_id=1, submitted_on=date(2026, 11, 1), channel="12315",
                        next_follow_up=date(2026, 12, 1))
    assert is_overdue(late, today) and not is_overdue(done, today)
    assert overdue([late, done, future], today) == [late]


def test_bundle_carries_deadline_gaps_progress_letter_and_channels(silent_seller_case,
                                                                  tmp_path: Path) -> None:
    store, case_id = silent_seller_case
    store.add_submission(Submission(case_id=case_id, submitted_on=date(2026, 11, 21),
                                    channel="platform", reference="TS001", status="unresolved",
                                    replies="卖家称已处理", next_follow_up=date(2026, 11, 24)))
    (pdf,) = export_case(store, case_id, tmp_path / "out.pdf",
                         ExportOptions(now=datetime(2026, 12, 5, 9, 0)))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    assert "距平台投诉期限（2026-12-10）还有5天" in flat
    assert "卖家在3天23小时内未回复" in flat  # timeline and letter
    assert "投诉进度" in flat and "TS001" in flat and "已逾期" in flat
    assert "投诉书" in flat and "三、投诉请求" in flat
    assert "附录：投诉渠道指南" in flat and "9510211" in flat
    outline = [o.title for o in PdfReader(pdf).outline if not isinstance(o, list)]
    for title in ("投诉书", "投诉进度", "附录：投诉渠道指南"):
        assert title in outline
