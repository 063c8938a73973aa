"""Personal data is found, blacked out in the exported pixels, and metadata is stripped."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageStat
from pypdf import PdfReader

from app.export.bundle import ExportOptions, export_case
from app.files import sha256_of
from app.intake import analyse_items
from app.ocr.numbers import id_card_valid
from app.ocr.sensitive import find_sensitive
from app.ocr.words import Line, Word, build_line
from app.paths import FONT_PATH
from app.privacy.redaction import add_manual, remove, set_enabled
from app.store.importer import import_paths
from app.store.store import Store

PHONE = "13812345678"
CARD = "6222021234567894"  # Luhn-valid
ORDER = "3521798801234567890"
ID_NO = "11010519491231002X"


def line(text: str, y: int = 0) -> Line:
    """One OCR line, a word per space-separated chunk, 20 px per character."""
    words, x = [], 0
    for chunk in text.split(" "):
        words.append(Word(chunk, 95.0, (x, y, 20 * len(chunk), 30)))
        x += 20 * (len(chunk) + 1)
    return build_line(words)


def test_each_kind_of_personal_data_is_found_and_evidence_is_not() -> None:
    lines = [
        line("收货人：张伟 " + PHONE, 0),
        line("收货地址：浙江省杭州市西湖区文三路100号", 40),
        line("订单编号：" + ORDER, 80),
        line("银行卡 " + " ".join([CARD[:4], CARD[4:8], CARD[8:12], CARD[12:]]), 120),
        line("身份证 " + ID_NO, 160),
        line("联系电话 138****5678", 200),
        line("支付宝交易号 2024090522002687719141505165", 240),
    ]
    found = find_sensitive(lines, {ORDER, "2024090522002687719141505165"})
    by_type: dict[str, list[str]] = {}
    for f in found:
        by_type.setdefault(f["type"], []).append(f["text"])
    assert by_type["name"] == ["张伟"]
    assert PHONE in by_type["phone"] and "138****5678" in by_type["phone"]
    assert by_type["address"] == ["浙江省杭州市西湖区文三路100号"]
    assert by_type["card"] == ["6222 0212 3456 7894"]
    assert by_type["id_card"] == [ID_NO]
    assert not any(ORDER in f["text"] or "20240905" in f["text"] for f in found)
    # the phone's box covers only the phone, not the name before it in the line
    phone = next(f for f in found if f["text"] == PHONE)
    name = next(f for f in found if f["type"] == "name")
    assert phone["box"][0] >= name["box"][0] + name["box"][2]


def test_checksums_decide() -> None:
    assert id_card_valid(ID_NO) and not id_card_valid("110105194912310021")
    bad_card = CARD[:-1] + "5"
    assert not [f for f in find_sensitive([line("银行卡 " + bad_card)], set())
                if f["type"] == "card"]


def order_screen(path: Path, extra_exif: bytes | None = None) -> Path:
    font = ImageFont.truetype(str(FONT_PATH), 34)
    img = Image.new("RGB", (1000, 900), "white")
    draw = ImageDraw.Draw(img)
    rows = ["订单详情", f"收货人：张伟    {PHONE}", "收货地址：浙江省杭州市西湖区文三路100号",
            f"订单编号：{ORDER}", f"银行卡：{CARD}", "实付款 ¥129.00"]
    for i, text in enumerate(rows):
        draw.text((40, 60 + i * 120), text, fill="black", font=font)
    if extra_exif is not None:
        img.save(path, "JPEG", quality=95, exif=extra_exif)
    else:
        img.save(path)
    return path


def exhibit_image(pdf: Path) -> tuple[Image.Image, int]:
    """The first exhibit's image as embedded in the PDF, and its page."""
    reader = PdfReader(pdf)
    for number, page in enumerate(reader.pages):
        if page.images:
            (image,) = page.images
            return Image.open(io.BytesIO(image.data)), number
    raise AssertionError("no image in the PDF")


def ocr_page(pdf: Path, page: int, tmp_path: Path) -> str:
    prefix = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "200", "-f", str(page + 1), "-l", str(page + 1), "-png",
                    str(pdf), str(prefix)], check=True)
    (png,) = tmp_path.glob("page*.png")
    text = subprocess.run(["tesseract", str(png), "-", "-l", "chi_sim+eng", "--psm", "6"],
                          capture_output=True, text=True, check=True).stdout
    png.unlink()
    return "".join(text.split())


@pytest.fixture
def redacted_case(store: Store, tmp_path: Path) -> tuple[Store, int, Path]:
    case = store.create_case("隐私测试")
    shot = order_screen(tmp_path / "order.png")
    import_paths(store, case.id, [shot])
    analyse_items(store, store.items(case.id))
    return store, case.id, shot


