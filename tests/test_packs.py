"""Channel packs built from a generated case through the CLI, as a buyer runs it, and read
back from outside: the images counted and measured against each channel's limits, their
caption strips read by Tesseract, EXIF looked for, the public pack's pictures OCR'd for
the phone number the buyer had switched off, the 12315 PDFs verified and measured, the
printed bundle's first pages read, the zip compared with the folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytesseract
import pytest
from PIL import Image
from pypdf import PdfReader

from app.intake import analyse_items
from app.privacy.redaction import set_enabled
from app.store.importer import import_paths
from app.store.store import Store
from tests.conftest import text_image

PROOFPACK = [sys.executable, "-m", "app"]
PHONE = "13987654321"
ORDER = "3859204715529631842"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> tuple[Path, int]:
    """Seven exhibits: an order screen with the buyer's phone (its blackout switched off
    by the buyer), the generated chat, payment, logistics and photo screens, a 12 MP
    noisy photo (too big for a 2 MB upload as it is) and another screen."""
    folder = tmp_path_factory.mktemp("packs")
    store = Store(folder / "store")
    created = store.create_case("扫地机器人不充电", complaint_type="quality")
    assert created.id is not None
    order = text_image([f"订单编号：{ORDER}", "成交时间：2026-10-02 13:22:05",
                        "实付款：¥1299.00", f"收货人：李四 {PHONE}"], folder / "order.png")
    rng = np.random.default_rng(7)
    noise = Image.fromarray(rng.integers(0, 255, (3000, 4000, 3), dtype=np.uint8))
    noise.save(folder / "big_photo.jpg", quality=95)
    import_paths(store, created.id, [order, *(sample_dir / f"{k}.png" for k in (
        "chat", "payment", "logistics", "photo", "other")), folder / "big_photo.jpg"])
    analyse_items(store, store.items(created.id))
    first = store.items(created.id)[0]
    assert first.id is not None
    phone = next(i for i, r in enumerate(first.redactions) if r["type"] == "phone")
    set_enabled(store, first.id, phone, False)  # the buyer chose to show it
    store.update_case(created.id, letter_text=f"投诉书\n投诉人：李四，联系电话：{PHONE}\n"
                                              "机器人收到后无法充电，要求退货退款。")
    store.close()
    return folder / "store", created.id


def export(data: Path, case_id: int, channel: str, out: Path, *extra: str
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROOFPACK, "--data-dir", str(data), "export", str(case_id),
                           "--for", channel, "-o", str(out), *extra],
                          capture_output=True, text=True, timeout=600)


def pack_folder(out: Path) -> Path:
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return folder


def ocr(path: Path) -> str:
    with Image.open(path) as img:
        return str(pytesseract.image_to_string(img, lang="chi_sim+eng")).replace(" ", "")


def ocr_caption(path: Path) -> str:
    """The caption strip under the picture, read alone and enlarged: what a reader sees
    there, not how Tesseract happens to split the whole page."""
    with Image.open(path) as img:
        strip = img.crop((0, img.height - 48, img.width, img.height))
        strip = strip.resize((strip.width * 2, strip.height * 2), Image.Resampling.LANCZOS)
        return str(pytesseract.image_to_string(strip, lang="chi_sim+eng",
                                               config="--psm 7")).replace(" ", "")


def test_taobao_takes_five_captioned_images_within_its_limits(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, case_id = case
    out = export(data, case_id, "taobao", tmp_path, "--zip")
    assert out.returncode == 0, out.stderr
    assert "最多收 5 张图片" in out.stderr  # seven exhibits: two left out, and said so
    folder = pack_folder(tmp_path)
    assert folder.name.startswith("证据包_扫地机器人不充电_taobao_")
    images = sorted(folder.glob("*.jpg"))
    assert len(images) == 5
    # chosen by the checklist of a quality complaint (photos, order, chat, payment): the
    # order screen and the chat are in, the screen of no listed kind is left out
    numbers = {int(p.name.split("_")[1].removeprefix("证据")) for p in images}
    assert {1, 2} <= numbers and 6 not in numbers, numbers
    for image in images:
        assert image.stat().st_size <= 5_000_000
        with Image.open(image) as img:
            assert img.format == "JPEG" and not img.getexif()
    order_image = next(p for p in images if "订单截图" in p.name)
    text = ocr(order_image)
    number = order_image.name.split("_")[1].removeprefix("证据")
    # the caption strip: the screen itself says 订单编号, never 证据N nor 订单号
    caption = ocr_caption(order_image)
    assert f"证据{number}" in caption and f"订单号{ORDER}" in caption, caption
    # not a public pack: the buyer's choice stands (the name's box may clip the first digit)
    assert PHONE[-8:] in text
    assert PHONE in (folder / "投诉内容.txt").read_text("utf-8")
    with zipfile.ZipFile(folder.with_suffix(".zip")) as zf:
        assert sorted(Path(n).name for n in zf.namelist()) == sorted(p.name for p in
                                                                      folder.iterdir())


def test_the_public_pack_hides_every_kind_whatever_the_buyer_chose(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, case_id = case
    out = export(data, case_id, "heimao", tmp_path, "--pick", "1,3")
    assert out.returncode == 0, out.stderr
    folder = pack_folder(tmp_path)
    images = sorted(folder.glob("*.jpg"))
    assert [p.name.split("_")[1] for p in images] == ["证据1", "证据3"]  # as picked
    for image in images:
        assert image.stat().st_size <= 2_000_000
        text = ocr(image)
        assert PHONE[-8:] not in text and "李四" not in text, text
    letter = (folder / "投诉内容.txt").read_text("utf-8")
    assert PHONE not in letter and "李四" not in letter and "无法充电" in letter
    assert "公开" in (folder / "说明.txt").read_text("utf-8")


def test_12315_gets_verified_pdf_parts_and_every_picture_under_2_mb(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, case_id = case
    out = export(data, case_id, "12315", tmp_path)
    assert out.returncode == 0, out.stderr
    folder = pack_folder(tmp_path)
    images = sorted(folder.glob("*.jpg"))
    assert len(images) == 7 and all(p.stat().st_size <= 2_000_000 for p in images)
    pdfs = sorted(folder.glob("00_证据材料*.pdf"))
    assert pdfs and all(p.stat().st_size <= 10_000_000 for p in pdfs)
    for pdf in pdfs:
        check = subprocess.run([*PROOFPACK, "verify-bundle", str(pdf), "--json"],
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stdout
    store = Store(data)
    recorded = store.custody(case_id)[-1].fields()
    assert recorded["action"] == "exported" and recorded["details"]["pack"] == "12315"
    # the pack's PDF is one of the pack's files, not an export of its own
    assert not [e for e in store.custody(case_id)
                if e.fields()["details"].get("file", "").startswith("00_证据材料")]
    files = recorded["details"]["files"]
    assert set(files) == {p.name for p in folder.iterdir()}
    assert files[images[0].name] == __import__("hashlib").sha256(
        images[0].read_bytes()).hexdigest()


def test_the_printed_pack_starts_with_what_to_bring_and_the_complaint(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, case_id = case
    out = export(data, case_id, "print", tmp_path)
    assert out.returncode == 0, out.stderr
    folder = pack_folder(tmp_path)
    (pdf,) = folder.glob("*.pdf")
    reader = PdfReader(pdf)
    first, second = (reader.pages[i].extract_text() for i in (0, 1))
    assert "到场投诉须带材料" in first and "身份证" in first
    assert "投诉书" in second and "无法充电" in second
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4
    assert not list(folder.glob("*.jpg"))


def test_a_pick_that_names_no_exhibit_is_refused(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, case_id = case
    out = export(data, case_id, "taobao", tmp_path, "--pick", "2,99")
    assert out.returncode == 1 and "99" in out.stderr
    assert not [p for p in tmp_path.iterdir() if p.is_dir()]
    bad = export(data, case_id, "taobao", tmp_path, "--pick", "two")
    assert bad.returncode == 2
    empty = subprocess.run([*PROOFPACK, "--data-dir", str(data), "case", "new", "空案件"],
                           capture_output=True, text=True, check=True).stdout.strip()
    nothing = export(data, int(empty), "heimao", tmp_path)
    assert nothing.returncode == 1 and "还没有证据" in nothing.stderr
    assert not [p for p in tmp_path.iterdir() if p.is_dir()]

