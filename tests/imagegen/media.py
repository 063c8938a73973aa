"""Writing videos and sound with PyAV for tests and benches: frames in, a closed file out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def encode_all(out: Any, stream: Any, frames: Iterable[Any]) -> None:
    """Encode every frame into `stream`, flush the encoder and close the container `out`."""
    for frame in frames:
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
