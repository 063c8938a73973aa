"""Videos, PDFs and recordings as a buyer brings them, made here: a phone-like video with
a scene change and a rotation tag (PyAV), e-invoice PDFs with and without a text layer
and one with a password (reportlab), a WAV recording. Read back from the exported PDF
(pdftotext, pdfimages, Tesseract) and from a case archive."""

from __future__ import annotations

import math
import struct
import subprocess
import wave
from datetime import UTC, datetime
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.export.bundle import ExportOptions, export_case
from app.files import sha256_of
from app.intake import import_and_analyse
from app.paths import FONT_PATH
from app.store.archive import export_archive
from app.store.archive_import import import_archive
from app.store.store import Store
from tests.imagegen.media import encode_all

TRACKING = "73485457553000"
PHONE = "13712345678"


def phone_video(path: Path, seconds: int = 8, rotation: int = 0) -> Path:
    """A parcel filmed for `seconds` at 10 fps: a label, then (half way) the goods. With a
    rotation the frames are stored turned, as a phone held upright stores them."""
    font = ImageFont.truetype(str(FONT_PATH), 44)
    out = av.open(str(path), "w")
    out.metadata["creation_time"] = "2024-11-20T08:30:00.000000Z"
    stream = out.add_stream("h264", rate=10)
    stream.width, stream.height, stream.pix_fmt = 640, 368, "yuv420p"
    if rotation:
        stream.width, stream.height = 368, 640
        stream.set_display_rotation(rotation)

    def frame(i: int) -> av.VideoFrame:
        label = i < seconds * 5
        img = Image.new("RGB", (640, 368), (236, 232, 222) if label else (40, 70, 110))
        draw = ImageDraw.Draw(img)
        text = f"运单号 {TRACKING}" if label else "耳机 左耳无声"
        draw.text((40, 150), text, fill=(20, 20, 20) if label else (250, 250, 250), font=font)
        if rotation:  # stored turned back against the tag, as the camera wrote it
            img = img.rotate(-rotation, expand=True)
        return av.VideoFrame.from_image(img)

    encode_all(out, stream, (frame(i) for i in range(seconds * 10)))
    return path


def sound_only_mp4(path: Path) -> Path:
    out = av.open(str(path), "w", format="mp4")
    stream = out.add_stream("aac", rate=16000)

    def frame(i: int) -> av.AudioFrame:
        tone = np.sin(np.arange(i * 1024, (i + 1) * 1024, dtype=np.float32) / 5) * 0.3
        chunk = av.AudioFrame.from_ndarray(tone.reshape(1, -1), format="fltp", layout="mono")
        chunk.rate, chunk.pts = 16000, i * 1024
        return chunk

    encode_all(out, stream, (frame(i) for i in range(20)))
    return path


def recording(path: Path, seconds: float = 1.5) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(n / 5)))
                               for n in range(int(8000 * seconds))))
    return path


def invoice_pdf(path: Path, text_layer: bool = True, password: str = "",
                pages: int = 1, small: bool = False) -> Path:
    """An e-invoice. `small`: its text in 3-pt type, which no OCR reads but the text
    layer keeps whole. Without a text layer the page is a picture (a scan)."""
    pdfmetrics.registerFont(TTFont("wqy", str(FONT_PATH)))
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=password or None)
    rows = ["电子发票（普通发票）", "发票号码：24442000000012345678", "开票日期：2024年11月20日",
            f"购买方：柯沐阳  电话：{PHONE}", "价税合计（小写）：¥128.00"]
    for _ in range(pages):
        if text_layer:
            c.setFont("wqy", 3 if small else 14)
            for i, row in enumerate(rows):
                c.drawString(60, 760 - i * (6 if small else 30), row)
        else:
            img = Image.new("RGB", (1240, 700), "white")
            draw = ImageDraw.Draw(img)
            for i, row in enumerate(rows):
                draw.text((60, 60 + i * 110), row, fill="black",
                          font=ImageFont.truetype(str(FONT_PATH), 48))
            scan = path.with_suffix(".png")
            img.save(scan)
            c.drawImage(str(scan), 40, 440, width=515, height=290)
        c.showPage()
    c.save()
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


def new_case(store: Store) -> int:
    case = store.create_case("耳机质量问题")
    assert case.id is not None
    return case.id


