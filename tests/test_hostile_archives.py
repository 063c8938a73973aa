"""Archives that lie: a manifest listing thousands of items, a member that expands past
the limit, a member that is not an image, manifests of the wrong shape. Each is refused
with a message (or, for repeats, restored once), and nothing is left in the store."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.store import archive_import
from app.store.archive import ArchiveError, export_archive
from app.store.importer import import_paths
from app.store.store import Store
from tests.conftest import text_image


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    source = Store(tmp_path / "source")
    case = source.create_case("备份")
    import_paths(source, case.id, [text_image(["订单编号 5055565384962088195"],
                                              tmp_path / "order.png")])
    out = export_archive(source, case.id, tmp_path / "backup.zip")
    source.close()
    return out


def forged(backup: Path, out: Path, change: Callable[[dict, zipfile.ZipFile], None],
           extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(backup) as src, zipfile.ZipFile(out, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        change(manifest, src)
        for info in src.infolist():
            if info.filename != "manifest.json":
                dst.writestr(info, src.read(info))
        for name, data in (extra or {}).items():
            dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
        dst.writestr("manifest.json", json.dumps(manifest))
    return out


def restore(path: Path, tmp_path: Path) -> tuple[str, Store]:
    store = Store(tmp_path / "target")
    try:
        archive_import.import_archive(store, path)
    except ArchiveError as exc:
        return exc.message(), store
    return "", store


def nothing_added(store: Store) -> bool:
    return store.list_cases() == [] and not list(store.blobs.originals.glob("*/*")) \
        and not list(store.blobs.tmp.iterdir())


def test_a_manifest_with_too_many_items_is_refused(backup: Path, tmp_path: Path,
                                                   monkeypatch) -> None:
    monkeypatch.setattr(archive_import, "MAX_ITEMS", 50)

    def many(manifest: dict, _zf: zipfile.ZipFile) -> None:
        manifest["items"] = [dict(manifest["items"][0], sha256=f"{n:064x}") for n in range(51)]

    message, store = restore(forged(backup, tmp_path / "bomb.zip", many), tmp_path)
    assert "超过上限" in message and nothing_added(store)


def test_one_member_listed_thousands_of_times_is_restored_once(backup: Path,
                                                               tmp_path: Path) -> None:
    def repeated(manifest: dict, _zf: zipfile.ZipFile) -> None:
        manifest["items"] = manifest["items"] * 3000

    message, store = restore(forged(backup, tmp_path / "rep.zip", repeated), tmp_path)
    assert message == ""
    (case,) = store.list_cases()
    assert len(store.items(case.id)) == 1
    assert len(list(store.blobs.originals.glob("*/*"))) == 1


def test_a_member_that_expands_past_the_limit_is_not_copied(backup: Path, tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setattr(archive_import, "limit_for", lambda _path: 1_000_000)
    zeros = b"\0" * 5_000_000  # deflates to a few KB

    def point_at_zeros(manifest: dict, _zf: zipfile.ZipFile) -> None:
        manifest["items"][0]["file"] = "originals/zeros.png"

    path = forged(backup, tmp_path / "zip-bomb.zip", point_at_zeros,
                  {"originals/zeros.png": zeros})
    assert path.stat().st_size < 100_000
    message, store = restore(path, tmp_path)
    assert "超过单个文件上限" in message and nothing_added(store)


def test_a_member_that_is_not_an_image_is_refused(backup: Path, tmp_path: Path) -> None:
    import hashlib

    text = b"not an image at all\n" * 100

    def point_at_text(manifest: dict, _zf: zipfile.ZipFile) -> None:
        manifest["items"][0].update(file="originals/notes.png",
                                    sha256=hashlib.sha256(text).hexdigest())

    path = forged(backup, tmp_path / "text.zip", point_at_text, {"originals/notes.png": text})
    message, store = restore(path, tmp_path)
    assert "不是可用的图片" in message and nothing_added(store)


@pytest.mark.parametrize("change", [
    lambda m, _: m.update(items="everything"),
    lambda m, _: m.pop("items"),
    lambda m, _: m.update(format_version="one"),
    lambda m, _: m["case"].update(created_at="yesterday"),
    lambda m, _: m["items"][0].update(width="wide"),
    lambda m, _: m["items"][0].pop("sha256"),
    lambda m, _: m.update(case=[]),
    lambda m, _: m["items"][0].update(file="originals/missing.png"),
], ids=["items-a-string", "no-items", "version-not-a-number", "bad-date", "bad-width",
        "no-hash", "case-a-list", "member-missing"])
def test_a_malformed_manifest_is_refused_cleanly(backup: Path, tmp_path: Path,
                                                 change: Callable) -> None:
    message, store = restore(forged(backup, tmp_path / "bad.zip", change), tmp_path)
    assert message and nothing_added(store)


def test_a_lone_surrogate_in_the_title_is_stored_readably(backup: Path, tmp_path: Path) -> None:
    def surrogate(manifest: dict, _zf: zipfile.ZipFile) -> None:
        manifest["case"]["title"] = "耳机\ud800坏了"

    message, store = restore(forged(backup, tmp_path / "s.zip", surrogate), tmp_path)
    assert message == ""
    (case,) = store.list_cases()
    assert case.title == "耳机?坏了"


@pytest.mark.parametrize("lie", [
    {"facts": [{"type": "timestamp", "value": "2024-01-01T00:00:00", "text": "x",
                "box": "everywhere"}]},
    {"facts": [{"type": "message", "side": "buyer", "when": "x", "text": "hi"}]},  # no box
    {"redactions": [{"box": [1, 2, 3], "type": "phone", "text": "", "source": "auto",
                     "enabled": True}]},
], ids=["box-a-string", "message-without-box", "box-of-three"])
def test_a_backup_whose_records_lie_adds_nothing(backup: Path, tmp_path: Path,
                                                 lie: dict[str, object]) -> None:
    """Facts and boxes with the wrong shape would crash the window and the export later,
    so the whole backup is refused now."""
    message, store = restore(forged(backup, tmp_path / "lie.zip",
                                    lambda m, _zf: m["items"][0].update(lie)), tmp_path)
    assert "格式不对" in message and nothing_added(store)
