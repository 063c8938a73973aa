"""The exported bundle, read back with pypdf and poppler."""

import itertools
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export.bundle import ExportOptions, export_case
from app.intake import analyse_items
from app.store.importer import import_paths
from app.store.store import Store


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, Store, int]:
    folder = tmp_path_factory.mktemp("bundle")
    store = Store(folder / "store")
    case = store.create_case("蓝牙耳机左耳无声", platform="tmall", shop="潮流数码专营店",
                             order_number="5055565384962088195", amount="2677.90",
                             complaint_type="quality", requested_outcome="退货退款")
    import_paths(store, case.id, [sample_dir / f"{k}.png" for k in ("order", "chat", "photo")])
    analyse_items(store, store.items(case.id))
    out = folder / "bundle.pdf"
    export_case(store, case.id, out, ExportOptions(lang="zh", now=datetime(2026, 11, 25, 10, 30)))
    return out, store, case.id


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_every_font_is_embedded(bundle) -> None:
    out = subprocess.run(["pdffonts", str(bundle[0])], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for row in out:
        assert " yes yes " in row and "WenQuanYiMicroHei" in row, row


def test_cover_index_and_hashes_are_searchable_text(bundle) -> None:
    path, store, case_id = bundle
    text = pdftotext(path)
    for expected in ("消费投诉证据材料", "蓝牙耳机左耳无声", "天猫", "潮流数码专营店",
                     "5055565384962088195", "商品质量问题", "退货退款", "证据目录", "证据清单",
                     "时间线", "证据1", "证据3", "2026-11-25"):
        assert expected in text, expected
    for item in store.items(case_id):
        assert item.sha256 in text.replace("\n", "")
        assert item.sha256[:12] in text


def test_pages_outline_metadata(bundle) -> None:
    reader = PdfReader(bundle[0])
    pages = len(reader.pages)
    assert pages >= 6
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[:4] == ["封面", "证据目录", "证据清单", "时间线"]
    assert [t for t in titles if t.startswith("证据") and t[2:3].isdigit()] == \
        ["证据1 订单截图", "证据2 聊天记录", "证据3 实物照片"]
    meta = reader.metadata
    assert meta.author == "ProofPack" and "蓝牙耳机左耳无声" in meta.title
    # the 校验页 and the record of handling after the last numbered page: not numbered
    # nor counted
    texts = [page.extract_text() for page in reader.pages]
    unnumbered = [i for i, text in enumerate(texts) if "校验页（不计页码）" in text]
    assert unnumbered and unnumbered == list(range(unnumbered[0], pages))
    numbered = unnumbered[0]
    assert f"第 {numbered} 页 / 共 {numbered} 页" in texts[numbered - 1]
    assert not any("页 / 共" in text for text in texts[numbered:])


def test_index_page_numbers_point_at_exhibits(bundle) -> None:
    reader = PdfReader(bundle[0])
    outline = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline
               if not isinstance(o, list)}
    index_text = reader.pages[1].extract_text()
    for title, page in outline.items():
        if title.startswith("证据") and title[2:3].isdigit():
            assert f"{page}" in index_text
            assert title.split()[0] in reader.pages[page - 1].extract_text()


def test_letter_page_size(bundle, tmp_path: Path) -> None:
    _, store, case_id = bundle
    out = tmp_path / "letter.pdf"
    export_case(store, case_id, out, ExportOptions(page_size="Letter"))
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def tall_screenshot(path: Path, height: int = 7000) -> Path:
    """A long phone screenshot (a scrolled chat) with text all the way down."""
    from PIL import Image, ImageDraw, ImageFont

    from app.paths import FONT_PATH

    img = Image.new("RGB", (1080, height), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT_PATH), 40)
    for i, y in enumerate(range(40, height - 60, 90)):
        draw.text((60, y), f"第 {i + 1} 行 聊天记录 亲，请稍等", fill=(30, 30, 30), font=font)
    img.save(path)
    return path