def test_a_phone_video_gets_frames_at_its_scene_change_upright(store: Store,
                                                               tmp_path: Path) -> None:
    case = new_case(store)
    video = phone_video(tmp_path / "开箱.mp4", rotation=90)
    report = import_and_analyse(store, case, [video])
    assert report.count("imported") == 1, report.outcomes
    (item,) = store.items(case)
    assert (item.media, item.kind, item.image_format) == ("video", "video", "H264")
    assert 7.5 < item.duration_s < 8.5
    assert item.recorded_at is not None
    assert item.recorded_at.astimezone(UTC) == datetime(2024, 11, 20, 8, 30, tzinfo=UTC)
    assert item.frame_times[0] == 0.0 and any(3.9 <= t <= 4.2 for t in item.frame_times)
    assert len(item.frame_times) <= 24
    face = store.picture_path(item)
    assert sha256_of(face) == item.face_sha256 and sha256_of(store.item_path(item)) == \
        item.sha256 == sha256_of(video)
    with Image.open(face) as sheet:  # stored 368 x 640, shown upright 640 x 368, two a row
        assert sheet.width == 2 * 640 + 40
    assert item.ocr_status == "done" and TRACKING in item.ocr_text.replace(" ", "")

    (pdf,) = export_case(store, case, tmp_path / "out.pdf", ExportOptions())
    layer = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                           text=True).stdout
    assert "视频（H264" in layer and "案件存档" in layer and item.sha256 in layer
    out = tmp_path / "img"
    subprocess.run(["pdfimages", "-all", str(pdf), str(out)], check=True)
    read = ""
    for picture in sorted(tmp_path.glob("img-*")):  # read at twice the size, as a loupe
        with Image.open(picture) as img:
            big = tmp_path / f"big-{picture.stem}.png"
            img.resize((img.width * 2, img.height * 2), Image.Resampling.LANCZOS).save(big)
        read += subprocess.run(["tesseract", str(big), "-", "--psm", "11"],
                               capture_output=True, text=True).stdout
    # each frame says where it is from: its time and the video's hash
    assert "00:04" in read and item.sha256[:12] in read.replace(" ", ""), read


def test_a_video_survives_the_case_archive(store: Store, tmp_path: Path) -> None:
    case = new_case(store)
    import_and_analyse(store, case, [phone_video(tmp_path / "v.mov", seconds=4)], ocr=False)
    archive = export_archive(store, case, tmp_path / "case.zip")
    other = Store(tmp_path / "other")
    restored = import_archive(other, archive)
    assert restored.id is not None
    (item,) = other.items(restored.id)
    assert item.media == "video" and sha256_of(other.item_path(item)) == item.sha256
    assert sha256_of(other.picture_path(item)) == item.face_sha256  # the sheet drawn again
    (pdf,) = export_case(other, restored.id, tmp_path / "again.pdf",
                         ExportOptions(allow_unscanned=True))
    assert pdf.stat().st_size > 10_000


def test_a_pdf_invoice_is_read_from_its_text_layer_and_printed_as_pictures(
        store: Store, tmp_path: Path) -> None:
    case = new_case(store)
    import_and_analyse(store, case, [invoice_pdf(tmp_path / "发票.pdf", small=True)])
    (item,) = store.items(case)
    assert (item.media, item.page_count, item.kind) == ("pdf", 1, "invoice")
    # 3-pt type: only the text layer can have given these
    assert "24442000000012345678" in item.ocr_text and item.amounts == ["128.00"]
    assert {"phone", "name"} <= {r["type"] for r in item.redactions}
    (pdf,) = export_case(store, case, tmp_path / "out.pdf", ExportOptions())
    layer = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                           text=True).stdout
    assert PHONE not in layer and "PDF 文件（1 页" in layer  # the pages are pictures only


def test_a_scanned_pdf_is_ocred(store: Store, tmp_path: Path) -> None:
    case = new_case(store)
    import_and_analyse(store, case, [invoice_pdf(tmp_path / "scan.pdf", text_layer=False)])
    (item,) = store.items(case)
    assert item.media == "pdf" and item.amounts == ["128.00"]
    assert "phone" in {r["type"] for r in item.redactions}


def test_a_recording_is_kept_with_its_length_and_listed(store: Store, tmp_path: Path) -> None:
    from app.case.timeline import build_timeline

    case = new_case(store)
    report = import_and_analyse(store, case, [recording(tmp_path / "客服通话.wav")])
    assert report.count("imported") == 1, report.outcomes
    (item,) = store.items(case)
    assert (item.media, item.kind, item.ocr_status) == ("audio", "audio", "done")
    assert 1.4 < item.duration_s < 1.6
    store.update_item(item.id, caption="客服承认左耳无声，答应三天内回复")
    (pdf,) = export_case(store, case, tmp_path / "out.pdf", ExportOptions())
    layer = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                           text=True).stdout
    assert "录音（PCM_S16LE，00:01）" in layer and "客服承认左耳无声" in layer
    assert build_timeline(store.items(case)) == []  # a WAV carries no recording time


