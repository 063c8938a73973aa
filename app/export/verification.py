"""The verification page (校验页) that ends every bundle and part, the manifest it shows,
and the signature that seals the written file (app.seal)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from app import __version__
from app.export.glyphs import FONT
from app.export.layout import Anchor, BundleBase, Part, PassLayout, grid_style
from app.files import sha256_of
from app.seal.identity import Identity, identity
from app.seal.manifest import ATTACHMENT, Manifest, ManifestExhibit
from app.seal.sign import seal

QR_SIZE = 38 * mm


class Verification(BundleBase):
    def _identity(self) -> Identity:
        if self._who is None:
            name = "" if self.options.public else self.options.signer_name
            self._who = identity(self.store.data_dir, name)
        return self._who

    def manifest(self, part: Part) -> Manifest:
        """What the part's exhibits hold, as its 校验页 prints it and its seal attaches it:
        made once per part, so the two cannot differ."""
        if part not in self._manifests:
            self._manifests[part] = self._new_manifest(part)
        return self._manifests[part]

    def _new_manifest(self, part: Part) -> Manifest:
        public = self.options.public
        exhibits = []
        for number in range(part.start + 1, part.end + 1):
            item = self.items[number - 1]
            pictures = [*self._slices.get(number, []),
                        *([self._closeups[number]] if number in self._closeups else []),
                        *self._original_slices.get(number, [])]
            exhibits.append(ManifestExhibit(
                number=number, kind=item.kind, original_sha256=item.sha256,
                printed_sha256=[self._printed_sha256(s.path) for s in pictures],
                imported_at=item.imported_at.replace(microsecond=0).isoformat(),
                file_name=None if public else item.original_name))
        return Manifest(app=f"ProofPack {__version__}", exported_at=self.now.isoformat(),
                        signer_certificate_sha256=self._identity().fingerprint,
                        exhibits=exhibits, part=part.number,
                        case_title=None if public else self.case.title,
                        custody_head=self.custody_head, custody_length=len(self.custody))

    def _printed_sha256(self, path: Path) -> str:
        if path not in self._printed:
            self._printed[path] = sha256_of(path)
        return self._printed[path]

    def _verification(self, manifest: Manifest, layout: PassLayout) -> list[Flowable]:
        def note_page(page: int) -> None:
            if self._layout_only:
                layout.verification_page = page

        title = self.tr("校验页", "Verification page")
        who = self._identity()
        digest = manifest.sha256
        flow: list[Flowable] = [Anchor("verification", title, 0, note_page),
                                self.p(title, "h1"), self.p(self._how_to_check(), "small"),
                                Spacer(1, 3 * mm)]
        facts = [
            (self.tr("清单 SHA-256", "Manifest SHA-256"), digest),
            (self.tr("签名证书指纹 (SHA-256)", "Signing certificate (SHA-256)"),
             who.fingerprint),
            (self.tr("签名人", "Signed by"), who.subject),
            (self.tr("导出时间", "Exported at"), f"{self.now:%Y-%m-%d %H:%M:%S}"),
        ]
        table = Table([[self.p(k, "cell"), self.p(v, "mono")] for k, v in facts],
                      colWidths=[42 * mm, self.content_w - 42 * mm - QR_SIZE - 4 * mm])
        table.setStyle(grid_style(header=False))
        flow.append(Table([[table, QrCode(digest, QR_SIZE)]],
                          colWidths=[self.content_w - QR_SIZE - 2 * mm, QR_SIZE + 2 * mm],
                          style=[("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("FONTNAME", (0, 0), (-1, -1), FONT),  # not Helvetica
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        flow += [Spacer(1, 4 * mm), self._manifest_table(manifest)]
        return [KeepTogether(flow[:5]), *flow[5:]]

    def _how_to_check(self) -> str:
        return self.tr(
            f"本页列出本文件中每份证据原件的 SHA-256 校验值和印在本文件中的每张图片（已遮盖个人"
            f"信息、重新压缩）的校验值；同一清单以附件 {ATTACHMENT} 附在本 PDF 中，其 SHA-256 即"
            "下方的“清单 SHA-256”和二维码内容。整个文件由 ProofPack 在导出时用本机生成的密钥签"
            "名：在 PDF 阅读器中查看签名，或运行 proofpack verify-bundle 本文件.pdf --archive "
            "案件存档.zip，可检查导出后是否有改动、图片是否与清单一致、原件是否与存档一致。"
            "这是自行生成的校验值和签名，并非公证或区块链存证；它能说明文件导出后未被改动，"
            "不能单独证明原件本身的真实性。",
            "This page lists the SHA-256 of each exhibit's original and of each picture "
            "printed in this file (personal data blacked out, re-encoded); the same list is "
            f"attached to this PDF as {ATTACHMENT}, whose SHA-256 is the manifest SHA-256 "
            "below and the QR code's content. ProofPack signed the file when exporting it, "
            "with a key made on this computer: view the signature in a PDF reader, or run "
            "proofpack verify-bundle THIS.pdf --archive CASE.zip to check that nothing "
            "changed after export, that the pictures match the list and the originals the "
            "archive. This is a self-made hash and signature, not a notarised or "
            "blockchain record: it shows the file is unchanged since export, not by itself "
            "that the originals are genuine.")

    def _manifest_table(self, manifest: Manifest) -> Table:
        head = [self.tr("证据", "Exhibit"), self.tr("原件 SHA-256", "Original SHA-256"),
                self.tr("印出图片 SHA-256", "Printed pictures SHA-256"),
                self.tr("导入时间 (UTC)", "Imported (UTC)")]
        rows: list[list[Any]] = [[self.p(h, "cell") for h in head]]
        for e in manifest.exhibits:  # a list in a cell: one paragraph per line
            rows.append([
                [self.p(self.tr(f"证据{e.number}", f"Exhibit {e.number}"), "cellsmall"),
                 *([self.p(e.file_name, "cellsmall")] if e.file_name else [])],
                self.p(e.original_sha256, "cellsmall"),
                [self.p(h, "cellsmall") for h in e.printed_sha256] or self.p("—", "cellsmall"),
                self.p(e.imported_at.replace("T", " ").removesuffix("+00:00"), "cellsmall"),
            ])
        widths = [30 * mm, 0, 0, 26 * mm]
        widths[1] = widths[2] = (self.content_w - widths[0] - widths[3]) / 2
        table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(grid_style(header=True))
        return table

    def seal_file(self, source: IO[bytes], target: IO[bytes], part: Part) -> None:
        """Write the unsigned `source` (the part as written) to `target`, its manifest
        attached, signed."""
        manifest = self.manifest(part)
        result = seal(source, target, self._identity(), manifest.to_bytes(),
                      manifest.sha256, self.options.tsa_url)
        if result.timestamp_problem:
            self.notices.append(self.tr(
                f"时间戳服务器无法连接，已跳过时间戳（文件仍已签名）：{result.timestamp_problem}",
                f"The timestamp server could not be reached; the file is signed without a "
                f"timestamp: {result.timestamp_problem}"))


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A QR code drawn as squares: reportlab's QR widget would pull in a non-embedded
    Helvetica through its drawing's default font."""

    QUIET = 4  # modules of white around the code, as readers expect

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # the smallest that fits
        code.addData(text)
        code.make()
        count = code.getModuleCount()
        self.dark = [(r, c) for r in range(count) for c in range(count) if code.isDark(r, c)]
        self.module = size / (count + 2 * self.QUIET)
        self.width = self.height = size
        self.count = count

    def wrap(self, _avail_w: float, _avail_h: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv, m = self.canv, self.module
        canv.saveState()
        canv.setFillColorRGB(0, 0, 0)
        for row, col in self.dark:
            canv.rect((self.QUIET + col) * m, (self.QUIET + self.count - 1 - row) * m, m, m,
                      stroke=0, fill=1)
        canv.restoreState()