def test_tall_screenshot_is_split_readable_with_continuation(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    case = store.create_case("长截图")
    import_paths(store, case.id, [tall_screenshot(tmp_path / "long.png")])
    out = tmp_path / "long.pdf"
    # (not read by OCR: this checks the page layout, and says so)
    export_case(store, case.id, out, ExportOptions(lang="zh", allow_unscanned=True))
    reader = PdfReader(out)
    # exhibit pages carry "<case> · 证据1" in their header
    exhibit_pages = [p for p in reader.pages if "· 证据1" in (p.extract_text() or "")]
    assert len(exhibit_pages) >= 3, "a 7000 px screenshot must span several pages"
    texts = [p.extract_text() for p in exhibit_pages]
    assert "接下页" in texts[0] and "续" in texts[1]
    # Never shrunk: each slice is drawn at >= 150 dpi and at least 60% of the text width.
    for page in exhibit_pages:
        for image in page.images:
            width_px = image.image.width
            assert width_px >= 700
    widths = []
    for page in exhibit_pages:
        for op in _image_widths(page):
            widths.append(op)
    assert widths and min(widths) > 0.6 * (595 - 2 * 51)
    assert max(1080 / (w / 72) for w in widths) <= 1080 / 2 and min(
        1080 / (w / 72) for w in widths) >= 150


def _image_widths(page) -> list[float]:
    """Drawn widths (pt) of the images on a page, from the content stream's cm operators."""
    from pypdf.generic import ContentStream

    content = ContentStream(page.get_contents(), page.pdf)
    widths = []
    for operands, operator in content.operations:
        if operator == b"cm" and float(operands[0]) > 50:
            widths.append(float(operands[0]))
    return widths


def test_split_into_parts_under_limit(tmp_path: Path) -> None:
    from tests.imagegen import generate

    store = Store(tmp_path / "s")
    case = store.create_case("拆分")
    paths = []
    for seed in range(6):
        sample = generate(100 + seed, "photo")
        path = tmp_path / f"p{seed}.png"
        # one size for all: every exhibit well under the limit, so every part can be
        sample.image.resize((1024, 768)).save(path)
        paths.append(path)
    import_paths(store, case.id, paths)
    whole = export_case(store, case.id, tmp_path / "whole.pdf",
                        ExportOptions(allow_unscanned=True))[0]  # photos, not read
    limit_mb = whole.stat().st_size / 1e6 / 2.5
    parts = export_case(store, case.id, tmp_path / "part.pdf",
                        ExportOptions(max_part_mb=limit_mb, allow_unscanned=True))
    assert len(parts) >= 3
    assert [p.name for p in parts][:2] == ["part_第1部分.pdf", "part_第2部分.pdf"]
    for part in parts:
        assert part.stat().st_size <= limit_mb * 1_000_000  # MB as channels count them
    # each part ends with its own 校验页 and record of handling, outside the numbering
    total_pages = sum(numbered_pages(p) for p in parts)
    assert total_pages == numbered_pages(whole)
    # each part written on its own still numbers its pages as the whole bundle does
    second_starts_at = numbered_pages(parts[0]) + 1
    assert f"第 {second_starts_at} 页 / 共 {total_pages} 页" in \
        PdfReader(parts[1]).pages[0].extract_text()
    assert "证据目录" in PdfReader(parts[0]).pages[1].extract_text()
    # every exhibit is whole in one part, and is bookmarked there
    found = [o.title for p in parts for o in PdfReader(p).outline]
    assert [f for f in found if f.startswith("证据") and f[2].isdigit()] == \
        [f"证据{n} 其他" for n in range(1, 7)]  # imported without OCR: kind "other"


def numbered_pages(pdf: Path) -> int:
    """The pages before the 校验页 and the record of handling, which are not numbered."""
    return sum("校验页（不计页码）" not in page.extract_text() for page in PdfReader(pdf).pages)


def test_timeline_events_follow_the_screen_kind() -> None:
    from app.case.timeline import build_timeline
    from app.store.models import EvidenceItem

    def item(kind: str, label: str, value: str) -> EvidenceItem:
        return EvidenceItem(case_id=1, sha256="x", stored_path="x", original_name="x",
                            size_bytes=1, width=1, height=1, image_format="PNG", kind=kind,
                            facts=[{"type": "timestamp", "value": value, "label": label}])

    entries = build_timeline([item("order", "付款时间", "2024-11-02T10:00:00"),
                              item("payment", "创建时间", "2024-11-02T10:00:05"),
                              item("order", "创建时间", "2024-11-01T09:00:00")], lang="zh")
    assert [(e.event, e.exhibit) for e in entries] == [("下单", 3), ("付款", 1),
                                                       ("付款记录", 2)]


def test_no_letter_heading_is_left_alone_at_a_page_foot(tmp_path: Path) -> None:
    """However long the buyer's account, a heading of the letter (五、依据) starts a page
    with its first line rather than ending one without it: PDFs with the account one
    line longer each time, read back page by page."""
    from app.case.letter import letter_text
    from app.export.sections import LETTER_HEADING

    store = Store(tmp_path / "store")
    case = store.create_case("耳机左耳无声", complaint_type="quality")
    stranded: list[tuple[int, str]] = []
    for extra in range(0, 48, 2):
        account = "\n".join(f"第{n + 1}行：收到货后左耳没有声音，联系卖家要求退货。"
                            for n in range(4 + extra))
        store.update_case(case.id, description=account)
        lines = [ln.strip() for ln in letter_text(store.get_case(case.id), [], []).splitlines()
                 if ln.strip()]
        pairs = [(h, nxt) for h, nxt in itertools.pairwise(lines)
                 if LETTER_HEADING.match(h)]
        (pdf,) = export_case(store, case.id, tmp_path / f"l{extra}.pdf",
                             ExportOptions(now=datetime(2024, 12, 1, 10, 0)))
        pages = [p.extract_text().replace(" ", "") for p in PdfReader(pdf).pages]
        for heading, following in pairs:
            where = [i for i, text in enumerate(pages) if heading.replace(" ", "") in text]
            if where and following.replace(" ", "")[:10] not in pages[where[-1]]:
                stranded.append((extra, heading))
    store.close()
    assert stranded == []


def test_long_texts_flow_over_pages_and_the_header_fits(tmp_path: Path) -> None:
    """A 5,000-character title and a 2,400-character account exported: they continue on
    the next pages (no 'layout failed'), every word of them is in the PDF, and the page
    header, cut to its width, never runs into the right-hand title."""
    store = Store(tmp_path / "store")
    title = "".join(f"标题第{n}段" for n in range(1, 1001))[:5000]
    account = "".join(f"第{n}句：左耳没有声音。" for n in range(1, 300))[:2400]
    case = store.create_case(title, complaint_type="quality")
    store.update_case(case.id, description=account)
    (pdf,) = export_case(store, case.id, tmp_path / "long.pdf",
                         ExportOptions(now=datetime(2024, 12, 1, 10, 0)))
    store.close()
    reader = PdfReader(pdf)
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    assert "标题第600段" in text and "第150句：左耳没有声音。" in text
    # The header of page 2, as pdftotext lays it out: the cut title, then the right text.
    header = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout.splitlines()[0]
    assert "…" in header and header.rstrip().endswith("消费投诉证据材料")
    assert "  " in header.split("…")[1]  # a gap between the two, not overprinted


def test_characters_the_cjk_font_lacks_are_drawn_or_shown_missing(tmp_path: Path) -> None:
    """Hebrew in a title (a seller's name copied from elsewhere): drawn in the embedded
    fallback font, in the text a reader copies; an emoji or a character no font has is a
    visible □, not nothing."""
    store = Store(tmp_path / "store")
    case = store.create_case("耳机 שלום 😀 坏了", complaint_type="quality")
    store.update_case(case.id, description="卖家 שלום 说好的 😀 \U000f0000 结果没发货")
    (pdf,) = export_case(store, case.id, tmp_path / "g.pdf",
                         ExportOptions(now=datetime(2024, 12, 1, 10, 0)))
    store.close()
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "DejaVuSans" in fonts and "WenQuanYi" in fonts
    cover = PdfReader(pdf).pages[0].extract_text()
    assert "שלום" in cover or "םולש" in cover  # (right to left, either order of extraction)
    assert "耳机 םולש □ 坏了" in cover or "耳机 שלום □ 坏了" in cover


def test_hebrew_is_drawn_right_to_left(tmp_path: Path) -> None:
    """שלום is read right to left: its first letter ש must be drawn rightmost, so the run
    is stored as drawn, ם first. pypdf's extraction turns a right-to-left run back into
    reading order, so it gives שלום for a correct PDF (and םולש for one drawn reversed)."""
    store = Store(tmp_path / "store")
    case = store.create_case("卖家 שלום 不发货", complaint_type="quality")
    (pdf,) = export_case(store, case.id, tmp_path / "rtl.pdf",
                         ExportOptions(now=datetime(2024, 12, 1, 10, 0)))
    store.close()
    drawn: list[tuple[str, str]] = []

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: float) -> None:
        if text.strip() and font is not None:
            drawn.append((str(font.get("/BaseFont", "")), text))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    hebrew = [text for font, text in drawn if "DejaVuSans" in font]
    assert hebrew and hebrew[0].strip() == "שלום", drawn


def test_a_small_forwarded_screenshot_is_printed_large_enough_to_read(tmp_path: Path) -> None:
    """270 px wide (forwarded through a chat app): printed at least 4 inches wide, its
    pixels enlarged to 150 dpi there, not a 5 cm stamp of grey blocks."""
    from tests.conftest import text_image

    shot = text_image(["订单编号 1147043564660808907"] * 12, tmp_path / "big.png")
    from PIL import Image

    Image.open(shot).resize((270, 600)).save(tmp_path / "small.jpg", quality=60)
    store = Store(tmp_path / "store")
    case = store.create_case("转发的截图")
    import_paths(store, case.id, [tmp_path / "small.jpg"])
    (pdf,) = export_case(store, case.id, tmp_path / "s.pdf",
                         ExportOptions(allow_unscanned=True))
    store.close()
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    row = listed[0].split()  # the first slice (enlarged, it may take two pages)
    width_px, x_ppi = int(row[3]), int(row[12])
    assert width_px >= 2 * 270 and x_ppi >= 149, row
    assert width_px / x_ppi >= 4.0  # inches on paper
