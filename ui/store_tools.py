"""The Tools menu's store work: checking every original's hash, backing a case up to a
zip, restoring one, and checking an exported bundle (校验证据包). Each runs as a
background job."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.i18n import choose, pick, t
from app.seal.chain import describe
from app.seal.verify import CHECK_NAMES, Verdict, verify_bundle
from app.store.archive import archive_filename, export_archive
from app.store.archive_import import import_archive
from app.store.models import Case
from app.store.store import Store
from app.store.verify import VerifyReport
from ui.job_runner import JobRunner
from ui.message_lists import show_list
from ui.settings import BACKUP_FOLDER, Settings
from ui.workers import CallJob, VerifyJob


class StoreTools(QObject):
    case_restored = Signal(object)  # the Case a backup was restored as

    def __init__(self, store: Store, settings: Settings, runner: JobRunner,
                 current_case: Callable[[], Case | None], parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.settings, self.runner = store, settings, runner
        self.current_case = current_case
        self.window = parent
        self.summary_box: QMessageBox | None = None
        self.last_verify: VerifyReport | None = None
        self.last_bundle_check: Verdict | None = None
        self.act_verify_bundle = QAction(self.tr("校验证据包…"), parent)
        self.act_verify_bundle.setStatusTip(self.tr(
            "检查导出的 PDF 证据包：签名、导出后是否被改动、图片和原件是否与清单一致"))
        self.act_verify_bundle.triggered.connect(self.verify_bundle)

    def verify(self) -> None:
        self.runner.start(VerifyJob(self.store), self._verified)

    def _verified(self, report: VerifyReport) -> None:
        """The originals' summary; each case's chain of custody under it."""
        self.last_verify = report
        summary = t("verify.bad", count=report.checked, bad=len(report.problems)) \
            if report.problems else t("verify.ok", count=report.checked)
        broken = {cid: c for cid, c in report.custody.items() if not c.ok}
        cases = {c.id: c.title for c in self.store.list_cases()
                 + self.store.list_cases(trashed=True)}
        for case_id, chain in broken.items():
            summary += "\n" + t("verify.custody_bad", id=case_id, detail=describe(chain))
        if not broken:
            summary += "\n" + self.tr("每个案件的证据处理记录都完整（{0} 个案件）").format(
                len(report.custody))
        self.runner.say(summary.split("\n")[0] if report.ok else summary.replace("\n", "；"))
        icon = QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("证据完整性检查"), summary,
                          QMessageBox.StandardButton.Ok, self.window)
        if report.problems:
            lines = [f"{cases.get(item.case_id, '')} · {item.original_name}: "
                     f"{t('verify.' + problem)}" for item, problem in report.problems]
            show_list(box, lines)
        box.setModal(False)
        box.show()
        self.summary_box = box

    def backup(self) -> None:
        case = self.current_case()
        if case is None or case.id is None or self.runner.busy:
            return
        start = Path(self.settings.folder(BACKUP_FOLDER))
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("保存案件备份"),
            str(start / archive_filename(case, date.today())), self.tr("案件备份 (*.zip)"))
        if not chosen:
            return
        target = Path(chosen)
        self.settings.remember_folder(BACKUP_FOLDER, target.parent)
        case_id = case.id
        count = len(self.store.items(case_id))
        self.runner.start(CallJob(lambda: export_archive(self.store, case_id, target)),
                          lambda path: self.runner.say(
                              t("archive.written", path=path, count=count)))

    def restore(self) -> None:
        if self.runner.busy:
            return
        start = self.settings.folder(BACKUP_FOLDER)
        chosen, _ = QFileDialog.getOpenFileName(self.window, self.tr("选择案件备份"), start,
                                                self.tr("案件备份 (*.zip)"))
        if not chosen:
            return
        source = Path(chosen)
        notices: list[str] = []  # filled on the worker thread, shown on this one
        self.runner.start(CallJob(lambda: import_archive(self.store, source, notices.append)),
                          lambda case: self._restored(case, notices))

    def _restored(self, case: Case, notices: list[str]) -> None:
        said = t("archive.imported", id=case.id, title=case.title,
                 count=len(self.store.items(case.id or 0)))
        self.runner.say(said)
        self.case_restored.emit(case)
        if notices:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("从备份恢复案件"),
                              "\n\n".join([said, *notices]), QMessageBox.StandardButton.Ok,
                              self.window)
            box.setModal(False)
            box.show()
            self.summary_box = box

    def verify_bundle(self) -> None:
        """Ask for a bundle, and the case archive to check its originals (may be skipped)."""
        if self.runner.busy:
            return
        start = self.settings.folder(BACKUP_FOLDER)
        chosen, _ = QFileDialog.getOpenFileName(self.window, self.tr("选择要校验的证据包"),
                                                start, self.tr("PDF 证据包 (*.pdf)"))
        if not chosen:
            return
        archive, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("选择案件备份以核对原件（可取消跳过）"),
            str(Path(chosen).parent), self.tr("案件备份 (*.zip)"))
        pdf, zip_path = Path(chosen), Path(archive) if archive else None
        self.runner.start(CallJob(lambda: verify_bundle(pdf, zip_path)), self._bundle_checked)

    def _bundle_checked(self, verdict: Verdict) -> None:
        self.last_bundle_check = verdict
        summary = self.tr("证据包校验通过") if verdict.ok else self.tr("证据包校验未通过")
        self.runner.say(summary)
        icon = QMessageBox.Icon.Information if verdict.ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("校验证据包"), summary,
                          QMessageBox.StandardButton.Ok, self.window)
        colon = choose("：", ": ")
        lines = [f"{'✓' if c.ok else '✗'} {pick(CHECK_NAMES[c.name])}{colon}{c.detail}"
                 for c in verdict.checks]
        if verdict.signer:
            lines.append(self.tr("签名人：") + verdict.signer)
        show_list(box, lines)
        box.setModal(False)
        box.show()
        self.summary_box = box
