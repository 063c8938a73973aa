"""Huge PNGs that are small on disk (a scanner's or an editor's canvas): written row by
row, so making one needs no more memory than one row."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from PIL import Image


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_rgba16_png(path: Path, width: int, height: int, band: Image.Image | None = None,
                     band_top: int = 0) -> Path:
    """A white, opaque 16-bit RGBA PNG of width x height, with `band` (an RGB picture, such
    as lines of text) pasted at (0, band_top)."""
    white = b"\x00" + b"\xff" * (8 * width)
    band_rows: list[bytes] = []
    if band is not None:
        rgba = band.convert("RGBA").crop((0, 0, width, band.height)).tobytes()
        for y in range(band.height):
            row = rgba[y * 4 * width:(y + 1) * 4 * width]
            # 8-bit samples to 16-bit big-endian: each byte twice (0xAB -> 0xABAB).
            band_rows.append(b"\x00" + bytes(b for v in row for b in (v, v)))
    compressor = zlib.compressobj(6)
    with path.open("wb") as fh:
        fh.write(b"\x89PNG\r\n\x1a\n")
        fh.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 6, 0, 0, 0)))
        for y in range(height):
            inside = band_top <= y < band_top + len(band_rows)
            data = compressor.compress(band_rows[y - band_top] if inside else white)
            if data:
                fh.write(_chunk(b"IDAT", data))
        fh.write(_chunk(b"IDAT", compressor.flush()))
        fh.write(_chunk(b"IEND", b""))
    return path