@pytest.mark.parametrize(("make", "key"), [
    (lambda p: invoice_pdf(p / "locked.pdf", password="1234"), "err.pdf_password"),
    (lambda p: invoice_pdf(p / "long.pdf", pages=51), "err.pdf_too_many_pages"),
    (lambda p: _cut(invoice_pdf(p / "cut.pdf"), 300), "err.media_unreadable"),
    (lambda p: _cut(phone_video(p / "cut.mp4", seconds=2), 2000), "err.media_unreadable"),
    (lambda p: sound_only_mp4(p / "voice.mp4"), "err.video_no_frames"),
    (lambda p: _write(p / "invoice.ofd", b"PK\x03\x04ofd"), "err.ofd"),
    (lambda p: _write(p / "call.m4a", b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 200),
     "err.media_unreadable"),
])
def test_bad_media_get_a_clear_message_and_leave_nothing(store: Store, tmp_path: Path,
                                                         make: object, key: str) -> None:
    case = new_case(store)
    path = make(tmp_path)  # type: ignore[operator]
    report = import_and_analyse(store, case, [path])
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.error_key) == ("error", key), outcome.message
    assert store.items(case) == []
    assert not list((store.data_dir / "originals").rglob("*.*"))
    assert not list(store.blobs.tmp.iterdir())


def _cut(path: Path, keep: int) -> Path:
    path.write_bytes(path.read_bytes()[:keep])
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_three_hour_video_gets_sparse_frames_without_being_decoded_whole(
        store: Store, tmp_path: Path) -> None:
    """A night-long recording of a parcel room: 3 hours at 1 frame a second, small."""
    path = tmp_path / "3h.mp4"
    out = av.open(str(path), "w")
    stream = out.add_stream("h264", rate=1, options={"preset": "ultrafast", "g": "60"})
    stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
    shades = [av.VideoFrame.from_image(Image.new("RGB", (64, 48), (n * 20, 90, 140)))
              for n in range(10)]

    def frame(i: int) -> av.VideoFrame:
        chosen = shades[i * 10 // (3 * 3600)]
        chosen.pts = i
        return chosen

    encode_all(out, stream, (frame(i) for i in range(3 * 3600)))
    case = new_case(store)
    report = import_and_analyse(store, case, [path], ocr=False)
    assert report.count("imported") == 1, report.outcomes
    (item,) = store.items(case)
    assert 3 * 3600 - 2 <= item.duration_s <= 3 * 3600 + 2
    assert 20 <= len(item.frame_times) <= 24  # evenly through it, by seeking
    assert item.frame_times[-1] > 2.5 * 3600


def test_a_pdf_page_five_metres_wide_is_drawn_small(store: Store, tmp_path: Path) -> None:
    """A PDF that says its page is 200 inches square: at print resolution a 30000-pixel
    square, gigabytes; the face stays within its limits."""
    path = tmp_path / "huge-page.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))
    c.setFont("Helvetica", 400)
    c.drawString(1000, 7000, "Invoice 24442000000012345678")
    c.showPage()
    c.save()
    case = new_case(store)
    report = import_and_analyse(store, case, [path], ocr=False)
    assert report.count("imported") == 1, report.outcomes
    (item,) = store.items(case)
    assert item.width <= 2000 and item.width * item.height <= 48_000_000


def test_a_file_too_large_for_the_type_found_in_it_names_that_limit(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF saved without a suffix is copied under the largest limit, then held to the
    PDF's: the message names the limit that refused it (here scaled down to 2 MB)."""
    import app.store.importer as importer
    from app.evidence_types import PDF, EvidenceType

    small_pdf = EvidenceType(PDF.media, PDF.suffixes, 2 << 20)
    monkeypatch.setattr(importer, "type_of", lambda _path, _head: small_pdf)
    path = _write(tmp_path / "发票", b"%PDF-1.7\n" + b"0" * (3 << 20))
    case = new_case(store)
    (outcome,) = import_and_analyse(store, case, [path], ocr=False).outcomes
    assert outcome.error_key == "err.file_too_big" and "上限 2 MB" in outcome.message
    assert store.items(case) == [] and not list(store.blobs.tmp.iterdir())
