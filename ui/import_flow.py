"""Bringing evidence in from the window: files, folders, drops and pastes; a check for
pictures the case already has (asked once per batch); then the one import-then-read job,
and one summary of what happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.evidence_types import AUDIO, IMAGE, PDF, TYPES, VIDEO, EvidenceType
from app.store.importer import ImportReport, LookAlike, collect_files, find_look_alikes
from app.store.models import Case
from app.store.store import Store
from ui.job_runner import JobRunner
from ui.message_lists import show_list
from ui.settings import IMPORT_FOLDER, Settings
from ui.workers import CallJob, ImportJob

Pasted = list[tuple[bytes, str]]


class ImportFlow(QObject):
    imported = Signal(object)  # the ImportReport

    def __init__(self, store: Store, settings: Settings, runner: JobRunner,
                 case_for_import: Callable[[], Case], parent: QWidget) -> None:
        super().__init__(parent)
        self.store, self.settings, self.runner = store, settings, runner
        self.case_for_import = case_for_import  # the open case, or a new one
        self.window = parent
        self.summary_box: QMessageBox | None = None
        self.question: QMessageBox | None = None

    # ---- where the files come from --------------------------------------------------

    def add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("选择截图、照片、视频、PDF 或录音"),
            self.settings.folder(IMPORT_FOLDER), self._filters())
        if files:
            self.settings.remember_folder(IMPORT_FOLDER, Path(files[0]).parent)
            self.start(paths=[Path(f) for f in files])

    def _filters(self) -> str:
        def patterns(kind: EvidenceType) -> str:
            return " ".join(f"*{suffix}" for suffix in sorted(kind.suffixes))

        every = " ".join(patterns(kind) for kind in TYPES)
        return ";;".join([f"{self.tr('全部证据')} ({every})",
                          f"{self.tr('图片')} ({patterns(IMAGE)})",
                          f"{self.tr('视频')} ({patterns(VIDEO)})", f"PDF ({patterns(PDF)})",
                          f"{self.tr('录音')} ({patterns(AUDIO)})",
                          f"{self.tr('所有文件')} (*)"])

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("选择文件夹"),
                                                  self.settings.folder(IMPORT_FOLDER))
        if folder:
            self.settings.remember_folder(IMPORT_FOLDER, folder)
            self.start(paths=[Path(folder)])

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasUrls():
            self.start(paths=[Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
            return
        image = clipboard.image()
        if image.isNull():
            self.runner.say(self.tr("剪贴板里没有图片"))
            return
        name = f"粘贴的截图 {datetime.now():%Y-%m-%d %H-%M-%S}.png"
        self.start(pasted=[(png_bytes(image), name)])

    # ---- check, ask, import -----------------------------------------------------------

    def start(self, paths: list[Path] | None = None, pasted: Pasted | None = None) -> None:
        """Import into the open case (with none open, a new one): first look for pictures
        the case already has, in the background."""
        if self.runner.busy:
            self.runner.say(self.tr("请等待当前任务完成"))
            return
        case = self.case_for_import()
        assert case.id is not None
        files = list(collect_files(paths or []))
        self.runner.say(self.tr("正在检查重复的截图……"))
        self.runner.start(
            CallJob(partial(find_look_alikes, self.store, case.id, files, pasted or [])),
            partial(self._confirm_then_import, case.id, files, pasted or []))

    def _confirm_then_import(self, case_id: int, files: list[Path], pasted: Pasted,
                             look_alikes: list[LookAlike]) -> None:
        if look_alikes:
            skip = self._ask(look_alikes)
            if skip is None:
                self.runner.say(self.tr("已取消导入"))
                return
            files = [f for f in files if f not in {a.path for a in skip}]
            pasted = [p for p in pasted if p[1] not in {a.name for a in skip if a.path is None}]
            if not files and not pasted:
                self.runner.say(self.tr("没有导入：这些截图案件中已有"))
                return
        self.runner.start(ImportJob(self.store, case_id, files, pasted), self._finished)

    def _ask(self, look_alikes: list[LookAlike]) -> list[LookAlike] | None:
        """Once for the batch: the look-alikes to skip ([] = import all), None = cancel."""
        lines = [self.tr("{0}  ≈  证据{1}").format(a.name, a.exhibit) if a.exhibit else
                 self.tr("{0}  ≈  {1}（同一批）").format(a.name, a.other) for a in look_alikes]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("可能重复的截图"),
                          self.tr("{0} 张图片与已有的证据看起来是同一张截图（例如先粘贴、后又"
                                  "添加了文件，或压缩过的副本）。").format(len(look_alikes)),
                          QMessageBox.StandardButton.NoButton, self.window)
        show_list(box, lines)
        skip = box.addButton(self.tr("跳过这些"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("仍然导入"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("取消导入"), QMessageBox.ButtonRole.RejectRole)
        # Importing loses nothing (a copy can be removed later); skipping a screen that
        # only looked alike would, so Enter imports.
        box.setDefaultButton(keep)
        self.question = box
        box.exec()
        self.question = None
        if box.clickedButton() is skip:
            return look_alikes
        if box.clickedButton() is keep:
            return []
        return None

    def _finished(self, report: ImportReport) -> None:
        self.imported.emit(report)
        self.runner.say(self.tr("完成：{0}").format(report.summary()))
        problems = [o for o in report.outcomes if o.status != "imported" or o.looks_like]
        if problems:
            # One non-modal summary for the whole batch, never a dialog per file.
            lines = [f"{o.path.name}: {o.message}" for o in problems]
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("导入结果"), report.summary(),
                              QMessageBox.StandardButton.Ok, self.window)
            show_list(box, lines)
            box.setModal(False)
            box.show()
            self.summary_box = box


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())
