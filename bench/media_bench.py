"""Videos, PDFs and long screenshots through the CLI as a buyer runs it (issue #16):

- a 1-minute 1080p phone video (H.264, and HEVC as an iPhone writes it), `add --no-ocr`:
  stored, hashed and its frames chosen (target 15 s, process tree at most 600 MB), then
  then the same with the OCR of its contact sheet;
- a 10-page PDF with a text layer, `add` (target 3 s, facts from the text layer);
- a 1080 x 15000 long screenshot, `add` (target: OCR at most 400 MB).

Prints a table and a last summary line.
Usage: python bench/media_bench.py [--seconds 60] [--phone-bitrate]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.memory_bench import Sampler

VIDEO_S, VIDEO_MB, PDF_S, LONG_MB = 15.0, 600, 3.0, 400


# What phones record 1080p at 30 fps with (Mbit/s): H.264 on Android, HEVC on iPhone.
PHONE_BITRATE = {"libx264": 17_000_000, "libx265": 8_000_000}


def make_video(path: Path, codec: str, seconds: int, phone_bitrate: bool = False) -> Path:
    """1920 x 1080 at 30 fps, a key frame a second (as phones write), four scenes. With
    phone_bitrate, sensor-like noise on every frame makes the encoder spend a phone's
    bit rate (a 1-minute H.264 file of about 125 MB) instead of a few megabytes."""
    import av
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from app.paths import FONT_PATH
    from tests.imagegen.media import encode_all

    font = ImageFont.truetype(str(FONT_PATH), 72)
    out = av.open(str(path), "w")
    stream = out.add_stream(codec, rate=30, options={"preset": "ultrafast", "g": "30"})
    stream.width, stream.height, stream.pix_fmt = 1920, 1080, "yuv420p"
    if phone_bitrate:
        stream.bit_rate = PHONE_BITRATE[codec]
    rng = np.random.default_rng(7)
    noise = [rng.integers(-12, 13, (1080, 1920, 3), dtype=np.int16) for _ in range(6)]
    scenes = []
    for n in range(4):
        img = Image.new("RGB", (1920, 1080), (200 - 40 * n, 170, 120 + 30 * n))
        ImageDraw.Draw(img).text((200, 480), f"运单号 7348545755300{n}  第{n + 1}幕",
                                 fill="black", font=font)
        scenes.append(np.asarray(img, dtype=np.int16))
    plain = [av.VideoFrame.from_ndarray(s.astype(np.uint8), format="rgb24") for s in scenes]

    def frame(i: int) -> av.VideoFrame:
        scene = i * 4 // (seconds * 30)
        if phone_bitrate:
            pixels = np.clip(scenes[scene] + noise[i % len(noise)], 0, 255).astype(np.uint8)
            chosen = av.VideoFrame.from_ndarray(pixels, format="rgb24")
        else:
            chosen = plain[scene]
        chosen.pts = i
        return chosen

    encode_all(out, stream, (frame(i) for i in range(seconds * 30)))
    return path


def make_pdf(path: Path, pages: int = 10) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.paths import FONT_PATH

    pdfmetrics.registerFont(TTFont("wqy", str(FONT_PATH)))
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.setFont("wqy", 11)
        for row in range(40):
            c.drawString(50, 790 - row * 18, f"检测项目 {page}-{row}：外观、功能、电池续航 "
                                             f"结论：合格  报告编号 CMA2024{page:02d}{row:03d}")
        c.showPage()
    c.save()
    return path


def make_long_screenshot(path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    from app.paths import FONT_PATH

    font = ImageFont.truetype(str(FONT_PATH), 34)
    img = Image.new("RGB", (1080, 15000), (237, 237, 237))
    draw = ImageDraw.Draw(img)
    for row in range(15000 // 120):
        draw.text((40, 30 + row * 120), f"2024-11-{1 + row % 28:02d} 13:{row % 60:02d}  "
                  f"亲，第{row}条消息，订单 2{row:018d}", fill="black", font=font)
    img.save(path)
    return path


def run(proofpack: str, data: Path, *args: str) -> tuple[str, float, float]:
    """(first line said, seconds, peak MB of the command's process tree: the command and
    its OCR workers and Tesseracts, not this bench, which holds the frames it encoded)."""
    t0 = time.perf_counter()
    process = subprocess.Popen([proofpack, "--data-dir", str(data), *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(process.pid)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    said = (stdout or stderr).strip().splitlines()
    return (said[0][-60:] if said else ""), seconds, sampler.tree_peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--phone-bitrate", action="store_true",
                        help="encode the videos at a phone's bit rate (slow to make)")
    args = parser.parse_args()
    proofpack = str(Path(sys.executable).parent / "proofpack")
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        data = root / "data"
        case = run(proofpack, data, "case", "new", "媒体")[0].split()[-1]
        for codec, name in (("libx264", "H.264"), ("libx265", "HEVC")):
            video = make_video(root / f"{name}.mp4", codec, args.seconds, args.phone_bitrate)
            said, secs, peak = run(proofpack, data, "add", "--no-ocr", case, str(video))
            rows.append((f"video {name} {video.stat().st_size >> 20} MB: store+frames",
                         secs, peak, said))
        ocr_case = run(proofpack, data, "case", "new", "开箱")[0].split()[-1]
        said, secs, peak = run(proofpack, data, "add", ocr_case, str(root / "H.264.mp4"))
        rows.append(("video H.264 with OCR of its frames", secs, peak, said))
        pdf_case = run(proofpack, data, "case", "new", "报告")[0].split()[-1]
        said, secs, peak = run(proofpack, data, "add", pdf_case, str(make_pdf(root / "r.pdf")))
        rows.append(("10-page PDF, text layer", secs, peak, said))
        long_case = run(proofpack, data, "case", "new", "长图")[0].split()[-1]
        said, secs, peak = run(proofpack, data, "add", long_case,
                               str(make_long_screenshot(root / "long.png")))
        rows.append(("1080 x 15000 screenshot", secs, peak, said))
    print(f"{'what':<40}{'seconds':>9}{'tree MB':>9}  output")
    for what, secs, peak, said in rows:
        print(f"{what:<40}{secs:>9.1f}{peak:>9.0f}  {said}")
    video_s = max(r[1] for r in rows[:2])
    video_mb = max(r[2] for r in rows[:2])
    ok = video_s <= VIDEO_S and video_mb <= VIDEO_MB and rows[3][1] <= PDF_S and \
        rows[4][2] <= LONG_MB
    print(f"SUMMARY video_s={video_s:.1f} video_tree_mb={video_mb:.0f} "
          f"pdf10_s={rows[3][1]:.1f} long_tree_mb={rows[4][2]:.0f} "
          f"{'OK' if ok else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
