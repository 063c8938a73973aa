"""Who signs the exported bundle: the buyer's name in the certificate (a pseudonym when
empty; public packs never carry it) and an optional RFC 3161 timestamp server."""

from __future__ import annotations

from urllib.parse import urlparse

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ui.save_dialog import SaveDialog
from ui.settings import SIGNER_NAME, TSA_URL, Settings

MAX_NAME = 64  # an X.509 common name holds at most 64 characters


class SealSettingsDialog(SaveDialog):
    def __init__(self, settings: Settings, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("签名与时间戳"))
        about = self.tr(
            "导出的每个 PDF 证据包都由本机生成的密钥签名，收到的人可以检查导出后是否被改动。"
            "默认以化名“ProofPack 用户 …”签名；填写姓名后，交给受理机关的材料以您的姓名签名，"
            "公开发布的材料（黑猫投诉）始终只用化名。\n\n时间戳服务器（RFC 3161）可为签名加上"
            "第三方时间，需要联网；留空则不申请。服务器连不上时照常导出，并提示已跳过时间戳。")
        self.name = QLineEdit(settings.get(SIGNER_NAME))
        self.name.setMaxLength(MAX_NAME)
        self.name.setPlaceholderText(self.tr("留空：使用化名"))
        self.tsa = QLineEdit(settings.get(TSA_URL))
        self.tsa.setPlaceholderText("http://timestamp.example/")
        form = QFormLayout()
        form.addRow(self.tr("签名人姓名"), self.name)
        form.addRow(self.tr("时间戳服务器"), self.tsa)
        self._assemble(about, form, 520)

    def accept(self) -> None:
        url = self.tsa.text().strip()
        if url and (urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc):
            self.problem.setText(self.tr("时间戳服务器应是 http:// 或 https:// 开头的网址"))
            return
        self.settings.set(SIGNER_NAME, self.name.text().strip())
        self.settings.set(TSA_URL, url)
        super().accept()
