"""Call recordings (customer service, the seller) kept as attachments: their duration and
recording time read with PyAV; nothing in them is transcribed."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.i18n import Refusal
from app.media.video import duration_of, recorded_at


class AudioRejected(Refusal):
    pass


@dataclass(frozen=True)
class AudioInfo:
    duration: float  # seconds
    codec: str
    recorded_at: datetime | None


def probe_audio(path: Path) -> AudioInfo:
    """What the container says, checked by decoding its first packets."""
    import av

    try:
        with closing(av.open(str(path))) as container:
            if not container.streams.audio:
                raise AudioRejected("err.audio_no_sound")
            stream = container.streams.audio[0]
            decoded = next(iter(container.decode(stream)), None)
            if decoded is None:
                raise AudioRejected("err.audio_no_sound")
            return AudioInfo(duration_of(container, stream), stream.codec_context.name,
                             recorded_at(container, stream))
    except (av.FFmpegError, OSError, ValueError, EOFError) as exc:
        raise AudioRejected("err.media_unreadable", kind_zh="录音", kind_en="recording",
                            detail=type(exc).__name__) from exc
