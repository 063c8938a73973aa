"""Inputs an attacker, or bad luck, would bring: files that are not files, a lost index,
a forged original, exhibits never read, folders nested past any recursion limit."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.conftest import text_image


def new_case(cli) -> str:  # type: ignore[no-untyped-def]
    r = cli("case", "new", "坏输入", "--order", "5055565384962088195")
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_a_fifo_and_a_link_to_dev_zero_are_refused_without_hanging(cli, tmp_path: Path
                                                                     ) -> None:
    case = new_case(cli)
    folder = tmp_path / "shots"
    folder.mkdir()
    fifo = folder / "pipe.png"
    os.mkfifo(fifo)
    (folder / "zero.png").symlink_to("/dev/zero")
    text_image(["订单编号 5055565384962088195"], folder / "ok.png")
    r = cli("add", case, str(folder), str(fifo))  # the fixture's timeout is the hang check
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("不是普通文件") == 3 and "ok.png: 已导入" in r.stdout
    scan = cli("scan", "--json", str(fifo), data=False)
    assert "不是普通文件" in scan.stdout


def test_an_empty_index_beside_originals_is_refused(cli, data_dir: Path, tmp_path: Path
                                                    ) -> None:
    case = new_case(cli)
    shot = text_image(["订单编号 5055565384962088195"], tmp_path / "a.png")
    assert cli("add", case, str(shot), "--no-ocr").returncode == 0
    for leftover in data_dir.glob("proofpack.db*"):
        leftover.unlink()
    (data_dir / "proofpack.db").write_bytes(b"")  # 0 bytes, as a crash or a bad copy leaves
    r = cli("verify")
    assert r.returncode == 1 and "索引" in r.stderr and "import-archive" in r.stderr
    assert any((data_dir / "originals").rglob("*.png"))  # nothing deleted


def test_export_refuses_a_forged_original_and_unread_exhibits(cli, data_dir: Path,
                                                              tmp_path: Path) -> None:
    from PIL import Image

    case = new_case(cli)
    shot = text_image(["订单编号 5055565384962088195", "实付款 ¥129.00"], tmp_path / "a.png")
    assert cli("add", case, str(shot), "--no-ocr").returncode == 0
    # unread (add --no-ocr): export reads it first, so it goes through
    out = cli("export", case, "-o", str(tmp_path / "ok"))
    assert out.returncode == 0, out.stderr
    with sqlite3.connect(data_dir / "proofpack.db") as conn:
        assert conn.execute("select ocr_status from evidenceitem").fetchone()[0] == "done"
    conn.close()
    (original,) = (data_dir / "originals").rglob("*.png")
    original.chmod(0o644)
    Image.new("RGB", (400, 300), "white").save(original)  # a valid image, but not the one
    forged = cli("export", case, "-o", str(tmp_path / "forged"))
    assert forged.returncode == 1 and "已被改动" in forged.stderr
    assert not list((tmp_path / "forged").glob("*.pdf"))


def test_export_without_ocr_refuses_unread_exhibits_unless_told(cli, tmp_path: Path) -> None:
    case = new_case(cli)
    shot = text_image(["收货人：张伟 13712345678"], tmp_path / "a.png")
    assert cli("add", case, str(shot), "--no-ocr").returncode == 0
    no_ocr = {"PROOFPACK_TESSERACT": str(tmp_path / "no-tesseract"), "PATH": "/nonexistent"}
    r = cli("export", case, "-o", str(tmp_path / "out"), env=no_ocr)
    assert r.returncode == 1 and "尚未识别" in r.stderr, r.stderr
    r = cli("export", case, "-o", str(tmp_path / "out"), "--allow-unscanned", env=no_ocr)
    assert r.returncode == 0, r.stderr


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:120]
    except OSError:
        return "?"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killing_add_leaves_no_ocr_worker_or_tesseract(data_dir: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import proofpack_cmd

    shots = [text_image([f"订单编号 50555653849620881{n:02d}", "实付款 ¥129.00"] * 6,
                        tmp_path / f"s{n}.png") for n in range(16)]
    base = [*proofpack_cmd(), "--data-dir", str(data_dir)]
    case = subprocess.run([*base, "case", "new", "kill"], capture_output=True, text=True,
                          check=True).stdout.strip()
    for sig in (signal.SIGKILL, signal.SIGTERM):
        proc = subprocess.Popen([*base, "add", case, *map(str, shots)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        family: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            family = _descendants(proc.pid)
            names = {Path(f"/proc/{p}/comm").read_text().strip()
                     for p in family if _alive(p)}
            if "tesseract" in names and len(family) >= 3:
                break
            time.sleep(0.1)
        assert proc.poll() is None, "the import ended before its workers were seen"
        proc.send_signal(sig)
        proc.wait(timeout=30)
        family |= _descendants(proc.pid)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(p) for p in family):
            time.sleep(0.2)
        left = {p: _name(p) for p in family if _alive(p)}
        assert left == {}, (sig, left, sys.platform)


def test_a_16_bit_greyscale_png_is_read_and_exported_visible(cli, tmp_path: Path) -> None:
    """16 bits per pixel (a scanner's or an editor's PNG): OCR reads it, and the image
    extracted from the exported PDF is the text, not a white page."""
    import subprocess

    import numpy as np
    import pytesseract
    from PIL import Image

    eight = Image.open(text_image(["订单编号 2912345678901234567"], tmp_path / "8.png"))
    wide = (np.asarray(eight.convert("L")).astype(np.uint16) * 257)
    Image.fromarray(wide).save(tmp_path / "scan16.png")
    assert Image.open(tmp_path / "scan16.png").mode.startswith("I")
    case_id = new_case(cli)
    assert cli("add", case_id, str(tmp_path / "scan16.png")).returncode == 0
    shown = cli("case", "show", case_id).stdout
    assert "2912345678901234567" in shown
    assert cli("export", case_id, "-o", str(tmp_path / "out.pdf")).returncode == 0
    subprocess.run(["pdfimages", "-png", str(tmp_path / "out.pdf"), str(tmp_path / "x")],
                   check=True)
    extracted = [Image.open(p) for p in sorted(tmp_path.glob("x-*.png"))]
    assert extracted
    read = pytesseract.image_to_string(extracted[-1], config="--psm 6")
    assert "2912345678901234567" in read.replace(" ", "")


def test_three_adds_of_the_same_files_at_once(cli, data_dir: Path, tmp_path: Path) -> None:
    """Three terminals adding the same folder into one case at the same moment: each file
    once, numbered 1..n without a shared number, and no process reports an error."""
    import subprocess

    from app.store.store import Store
    from tests.conftest import proofpack_cmd

    case_id = new_case(cli)
    folder = tmp_path / "shots"
    folder.mkdir()
    for n in range(6):
        text_image([f"订单编号 29123456789012345{n:02d}"], folder / f"s{n}.png")
    env = {**os.environ, "PROOFPACK_LANG": "zh"}
    runs = [subprocess.Popen([*proofpack_cmd(), "add", case_id, "--no-ocr", str(folder),
                              "--data-dir", str(data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert not any("Error" in out + err or ": 错误" in out for out, err in outputs), outputs
    store = Store(data_dir)
    try:
        items = store.items(int(case_id))
        assert len(items) == 6
        assert sorted(i.position for i in items) == list(range(1, 7))
    finally:
        store.close()


def test_adding_a_file_again_repairs_its_missing_original(cli, data_dir: Path,
                                                          tmp_path: Path) -> None:
    case_id = new_case(cli)
    shot = text_image(["订单编号 5055565384962088195"], tmp_path / "shot.png")
    assert cli("add", case_id, "--no-ocr", str(shot)).returncode == 0
    (stored,) = (data_dir / "originals").glob("*/*.png")
    stored.chmod(0o644)
    stored.unlink()
    assert cli("verify", case_id).returncode == 1
    again = cli("add", case_id, "--no-ocr", str(shot))
    assert again.returncode == 0 and "已恢复" in again.stdout
    assert cli("verify", case_id).returncode == 0
    assert stored.read_bytes() == shot.read_bytes()


def test_a_canvas_too_large_to_decode_is_refused_from_its_header(cli, tmp_path: Path
                                                                 ) -> None:
    """A 12000 x 12000 16-bit RGBA PNG decodes whole into 576 MB: refused before any pixel
    is decoded (its data here stops after 50 rows, so a decode would say "damaged"), with
    the limit said, by add and by scan."""
    import json
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = zlib.compress((b"\x00" + b"\xff" * 8 * 12000) * 50)
    huge = tmp_path / "canvas.png"
    huge.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(
        ">IIBBBBB", 12000, 12000, 16, 6, 0, 0, 0)) + chunk(b"IDAT", rows) +
        chunk(b"IEND", b""))
    case = new_case(cli)
    r = cli("add", case, str(huge))
    assert r.returncode == 1, r.stderr  # nothing imported
    assert "14400 万像素" in r.stdout and "PNG 图片最多 6400 万像素" in r.stdout, r.stdout
    scanned = json.loads(cli("scan", "--json", str(huge), data=False, lang="en").stdout)
    assert "144 megapixels" in json.dumps(scanned, ensure_ascii=False), scanned
