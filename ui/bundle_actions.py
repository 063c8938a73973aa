"""Exporting and printing the bundle: where to save it, the job, and what the buyer is
told when it is done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.export.bundle import ExportOptions, doubtful_exhibits, unread_exhibits
from app.i18n import join_list, t
from app.ocr.engine import ocr_status
from app.store.models import Case, EvidenceItem
from app.store.store import Store
from ui.form_sheet_dialog import FormSheetDialog
from ui.job_runner import JobRunner
from ui.pack_dialog import PackDialog
from ui.printing import BundlePrinter
from ui.settings import EXPORT_FOLDER, Settings
from ui.workers import ExportJob, PackJob


class BundleActions(QObject):
    review = Signal(int)  # an exhibit to black out by hand before exporting

    def __init__(self, store: Store, settings: Settings, runner: JobRunner,
                 current_case: Callable[[], Case | None],
                 options: Callable[[], ExportOptions], parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.settings, self.runner = store, settings, runner
        self.current_case, self.options = current_case, options
        self.window = parent
        self.last_export: list[Path] = []
        self.done_box: QMessageBox | None = None
        self.printer = BundlePrinter(parent)
        self.pack_dialog: PackDialog | None = None
        self.act_export_pack = QAction(self.tr("导出上传包…"), parent)
        self.act_export_pack.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.act_export_pack.setToolTip(self.tr(
            "为淘宝/天猫、12315、黑猫投诉或打印准备一个文件夹：限额内的图片、PDF 和投诉内容 "
            "(Ctrl+Shift+E)"))
        self.act_export_pack.triggered.connect(lambda _checked=False: self.export_pack())
        self.act_form_sheet = QAction(self.tr("12315 表单填写单…"), parent)
        self.act_form_sheet.setToolTip(self.tr(
            "按 12315 网上表单的顺序逐项复制：被投诉方、商品名称、订单号、诉求、"
            "事情经过（带字数）"))
        self.act_form_sheet.triggered.connect(lambda _checked=False: self.show_form_sheet())

    def show_form_sheet(self) -> None:
        chosen = self.current_case()
        case = self.store.get_case(chosen.id) if chosen and chosen.id is not None else None
        if case is None:
            return
        FormSheetDialog(self.store, case, self.window).exec()

    def _case_id(self) -> int | None:
        case = self.current_case()
        if case is None or case.id is None:
            return None
        if self.runner.busy:
            self.runner.say(self.tr("请等待当前任务完成"))
            return None
        return case.id

    def _options_for(self, case_id: int) -> ExportOptions | None:
        """The export options; None when the buyer declines to export exhibits that
        cannot be read now (no OCR installed): their personal data was never looked for."""
        options = self.options()
        items = self.store.items(case_id)
        unread = unread_exhibits(items)
        if unread and not ocr_status().available:
            answer = QMessageBox.question(
                self.window, self.tr("有证据尚未识别"),
                self.tr("证据{0} 尚未识别文字，其中的手机号、地址等个人信息没有被查找和遮盖。"
                        "\n\n仍要导出吗？（可在详情中手动框选遮盖）").format(
                    join_list(unread)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
            options.allow_unscanned = True
        if not self._doubts_accepted(items):
            return None
        return options

    def _doubts_accepted(self, items: list[EvidenceItem]) -> bool:
        """Exhibits where personal data may have been missed (photos, unclear or tiny
        pictures), named before exporting, with the way to black them out by hand."""
        doubtful = doubtful_exhibits(items)
        if not doubtful:
            return True
        lines = [self.tr("证据{0}（{1}）：{2}").format(n, item.original_name,
                                                   t(f"doubt.{item.read_doubt}"))
                 for n, item in doubtful]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("个人信息可能没有全部找到"),
                          self.tr("这些证据中的手机号、姓名、地址等可能没有被全部找到和遮盖。"
                                  "建议先查看，并在图上手动框选遮盖。"),
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setInformativeText("\n".join(lines))
        fix = box.addButton(self.tr("去手动遮盖"), QMessageBox.ButtonRole.ActionRole)
        export = box.addButton(self.tr("仍然导出"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(fix)
        box.exec()
        if box.clickedButton() is fix and doubtful[0][1].id is not None:
            self.review.emit(doubtful[0][1].id)
        return box.clickedButton() is export

    def export_pdf(self) -> None:
        """Ask where, then export in the background; say where it went when done."""
        case_id = self._case_id()
        if case_id is None:
            return
        asked = self._folder_and_options(case_id)
        if asked is not None:
            self.runner.start(ExportJob(self.store, case_id, *asked), self._exported)

    def _folder_and_options(self, case_id: int) -> tuple[Path, ExportOptions] | None:
        """Where to save (remembered for next time) and the options; None if declined."""
        start = self.settings.folder(EXPORT_FOLDER)
        chosen = QFileDialog.getExistingDirectory(self.window, self.tr("选择保存位置"), start)
        if not chosen:
            return None
        options = self._options_for(case_id)
        if options is None:
            return None
        self.settings.remember_folder(EXPORT_FOLDER, chosen)
        return Path(chosen), options

    def export_pack(self) -> None:
        """Ask which channel (and which pictures), then where; build it in the background."""
        case_id = self._case_id()
        case = self.current_case()
        if case_id is None or case is None:
            return
        self.pack_dialog = PackDialog(case, self.store.items(case_id), self.window)
        if self.pack_dialog.exec() != PackDialog.DialogCode.Accepted:
            return
        choice = self.pack_dialog.choice()
        asked = self._folder_and_options(case_id)
        if asked is not None:
            self.runner.start(PackJob(self.store, case_id, *asked, choice),
                              lambda paths: self._exported(paths,
                                                           self.tr("上传包已保存：\n{0}")))

    def _exported(self, paths: list[Path], said: str = "") -> None:
        self.last_export = paths
        self.runner.say(self.tr("已导出：{0}").format(paths[0]))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("导出完成"),
                          (said or self.tr("PDF 证据材料已保存：\n{0}")).format(
                              "\n".join(str(p) for p in paths)),
                          QMessageBox.StandardButton.Ok, self.window)
        folder = paths[0] if paths[0].is_dir() else paths[0].parent
        open_folder = box.addButton(self.tr("打开所在文件夹"), QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(folder))))
        box.setModal(False)
        box.show()
        self.done_box = box

    def print_bundle(self) -> None:
        case_id = self._case_id()
        if case_id is None:
            return
        folder = self.store.data_dir / "exports"
        options = self._options_for(case_id)
        if options is not None:
            options.max_part_mb = None  # a printer takes one file, however large
            self.runner.start(ExportJob(self.store, case_id, folder, options), self._printable)

    def _printable(self, paths: list[Path]) -> None:
        self.last_export = paths
        self.printer.print_pdf(paths[0])
