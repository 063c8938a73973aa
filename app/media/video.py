"""Videos (an unboxing filmed in one take) read with PyAV, whose wheels carry FFmpeg: the
duration, rotation and recording time from the container, and the frames worth printing.

Frames are chosen without decoding the whole video: the key frames are scanned for scene
changes (a phone writes one every second or two, and one at each cut), and one frame is
taken every few seconds by seeking, so a three-hour video costs about as much as a short
one. Each frame is turned upright by the video's rotation, like a photo's EXIF.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageChops, ImageStat

from app.i18n import Refusal

MAX_FRAMES = 24  # the contact sheet's most: two columns of twelve on a few pages
FRAME_WIDTH = 960  # px: a shipping label filmed at 1080p stays readable
SCENE_CHANGE = 28.0  # mean grey difference (0-255) of two small key frames: another scene
# Key frames are scanned for scene changes in videos up to this long; longer ones are
# only sampled, evenly (a three-hour recording has thousands of key frames).
SCAN_KEY_FRAMES_UP_TO = 20 * 60.0


class VideoRejected(Refusal):
    pass


@dataclass(frozen=True)
class VideoInfo:
    duration: float  # seconds
    rotation: int  # degrees counter-clockwise to turn the stored frames upright
    codec: str
    recorded_at: datetime | None


def _open(path: Path) -> Any:
    import av

    try:
        return av.open(str(path))
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise VideoRejected("err.media_unreadable", kind_zh="视频", kind_en="video",
                            detail=type(exc).__name__) from exc


def recorded_at(container: Any, stream: Any) -> datetime | None:
    """When the recording started, from the container's and the stream's tags
    (QuickTime's own first: it carries the phone's time zone)."""
    tags = {**dict(container.metadata), **dict(stream.metadata)}
    for key in ("com.apple.quicktime.creationdate", "creation_time", "date"):
        value = str(tags.get(key, "")).strip()
        if not value:
            continue
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.year > 1980:  # cameras without a clock write 1904 or 1970
            return when
    return None


def probe_video(path: Path) -> VideoInfo:
    """What the container says, checked by decoding a first frame."""
    with closing(_open(path)) as container:
        if not container.streams.video:
            raise VideoRejected("err.video_no_frames")
        stream = container.streams.video[0]
        duration = duration_of(container, stream)
        first = next(_frames(container, stream), None)
        if first is None:
            raise VideoRejected("err.video_no_frames")
        rotation = int(getattr(first, "rotation", 0) or 0) % 360
        return VideoInfo(duration, rotation, stream.codec_context.name,
                         recorded_at(container, stream))


def duration_of(container: Any, stream: Any) -> float:
    """Seconds, from the container, else from the stream."""
    if container.duration:
        return float(container.duration) / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _frames(container: Any, stream: Any) -> Iterator[Any]:
    """Decoded frames, a damaged packet skipped rather than ending the video."""
    import av

    try:
        yield from container.decode(stream)
    except (av.FFmpegError, ValueError, EOFError):
        return


def _upright(frame: Any, rotation: int) -> Image.Image:
    img: Image.Image = frame.to_image()
    if rotation:
        img = img.rotate(rotation, expand=True)
    if img.width > FRAME_WIDTH:
        img = img.resize((FRAME_WIDTH, round(img.height * FRAME_WIDTH / img.width)),
                         Image.Resampling.LANCZOS)
    return img


def _signature(img: Image.Image) -> Image.Image:
    return img.convert("L").resize((48, 27), Image.Resampling.BILINEAR)


def scene_changes(path: Path, info: VideoInfo) -> list[float]:
    """The times of key frames that start another scene (the first frame included)."""
    with closing(_open(path)) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"
        times: list[float] = []
        previous: Image.Image | None = None
        for frame in _frames(container, stream):
            if frame.time is None:
                continue
            sig = _signature(frame.to_image())
            if previous is None or \
                    ImageStat.Stat(ImageChops.difference(sig, previous)).mean[0] > SCENE_CHANGE:
                times.append(float(frame.time))
            previous = sig
        return times


def choose_times(info: VideoInfo, scenes: list[float], count: int = MAX_FRAMES) -> list[float]:
    """Up to `count` moments: every scene change, then evenly between them, in order."""
    step = max(1.0, info.duration / count)
    even = [round(i * step, 2) for i in range(count) if i * step < info.duration] or [0.0]
    chosen = sorted(set(scenes))
    for moment in even:
        if len(chosen) >= count:
            break
        if all(abs(moment - c) >= step / 2 for c in chosen):
            chosen.append(moment)
    chosen.sort()
    if len(chosen) > count:  # more cuts than room: keep them evenly
        chosen = [chosen[round(i * (len(chosen) - 1) / (count - 1))] for i in range(count)]
    return chosen


def frames_at(path: Path, info: VideoInfo, times: list[float]) -> list[tuple[float, Image.Image]]:
    """(time shown, upright picture) of the frame at or just after each moment: a seek to
    the key frame before it, then decoding forward to it."""
    found: list[tuple[float, Image.Image]] = []
    with closing(_open(path)) as container:
        stream = container.streams.video[0]
        base = stream.time_base
        for moment in times:
            container.seek(int(moment / base) if base else 0, stream=stream, backward=True)
            for frame in _frames(container, stream):
                if frame.time is None or frame.time + 0.02 >= moment:
                    found.append((float(frame.time or moment), _upright(frame, info.rotation)))
                    break
    return found


def key_frames(path: Path, info: VideoInfo) -> list[tuple[float, Image.Image]]:
    """The frames a contact sheet shows by default."""
    scenes = scene_changes(path, info) if info.duration <= SCAN_KEY_FRAMES_UP_TO else []
    return frames_at(path, info, choose_times(info, scenes))
