"""Nothing is lost: crashes mid-import, old stores, archives, full and read-only disks."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from app.files import sha256_of
from app.store.importer import import_paths
from app.store.models import Submission
from app.store.schema import SCHEMA_VERSION
from app.store.store import Store
from app.store.verify import verify_store
from tests.conftest import proofpack_cmd

SCHEMA_V1 = Path(__file__).parent / "data" / "schema_v1.sql"


def noisy_png(path: Path, seed: int, size: tuple[int, int] = (500, 900)) -> Path:
    rng = random.Random(seed)
    img = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    img.save(path, compress_level=1)
    return path


def check_store_consistent(store: Store) -> None:
    """Every row has its original, byte for byte; every original is whole; no temp files."""
    assert list(store.blobs.tmp.iterdir()) == []
    referenced = set()
    for case in store.list_cases():
        assert case.id is not None
        for item in store.items(case.id):
            path = store.item_path(item)
            assert path.exists(), f"row without its original: {item.original_name}"
            assert sha256_of(path) == item.sha256
            referenced.add(item.stored_path)
    for blob in store.blobs.originals.glob("*/*"):
        # a blob is named by its hash: a half-written one would not match
        assert sha256_of(blob) == blob.stem
    store.remove_unreferenced_blobs(min_age_s=0)
    left = {b.relative_to(store.data_dir).as_posix() for b in store.blobs.originals.glob("*/*")}
    assert left == referenced


# ---- crash safety ------------------------------------------------------------------------

def test_sigkill_at_many_points_of_an_import_loses_nothing(tmp_path: Path) -> None:
    sources = tmp_path / "screens"
    sources.mkdir()
    files = [noisy_png(sources / f"shot_{i:02d}.png", i) for i in range(24)]
    source_sha = {f.name: sha256_of(f) for f in files}
    data = tmp_path / "store"
    cmd = proofpack_cmd()
    case_id = subprocess.run([*cmd, "--data-dir", str(data), "case", "new", "崩溃测试"],
                             capture_output=True, text=True, check=True).stdout.strip()
    rng = random.Random(7)
    env = {**os.environ, "PROOFPACK_LANG": "en"}
    for kill_after in (0, 1, 2, 3, 5, 8, 13, 17):
        proc = subprocess.Popen([*cmd, "--data-dir", str(data), "add", case_id, "--no-ocr",
                                 str(sources)], stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        reported = []
        while len(reported) < kill_after:
            line = proc.stdout.readline()
            if not line:
                break
            reported.append(line)
        # land somewhere inside the next file: staging, renaming or committing
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        imported_names = {Path(line.split(":")[0]).name for line in reported
                          if line.rstrip().endswith("imported")}

        store = Store(data)  # opening cleans what the killed process left
        try:
            check_store_consistent(store)
            stored = {i.original_name: i.sha256 for i in store.items(int(case_id))}
            for name in imported_names:
                assert stored.get(name) == source_sha[name], name
        finally:
            store.close()

    # the next full run completes the batch: each file exactly once
    r = subprocess.run([*cmd, "--data-dir", str(data), "add", case_id, "--no-ocr", str(sources)],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    store = Store(data)
    try:
        items = store.items(int(case_id))
        assert sorted(i.original_name for i in items) == sorted(source_sha)
        assert verify_store(store).ok
        assert sorted(i.position for i in items) == list(range(1, len(files) + 1))
    finally:
        store.close()


# ---- schema migrations ------------------------------------------------------------------

def test_a_store_from_the_first_release_opens_and_is_upgraded(tmp_path: Path) -> None:
    data = tmp_path / "old-store"
    (data / "originals" / "ab").mkdir(parents=True)
    blob = data / "originals" / "ab" / ("ab" + "0" * 62 + ".png")
    Image.new("RGB", (20, 20), "red").save(blob)
    sha = sha256_of(blob)
    final = data / "originals" / sha[:2] / f"{sha}.png"
    final.parent.mkdir(exist_ok=True)
    blob.rename(final)
    conn = sqlite3.connect(data / "proofpack.db")
    conn.executescript(SCHEMA_V1.read_text())
    conn.execute(
        "INSERT INTO \"case\" VALUES (1, '旧案件', 'taobao', '旧店', '123456789012345678', "
        "'99.00', 'quality', '2024-11-01', '退款', '', NULL, '2024-11-02 10:00:00', "
        "'2024-11-02 10:00:00')")
    conn.execute(
        "INSERT INTO evidenceitem VALUES (1, 1, 1, ?, ?, 'old.png', 100, 20, 20, 'PNG', "
        "'2024-11-02 10:00:00', NULL, 'order', 1, '旧的说明', 'done', '', '订单编号', 'r1', "
        "'[\"123456789012345678\"]', '[]', '[]', '[]', '{}')",
        (sha, f"originals/{sha[:2]}/{sha}.png"))
    conn.execute("INSERT INTO submission VALUES (1, 1, '2024-11-05', '12315', 'R-1', "
                 "'submitted', '', NULL, '2024-11-05 09:00:00')")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()

    store = Store(data)
    try:
        case = store.get_case(1)
        assert case is not None and case.title == "旧案件" and case.letter_text == ""
        (item,) = store.items(1)
        assert item.caption == "旧的说明" and item.kind_confirmed
        assert item.order_numbers == ["123456789012345678"] and item.redactions == []
        assert store.submissions(1)[0].replies == ""
        # the new columns work
        store.update_item(item.id, redactions=[{"box": [0, 0, 5, 5], "type": "manual",
                                                "source": "manual", "enabled": True}])
        store.update_case(1, letter_text="投诉书")
        assert verify_store(store).ok
    finally:
        store.close()
    version = sqlite3.connect(data / "proofpack.db").execute("PRAGMA user_version").fetchone()
    assert version[0] == SCHEMA_VERSION
    reopened = Store(data)
    assert reopened.items(1)[0].redactions[0]["type"] == "manual"
    reopened.close()


def test_a_store_from_a_newer_release_is_refused_clearly(tmp_path: Path, cli) -> None:
    data = tmp_path / "new-store"
    Store(data).close()
    conn = sqlite3.connect(data / "proofpack.db")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    r = cli("case", "list", "--data-dir", str(data), data=False)
    assert r.returncode == 1
    assert "更新版本" in r.stderr and "Traceback" not in r.stderr


# ---- case archives ---------------------------------------------------------------------

def test_archive_round_trip_to_another_store(cli, tmp_path: Path, sample_dir: Path) -> None:
    case_id = cli("case", "new", "耳机 退款", "--order", "3521798801234567890", "--type", "refund",
                  "--amount", "129.00", "--completed", "2026-11-10", "--outcome", "全额退款"
                  ).stdout.strip()
    assert cli("add", case_id, "--no-ocr", str(sample_dir / "order.png"),
               str(sample_dir / "photo.png")).returncode == 0
    store = Store(tmp_path / "store")
    items = store.items(int(case_id))
    store.update_item(items[0].id, caption="订单详情", kind="order", kind_confirmed=True,
                      user_facts={"amounts": ["129.00"]})
    store.add_submission(Submission(case_id=int(case_id), submitted_on=date(2026, 11, 20),
                                    channel="12315", reference="1500112233", replies="已受理"))
    store.close()

    out = tmp_path / "backup"
    out.mkdir()
    r = cli("case", "export-archive", case_id, "-o", str(out))
    assert r.returncode == 0, r.stderr
    (archive,) = out.glob("*.zip")
    assert archive.name.startswith("证据包备份_耳机_退款_")
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        for entry in manifest["items"]:
            assert hashlib.sha256(zf.read(entry["file"])).hexdigest() == entry["sha256"]
    assert manifest["case"]["order_number"] == "3521798801234567890"

    other = tmp_path / "other-machine"
    r = cli("case", "import-archive", str(archive), "--data-dir", str(other), data=False)
    assert r.returncode == 0, r.stderr
    new_id = int(r.stdout.strip().splitlines()[-1])
    restored = Store(other)
    try:
        case = restored.get_case(new_id)
        assert case is not None
        assert (case.title, case.complaint_type, case.amount, case.requested_outcome) == \
            ("耳机 退款", "refund", "129.00", "全额退款")
        assert str(case.order_completed_on) == "2026-11-10"
        got = restored.items(new_id)
        assert [i.sha256 for i in got] == [i.sha256 for i in items]
        assert got[0].caption == "订单详情" and got[0].kind_confirmed
        assert got[0].effective("amounts") == ["129.00"]
        (sub,) = restored.submissions(new_id)
        assert sub.replies == "已受理" and sub.submitted_on == date(2026, 11, 20)
        assert type(sub.submitted_on) is date and type(case.order_completed_on) is date
        assert verify_store(restored).ok
    finally:
        restored.close()


def test_a_damaged_archive_adds_nothing(cli, tmp_path: Path, sample_dir: Path) -> None:
    case_id = cli("case", "new", "c").stdout.strip()
    cli("add", case_id, "--no-ocr", str(sample_dir / "order.png"), str(sample_dir / "chat.png"))
    archive = tmp_path / "c.zip"
    assert cli("case", "export-archive", case_id, "-o", str(archive)).returncode == 0
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(damaged, "w") as dst:
        last = src.infolist()[-1]
        assert last.filename.startswith("originals/")
        for info in src.infolist():
            data = src.read(info)
            if info is last:
                data = data[:-10] + b"0123456789"  # the second original altered
            dst.writestr(info, data)
    other = tmp_path / "other"
    r = cli("case", "import-archive", str(damaged), "--data-dir", str(other), data=False)
    assert r.returncode == 1 and "已损坏" in r.stderr
    r = cli("case", "import-archive", str(tmp_path / "nothing.zip"), "--data-dir", str(other),
            data=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    store = Store(other)
    try:
        assert store.list_cases() == []
        assert list(store.blobs.originals.glob("*/*")) == []
    finally:
        store.close()


# ---- full and read-only disks -----------------------------------------------------------

@pytest.fixture
def tiny_fs(tmp_path: Path):
    """A 3 MB tmpfs, so 'disk full' and 'read-only' are real, not simulated."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a tmpfs (the injected ENOSPC test covers the logic)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_gives_a_clear_error_and_keeps_the_store(tiny_fs: Path,
                                                                   tmp_path: Path) -> None:
    store = Store(tiny_fs / "store")
    case = store.create_case("满盘")
    small = noisy_png(tmp_path / "small.png", 1, (200, 200))
    big = noisy_png(tmp_path / "big.png", 2, (1400, 1400))  # ~5.9 MB, more than the disk
    report = import_paths(store, case.id, [small, big])
    outcome = {o.path.name: o for o in report.outcomes}
    assert outcome["small.png"].status == "imported"
    assert outcome["big.png"].error_key == "err.disk_full"
    assert "磁盘空间不足" in outcome["big.png"].message
    check_store_consistent(store)
    # the store still works once the failed copy is gone
    assert import_paths(store, case.id, [noisy_png(tmp_path / "s2.png", 3, (100, 100))]
                        ).outcomes[0].status == "imported"
    assert verify_store(store).ok
    store.close()


