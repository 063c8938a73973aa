"""One entry for every kind of file that is not a picture: checked by its decoder, its
facts taken from its container, and its face drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image

from app.evidence_types import AUDIO, PDF, VIDEO, EvidenceType
from app.media.audio import probe_audio
from app.media.faces import audio_card, contact_sheet
from app.media.pdf import TextRun, probe_pdf, render_face
from app.media.video import key_frames, probe_video


@dataclass
class MediaReading:
    media: str  # pdf | video | audio
    format: str  # what the item's image_format column shows: PDF, H264, AMR…
    face: Image.Image
    duration: float = 0.0
    recorded_at: datetime | None = None
    pages: int = 0
    frame_times: list[float] = field(default_factory=list)
    text_runs: list[TextRun] = field(default_factory=list)  # a PDF's text layer


def read_media(path: Path, kind: EvidenceType, sha256: str, name: str) -> MediaReading:
    """The reading of a staged file; a Refusal (VideoRejected, PdfRejected,
    AudioRejected) says why it cannot be evidence."""
    if kind is PDF:
        pages = probe_pdf(path)
        face, runs = render_face(path)
        return MediaReading("pdf", "PDF", face, pages=pages, text_runs=runs)
    if kind is VIDEO:
        video = probe_video(path)
        frames = key_frames(path, video)
        sheet = contact_sheet(frames, sha256)
        for _, img in frames:
            img.close()
        return MediaReading("video", video.codec.upper(), sheet, video.duration,
                            video.recorded_at, frame_times=[moment for moment, _ in frames])
    if kind is AUDIO:
        audio = probe_audio(path)
        card = audio_card(audio.duration, audio.codec, audio.recorded_at, name, sha256)
        return MediaReading("audio", audio.codec.upper(), card, audio.duration,
                            audio.recorded_at)
    raise ValueError(kind.media)
