"""The chain of custody (证据处理记录), checked from outside: a case lived through the
core as the window and CLI do (a phone photo with EXIF imported, read by the real
Tesseract, a fact corrected, a box drawn, a suggestion switched off, exported, backed up),
then `proofpack verify` and `verify-bundle --archive` run on the real SQLite file, the
real PDF (its text read back with pdftotext) and the real zip, before and after each
kind of tampering: an entry edited, an entry removed, the chain rewritten from an entry
on, a backup's record edited or cut short; and two processes appending at once."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.case.facts import set_user_facts
from app.export.bundle import ExportOptions, export_case
from app.intake import analyse_items
from app.privacy.redaction import add_manual, remove
from app.seal.chain import GENESIS, check_chain, make_entry
from app.store.archive import export_archive
from app.store.importer import import_paths
from app.store.store import Store
from tests.conftest import text_image

PROOFPACK = [sys.executable, "-m", "app"]


def phone_photo(path: Path) -> Path:
    """An order screen saved with the EXIF a phone writes (device, moment taken)."""
    text_image(["订单编号：3859204715529631842", "成交时间：2026-10-02 13:22:05",
                "实付款：¥128.00", "收货人：张三 13812345678"], path.with_suffix(".png"))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 12"
    exif.get_ifd(0x8769)[0x9003] = "2026:10:02 13:30:00"
    with Image.open(path.with_suffix(".png")) as img:
        img.convert("RGB").save(path, "JPEG", quality=92, exif=exif)
    return path


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, int, Path, Path, Path]:
    """A case through its life; (store, case id, its photo, the bundle, the backup)."""
    folder = tmp_path_factory.mktemp("custody")
    store = Store(folder / "store")
    case = store.create_case("充电宝鼓包")
    assert case.id is not None
    photo = phone_photo(folder / "订单截图.jpg")
    import_paths(store, case.id, [photo])
    analyse_items(store, store.items(case.id))
    (item,) = store.items(case.id)
    assert item.id is not None and item.redactions  # the phone number was found
    set_user_facts(store, item.id, "amounts", ["129.00"])
    add_manual(store, item.id, [10, 10, 120, 40])
    remove(store, item.id, 0)  # the first suggestion switched off
    (pdf,) = export_case(store, case.id, folder / "bundle.pdf",
                         ExportOptions(lang="zh", now=datetime(2026, 11, 30, 9, 0)))
    archive = export_archive(store, case.id, folder / "case.zip")
    return store, case.id, photo, pdf, archive


def run(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROOFPACK, "--data-dir", str(data), *args], capture_output=True,
                          text=True, timeout=180)


def bodies(store: Store, case_id: int) -> list[dict]:  # type: ignore[type-arg]
    return [e.fields() for e in store.custody(case_id)]


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_every_event_is_recorded_in_order_and_chained(lived) -> None:  # type: ignore[no-untyped-def]
    store, case_id, photo, _pdf, _archive = lived
    events = bodies(store, case_id)
    assert [e["action"] for e in events][:3] == ["imported", "read", "redaction_added"]
    imported = events[0]["details"]
    assert imported["path"] == str(photo) and imported["device"] == "Apple iPhone 12"
    assert imported["taken"] == "2026:10:02 13:30:00" and imported["size"] == photo.stat().st_size
    read = events[1]["details"]
    assert read["by"] and read["by"][0].split()[0] in ("tesseract", "rapidocr")
    assert "3859204715529631842" in read["order_numbers"]
    corrected = next(e for e in events if e["action"] == "fact_corrected")["details"]
    assert corrected == {"fact": "amounts", "old": ["128.00"], "new": ["129.00"]}
    added = [e["details"] for e in events if e["action"] == "redaction_added"]
    assert {"box": [10, 10, 120, 40], "type": "manual", "source": "manual"} in added
    assert all("text" not in d for d in added)  # never the personal data itself
    assert [e["action"] for e in events].count("redaction_removed") == 1
    assert [e["action"] for e in events][-2:] == ["exported", "archived"]
    assert check_chain(store.custody(case_id)).ok
    out = run("verify", str(case_id), data=store.data_dir)
    assert out.returncode == 0 and "证据处理记录完整" in out.stdout, out.stdout


def test_the_bundle_prints_the_record_and_its_manifest_names_the_head(lived) -> None:  # type: ignore[no-untyped-def]
    store, case_id, _photo, pdf, archive = lived
    chain = store.custody(case_id)
    exported = next(i for i, e in enumerate(chain) if e.fields()["action"] == "exported")
    (manifest,) = PdfReader(pdf).attachments["manifest.json"]
    recorded = json.loads(manifest)
    assert recorded["custody_head"] == chain[exported - 1].hash  # the head as export began
    assert recorded["custody_length"] == exported
    text = pdf_text(pdf)
    assert "证据处理记录" in text and "Apple iPhone 12" in text and "更正识别结果" in text
    assert chain[0].hash[:12] in text and "订单截图.jpg" in text
    out = run("verify-bundle", str(pdf), "--archive", str(archive), "--json", data=store.data_dir)
    checks = {c["name"]: c["ok"] for c in json.loads(out.stdout)["checks"]}
    assert out.returncode == 0 and checks["custody"], out.stdout


def test_a_public_pack_prints_no_path_nor_file_name(lived, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, case_id, photo, _pdf, _archive = lived
    (public,) = export_case(store, case_id, tmp_path / "public.pdf",
                            ExportOptions(lang="zh", public=True))
    text = pdf_text(public)
    assert "证据处理记录" in text and "Apple iPhone 12" in text
    for private in (str(photo.parent), photo.name, "bundle.pdf", "case.zip"):
        assert private not in text.replace("\n", ""), private


def copy_store(store: Store, tmp_path: Path) -> Path:
    """A copy of the store's database to tamper with, its originals linked (unchanged)."""
    target = tmp_path / "store"
    target.mkdir(parents=True)
    with sqlite3.connect(store.db_path) as src, sqlite3.connect(target / "proofpack.db") as dst:
        src.backup(dst)
    for folder in ("originals", "faces"):
        if (store.data_dir / folder).exists():
            (target / folder).symlink_to(store.data_dir / folder)
    return target


