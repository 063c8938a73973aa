"""Real Tesseract runs on rendered images."""

from pathlib import Path

from app.ocr.engine import check_ocr, ocr_status, resolve_tesseract
from app.ocr.scan import RecognitionCache, scan_file
from tests.conftest import text_image


def test_tesseract_with_chinese_is_available() -> None:
    status = check_ocr()
    assert status.available, status.message()
    assert {"chi_sim", "eng"} <= set(status.languages)


def test_rendered_chinese_order_is_read(tmp_path: Path) -> None:
    img = text_image(["订单详情", "订单编号：3620154412345678901",
                      "创建时间：2024-11-23 13:01:02", "实付款 ¥256.80"], tmp_path / "o.png")
    result = scan_file(img)
    assert not result.error
    assert "订单" in result.text
    assert result.order_numbers == ["3620154412345678901"]
    assert result.timestamps == ["2024-11-23T13:01:02"]
    assert result.amounts == ["256.80"]
    assert result.kind == "order"


def test_generated_screens_are_classified(sample_dir: Path) -> None:
    for kind in ("order", "chat", "payment", "logistics", "photo", "other"):
        result = scan_file(sample_dir / f"{kind}.png")
        assert result.kind == kind, (kind, result.text[:200])


def test_cache_makes_rescans_free(tmp_path: Path, sample_dir: Path) -> None:
    cache = RecognitionCache(tmp_path / "cache")
    first = scan_file(sample_dir / "payment.png", cache)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    # With the cache filled, a scan needs no Tesseract at all.
    ocr_status.cache_clear()
    import app.ocr.scan as scan_module

    original = scan_module.ocr_status
    scan_module.ocr_status = lambda: (_ for _ in ()).throw(AssertionError("OCR ran"))  # type: ignore[assignment]
    try:
        second = scan_file(sample_dir / "payment.png", cache)
    finally:
        scan_module.ocr_status = original  # type: ignore[assignment]
    assert second.order_numbers == first.order_numbers and second.text == first.text


def test_resolver_prefers_bundled_tesseract(tmp_path: Path, monkeypatch) -> None:
    bundled = tmp_path / "resources" / "tesseract"
    (bundled / "tessdata").mkdir(parents=True)
    exe = bundled / "tesseract"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    setup = resolve_tesseract(tmp_path / "resources")
    assert setup is not None and setup.cmd == str(exe)
    assert setup.tessdata_dir == bundled / "tessdata"


def test_resolver_env_override_and_missing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PROOFPACK_TESSERACT", str(tmp_path / "nope"))
    assert resolve_tesseract(tmp_path) is None
    status = check_ocr(tmp_path)
    assert not status.available and status.problem == "missing_binary"
    assert "tesseract-ocr-chi-sim" in status.message() or "tesseract" in status.message()


def test_resolver_finds_well_known_windows_dir(tmp_path: Path, monkeypatch) -> None:
    import app.ocr.engine as engine

    folder = tmp_path / "Tesseract-OCR"
    folder.mkdir()
    (folder / "tesseract.exe").write_text("")
    monkeypatch.delenv("PROOFPACK_TESSERACT", raising=False)
    monkeypatch.setattr(engine.shutil, "which", lambda _name: None)
    monkeypatch.setitem(engine.WELL_KNOWN_DIRS, "win32", [str(folder)])
    setup = resolve_tesseract(tmp_path / "res", platform="win32")
    assert setup is not None and setup.cmd == str(folder / "tesseract.exe")


FIXED_SET = [(301, "order", "clean"), (302, "order", "forwarded"), (303, "order", "jpeg"),
             (304, "chat", "clean"), (305, "chat", "forwarded"), (306, "payment", "clean"),
             (307, "payment", "photographed"), (308, "logistics", "jpeg"),
             (309, "photo", "clean"), (310, "other", "forwarded")]


