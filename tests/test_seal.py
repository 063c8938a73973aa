"""The sealed bundle, checked as a recipient would: `proofpack verify-bundle` on the
exported PDF (and the case archive), then on copies tampered with: a byte changed in an
image stream, an exhibit's picture swapped in an incremental update (pypdf), the case
archive of another case. The QR code on the verification page, rendered by pdftoppm and
decoded by zxing-cpp, is the SHA-256 of the attached manifest.json."""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader, PdfWriter

from app.export.bundle import ExportOptions, export_case
from app.intake import analyse_items
from app.store.archive import export_archive
from app.store.importer import import_paths
from app.store.store import Store

PROOFPACK = [sys.executable, "-m", "app"]


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path
           ) -> tuple[Path, Store, int, Path]:
    folder = tmp_path_factory.mktemp("sealed")
    store = Store(folder / "store")
    case = store.create_case("充电宝鼓包", platform="taobao", complaint_type="quality")
    assert case.id is not None
    import_paths(store, case.id, [sample_dir / f"{k}.png" for k in ("order", "chat", "photo")])
    analyse_items(store, store.items(case.id))
    (pdf,) = export_case(store, case.id, folder / "bundle.pdf",
                         ExportOptions(lang="zh", now=datetime(2026, 11, 30, 9, 0)))
    return pdf, store, case.id, export_archive(store, case.id, folder / "case.zip")


def verify(pdf: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    out = subprocess.run([*PROOFPACK, "verify-bundle", str(pdf), "--json", *extra],
                         capture_output=True, text=True, timeout=120)
    return out.returncode, json.loads(out.stdout)


def failed(report: dict) -> set[str]:  # type: ignore[type-arg]
    return {c["name"] for c in report["checks"] if not c["ok"]}


def manifest_of(pdf: Path) -> bytes:
    (data,) = PdfReader(pdf).attachments["manifest.json"]
    return data


def test_an_exported_bundle_verifies_with_its_archive(sealed) -> None:  # type: ignore[no-untyped-def]
    pdf, _store, _case, archive = sealed
    code, report = verify(pdf, "--archive", str(archive))
    assert code == 0 and failed(report) == set()
    assert {c["name"] for c in report["checks"]} == {"signature", "unchanged", "manifest",
                                                      "pictures", "originals", "custody"}
    assert report["signer"].startswith("ProofPack 用户 ")  # pseudonymous by default
    manifest = json.loads(manifest_of(pdf))
    assert [e["number"] for e in manifest["exhibits"]] == [1, 2, 3]
    assert all(e["printed_sha256"] for e in manifest["exhibits"])
    assert manifest["signer_certificate_sha256"] == report["certificate_sha256"]


def test_the_qr_code_is_the_manifest_hash_and_the_page_says_what_it_is(sealed) -> None:  # type: ignore[no-untyped-def]
    pdf, *_ = sealed
    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    # the 校验页 is the first unnumbered page (the record of handling may follow)
    pages = next(n for n, text in enumerate(texts, start=1) if "校验页（不计页码）" in text)
    png = subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(pages), "-l", str(pages),
                          str(pdf)], capture_output=True, check=True).stdout
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert code.text == hashlib.sha256(manifest_of(pdf)).hexdigest()
    text = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "校验页" in text and "并非公证或区块链存证" in text and code.text[:32] in text
    # not numbered: the numbered pages count without it
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert f"共{pages - 1}页" in cover.replace(" ", "")


