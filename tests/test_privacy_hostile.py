"""Personal data checked where a stranger would read it: in the images `pdfimages`
extracts from the exported PDF, read back by Tesseract, not in ProofPack's own records."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.export.bundle import ExportOptions, export_case
from app.intake import import_and_analyse
from app.paths import FONT_PATH
from app.store.store import Store

PHONE = "13712345678"
LANDLINE = "0571-87654321"
ORDER = "2288040723862551184"


def label_photo(path: Path, orientation: int) -> Path:
    """A shipping label photographed in portrait: the pixels are stored sideways (or
    upside down) and EXIF says how to turn them, as phones do."""
    font = ImageFont.truetype(str(FONT_PATH), 44)
    upright = Image.new("RGB", (1200, 1600), (236, 232, 222))
    draw = ImageDraw.Draw(upright)
    rows = ["顺丰速运 标准快递", "收件人：柯沐阳", f"电话：{PHONE}",
            "地址：浙江省杭州市西湖区文三路478号", "华星时代广场A座1203室",
            f"订单编号：{ORDER}", f"寄件人电话：{LANDLINE}"]
    for i, text in enumerate(rows):
        draw.text((60, 120 + i * 170), text, fill=(20, 20, 20), font=font)
    # Stored as the camera wrote it: rotated back against the EXIF orientation.
    stored = {6: upright.transpose(Image.Transpose.ROTATE_90),
              8: upright.transpose(Image.Transpose.ROTATE_270),
              3: upright.transpose(Image.Transpose.ROTATE_180)}[orientation]
    exif = Image.Exif()
    exif[0x0112] = orientation
    stored.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


def extracted_text(pdf: Path, tmp_path: Path) -> str:
    """Tesseract's reading of every image pdfimages pulls out of the PDF."""
    out = tmp_path / "img"
    subprocess.run(["pdfimages", "-all", str(pdf), str(out)], check=True)
    texts = []
    for image in sorted(tmp_path.glob("img-*")):
        for psm in ("11", "6"):
            texts.append(subprocess.run(["tesseract", str(image), "-", "-l", "chi_sim+eng",
                                         "--psm", psm], capture_output=True, text=True
                                        ).stdout)
    return "".join("".join(texts).split())


def test_rotated_photos_are_redacted_where_the_data_is(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    case = store.create_case("快递破损")
    photos = [label_photo(tmp_path / f"label_{o}.jpg", o) for o in (6, 8, 3)]
    import_and_analyse(store, case.id, photos)
    for item in store.items(case.id):
        assert item.ocr_status == "done"
        assert (item.width, item.height) == (1200, 1600)  # upright, as a person sees it
        kinds = {r["type"] for r in item.redactions}
        assert {"phone", "name", "address"} <= kinds, item.redactions
    (pdf,) = export_case(store, case.id, tmp_path / "out.pdf", ExportOptions())
    text = extracted_text(pdf, tmp_path)
    assert PHONE[:7] not in text and PHONE[-7:] not in text, text
    assert "87654321" not in text
    assert "柯沐" not in text and "文三路" not in text
    assert ORDER in text  # the evidence stays readable


def test_labels_for_people_landlines_and_wrapped_addresses_are_found() -> None:
    from app.ocr.sensitive import find_sensitive
    from app.ocr.words import Word, build_line

    def row(text: str, y: int) -> object:
        return build_line([Word(p, 95, (10 + 300 * i, y, 290, 30))
                           for i, p in enumerate(text.split(" "))])

    lines = [row("取件人宁梓涵", 0), row("取件地址 河南省郑州市金水区花园路39号国", 40),
             row("贸中心东塔1605", 75), row("服务信息", 110), row("持卡人 钟皓然", 160),
             row("收货张伟 13712345678", 200), row("客服电话 021-65097024", 240),
             row("订单编号 1796484473097100201", 280), row("烦提供一下收货信息哦", 320)]
    found = {(f["type"], f["text"]) for f in find_sensitive(lines, {"1796484473097100201"})}
    assert ("name", "宁梓涵") in found and ("name", "钟皓然") in found
    assert ("name", "张伟") in found and ("phone", "13712345678") in found
    assert ("phone", "021-65097024") in found
    assert ("address", "贸中心东塔1605") in found  # the wrapped tail
    texts = {text for _kind, text in found}
    assert "服务信息" not in texts and "信息哦" not in texts
    assert not any("1796484473097100201" in text for text in texts)
