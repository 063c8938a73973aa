"""The manifest of a bundle: for each exhibit it holds, the SHA-256 of the original and of
every picture of it printed (redacted and re-encoded: the JPEG streams in the PDF), when
it was imported and, outside public packs, its file name. Written as canonical JSON, so
its SHA-256 is one value: printed on the verification page, in its QR code, in the
signature, and the hash of the manifest.json attached to the PDF."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

FORMAT = "proofpack-manifest/1"
ATTACHMENT = "manifest.json"


@dataclass(frozen=True)
class ManifestExhibit:
    number: int
    kind: str
    original_sha256: str
    printed_sha256: list[str]  # each picture printed, in page order
    imported_at: str  # ISO 8601, UTC
    file_name: str | None  # None in a public pack


@dataclass(frozen=True)
class Manifest:
    app: str
    exported_at: str
    signer_certificate_sha256: str
    exhibits: list[ManifestExhibit]
    part: int | None = None  # which part of a split export
    case_title: str | None = None  # None in a public pack
    # The case's chain of custody (app.seal.chain) as the export began: its last hash.
    custody_head: str | None = None
    custody_length: int | None = None  # its number of entries: the head's seq

    def to_bytes(self) -> bytes:
        data = {"format": FORMAT, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True,
                          separators=(",", ":")).encode("utf-8")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.to_bytes()).hexdigest()


class BadManifest(ValueError):
    pass


def read_manifest(data: bytes) -> dict[str, Any]:
    """The manifest's fields, checked for the shape verify-bundle relies on."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadManifest(str(exc)) from None
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT or \
            not isinstance(parsed.get("exhibits"), list):
        raise BadManifest("not a ProofPack manifest")
    for exhibit in parsed["exhibits"]:
        if not isinstance(exhibit, dict) or \
                not isinstance(exhibit.get("original_sha256"), str) or \
                not isinstance(exhibit.get("printed_sha256"), list):
            raise BadManifest("an exhibit without its hashes")
    return parsed
