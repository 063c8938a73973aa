"""Signing a written bundle: its manifest attached as manifest.json, then a PAdES B-B
signature (B-T when a timestamp authority answered) over the whole file, added as an
incremental update by pyHanko. The manifest's hash is written in the signature's reason
too, so it is covered by the signature itself."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils import embed
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.seal.identity import Identity
from app.seal.manifest import ATTACHMENT

logger = logging.getLogger(__name__)

FIELD = "ProofPack"
REASON_PREFIX = "ProofPack manifest sha256:"
TSA_TIMEOUT_S = 8


@dataclass(frozen=True)
class Sealed:
    timestamped: bool
    timestamp_problem: str = ""  # why a timestamp asked for was not added


def seal(source: IO[bytes], target: IO[bytes], who: Identity, manifest: bytes,
         manifest_sha256: str, tsa_url: str = "") -> Sealed:
    """Write `source` (a PDF) to `target` with `manifest` attached and signed by `who`.
    A timestamp authority that cannot be reached leaves the bundle signed without one."""
    if tsa_url:
        try:
            stamper = RequestsHTTPTimeStamper(tsa_url, timeout=TSA_TIMEOUT_S)  # type: ignore[no-untyped-call]
            _sign(source, target, who, manifest, manifest_sha256, stamper)
            return Sealed(True)
        except (TimestampRequestError, OSError) as exc:
            logger.warning("timestamp from %s skipped: %s", tsa_url, exc)
            problem = str(exc) or type(exc).__name__
            source.seek(0)
            target.seek(0)
            target.truncate()
    else:
        problem = ""
    _sign(source, target, who, manifest, manifest_sha256, None)
    return Sealed(False, problem)


def _sign(source: IO[bytes], target: IO[bytes], who: Identity, manifest: bytes,
          manifest_sha256: str, timestamper: RequestsHTTPTimeStamper | None) -> None:
    writer = IncrementalPdfFileWriter(source, strict=False)
    now = datetime.now(UTC)
    embed.embed_file(writer, embed.FileSpec(
        file_spec_string=ATTACHMENT, file_name=ATTACHMENT,
        embedded_data=embed.EmbeddedFileObject.from_file_data(
            writer, manifest, mime_type="application/json",
            params=embed.EmbeddedFileParams(creation_date=now, modification_date=now)),
        description="ProofPack manifest: SHA-256 of each original and printed picture"))
    (cert,) = load_certs_from_pemder_data(who.cert_pem)
    signer = signers.SimpleSigner(
        signing_cert=cert,
        signing_key=load_private_key_from_pemder_data(who.key_pem, passphrase=None),
        cert_registry=SimpleCertificateStore.from_certs([cert]))  # type: ignore[no-untyped-call]
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON_PREFIX + manifest_sha256)
    signers.sign_pdf(writer, meta, signer=signer, timestamper=timestamper, output=target)