def test_a_changed_byte_in_a_picture_breaks_the_signature(sealed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf, *_ = sealed
    data = bytearray(pdf.read_bytes())
    jpeg = data.index(b"\xff\xd8\xff")  # the first picture's JPEG stream
    data[jpeg + 2000] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(data)
    code, report = verify(changed)
    assert code == 1 and "signature" in failed(report)


def test_a_picture_swapped_in_an_appended_update_is_reported(sealed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf, *_ = sealed
    writer = PdfWriter(pdf, incremental=True)
    swapped = False
    for page in writer.pages:
        for ref in (page.get("/Resources", {}).get("/XObject") or {}).values():
            image = ref.get_object()
            if image.get("/Subtype") == "/Image" and not swapped:
                fake = io.BytesIO()
                Image.new("RGB", (image["/Width"], image["/Height"]), "white").save(
                    fake, "JPEG")
                image._data = fake.getvalue()  # another picture, same size
                swapped = True
    assert swapped
    tampered = tmp_path / "tampered.pdf"
    with tampered.open("wb") as fh:
        writer.write(fh)
    assert tampered.read_bytes().startswith(pdf.read_bytes())  # appended, not rewritten
    code, report = verify(tampered)
    assert code == 1 and {"unchanged", "pictures"} <= failed(report)
    assert "signature" not in failed(report)  # the signed revision itself is intact


def test_another_cases_archive_does_not_match(sealed, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              sample_dir: Path) -> None:
    pdf, store, _case, _archive = sealed
    other = store.create_case("另一个案件")
    import_paths(store, other.id, [sample_dir / "payment.png"])
    code, report = verify(pdf, "--archive", str(export_archive(store, other.id, tmp_path)))
    # another case's record of handling does not hold this bundle's head either
    assert code == 1 and failed(report) == {"originals", "custody"}


def test_the_key_is_private_and_a_public_pack_names_no_one(  # type: ignore[no-untyped-def]
        sealed, tmp_path: Path) -> None:
    _pdf, store, case, _archive = sealed
    key = store.data_dir / "signing" / "key.pem"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    (named,) = export_case(store, case, tmp_path / "named.pdf",
                           ExportOptions(signer_name="柯沐阳"))
    assert verify(named)[1]["signer"] == "柯沐阳"
    (public,) = export_case(store, case, tmp_path / "public.pdf",
                            ExportOptions(signer_name="柯沐阳", public=True))
    code, report = verify(public)
    assert code == 0 and "柯沐阳" not in report["signer"]
    manifest = json.loads(manifest_of(public))
    assert manifest["case_title"] is None
    assert all(e["file_name"] is None for e in manifest["exhibits"])


def test_an_unreachable_timestamp_server_leaves_a_signed_bundle_and_says_so(  # type: ignore[no-untyped-def]
        sealed, tmp_path: Path) -> None:
    _pdf, store, case, _archive = sealed
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    notices: list[str] = []
    (pdf,) = export_case(store, case, tmp_path / "tsa.pdf",
                         ExportOptions(tsa_url=f"http://127.0.0.1:{port}/tsa",
                                       on_notice=notices.append, lang="zh"))
    assert len(notices) == 1 and "时间戳" in notices[0]
    assert verify(pdf)[0] == 0


def test_every_part_of_a_split_export_is_sealed_within_the_limit(  # type: ignore[no-untyped-def]
        sealed, tmp_path: Path) -> None:
    _pdf, store, case, _archive = sealed
    parts = export_case(store, case, tmp_path / "parts.pdf", ExportOptions(max_part_mb=0.6))
    assert len(parts) >= 2
    numbers = []
    for part in parts:
        assert part.stat().st_size <= 600_000
        code, _report = verify(part)
        assert code == 0
        numbers += [e["number"] for e in json.loads(manifest_of(part))["exhibits"]]
    assert numbers == [1, 2, 3]
    # a limit the whole bundle fits under gives one file, which is no "part 1"
    (whole,) = export_case(store, case, tmp_path / "whole.pdf", ExportOptions(max_part_mb=50))
    assert whole.name == "whole.pdf" and verify(whole)[0] == 0
    assert json.loads(manifest_of(whole))["part"] is None


def test_what_is_not_a_sealed_bundle_gets_a_clear_answer(sealed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf, *_ = sealed
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[:5000])  # a download that stopped
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for path, code, said in ((text, 1, "不是可读取的 PDF"), (cut, 1, "不是可读取的 PDF"),
                             (fifo, 2, "不是普通文件"), (tmp_path, 2, "不是普通文件"),
                             (tmp_path / "gone.pdf", 2, "找不到文件")):
        out = subprocess.run([*PROOFPACK, "--lang", "zh", "verify-bundle", str(path)],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == code and said in out.stdout + out.stderr, (path, out)
