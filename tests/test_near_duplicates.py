"""The same screen saved twice (pasted, then added as a file; a smaller JPEG forwarded
in a chat) is noticed by its pixels, which the SHA-256 cannot do; different screens of
the same app, which look much alike, are not confused."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from PIL import Image

from app.imaging import looks_alike, probe_image
from tests.imagegen.screens import generate


def info_of(img: Image.Image, fmt: str = "PNG", **save: object):
    buf = io.BytesIO()
    img.save(buf, fmt, **save)
    buf.seek(0)
    return probe_image(buf)


def alike(a, b) -> bool:
    return looks_alike(a.pixel_print, (a.width, a.height), b.pixel_print, (b.width, b.height))


def test_copies_alike_and_different_screens_of_one_app_not() -> None:
    screens = [generate(seed, kind, "clean").image.convert("RGB")
               for kind in ("chat", "order", "logistics", "payment") for seed in range(1, 6)]
    originals = [info_of(img) for img in screens]
    for img, original in zip(screens, originals, strict=True):
        half = img.resize((img.width // 2, img.height // 2))
        assert alike(original, info_of(img, "JPEG", quality=55))
        assert alike(original, info_of(half, "JPEG", quality=70))
        assert alike(original, info_of(img, "WEBP", quality=60))
    confused = [(i, j) for (i, a), (j, b) in itertools.combinations(enumerate(originals), 2)
                if alike(a, b)]
    assert confused == []


def test_a_turned_photo_is_alike_by_how_it_is_seen(tmp_path: Path) -> None:
    """A phone photo stored sideways with an EXIF turn shows the same picture as its
    upright copy."""
    photo = generate(7, "photo", "clean").image.convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise
    sideways = photo.transpose(Image.Transpose.ROTATE_90)
    stored = info_of(sideways, "JPEG", quality=90, exif=exif.tobytes())
    assert (stored.width, stored.height) == photo.size
    assert alike(stored, info_of(photo, "JPEG", quality=80))


def test_add_imports_a_copy_and_names_the_exhibit_it_repeats(cli, tmp_path: Path) -> None:
    first, other = (generate(seed, "chat", "clean").image.convert("RGB") for seed in (11, 12))
    first.save(tmp_path / "shot.png")
    first.save(tmp_path / "shot-forwarded.jpg", quality=60)
    other.save(tmp_path / "another-chat.png")
    case_id = cli("case", "new", "c").stdout.strip()
    assert cli("add", case_id, "--no-ocr", str(tmp_path / "shot.png")).returncode == 0
    r = cli("add", case_id, "--no-ocr", str(tmp_path / "another-chat.png"),
            str(tmp_path / "shot-forwarded.jpg"))
    assert r.returncode == 0
    lines = dict(line.split(": ", 1) for line in r.stdout.splitlines() if ": " in line)
    assert lines[str(tmp_path / "another-chat.png")] == "已导入"
    assert lines[str(tmp_path / "shot-forwarded.jpg")] == "已导入（可能重复: 证据1）"
    shown = cli("case", "show", case_id, "--json").stdout
    assert shown.count("shot-forwarded.jpg") == 1  # imported, not refused


def test_two_orders_of_one_product_differ_by_their_digits(store, tmp_path: Path) -> None:
    """Same phone, same shop, same product: the screens differ only in the order number
    and time, which the small fingerprint cannot see; the close look at equal sizes
    does, while a same-size JPEG copy of one is still caught."""
    from app.store.importer import find_look_alikes, import_paths
    from tests.conftest import text_image

    case = store.create_case("two orders")
    first = text_image(["订单编号 5055565384962088195", "成交时间 2024-11-02 10:21",
                        "实付款 ¥129.00"], tmp_path / "first.png")
    second = text_image(["订单编号 5055565384962088795", "成交时间 2024-11-09 18:40",
                         "实付款 ¥129.00"], tmp_path / "second.png")
    import_paths(store, case.id, [first])
    assert find_look_alikes(store, case.id, [second]) == []
    copy = tmp_path / "first-copy.jpg"
    Image.open(first).convert("RGB").save(copy, quality=80)
    (found,) = find_look_alikes(store, case.id, [second, copy])
    assert (found.name, found.exhibit) == ("first-copy.jpg", 1)


def test_an_exhibit_imported_before_fingerprints_gets_one(store, tmp_path: Path) -> None:
    """Stores from before schema 4 have no fingerprints: the first comparison makes and
    keeps one, so their exhibits are recognised too."""
    from app.store.importer import import_paths

    case = store.create_case("old")
    shot = generate(41, "order", "clean").image.convert("RGB")
    shot.save(tmp_path / "old.png")
    (item_id,) = import_paths(store, case.id, [tmp_path / "old.png"]).imported_ids
    store.update_item(item_id, pixel_print="")  # as an older version left it
    shot.save(tmp_path / "again.jpg", quality=90)
    (outcome,) = import_paths(store, case.id, [tmp_path / "again.jpg"]).outcomes
    assert outcome.status == "imported" and outcome.looks_like == 1
    assert store.get_item(item_id).pixel_print