def test_a_read_only_data_dir_gives_a_clear_error_and_no_damage(tiny_fs: Path, cli,
                                                                tmp_path: Path) -> None:
    data = tiny_fs / "store"
    case_id = cli("case", "new", "只读", "--data-dir", str(data), data=False).stdout.strip()
    small = noisy_png(tmp_path / "small.png", 1, (120, 120))
    assert cli("add", case_id, "--no-ocr", str(small), "--data-dir", str(data),
               data=False).returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_fs)], check=True)
    try:
        for args in (("case", "list"), ("add", case_id, str(small))):
            r = cli(*args, "--data-dir", str(data), data=False)
            assert r.returncode == 1
            assert "无法打开数据目录" in r.stderr and "Traceback" not in r.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(tiny_fs)], check=True)
    r = cli("verify", "--data-dir", str(data), data=False)
    assert r.returncode == 0, r.stdout + r.stderr


# ---- more bad input ----------------------------------------------------------------------

def test_more_bad_input_each_gets_its_message(store: Store, tmp_path: Path) -> None:
    case = store.create_case("坏文件")
    corrupt_heic = tmp_path / "IMG_0001.heic"
    corrupt_heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\xff" * 500)
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)  # a path that cannot be opened at all
    folder = tmp_path / "我的 截图 2024"
    folder.mkdir()
    chinese = noisy_png(folder / "订单 详情 截图.png", 5, (120, 200))
    doomed = noisy_png(tmp_path / "zz_removed.png", 6, (120, 120))

    def remove_the_last(done: int, total: int, _outcome: object) -> None:
        if done == total - 1:
            doomed.unlink(missing_ok=True)

    report = import_paths(store, case.id, [corrupt_heic, loop, chinese, doomed],
                          on_progress=remove_the_last)
    by = {o.path.name: o for o in report.outcomes}
    assert by["订单 详情 截图.png"].status == "imported"
    for name in ("IMG_0001.heic", "loop.png", "zz_removed.png"):
        assert by[name].status == "error", by[name]
        assert by[name].message and "err." not in by[name].message
        assert "Traceback" not in by[name].message
    assert by["zz_removed.png"].error_key == "err.not_found"
    check_store_consistent(store)