def test_extractor_on_a_fixed_set_of_generated_screens(tmp_path: Path) -> None:
    """Every fact of a fixed, seeded set of realistic screenshots, degraded as buyers'
    screenshots are (forwarded, recompressed, photographed)."""
    from app.intake import scan_many
    from tests.imagegen import generate

    samples, paths = [], []
    for seed, kind, level in FIXED_SET:
        sample = generate(seed, kind, level)
        path = tmp_path / f"{sample.name}.png"
        sample.image.save(path)
        samples.append(sample)
        paths.append(path)
    results = scan_many(paths, workers=2)
    want_orders = got_orders = want_stamps = got_stamps = 0
    for sample, result in zip(samples, results, strict=True):
        assert result is not None and not result.error
        assert result.kind == sample.kind, sample.name
        assert set(result.order_numbers) <= set(sample.order_numbers), sample.name
        want_orders += len(sample.order_numbers)
        got_orders += len(set(result.order_numbers) & set(sample.order_numbers))
        want_stamps += len(sample.timestamps)
        got_stamps += len(set(result.timestamps) & set(sample.timestamps))
        assert set(sample.amounts) <= set(result.amounts), sample.name
    assert got_orders == want_orders
    assert got_stamps >= 0.95 * want_stamps


def test_ocr_workers_import_no_database_layer() -> None:
    """A worker process imports what it unpickles: the job and its initializer."""
    import subprocess
    import sys

    from app.intake import run_in_worker
    from app.ocr.scan import init_ocr_worker, scan_files

    assert init_ocr_worker.__module__ == scan_files.__module__ == "app.ocr.scan"
    assert "init_ocr_worker" in run_in_worker.__code__.co_names
    code = ("import sys, app.ocr.scan; "
            "assert 'sqlalchemy' not in sys.modules and 'app.store.store' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_pp_ocr_reads_offline_from_the_models_in_its_wheel(tmp_path: Path) -> None:
    """The second engine loads and reads with every network connection refused."""
    import socket
    import subprocess
    import sys

    code = """
import socket
def refuse(*a, **k):
    raise OSError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
from PIL import Image, ImageDraw, ImageFont
from app.paths import FONT_PATH
from app.ocr.paddle import PaddleReader
img = Image.new("RGB", (900, 80), "white")
ImageDraw.Draw(img).text((10, 15), "订单编号 5055565384962088195", fill="black",
                         font=ImageFont.truetype(str(FONT_PATH), 40))
(line,) = PaddleReader().read_boxes(img, [(0, 0, 900, 80)])
print(line.text.replace(" ", ""))
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert r.returncode == 0, r.stderr
    assert "5055565384962088195" in r.stdout
    assert socket.socket.connect is not None


def test_a_long_stitched_capture_is_read_at_its_own_width(tmp_path: Path) -> None:
    """1080 x 14000 (a whole chat, stitched): the order number at its foot is read, not
    lost in a copy shrunk to 4000 px tall (300 px wide); a line where two bands of the
    reading overlap is read once."""
    from PIL import Image

    line = Image.open(text_image(["实付款 ¥123.45"], tmp_path / "paid.png", width=1080))
    order = Image.open(text_image(["订单编号 2912345678901234567"], tmp_path / "o.png",
                                  width=1080))
    tall = Image.new("RGB", (1080, 14000), "white")
    tall.paste(line, (0, 2100))  # in the overlap of the first two bands (2160 tall each)
    tall.paste(order, (0, 14000 - 400))
    tall.save(tmp_path / "long.png")
    result = scan_file(tmp_path / "long.png")
    assert result.error == ""
    assert result.order_numbers == ["2912345678901234567"]
    assert result.text.count("123.45") == 1, result.text


def test_pp_ocr_sessions_keep_no_memory_plan_per_input_size() -> None:
    """The amendment of rapidocr's session options (app.ocr.paddle) still takes: a page's
    detection left ~70 MB held without it. Fails if rapidocr moves where it makes them."""
    from app.ocr.paddle import PaddleReader

    engine = PaddleReader()._ocr()
    for model in (engine._load_rec_model(), engine._load_det_model()):
        assert model.session.session.get_session_options().enable_mem_pattern is False
