"""Splitting a bundle into parts under a size limit, for upload forms that cap file size.

Parts are cut at exhibit boundaries; the first part keeps the cover, index, checklist and
timeline. Page numbers stay those of the whole bundle, so the index still points right.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter


def _write(reader: PdfReader, pages: Sequence[int], titles: dict[int, str]) -> bytes:
    writer = PdfWriter()
    for index in pages:
        writer.add_page(reader.pages[index])
    for n, index in enumerate(pages):
        if index in titles:
            writer.add_outline_item(title=titles[index], page_number=n)
    writer.add_metadata({k: str(v) for k, v in (reader.metadata or {}).items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def split_bundle(data: bytes, exhibit_starts: Sequence[int], limit_bytes: int,
                 titles: dict[int, str]) -> list[bytes]:
    """exhibit_starts: 1-based first page of each exhibit, in order. titles: outline
    entries by 0-based page. Returns the parts (one when the bundle is small enough)."""
    if len(data) <= limit_bytes or not exhibit_starts:
        return [data]
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    # Blocks that must stay together: the front matter, then one block per exhibit.
    bounds = [0, *[s - 1 for s in exhibit_starts], total]
    blocks = [list(range(a, b)) for a, b in itertools.pairwise(bounds) if b > a]
    parts: list[bytes] = []
    current: list[int] = []
    current_data = b""
    for block in blocks:
        candidate = current + block
        candidate_data = _write(reader, candidate, titles)
        if current and len(candidate_data) > limit_bytes:
            parts.append(current_data)
            current = block
            current_data = _write(reader, current, titles)
        else:
            current, current_data = candidate, candidate_data
    if current:
        parts.append(current_data)
    return parts