def test_redaction_is_burnt_into_the_exported_pixels(redacted_case, tmp_path: Path) -> None:
    store, case_id, shot = redacted_case
    (item,) = store.items(case_id)
    kinds = {r["type"] for r in item.redactions}
    assert {"phone", "card", "address", "name"} <= kinds
    assert all(r["enabled"] and r["source"] == "auto" for r in item.redactions)

    (pdf,) = export_case(store, case_id, tmp_path / "out.pdf")
    image, page = exhibit_image(pdf)
    scale = image.width / item.width
    for r in item.redactions:
        x, y, w, h = (v * scale for v in r["box"])
        inner = image.convert("L").crop((int(x + 2), int(y + 2), int(x + w - 2), int(y + h - 2)))
        assert ImageStat.Stat(inner).extrema[0][1] < 40, r  # solid black, nothing under it
    text = ocr_page(pdf, page, tmp_path)
    assert PHONE not in text and CARD not in text and "文三路" not in text
    assert ORDER in text  # evidence stays readable
    # the original in the store is untouched
    assert sha256_of(store.item_path(item)) == item.sha256 == sha256_of(shot)
    assert "个人信息已涂黑" in "".join((PdfReader(pdf).pages[0].extract_text() or "").split()) \
        or "隐私保护" in "".join(PdfReader(pdf).pages[0].extract_text().split())


def test_switched_off_suggestion_manual_box_and_kept_types(redacted_case,
                                                          tmp_path: Path) -> None:
    store, case_id, _shot = redacted_case
    (item,) = store.items(case_id)
    phone_index = next(i for i, r in enumerate(item.redactions) if r["type"] == "phone")
    set_enabled(store, item.id, phone_index, False)
    # a box drawn by hand over the amount line
    add_manual(store, item.id, [40, 660, 400, 50])
    item = store.get_item(item.id)
    assert item.redactions[-1]["source"] == "manual"
    (pdf,) = export_case(store, case_id, tmp_path / "a.pdf",
                         ExportOptions(redact_types=frozenset({"phone", "card", "address"})))
    image, page = exhibit_image(pdf)
    text = ocr_page(pdf, page, tmp_path)
    assert PHONE in text  # switched off
    scale = image.width / item.width
    manual = image.convert("L").crop((int(44 * scale), int(664 * scale), int(436 * scale),
                                      int(706 * scale)))
    assert ImageStat.Stat(manual).extrema[0][1] < 40  # the hand-drawn box is solid
    name = next(r for r in item.redactions if r["type"] == "name")
    x, y, w, h = (v * scale for v in name["box"])
    region = image.convert("L").crop((int(x), int(y), int(x + w), int(y + h)))
    assert ImageStat.Stat(region).extrema[0][1] > 200  # names were not chosen: visible
    assert CARD not in text
    # removing a manual box deletes it; removing a suggestion only switches it off
    remove(store, item.id, len(item.redactions) - 1)
    remove(store, item.id, 0)
    item = store.get_item(item.id)
    assert all(r["source"] == "auto" for r in item.redactions)
    assert item.redactions[0]["enabled"] is False


def test_unredacted_originals_only_when_asked(redacted_case, tmp_path: Path, cli,
                                              data_dir: Path) -> None:
    store, case_id, _shot = redacted_case
    (pdf,) = export_case(store, case_id, tmp_path / "b.pdf",
                         ExportOptions(include_originals=True))
    reader = PdfReader(pdf)
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "原图（未遮盖，含个人信息，请勿公开）" in text and "请勿公开上传" in text
    assert sum(len(p.images) for p in reader.pages) == 2
    r = cli("export", str(case_id), "-o", str(tmp_path / "c.pdf"), "--include-originals")
    assert r.returncode == 0 and "切勿公开" in r.stderr


def test_exif_and_gps_never_reach_the_pdf(store: Store, tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "SecretPhone 12"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (30.0, 15.0, 12.5)
    gps[3] = "E"
    gps[4] = (120.0, 9.0, 30.0)
    photo = order_screen(tmp_path / "IMG_0001.jpg", exif.tobytes())
    assert Image.open(photo).getexif().get(0x0110) == "SecretPhone 12"
    case = store.create_case("元数据")
    import_paths(store, case.id, [photo])
    (pdf,) = export_case(store, case.id, tmp_path / "m.pdf",
                         ExportOptions(allow_unscanned=True))  # metadata only, not read
    raw = pdf.read_bytes()
    assert b"SecretPhone" not in raw and b"PhoneMaker" not in raw
    reader = PdfReader(pdf)
    for page in reader.pages:
        for image in page.images:
            assert b"Exif" not in image.data[:4096]
            assert not Image.open(io.BytesIO(image.data)).getexif()
    meta = {str(k): str(v) for k, v in (reader.metadata or {}).items()}
    assert meta["/Author"] == "ProofPack"
    assert not any(str(tmp_path) in v or "/root" in v or "/home" in v for v in meta.values())
    assert str(tmp_path).encode() not in raw
