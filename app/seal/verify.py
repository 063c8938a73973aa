"""Checking a sealed bundle (`proofpack verify-bundle`): its signature, that nothing in the
signed bytes changed and nothing was appended after them, that its manifest is the one
signed, that every picture the manifest lists is in the PDF unchanged and no other is,
and, given the case archive, that every original the manifest names is in it."""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from app.evidence_types import limit_for
from app.files import CHUNK
from app.i18n import choose
from app.seal.chain import (
    GENESIS,
    ChainCheck,
    check_chain,
    contains,
    describe,
    read_from_archive,
)
from app.seal.manifest import ATTACHMENT, BadManifest, read_manifest
from app.seal.sign import REASON_PREFIX

logger = logging.getLogger(__name__)


CHECK_NAMES = {"signature": ("签名", "signature"), "unchanged": ("未追加", "unchanged"),
               "manifest": ("清单", "manifest"), "pictures": ("图片", "pictures"),
               "originals": ("原件", "originals"), "custody": ("处理记录", "handling record")}


@dataclass(frozen=True)
class Check:
    name: str  # a key of CHECK_NAMES
    ok: bool
    detail: str = ""


@dataclass
class Verdict:
    checks: list[Check]
    manifest: dict[str, Any] | None = None
    signer: str = ""
    certificate_sha256: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


def verify_bundle(pdf: Path, archive: Path | None = None) -> Verdict:
    with pdf.open("rb") as fh:
        try:
            reader = PdfFileReader(fh, strict=False)
            sigs = reader.embedded_signatures
        except Exception as exc:  # pyHanko raises many kinds on a damaged file
            logger.info("%s unreadable as a PDF: %s", pdf, exc)
            return Verdict([Check("signature", False, choose(
                f"不是可读取的 PDF：{exc}", f"not a readable PDF: {exc}"))])
        if not sigs:
            return Verdict([Check("signature", False, choose("没有签名", "no signature"))])
        sig = sigs[-1]
        verdict = Verdict([])
        cert = sig.signer_cert
        verdict.signer = cert.subject.native.get("common_name", "")
        verdict.certificate_sha256 = hashlib.sha256(cert.dump()).hexdigest()
        verdict.checks += _signature_checks(sig, cert)
        manifest, check = _manifest(reader, sig)
        verdict.checks.append(check)
        verdict.manifest = manifest
        if manifest is not None:
            verdict.checks.append(_pictures(reader, manifest))
            if archive is not None:
                verdict.checks.append(_originals(archive, manifest))
                if manifest.get("custody_head"):
                    verdict.checks.append(custody_in_archive(
                        archive, str(manifest["custody_head"]),
                        int(manifest.get("custody_length") or 0)))
    return verdict


def _signature_checks(sig: Any, cert: Any) -> list[Check]:
    try:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[cert]))
    except Exception as exc:
        logger.info("signature validation failed: %s", exc)
        return [Check("signature", False, str(exc))]
    intact = status.intact and status.valid
    checks = [Check("signature", intact,
                    choose("签名有效：签名范围内的内容未被改动",
                           "the signed bytes match the signature") if intact
                    else choose("签名无效：签名范围内的内容在签名后被改动",
                                "the signed bytes were changed after signing"))]
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        checks.append(Check("unchanged", True,
                            choose("签名后没有追加内容", "nothing added after signing")))
    else:
        checks.append(Check("unchanged", False, choose(
            "签名后文件被追加或修改（签名版本之后还有增量更新）",
            "the file was changed or added to after signing (an incremental update "
            "follows the signed revision)")))
    return checks


def _manifest(reader: PdfFileReader, sig: Any) -> tuple[dict[str, Any] | None, Check]:
    reason = str(sig.sig_object.get("/Reason", ""))
    signed_hash = reason.removeprefix(REASON_PREFIX) if reason.startswith(REASON_PREFIX) \
        else ""
    data = _attachment(reader, ATTACHMENT)
    if data is None:
        return None, Check("manifest", False, choose(f"没有附件 {ATTACHMENT}",
                                                     f"no {ATTACHMENT} attached"))
    digest = hashlib.sha256(data).hexdigest()
    if digest != signed_hash:
        return None, Check("manifest", False, choose(
            f"附件 {ATTACHMENT}（{digest[:16]}…）不是签名时的清单（{signed_hash[:16]}…）",
            f"{ATTACHMENT} ({digest[:16]}…) is not the one signed ({signed_hash[:16]}…)"))
    try:
        manifest = read_manifest(data)
    except BadManifest as exc:
        return None, Check("manifest", False, str(exc))
    return manifest, Check("manifest", True, choose(f"清单与签名一致，SHA-256 {digest}",
                                                    f"manifest as signed, SHA-256 {digest}"))