MEMORY_PROBE = """
import sys
from pathlib import Path
from app.store.store import Store
from app.store.importer import import_paths
from app.store.thumbnails import thumbnail_path
from app.export.bundle import ExportOptions, export_case
store = Store(Path(sys.argv[1]))
case = store.create_case("50MP")
(outcome,) = import_paths(store, case.id, [Path(sys.argv[2])]).outcomes
assert outcome.status == "imported", outcome.message
item = store.items(case.id)[0]
thumb = thumbnail_path(store, item)
(pdf,) = export_case(store, case.id, Path(sys.argv[3]), ExportOptions(allow_unscanned=True))
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a probe started from a test
# process that holds the OCR models would report that process's memory as its own.
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(peak // 1024, thumb, pdf)
"""


def test_a_50_megapixel_photo_is_accepted_and_downscaled_in_bounded_memory(
        tmp_path: Path) -> None:
    import sys

    from PIL import ImageDraw
    from pypdf import PdfReader

    photo = tmp_path / "DSC_0001.jpg"
    img = Image.new("RGB", (8660, 5774), (90, 120, 150))
    draw = ImageDraw.Draw(img)
    for i in range(0, 8660, 400):
        draw.rectangle((i, 1000, i + 200, 4000), fill=(200, 80 + i % 150, 60))
    img.save(photo, quality=85)
    del img, draw
    r = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(tmp_path / "store"), str(photo),
                        str(tmp_path / "out.pdf")], capture_output=True, text=True,
                       cwd=Path(__file__).parent.parent, timeout=300)
    assert r.returncode == 0, r.stderr
    peak_mb, thumb, pdf = r.stdout.split()
    # decoding the full photo alone would take 150 MB; draft-mode decoding keeps it small
    assert int(peak_mb) < 500, f"peak RSS {peak_mb} MB"  # the memory budget of a batch
    assert max(Image.open(thumb).size) <= 640
    # the export decodes the JPEG at a fraction of its size (draft mode), never in full
    from app.export.images import decode_side
    from app.imaging import open_rgb

    side = decode_side((8660, 5774), False, 180 * 72 / 25.4)  # a photo
    assert open_rgb(photo, side, exact=False).width <= 8660 // 2
    (embedded,) = [im for page in PdfReader(pdf).pages for im in page.images]
    with Image.open(io.BytesIO(embedded.data)) as shown:
        assert shown.width < 8660 / 2  # downscaled to what the page can show