def test_an_edited_or_removed_entry_is_found(lived, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, *_ = lived
    edited = copy_store(store, tmp_path / "a")
    with sqlite3.connect(edited / "proofpack.db") as db:
        db.execute("UPDATE custodyevent SET body = replace(body, '129.00', '128.00') "
                   "WHERE body LIKE '%fact_corrected%'")
    out = run("verify", data=edited)
    assert out.returncode == 1 and "在写入后被改动" in out.stdout, out.stdout

    removed = copy_store(store, tmp_path / "b")
    with sqlite3.connect(removed / "proofpack.db") as db:
        db.execute("DELETE FROM custodyevent WHERE body LIKE '%redaction_removed%'")
    out = run("verify", data=removed)
    assert out.returncode == 1 and "被删除或调换" in out.stdout, out.stdout


def test_a_chain_rewritten_from_an_entry_on_is_caught_by_the_bundles_head(  # type: ignore[no-untyped-def]
        lived, tmp_path: Path) -> None:
    """Whoever controls the store can compute a whole new chain: the store alone then
    checks out (so the claim is worded as it is), but the head a bundle recorded is gone
    from the new chain, and verify-bundle with a backup made from it says so."""
    store, case_id, _photo, pdf, _archive = lived
    rewritten_dir = copy_store(store, tmp_path)
    with sqlite3.connect(rewritten_dir / "proofpack.db") as db:
        rows = db.execute("SELECT id, body FROM custodyevent WHERE case_id = ? ORDER BY seq",
                          (case_id,)).fetchall()
        prev = GENESIS
        for row_id, body in rows:
            fields = json.loads(body)
            details = fields["details"]
            if details == {"fact": "amounts", "old": ["128.00"], "new": ["129.00"]}:
                details["new"] = ["12.90"]
            entry = make_entry(prev, fields["seq"], fields["at"], fields["action"],
                               fields["item"], details)
            db.execute("UPDATE custodyevent SET body = ?, entry_hash = ? WHERE id = ?",
                       (entry.body, entry.hash, row_id))
            prev = entry.hash
    assert run("verify", data=rewritten_dir).returncode == 0
    backup = export_archive(Store(rewritten_dir), case_id, tmp_path / "rewritten.zip")
    out = run("verify-bundle", str(pdf), "--archive", str(backup), "--json", data=tmp_path)
    checks = {c["name"]: c for c in json.loads(out.stdout)["checks"]}
    assert out.returncode == 1 and not checks["custody"]["ok"]
    assert checks["originals"]["ok"]  # the originals themselves were not touched


def test_a_restored_case_carries_its_chain_and_a_broken_one_is_reported(  # type: ignore[no-untyped-def]
        lived, tmp_path: Path) -> None:
    store, case_id, _photo, pdf, archive = lived
    out = run("case", "import-archive", str(archive), data=tmp_path / "intact")
    assert out.returncode == 0 and out.stderr == "", out.stderr
    restored = Store(tmp_path / "intact")
    new_id = restored.list_cases()[0].id
    assert new_id is not None
    original = [e.hash for e in store.custody(case_id)]
    chain = restored.custody(new_id)
    # the archive holds the chain up to its own making; the restore is entry n + 1
    assert [e.hash for e in chain[:-1]] == original[:len(chain) - 1]
    assert chain[-1].fields()["action"] == "restored"
    assert chain[-1].fields()["details"]["custody"] == "intact"
    assert check_chain(chain).ok

    # the bundle vouches for the record up to its head: an edit before it fails the
    # bundle's check, a cut after it (the last entry, its own export) does not
    for name, change, bundle_code in (
            ("edited", lambda e: [{**e[0], "body": e[0]["body"].replace(
                "iPhone 12", "iPhone 15")}, *e[1:]], 1),
            ("cut", lambda e: e[:-1], 0)):
        tampered = tmp_path / f"{name}.zip"
        with zipfile.ZipFile(archive) as src, zipfile.ZipFile(tampered, "w") as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "custody.json":
                    data = json.dumps(change(json.loads(data))).encode()
                dst.writestr(info, data)
        out = run("case", "import-archive", str(tampered), data=tmp_path / name)
        assert out.returncode == 0 and "证据处理记录未通过检查" in out.stderr, out.stderr
        again = Store(tmp_path / name)
        (fresh,) = [again.custody(c.id) for c in again.list_cases() if c.id is not None]
        assert len(fresh) == 1 and fresh[0].fields()["details"]["custody"] == name
        verdict = run("verify-bundle", str(pdf), "--archive", str(tampered), "--json",
                      data=tmp_path)
        assert verdict.returncode == bundle_code, verdict.stdout


APPEND = """
import sys
from app.store.store import Store
store = Store(__import__("pathlib").Path(sys.argv[1]))
for n in range(40):
    store.log_event(int(sys.argv[2]), "exported", pack="bundle", file=f"{sys.argv[3]}{n}")
"""


def test_two_processes_appending_at_once_keep_one_chain(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    case = store.create_case("并发")
    assert case.id is not None
    procs = [subprocess.Popen([sys.executable, "-c", APPEND, str(store.data_dir),
                               str(case.id), who]) for who in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    chain = store.custody(case.id)
    check = check_chain(chain)
    assert check.ok and check.count == 80
    files = sorted(e.fields()["details"]["file"] for e in chain)
    assert files == sorted([f"a{n}" for n in range(40)] + [f"b{n}" for n in range(40)])
