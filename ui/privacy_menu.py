"""The Privacy menu: which personal data export blacks out, the unredacted originals, and
who signs the bundle (the name in its certificate, a timestamp server)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.export.bundle import ExportOptions
from app.ocr.sensitive import SENSITIVE_TYPES
from ui.seal_settings import SealSettingsDialog
from ui.settings import KEEP_UNREDACTED, SIGNER_NAME, TSA_URL, Settings


class PrivacyMenu(QMenu):
    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("隐私(&P)"))
        self.settings = settings
        names = {"card": self.tr("银行卡号"), "phone": self.tr("手机号"),
                 "id_card": self.tr("身份证号"), "address": self.tr("收货地址"),
                 "name": self.tr("收货人姓名")}
        kept = set(settings.get(KEEP_UNREDACTED))
        self.redact_actions: dict[str, QAction] = {}
        for kind in SENSITIVE_TYPES:
            action = QAction(self.tr("导出时遮盖{0}").format(names[kind]), self)
            action.setCheckable(True)
            action.setChecked(kind not in kept)
            action.toggled.connect(lambda _on: self._save())
            self.addAction(action)
            self.redact_actions[kind] = action
        self.addSeparator()
        self.act_originals = QAction(self.tr("导出时附上未遮盖的原图…"), self)
        self.act_originals.setCheckable(True)
        self.act_originals.setToolTip(self.tr("原图含个人信息，只给受理机关，不要公开上传"))
        self.act_originals.toggled.connect(self._originals_toggled)
        self.addAction(self.act_originals)
        self.addSeparator()
        self.act_seal = QAction(self.tr("签名与时间戳…"), self)
        self.act_seal.setToolTip(self.tr("导出的证据包以谁的名义签名，是否向时间戳服务器申请时间戳"))
        self.act_seal.triggered.connect(lambda _checked=False: self.edit_seal_settings())
        self.addAction(self.act_seal)
        self.seal_dialog: SealSettingsDialog | None = None

    def edit_seal_settings(self) -> None:
        self.seal_dialog = SealSettingsDialog(self.settings, self.parentWidget())
        self.seal_dialog.open()

    def _save(self) -> None:
        keep = [k for k, a in self.redact_actions.items() if not a.isChecked()]
        self.settings.set(KEEP_UNREDACTED, keep)

    def _originals_toggled(self, on: bool) -> None:
        if not on:
            return
        answer = QMessageBox.warning(
            self.parentWidget(), self.tr("附上未遮盖的原图"),
            self.tr("导出的 PDF 将包含未遮盖的原图，其中有银行卡号、手机号、地址等个人信息。"
                    "\n\n这样的文件只应交给受理投诉的机关，切勿上传到公开平台。确定要附上吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.act_originals.setChecked(False)

    def export_options(self) -> ExportOptions:
        return ExportOptions(
            redact_types=frozenset(k for k, a in self.redact_actions.items() if a.isChecked()),
            include_originals=self.act_originals.isChecked(),
            signer_name=self.settings.get(SIGNER_NAME).strip(),
            tsa_url=self.settings.get(TSA_URL).strip())