def test_a_split_export_that_fills_the_disk_leaves_no_parts(tiny_fs: Path,
                                                           tmp_path: Path) -> None:
    """Parts 1 and 2 written, the disk full at part 3: no part is left behind to be
    uploaded as if it were the whole bundle, and no hidden temp file either."""
    from app.export.bundle import ExportOptions, export_case

    store = Store(tmp_path / "store")
    case = store.create_case("拆分满盘")
    photos = [noisy_png(tmp_path / f"n{i}.png", 10 + i, (900, 900)) for i in range(8)]
    import_paths(store, case.id, photos)
    with pytest.raises(OSError):
        export_case(store, case.id, tiny_fs / "bundle.pdf",
                    ExportOptions(max_part_mb=1.2, allow_unscanned=True))
    assert sorted(p.name for p in tiny_fs.iterdir()) == []
    store.close()


def test_an_export_with_fewer_parts_removes_the_older_extra_parts(tmp_path: Path) -> None:
    from app.export.bundle import ExportOptions, export_case

    store = Store(tmp_path / "store")
    case = store.create_case("拆分")
    import_paths(store, case.id, [noisy_png(tmp_path / f"n{i}.png", 20 + i, (700, 700))
                                  for i in range(6)])
    out = tmp_path / "out" / "bundle.pdf"
    out.parent.mkdir()
    first = export_case(store, case.id, out, ExportOptions(max_part_mb=1.0,
                                                           allow_unscanned=True))
    second = export_case(store, case.id, out, ExportOptions(max_part_mb=3.0,
                                                            allow_unscanned=True))
    store.close()
    assert len(first) > len(second) >= 2
    assert sorted(out.parent.iterdir()) == sorted(second)
