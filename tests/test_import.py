import errno
import hashlib
import io
import os
import stat
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from app.store import importer
from app.store.importer import collect_files, import_paths
from app.store.store import Store


def png_bytes(size=(64, 48), color=(200, 30, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG that declares a huge canvas: header and a zero-filled IDAT."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    raw = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_import_copies_original_unmodified_and_content_addressed(store: Store,
                                                                  tmp_path: Path) -> None:
    case = store.create_case("c")
    data = png_bytes()
    src = tmp_path / "订单 截图.png"
    src.write_bytes(data)
    before = os.stat(src)
    report = import_paths(store, case.id, [src])
    assert [o.status for o in report.outcomes] == ["imported"]
    (item,) = store.items(case.id)
    stored = store.item_path(item)
    assert stored.read_bytes() == data
    assert item.sha256 == sha(data)
    assert stored.name == f"{sha(data)}.png"
    assert stored.parent.name == sha(data)[:2]
    assert (item.original_name, item.width, item.height, item.size_bytes) == \
        ("订单 截图.png", 64, 48, len(data))
    assert not stat.S_IMODE(os.stat(stored).st_mode) & 0o222, "originals are read-only"
    after = os.stat(src)
    assert src.read_bytes() == data and after.st_mtime == before.st_mtime
    assert list(store.blobs.tmp.iterdir()) == []


def test_same_bytes_twice_in_one_case_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    case = store.create_case("c")
    other = store.create_case("other")
    data = png_bytes()
    (tmp_path / "a.png").write_bytes(data)
    (tmp_path / "b.png").write_bytes(data)  # same bytes, other name
    report = import_paths(store, case.id, [tmp_path / "a.png", tmp_path / "b.png"])
    assert [o.status for o in report.outcomes] == ["imported", "duplicate"]
    assert len(store.items(case.id)) == 1
    # another case may hold the same file; the blob is stored once
    assert import_paths(store, other.id, [tmp_path / "a.png"]).outcomes[0].status == "imported"
    assert len(list(store.blobs.originals.glob("*/*"))) == 1


def test_folders_are_walked_recursively_for_images(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "1.png").write_bytes(png_bytes())
    (tmp_path / "a" / "b" / "2.JPG").write_bytes(b"x")
    (tmp_path / "a" / "notes.txt").write_text("hi")
    (tmp_path / "a" / ".hidden.png").write_bytes(png_bytes())
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "x.png").write_bytes(png_bytes())
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path / "a"])]
    assert found == ["a/1.png", "a/b/2.JPG"]


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP", "BMP", "GIF"])
def test_accepted_formats(store: Store, tmp_path: Path, fmt: str) -> None:
    case = store.create_case("c")
    path = tmp_path / f"img.{fmt.lower()}"
    Image.new("RGB", (40, 30), (10, 200, 10)).save(path, fmt)
    (outcome,) = import_paths(store, case.id, [path]).outcomes
    assert outcome.status == "imported", outcome.message
    assert store.items(case.id)[0].image_format == fmt


def test_heic_is_accepted(store: Store, tmp_path: Path) -> None:
    import pillow_heif

    case = store.create_case("c")
    path = tmp_path / "IMG_0001.HEIC"
    heif = pillow_heif.from_pillow(Image.new("RGB", (64, 64), (120, 40, 200)))
    heif.save(path, quality=80)
    (outcome,) = import_paths(store, case.id, [path]).outcomes
    assert outcome.status == "imported", outcome.message
    item = store.items(case.id)[0]
    assert item.image_format == "HEIF" and store.item_path(item).suffix == ".heic"


def test_animated_gif_is_accepted(store: Store, tmp_path: Path) -> None:
    case = store.create_case("c")
    frames = [Image.new("RGB", (30, 30), c) for c in ("red", "green", "blue")]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert import_paths(store, case.id, [path]).outcomes[0].status == "imported"


def bad_files(tmp_path: Path) -> dict[str, Path]:
    good = png_bytes((300, 300))
    jpeg = io.BytesIO()
    Image.effect_noise((400, 400), 50).convert("RGB").save(jpeg, "JPEG")
    tiff = io.BytesIO()
    Image.new("RGB", (10, 10)).save(tiff, "TIFF")
    files = {
        "err.not_image": b"this is a text file, not a picture",
        "err.empty": b"",
        "truncated_png": good[: len(good) // 2],
        "truncated_jpeg": jpeg.getvalue()[: len(jpeg.getvalue()) // 2],
        "err.too_many_pixels": bomb_png(40000, 40000),
        "err.unsupported": tiff.getvalue(),
    }
    paths = {}
    for key, data in files.items():
        path = tmp_path / f"{key}.png"
        path.write_bytes(data)
        paths[key] = path
    return paths


def test_bad_files_get_clear_errors_and_the_batch_continues(store: Store,
                                                            tmp_path: Path) -> None:
    case = store.create_case("c")
    bad = bad_files(tmp_path)
    good = tmp_path / "good.png"
    good.write_bytes(png_bytes())
    paths = [*bad.values(), tmp_path / "missing.png", good]
    report = import_paths(store, case.id, paths)
    by_name = {o.path.stem: o for o in report.outcomes}
    assert by_name["good"].status == "imported"
    expected = {
        "err.not_image": "err.not_image",
        "err.empty": "err.empty",
        "truncated_png": "err.truncated",
        "truncated_jpeg": "err.truncated",
        "err.too_many_pixels": "err.too_many_pixels",
        "err.unsupported": "err.unsupported",
        "missing": "err.not_found",
    }
    for stem, key in expected.items():
        outcome = by_name[stem]
        assert outcome.status == "error" and outcome.error_key == key, (stem, outcome)
        assert outcome.message and "err." not in outcome.message
    assert len(store.items(case.id)) == 1
    assert len(list(store.blobs.originals.glob("*/*"))) == 1
    assert list(store.blobs.tmp.iterdir()) == []


def test_disk_full_while_copying_loses_nothing(store: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    case = store.create_case("c")
    src = tmp_path / "a.png"
    src.write_bytes(png_bytes())
    real_replace = os.replace

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    (outcome,) = import_paths(store, case.id, [src]).outcomes
    assert outcome.status == "error" and outcome.error_key == "err.disk_full"
    assert "磁盘空间不足" in outcome.message
    monkeypatch.setattr(os, "replace", real_replace)
    assert store.items(case.id) == []
    assert list(store.blobs.tmp.iterdir()) == []
    assert src.exists()
    # once there is room again the same file imports fine
    assert import_paths(store, case.id, [src]).outcomes[0].status == "imported"


def test_leftover_temp_files_are_cleaned_on_open(data_dir: Path) -> None:
    store = Store(data_dir)
    dead = store.blobs.tmp / "import-999999999-abc.part"
    dead.write_bytes(b"half a file")
    store.close()
    Store(data_dir).close()
    assert not dead.exists()


def test_cancel_stops_between_files(store: Store, tmp_path: Path) -> None:
    case = store.create_case("c")
    paths = []
    for i in range(4):
        p = tmp_path / f"{i}.png"
        p.write_bytes(png_bytes(color=(i * 40, 0, 0)))
        paths.append(p)
    seen = []
    report = importer.import_paths(store, case.id, paths,
                                   on_progress=lambda d, t, o: seen.append(d),
                                   should_cancel=lambda: len(seen) >= 2)
    assert report.cancelled and len(report.outcomes) == 2
    assert len(store.items(case.id)) == 2
