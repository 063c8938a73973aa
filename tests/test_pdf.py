"""The exported bundle, read back with pypdf and poppler."""

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.analyze import analyse_items
from app.export.bundle import ExportOptions, export_case
from app.importer import import_paths
from app.store import Store


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
    last = reader.pages[-1].extract_text()
    assert f"第 {pages} 页 / 共 {pages} 页" in last


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
