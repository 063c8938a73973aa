"""The main window wires the parts together: cases on the left (CaseList), the case form
and its evidence in the middle (EvidenceArea), details, checklist, letter, progress and
channels on the right; background work goes through one JobRunner."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QTabWidget, QToolBar

from app.case.deadline import complaint_deadline
from app.case.replies import reply_gaps
from app.export.bundle import ExportOptions
from app.i18n import current_lang, parse_lang
from app.intake import needs_reading
from app.ocr.engine import ocr_status
from app.store.importer import ImportReport
from app.store.models import Case
from app.store.store import Store
from ui.assistant_panels import ChannelGuide, LetterPanel, ProgressPanel
from ui.bundle_actions import BundleActions
from ui.case_list import CaseList
from ui.checklist_panel import ChecklistPanel
from ui.detail_panel import DetailPanel
from ui.evidence_area import EvidenceArea
from ui.evidence_menu import EvidenceMenu
from ui.evidence_model import ItemRole
from ui.import_flow import ImportFlow
from ui.job_runner import JobRunner
from ui.privacy_menu import PrivacyMenu
from ui.review_dialog import ReviewDialog
from ui.settings import LANGUAGE, SPLITTER_STATE, WINDOW_GEOMETRY, Settings
from ui.store_tools import StoreTools
from ui.store_watcher import StoreWatcher
from ui.workers import AnalyseJob, FramesJob, Job


class MainWindow(QMainWindow):
    # A language chosen in the menu; ui/main.py rebuilds the window in it.
    language_requested = Signal(str)

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.replacement: MainWindow | None = None  # the window rebuilt in another language
        self.unnamed_case: tuple[int, str] | None = None  # made by a drop, to name
        # Qt shows "<window title> — <display name>": the name in this language, the
        # case as the title (an English window read "ProofPack — 证据包 ProofPack").
        QGuiApplication.setApplicationDisplayName(self.tr("证据包 ProofPack"))
        self.setAcceptDrops(True)
        self.runner = JobRunner(self.statusBar(), self)
        self.watcher = StoreWatcher(store, self._current_case_id, lambda: self.runner.busy,
                                    self)
        self._build_panels()
        self.tools = StoreTools(store, self.settings, self.runner, self.current_case, self)
        self.tools.case_restored.connect(lambda case: self.cases.reload(select=case.id))
        self.importer = ImportFlow(store, self.settings, self.runner, self._case_for_import, self)
        self.importer.imported.connect(self._import_finished)
        self.bundle = BundleActions(store, self.settings, self.runner, self.current_case,
                                    self.export_options, self)
        self.bundle.review.connect(self._black_out_by_hand)
        self._build_actions()
        self.watcher.cases_changed.connect(lambda: self.cases.reload())
        self.watcher.items_changed.connect(self._evidence_changed)
        self.runner.idle.connect(self.watcher.rebase)
        self._restore_settings()
        self.cases.reload()
        self._warn_if_no_ocr()

    # ---- what tests and other parts read ----------------------------------------------

    @property
    def job(self) -> Job | None:
        return self.runner.job

    @property
    def status_label(self) -> object:
        return self.runner.status

    @property
    def error_box(self) -> QMessageBox | None:
        return self.runner.error_box

    @property
    def summary_box(self) -> QMessageBox | None:
        return self.importer.summary_box

    @property
    def last_export(self) -> list[Path]:
        return self.bundle.last_export

    def current_case(self) -> Case | None:
        return self.cases.current_case()

    def _current_case_id(self) -> int | None:
        case = self.current_case()
        return case.id if case is not None and case.deleted_at is None else None

    def export_options(self) -> ExportOptions:
        return self.privacy.export_options()

    # ---- construction ------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        # triggered(bool) must never land in a slot's parameters: call it with none.
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.act_new_case = self._action(self.tr("新建案件"), self.cases.new_case,
                                         QKeySequence.StandardKey.New,
                                         self.tr("为一次投诉新建案件 (Ctrl+N)"))
        self.act_add_files = self._action(
            self.tr("添加截图"), self.importer.add_files, QKeySequence.StandardKey.Open,
            self.tr("选择截图、照片、视频、PDF 或录音加入当前案件 (Ctrl+O)"))
        self.act_add_folder = self._action(self.tr("添加文件夹"), self.importer.add_folder,
                                           "Ctrl+Shift+O",
                                           self.tr("把整个文件夹中的图片加入当前案件"))
        self.act_paste = self._action(self.tr("粘贴截图"), self.importer.paste,
                                      QKeySequence.StandardKey.Paste,
                                      self.tr("粘贴刚截取的屏幕截图 (Ctrl+V)"))
        self.act_export = self._action(self.tr("导出PDF"), self.bundle.export_pdf, "Ctrl+E",
                                       self.tr("导出带目录和页码的PDF证据材料 (Ctrl+E)"))
        self.act_print = self._action(self.tr("打印"), self.bundle.print_bundle,
                                      QKeySequence.StandardKey.Print,
                                      self.tr("打印证据材料 (Ctrl+P)"))
        self.act_remove = self._action(self.tr("移除证据"), self.remove_selected,
                                       QKeySequence.StandardKey.Delete,
                                       self.tr("从案件中移除选中的证据"))
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        shown = (self.act_new_case, self.act_add_files, self.act_add_folder, self.act_paste,
                 self.act_export, self.bundle.act_export_pack, self.act_print)
        toolbar.addActions(list(shown))
        self.addToolBar(toolbar)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for action in (*shown, self.bundle.act_form_sheet, self.act_remove):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出"), self.close,
                                         QKeySequence.StandardKey.Quit))
        tools_menu = self.menuBar().addMenu(self.tr("工具(&T)"))
        self.act_verify = self._action(
            self.tr("检查证据完整性"), self.tools.verify,
            tip=self.tr("重新计算每份原件的 SHA-256，确认没有丢失或被改动"))
        self.act_backup = self._action(self.tr("备份案件…"), self.tools.backup,
                                       tip=self.tr("把当前案件的原件和全部信息保存为一个 zip 文件"))
        self.act_restore_backup = self._action(self.tr("从备份恢复案件…"), self.tools.restore,
                                               tip=self.tr("从 zip 备份文件恢复案件"))
        self.act_review = self._action(
            self.tr("核对识别结果"), self.review_readings, "Ctrl+R",
            self.tr("逐项核对识别不确定的订单号、时间和金额 (Ctrl+R)"))
        for action in (self.act_review, self.act_verify, self.tools.act_verify_bundle,
                       self.act_backup, self.act_restore_backup):
            tools_menu.addAction(action)
        self.privacy = PrivacyMenu(self.settings, self)
        self.menuBar().addMenu(self.privacy)
        self.redact_actions = self.privacy.redact_actions
        self.act_originals = self.privacy.act_originals
        lang_menu = self.menuBar().addMenu(self.tr("语言(&L)"))
        languages = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("zh", "简体中文"), ("en", "English")):
            action = self._action(label, functools.partial(self.set_language, code))
            action.setCheckable(True)
            action.setChecked(code == current_lang())
            languages.addAction(action)
            lang_menu.addAction(action)
            self.language_actions[code] = action

    def review_readings(self) -> None:
        case_id = self._current_case_id()
        if case_id is not None:
            ReviewDialog(self.store, case_id, self).exec()
            self._evidence_changed()

    def _build_panels(self) -> None:
        self.cases = CaseList(self.store)
        self.cases.case_selected.connect(lambda _case: self._case_selected())
        self.evidence = EvidenceArea(self.store)
        self.model, self.proxy, self.view = \
            self.evidence.model, self.evidence.proxy, self.evidence.view
        self.case_form = self.evidence.case_form
        self.view.selectionModel().currentChanged.connect(lambda *_: self._item_selected())
        self.model.reordered.connect(lambda: self._evidence_changed())
        self.case_form.changed.connect(lambda _id: self._case_changed())
        self.detail = DetailPanel(self.store)
        self.detail.changed.connect(lambda _id: self._evidence_changed())
        self.detail.frames.apply.connect(lambda item_id, moments: self.runner.start(
            FramesJob(self.store, item_id, moments), lambda _n: self._evidence_changed()))
        self.checklist = ChecklistPanel()
        self.letter = LetterPanel(self.store)
        self.progress_log = ProgressPanel(self.store)
        self.progress_log.changed.connect(lambda: self.letter.refresh_draft())
        self.channel_guide = ChannelGuide()
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # every tab visible, even at 1024 px
        self.tabs.setDocumentMode(True)
        for widget, title in ((self.checklist, self.tr("证据清单")),
                              (self.detail, self.tr("证据详情")),
                              (self.letter, self.tr("投诉书")),
                              (self.progress_log, self.tr("投诉进度")),
                              (self.channel_guide, self.tr("投诉渠道"))):
            self.tabs.addTab(widget, title)
        self.view.doubleClicked.connect(lambda _i: self.tabs.setCurrentWidget(self.detail))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._item_menu)
        self.splitter = QSplitter()
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.cases)
        self.splitter.addWidget(self.evidence)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([200, 640, 440])
        self.setCentralWidget(self.splitter)
        self.runner.progressed.connect(self._job_progressed)
        self.setTabOrder(self.cases.list, self.case_form.title)
        self.setTabOrder(self.case_form.outcome, self.evidence.kind_filter)
        self.setTabOrder(self.evidence.kind_filter, self.evidence.sort_order)
        self.setTabOrder(self.evidence.sort_order, self.view)
        self.setTabOrder(self.view, self.tabs)

    # ---- settings and language ---------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if not geometry or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = self.settings.get(SPLITTER_STATE)
        if state:
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.letter.save()
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(SPLITTER_STATE, bytes(self.splitter.saveState().data()))
        self.runner.cancel()
        super().closeEvent(event)

    def set_language(self, code: str) -> None:
        lang = parse_lang(code)
        if lang is None:
            return
        if self.runner.busy:
            self.runner.say(self.tr("请等待当前任务完成"))
            self.language_actions[current_lang()].setChecked(True)
            return
        self.letter.save()
        self.settings.set(LANGUAGE, lang)
        self.language_requested.emit(lang)

    def _warn_if_no_ocr(self) -> None:
        """Without Tesseract (or its Chinese data) everything but text recognition works;
        say so once, with the exact fix for this system."""
        status = ocr_status()
        self.ocr_warning: QMessageBox | None = None
        if status.available:
            return
        self.runner.say(status.message())
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("文字识别不可用"), status.message(),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr("证据仍可导入、整理和导出 PDF；装好后重新打开证据包，"
                                       "已导入的截图会自动识别。"))
        box.setModal(False)
        box.show()
        self.ocr_warning = box

    # ---- the chosen case ---------------------------------------------------------------

    def _case_selected(self) -> None:
        case = self.current_case()
        active = case is not None and case.deleted_at is None
        chosen = case if active else None
        self.setWindowTitle(chosen.title if chosen else "")
        self.case_form.show_case(chosen)
        self.model.load(chosen.id if chosen else None)
        for action in (self.act_export, self.bundle.act_export_pack, self.act_print,
                       self.act_remove, self.bundle.act_form_sheet):
            action.setEnabled(active)
        self.letter.show_case(chosen)
        self.progress_log.show_case(chosen.id if chosen else None)
        self._evidence_changed(reload=False)
        if chosen is not None and chosen.id is not None:
            self._analyse_stale(chosen.id)
        self.watcher.rebase()
        late = self.progress_log.overdue_count()
        if late:
            self.runner.say(self.tr("有 {0} 项投诉已到跟进日期，见“投诉进度”").format(late))

    def _case_changed(self) -> None:
        case = self.current_case()
        if case is not None:
            self.cases.retitle_current(case.title)
            self.setWindowTitle(case.title)
        self._update_checklist()
        self.letter.refresh_draft()

    def _analyse_stale(self, case_id: int) -> None:
        """Read screenshots imported while OCR was unavailable, or by an older version."""
        if self.runner.busy or not ocr_status().available:
            return
        stale = [i.id for i in self.model.items if i.id is not None and needs_reading(i)]
        if stale:
            self.runner.start(AnalyseJob(self.store, case_id, stale),
                              lambda _count: self._evidence_changed())

    # ---- evidence ----------------------------------------------------------------------

    def _evidence_changed(self, reload: bool = True) -> None:
        if reload:
            selected = self.detail.item.id if self.detail.item else None
            self.model.refresh()
            if selected is not None:
                self.select_item(selected)
        self.evidence.show_grid_or_hint()
        self.case_form.refresh_from_evidence()
        self._update_checklist()
        if reload:
            self.letter.refresh_draft()

    def _update_checklist(self) -> None:
        case = self.current_case()
        active = case is not None and case.deleted_at is None
        items = self.model.items
        self.checklist.update_for(
            case if active and case else None, [i.kind for i in items],
            complaint_deadline(case, items) if active and case else None,
            reply_gaps(items) if active else None)

    def _item_selected(self) -> None:
        index = self.view.currentIndex()
        self.detail.show_item(index.data(ItemRole) if index.isValid() else None)

    def select_item(self, item_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ItemRole).id == item_id:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return

    def _item_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        if not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        items = [i.data(ItemRole) for i in self.view.selectedIndexes()]
        EvidenceMenu(self.store, items, self.act_remove,
                     lambda: self.tabs.setCurrentWidget(self.detail),
                     self._evidence_changed, self).popup_at(self.view.viewport(), pos)

    def _black_out_by_hand(self, item_id: int) -> None:
        """The exhibit shown large with the box tool on: drag over what must not show."""
        self.select_item(item_id)
        self.tabs.setCurrentWidget(self.detail)
        self.detail.btn_draw.setChecked(True)
        self.runner.say(self.tr("在图上拖出方框遮盖个人信息，然后再导出"))

    def remove_selected(self) -> None:
        ids = [i.data(ItemRole).id for i in self.view.selectedIndexes()]
        if not ids:
            return
        answer = QMessageBox.question(
            self, self.tr("移除证据"), self.tr("从案件中移除选中的 {0} 份证据？").format(len(ids)))
        if answer == QMessageBox.StandardButton.Yes:
            for item_id in ids:
                self.store.remove_item(item_id)
            self.detail.show_item(None)
            self._evidence_changed()

    # ---- import ------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.start(paths=paths)

    def _case_for_import(self) -> Case:
        """The open case; with none open, a new one (renamable) for what was dropped."""
        case = self.current_case()
        if case is None or case.id is None or case.deleted_at is not None:
            when = f"{datetime.now():%m-%d %H:%M}"
            case = self.cases.add_case(self.tr("新案件 {0}").format(when))
            self.runner.say(self.tr("已新建案件“{0}”，可在上方改名").format(case.title))
            assert case.id is not None
            self.unnamed_case = (case.id, case.title)
        return case

    def _name_new_case(self) -> None:
        """A case started by a drop is named after the order its screenshots show, unless
        the buyer has named it meanwhile."""
        if self.unnamed_case is None:
            return
        case_id, title = self.unnamed_case
        case = self.store.get_case(case_id)
        if case is None or case.title != title:
            self.unnamed_case = None
            return
        items = self.store.items(case_id)
        orders = [o for i in sorted(items, key=lambda i: i.kind != "order")
                  for o in i.effective("order_numbers")]
        if orders:
            self.unnamed_case = None
            self.store.update_case(case_id, title=self.tr("订单 {0}").format(orders[0]))
            self.cases.reload(select=case_id)

    def _job_progressed(self, _done: int, _total: int, stage: str) -> None:
        if stage in ("import", "ocr"):
            self.model.refresh()
            self.evidence.show_grid_or_hint()

    def _import_finished(self, report: ImportReport) -> None:
        self._name_new_case()
        self._evidence_changed()
        if report.imported_ids:
            self.select_item(report.imported_ids[-1])  # the newest, scrolled into view