def _attachment(reader: PdfFileReader, name: str) -> bytes | None:
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names) - 1, 2):
            spec = names[i + 1].get_object()
            if str(names[i]) == name or str(spec.get("/UF", "")) == name:
                stream = spec["/EF"]["/F"].get_object()
                return bytes(stream.data)
    except (KeyError, TypeError, AttributeError):
        return None
    return None


def _images(reader: PdfFileReader) -> Iterator[bytes]:
    """The encoded data of every image on every page (in forms too), once each."""
    seen: set[int] = set()

    def walk(resources: Any) -> Iterator[bytes]:
        xobjects = resources.get("/XObject") if resources else None
        if not xobjects:
            return
        for ref in xobjects.get_object().values():
            key = ref.idnum if isinstance(ref, generic.IndirectObject) else id(ref)
            if key in seen:
                continue
            seen.add(key)
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                yield bytes(obj.encoded_data)
            elif obj.get("/Subtype") == "/Form":
                yield from walk(obj.get("/Resources"))

    for resources in _page_resources(reader.root["/Pages"], None):
        yield from walk(resources)


def _page_resources(node: Any, inherited: Any) -> Iterator[Any]:
    """Each page's resources (a page without its own takes its parent's)."""
    node = node.get_object()
    resources = node.get("/Resources", inherited)
    if node.get("/Type") == "/Pages":
        for kid in node.get("/Kids", []):
            yield from _page_resources(kid, resources)
    else:
        yield resources


def _pictures(reader: PdfFileReader, manifest: dict[str, Any]) -> Check:
    printed = {h for e in manifest["exhibits"] for h in e["printed_sha256"]}
    found = {hashlib.sha256(data).hexdigest() for data in _images(reader)}
    missing, extra = printed - found, found - printed
    if not missing and not extra:
        return Check("pictures", True, choose(f"全部 {len(printed)} 张图片与清单一致",
                                              f"every printed picture as listed ({len(printed)})"))
    numbers = sorted({e["number"] for e in manifest["exhibits"]
                      if set(e["printed_sha256"]) & missing})
    detail = []
    if missing:
        listed = ", ".join(map(str, numbers))
        detail.append(choose(f"{len(missing)} 张清单中的图片被改动或缺失（证据 {listed}）",
                             f"{len(missing)} listed pictures changed or gone "
                             f"(exhibits {listed})"))
    if extra:
        detail.append(choose(f"{len(extra)} 张图片不在清单中",
                             f"{len(extra)} pictures not in the manifest"))
    return Check("pictures", False, choose("；", "; ").join(detail))


def _originals(archive: Path, manifest: dict[str, Any]) -> Check:
    wanted = {e["original_sha256"] for e in manifest["exhibits"]}
    found: set[str] = set()
    try:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                # an original larger than its kind's limit was never one: not read (a
                # member claiming terabytes would be hashed for hours)
                if info.filename.startswith("originals/") and not info.is_dir() and \
                        info.file_size <= limit_for(Path(info.filename)):
                    found.add(_member_sha256(zf, info))
                if wanted <= found:
                    break
    except (OSError, zipfile.BadZipFile) as exc:
        return Check("originals", False, choose(f"存档无法读取：{exc}",
                                                f"archive unreadable: {exc}"))
    missing = wanted - found
    if missing:
        return Check("originals", False, choose(
            f"{len(wanted)} 份原件中有 {len(missing)} 份不在存档中或已改动",
            f"{len(missing)} of {len(wanted)} originals not in the archive"))
    return Check("originals", True, choose(f"全部 {len(wanted)} 份原件与存档一致",
                                           f"every original matches the archive ({len(wanted)})"))


def _member_sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest = hashlib.sha256()
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def custody_in_archive(archive: Path, head: str, length: int) -> Check:
    """The archive's chain of custody holds, and still holds the head this bundle
    recorded: no entry up to the bundle's export was edited or removed since."""
    try:
        with zipfile.ZipFile(archive) as zf:
            entries = read_from_archive(zf)
    except KeyError:
        return Check("custody", False, choose("存档中没有证据处理记录",
                                              "the archive has no handling record"))
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        return Check("custody", False, choose(f"处理记录无法读取：{exc}",
                                              f"handling record unreadable: {exc}"))
    check = check_chain(entries)
    if not check.ok:
        return Check("custody", False, describe(check))
    upto = contains(entries, head) if head != GENESIS else 0
    if upto is None and check.count < length:
        return Check("custody", False, choose(
            f"存档早于本文件：其记录只到第 {check.count} 条，本文件导出时已有 {length} 条；"
            "请用导出之后保存的案件备份核对",
            f"the archive is older than this file: its record ends at entry {check.count}, "
            f"this file was exported at entry {length}; check with a backup saved after it"))
    if upto is None:
        return Check("custody", False, describe(ChainCheck(check.count, head, check.count + 1,
                                                            "missing")))
    return Check("custody", True, choose(
        f"存档中的记录完整，本文件导出时的链头是其中第 {upto} 条",
        f"the archive's record holds, and this file's head is its entry {upto}"))
