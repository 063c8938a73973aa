"""The legal route: the lawsuit pack built through the CLI from a generated case and read
back — the statement of claim with both parties' details, the evidence catalogue in the
form courts expect (序号, 证据名称, 证据来源, 证明目的, 页码) whose page numbers are checked
against the exhibit pages of the printed PDF, the buyer's own purpose kept, and no raw OCR
number in it."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.case.catalogue import catalogue, draft_purpose
from app.case.lawsuit import lawsuit_text
from app.intake import analyse_items
from app.store.importer import import_paths
from app.store.models import Case, EvidenceItem
from app.store.store import Store
from tests.conftest import text_image

PROOFPACK = [sys.executable, "-m", "app"]
ORDER = "3859204715529631842"
MISREAD = "3859204715529631848"  # what a blurred screenshot gave: one digit off
OWN_PURPOSE = "证明商家客服承认机器人无法充电并拒绝退货"
PARTIES = dict(buyer_name="李四", buyer_sex="女", buyer_birth=date(1990, 5, 6),
               buyer_id_number="11010519900506002X", buyer_phone="13987654321",
               buyer_address="上海市浦东新区张江路 88 号", seller_company="杭州某某科技有限公司",
               seller_uscc="91330106MA2B0RKW3X", seller_address="杭州市西湖区文三路 1 号",
               seller_legal_rep="王五")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("lawsuit")
    store = Store(folder / "store")
    created = store.create_case("扫地机器人不充电", complaint_type="quality", shop="某某旗舰店",
                                order_number=ORDER, amount="1299.00",
                                product_name="扫地机器人", **PARTIES)
    assert created.id is not None
    order = text_image([f"订单编号：{ORDER}", "成交时间：2026-10-02 13:22:05",
                        "实付款：¥1299.00"], folder / "order.png")
    misread = text_image([f"订单编号：{MISREAD}", "实付款：¥1299.00"], folder / "order2.png")
    import_paths(store, created.id, [order, sample_dir / "chat.png", sample_dir / "photo.png",
                                     misread])
    analyse_items(store, store.items(created.id))
    chat = store.items(created.id)[1]
    assert chat.id is not None
    store.update_item(chat.id, purpose=OWN_PURPOSE)
    store.close()
    return folder / "store", created.id


def test_the_lawsuit_pack_has_the_claim_and_a_catalogue_whose_pages_are_right(
        case: tuple[Path, int], tmp_path: Path) -> None:
    data, case_id = case
    out = subprocess.run([*PROOFPACK, "--data-dir", str(data), "export", str(case_id),
                          "--for", "lawsuit", "-o", str(tmp_path)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    names = {p.name for p in folder.iterdir()}
    assert {"起诉状.txt", "证据目录.txt", "00_证据材料.pdf", "说明.txt"} <= names
    assert "投诉内容.txt" not in names  # a court takes a statement of claim
    claim = (folder / "起诉状.txt").read_text("utf-8")
    for value in ("李四", "11010519900506002X", "杭州某某科技有限公司", "91330106MA2B0RKW3X",
                  "王五", ORDER, "1299.00", "诉讼请求", "事实与理由", "此致"):
        assert value in claim, value
    assert "待填写" not in claim  # every detail a court needs was on the case
    listing = (folder / "证据目录.txt").read_text("utf-8")
    assert OWN_PURPOSE in listing and MISREAD not in listing

    pages = [p.extract_text() or "" for p in PdfReader(folder / "00_证据材料.pdf").pages]
    assert "民事起诉状" in pages[0] and "李四" in pages[0]
    index = next(n for n, text in enumerate(pages) if "证明目的" in text and "证据来源" in text)
    flat = re.sub(r"\s+", "", pages[index])
    assert OWN_PURPOSE in flat
    assert MISREAD not in flat
    assert f"订单号{ORDER}" in flat  # the order exhibit's drafted purpose names the order
    rows = catalogue_rows(pages[index])
    assert [number for number, _page in rows] == [1, 2, 3, 4]
    for number, page in rows:  # each exhibit's page heads that exhibit
        assert f"·  证据{number}" in pages[page - 1].splitlines()[0], (number, page)


def catalogue_rows(text: str) -> list[tuple[int, int]]:
    """(序号, 页码) of each row of the catalogue table as pypdf reads it: the number on its
    own line, then 证据N…, and the page as the last line of digits before the next row."""
    lines = [line.strip() for line in text.splitlines()]
    lines = lines[lines.index("页码") + 1:]
    starts = [i for i in range(len(lines) - 1)
              if lines[i].isdigit() and lines[i + 1].startswith(f"证据{lines[i]} ")]
    rows = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        page = [line for line in lines[start + 1:end] if line.isdigit()][-1]
        rows.append((int(lines[start]), int(page)))
    return rows


def test_a_missing_detail_is_left_as_a_visible_gap_and_the_draft_follows_language() -> None:
    bare = Case(title="耳机左耳无声", shop="某数码店", complaint_type="quality")
    claim = lawsuit_text(bare, [], [], "zh", date(2026, 12, 1))
    assert "（待填写：性别）" in claim and "（待填写：统一社会信用代码）" in claim
    assert "＿＿＿＿人民法院" in claim and "2026年12月1日" in claim
    english = lawsuit_text(bare, [], [], "en", date(2026, 12, 1))
    assert "(to fill in: sex)" in english and "Claims:" in english
    # A purpose clause whose value is unknown is left out, not printed empty.
    order = EvidenceItem(case_id=1, sha256="0" * 64, stored_path="x", original_name="a.png",
                         size_bytes=1, width=1, height=1, image_format="PNG", kind="order",
                         order_numbers=[MISREAD])
    assert draft_purpose(bare, [order], order, "zh") == "证明买卖合同关系成立。"
    rows = catalogue(bare, [order], "zh")
    assert rows[0].drafted and rows[0].name == "证据1 订单截图"
    assert rows[0].source == "淘宝订单详情页截图"
