"""The main window: cases on the left, the case's evidence in the middle, details and
the checklist on the right. Imports, OCR and export run in background jobs."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QSettings,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QImageWriter,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.case.deadline import complaint_deadline
from app.case.replies import reply_gaps
from app.case.rules import KINDS, load_rules
from app.export.bundle import ExportOptions
from app.i18n import current_lang, parse_lang, t
from app.ocr.engine import ocr_status
from app.ocr.scan import EXTRACTOR_VERSION
from app.ocr.sensitive import SENSITIVE_TYPES
from app.store.archive import archive_filename, export_archive, import_archive
from app.store.importer import ImportReport
from app.store.models import Case
from app.store.store import Store
from app.store.verify import VerifyReport
from ui.assistant_panels import ChannelGuide, LetterPanel, ProgressPanel
from ui.case_form import CaseForm
from ui.checklist_panel import ChecklistPanel
from ui.detail_panel import DetailPanel
from ui.errors import show_error
from ui.evidence_model import EvidenceFilter, EvidenceModel, EvidenceView, ItemRole
from ui.workers import AnalyseJob, CallJob, ExportJob, ImportJob, Job, VerifyJob

CaseIdRole = Qt.ItemDataRole.UserRole + 10


class MainWindow(QMainWindow):
    # A language chosen in the menu; ui/main.py rebuilds the window in it.
    language_requested = Signal(str)

    def __init__(self, store: Store, settings: QSettings | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or QSettings()
        self.pool = QThreadPool.globalInstance()
        self.job: Job | None = None
        self.last_export: list[Path] = []
        self.replacement: MainWindow | None = None  # the window rebuilt in another language
        self.setWindowTitle(self.tr("证据包 ProofPack"))
        self.setAcceptDrops(True)
        self._build_actions()
        self._build_widgets()
        self._restore_settings()
        self.reload_cases()
        self._warn_if_no_ocr()

    # ---- construction ------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip or text)
        action.setStatusTip(tip or text)
        # triggered(bool) must never land in a slot's parameters: call it with none.
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.act_new_case = self._action(self.tr("新建案件"), self.new_case,
                                         QKeySequence.StandardKey.New,
                                         self.tr("为一次投诉新建案件 (Ctrl+N)"))
        self.act_add_files = self._action(self.tr("添加截图"), self.add_files,
                                          QKeySequence.StandardKey.Open,
                                          self.tr("选择截图或照片加入当前案件 (Ctrl+O)"))
        self.act_add_folder = self._action(self.tr("添加文件夹"), self.add_folder, "Ctrl+Shift+O",
                                           self.tr("把整个文件夹中的图片加入当前案件"))
        self.act_paste = self._action(self.tr("粘贴截图"), self.paste,
                                      QKeySequence.StandardKey.Paste,
                                      self.tr("粘贴刚截取的屏幕截图 (Ctrl+V)"))
        self.act_export = self._action(self.tr("导出PDF"), self.export_pdf, "Ctrl+E",
                                       self.tr("导出带目录和页码的PDF证据材料 (Ctrl+E)"))
        self.act_print = self._action(self.tr("打印"), self.print_bundle,
                                      QKeySequence.StandardKey.Print,
                                      self.tr("打印证据材料 (Ctrl+P)"))
        self.act_remove = self._action(self.tr("移除证据"), self.remove_selected,
                                       QKeySequence.StandardKey.Delete,
                                       self.tr("从案件中移除选中的证据"))
        toolbar = QToolBar(self.tr("工具栏"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.act_new_case, self.act_add_files, self.act_add_folder,
                       self.act_paste, self.act_export, self.act_print):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        for action in (self.act_new_case, self.act_add_files, self.act_add_folder,
                       self.act_paste, self.act_export, self.act_print, self.act_remove):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("退出"), self.close,
                                         QKeySequence.StandardKey.Quit))
        tools_menu = self.menuBar().addMenu(self.tr("工具(&T)"))
        self.act_verify = self._action(
            self.tr("检查证据完整性"), self.verify_store,
            tip=self.tr("重新计算每份原件的 SHA-256，确认没有丢失或被改动"))
        self.act_backup = self._action(self.tr("备份案件…"), self.backup_case,
                                       tip=self.tr("把当前案件的原件和全部信息保存为一个 zip 文件"))
        self.act_restore_backup = self._action(self.tr("从备份恢复案件…"), self.restore_backup,
                                               tip=self.tr("从 zip 备份文件恢复案件"))
        for action in (self.act_verify, self.act_backup, self.act_restore_backup):
            tools_menu.addAction(action)
        privacy_menu = self.menuBar().addMenu(self.tr("隐私(&P)"))
        names = {"card": self.tr("银行卡号"), "phone": self.tr("手机号"),
                 "id_card": self.tr("身份证号"), "address": self.tr("收货地址"),
                 "name": self.tr("收货人姓名")}
        stored = self.settings.value("privacy/keep", [])
        # An INI file gives a one-element list back as a plain string.
        kept = {stored} if isinstance(stored, str) else \
            {str(k) for k in stored} if isinstance(stored, list) else set()
        self.redact_actions: dict[str, QAction] = {}
        for kind in SENSITIVE_TYPES:
            action = QAction(self.tr("导出时遮盖{0}").format(names[kind]), self)
            action.setCheckable(True)
            action.setChecked(kind not in kept)
            action.toggled.connect(lambda _on: self._save_privacy())
            privacy_menu.addAction(action)
            self.redact_actions[kind] = action
        privacy_menu.addSeparator()
        self.act_originals = QAction(self.tr("导出时附上未遮盖的原图…"), self)
        self.act_originals.setCheckable(True)
        self.act_originals.setToolTip(self.tr("原图含个人信息，只给受理机关，不要公开上传"))
        self.act_originals.toggled.connect(self._originals_toggled)
        privacy_menu.addAction(self.act_originals)
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

    def _build_widgets(self) -> None:
        # cases
        self.case_list = QListWidget()
        self.case_list.setToolTip(self.tr("你的投诉案件"))
        self.case_list.currentItemChanged.connect(lambda *_: self._case_selected())
        self.show_trash = QCheckBox(self.tr("回收站"))
        self.show_trash.toggled.connect(lambda _on: self.reload_cases())
        self.btn_new = QPushButton(self.tr("新建"))
        self.btn_new.clicked.connect(self.new_case)
        self.btn_rename = QPushButton(self.tr("重命名"))
        self.btn_rename.clicked.connect(self.rename_case)
        self.btn_delete = QPushButton(self.tr("删除"))
        self.btn_delete.setToolTip(self.tr("移到回收站，可恢复"))
        self.btn_delete.clicked.connect(self.delete_case)
        self.btn_restore = QPushButton(self.tr("恢复"))
        self.btn_restore.clicked.connect(self.restore_case)
        self.btn_empty = QPushButton(self.tr("清空回收站"))
        self.btn_empty.clicked.connect(self.empty_trash)
        case_buttons = QHBoxLayout()
        for b in (self.btn_new, self.btn_rename, self.btn_delete, self.btn_restore,
                  self.btn_empty):
            case_buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel(self.tr("案件")))
        left_layout.addWidget(self.case_list)
        left_layout.addWidget(self.show_trash)
        left_layout.addLayout(case_buttons)

        # evidence
        self.model = EvidenceModel(self.store)
        self.proxy = EvidenceFilter()
        self.proxy.setSourceModel(self.model)
        self.view = EvidenceView()
        self.view.setModel(self.proxy)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._item_selected())
        self.model.reordered.connect(self._evidence_changed)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("全部类型"), None)
        for kind in KINDS:
            self.kind_filter.addItem(load_rules().kind_name(kind), kind)
        self.kind_filter.setToolTip(self.tr("只显示某一类证据"))
        self.kind_filter.currentIndexChanged.connect(
            lambda _i: self.proxy.set_kind(self.kind_filter.currentData()))
        self.sort_order = QComboBox()
        self.sort_order.addItem(self.tr("按证据编号"), False)
        self.sort_order.addItem(self.tr("按时间"), True)
        self.sort_order.setToolTip(self.tr("排列方式；拖动缩略图可调整证据编号顺序"))
        self.sort_order.currentIndexChanged.connect(
            lambda _i: self.proxy.set_sort_by_time(bool(self.sort_order.currentData())))
        self.empty_hint = QLabel(self.tr(
            "把截图拖到这里\n\n订单详情、聊天记录、付款凭证、物流记录、商品照片……\n"
            "也可以按 Ctrl+V 粘贴刚截的图，或点“添加截图”"))
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: #777; font-size: 16px; border: 2px dashed #bbb;"
                                      " border-radius: 12px; padding: 40px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_hint)
        self.stack.addWidget(self.view)
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.sort_order)
        filters.addStretch(1)
        self.case_form = CaseForm(self.store)
        self.case_form.changed.connect(lambda _id: self._case_changed())
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.addWidget(self.case_form)
        centre_layout.addLayout(filters)
        centre_layout.addWidget(self.stack, 1)

        # details and checklist
        self.detail = DetailPanel(self.store)
        self.detail.changed.connect(lambda _id: self._evidence_changed())
        self.checklist = ChecklistPanel()
        self.tabs = QTabWidget()
        self.letter = LetterPanel(self.store)
        self.progress_log = ProgressPanel(self.store)
        self.progress_log.changed.connect(self._submissions_changed)
        self.channel_guide = ChannelGuide()
        self.tabs.addTab(self.checklist, self.tr("证据清单"))
        self.tabs.addTab(self.detail, self.tr("证据详情"))
        self.tabs.addTab(self.letter, self.tr("投诉书"))
        self.tabs.addTab(self.progress_log, self.tr("投诉进度"))
        self.tabs.addTab(self.channel_guide, self.tr("投诉渠道"))
        self.view.doubleClicked.connect(lambda _i: self.tabs.setCurrentWidget(self.detail))

        splitter = QSplitter()
        splitter.setObjectName("main-splitter")
        splitter.addWidget(left)
        splitter.addWidget(centre)
        splitter.addWidget(self.tabs)
        splitter.setSizes([240, 620, 420])
        self.splitter = splitter
        self.setCentralWidget(splitter)

        # progress
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_job)
        self.status_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.summary_box: QMessageBox | None = None
        self.last_verify: VerifyReport | None = None
        self.setTabOrder(self.case_list, self.case_form.title)
        self.setTabOrder(self.case_form.outcome, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.sort_order)
        self.setTabOrder(self.sort_order, self.view)
        self.setTabOrder(self.view, self.tabs)

    # ---- settings ----------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        state = self.settings.value("window/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.job is not None:
            self.job.cancel()
        super().closeEvent(event)

    def set_language(self, code: str) -> None:
        lang = parse_lang(code)
        if lang is None:
            return
        if self.job is not None:
            self.status_label.setText(self.tr("请等待当前任务完成"))
            return
        self.letter.save()
        self.settings.setValue("language", lang)
        self.language_requested.emit(lang)

    def _analyse_stale(self, case_id: int) -> None:
        """Read screenshots imported while OCR was unavailable, or by an older version."""
        if self.job is not None or not ocr_status().available:
            return
        stale = [i.id for i in self.model.items if i.id is not None and (
            i.ocr_status in ("pending", "unavailable")
            or (i.ocr_status == "done" and i.extractor_version != EXTRACTOR_VERSION))]
        if stale:
            job = AnalyseJob(self.store, case_id, stale)
            job.signals.finished.connect(self._analyse_finished)
            self._start(job)

    def _analyse_finished(self, _count: int) -> None:
        self._finish_job()
        self._evidence_changed()

    def _warn_if_no_ocr(self) -> None:
        """Without Tesseract (or its Chinese data) everything but text recognition works;
        say so once, with the exact fix for this system."""
        status = ocr_status()
        self.ocr_warning: QMessageBox | None = None
        if status.available:
            return
        self.status_label.setText(status.message())
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("文字识别不可用"), status.message(),
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr("证据仍可导入、整理和导出 PDF；装好后重新打开证据包，"
                                       "已导入的截图会自动识别。"))
        box.setModal(False)
        box.show()
        self.ocr_warning = box

    def current_case(self) -> Case | None:
        item = self.case_list.currentItem()
        if item is None:
            return None
        return self.store.get_case(item.data(CaseIdRole))

    def reload_cases(self, select: int | None = None) -> None:
        current = self.current_case()
        wanted = select if select is not None else (current.id if current else None)
        trashed = self.show_trash.isChecked()
        self.case_list.blockSignals(True)
        self.case_list.clear()
        for case in self.store.list_cases(trashed=trashed):
            entry = QListWidgetItem(case.title)
            entry.setData(CaseIdRole, case.id)
            entry.setToolTip(load_rules().complaint_type(case.complaint_type).name())
            self.case_list.addItem(entry)
            if case.id == wanted:
                self.case_list.setCurrentItem(entry)
        if self.case_list.currentItem() is None and self.case_list.count():
            self.case_list.setCurrentRow(0)
        self.case_list.blockSignals(False)
        for b in (self.btn_new, self.btn_rename, self.btn_delete):
            b.setVisible(not trashed)
        for b in (self.btn_restore, self.btn_empty):
            b.setVisible(trashed)
        self._case_selected()

    def new_case(self) -> None:
        title, ok = QInputDialog.getText(self, self.tr("新建案件"),
                                         self.tr("案件名称（例如：耳机左耳无声）"))
        if ok and title.strip():
            self.show_trash.setChecked(False)
            case = self.store.create_case(title.strip())
            self.reload_cases(select=case.id)

    def rename_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None:
            return
        title, ok = QInputDialog.getText(self, self.tr("重命名案件"), self.tr("案件名称"),
                                         text=case.title)
        if ok and title.strip():
            self.store.update_case(case.id, title=title.strip())
            self.reload_cases()

    def delete_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("删除案件"),
            self.tr("把案件“{0}”移到回收站？\n证据文件会保留，可以从回收站恢复。").format(case.title))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.trash_case(case.id)
            self.reload_cases()

    def restore_case(self) -> None:
        case = self.current_case()
        if case is not None and case.id is not None:
            self.store.restore_case(case.id)
            self.show_trash.setChecked(False)
            self.reload_cases(select=case.id)

    def empty_trash(self) -> None:
        answer = QMessageBox.warning(
            self, self.tr("清空回收站"),
            self.tr("永久删除回收站中的所有案件及其证据？此操作无法撤销。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.store.empty_trash()
            self.reload_cases()

    def _case_selected(self) -> None:
        case = self.current_case()
        active = case is not None and case.deleted_at is None
        self.case_form.show_case(case if active else None)
        self.model.load(case.id if active and case else None)
        for action in (self.act_add_files, self.act_add_folder, self.act_paste,
                       self.act_export, self.act_print, self.act_remove):
            action.setEnabled(active)
        self.btn_rename.setEnabled(active)
        self.btn_delete.setEnabled(active)
        self.letter.show_case(case if active else None)
        self.progress_log.show_case(case.id if active and case else None)
        self._evidence_changed(reload=False)
        if active and case is not None and case.id is not None:
            self._analyse_stale(case.id)
        late = self.progress_log.overdue_count()
        if late:
            self.status_label.setText(self.tr("有 {0} 项投诉已到跟进日期，见“投诉进度”")
                                      .format(late))

    def _case_changed(self) -> None:
        case = self.current_case()
        entry = self.case_list.currentItem()
        if case is not None and entry is not None:
            entry.setText(case.title)
        self._update_checklist()
        self.letter.refresh_draft()

    def _submissions_changed(self) -> None:
        self.letter.refresh_draft()

    # ---- evidence ----------------------------------------------------------------------

    def _evidence_changed(self, reload: bool = True) -> None:
        if reload:
            selected = self.detail.item.id if self.detail.item else None
            self.model.refresh()
            if selected is not None:
                self.select_item(selected)
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty_hint)
        self.case_form.refresh_read_dates()
        self._update_checklist()
        if reload:
            self.letter.refresh_draft()

    def _update_checklist(self) -> None:
        case = self.current_case()
        active = case is not None and case.deleted_at is None
        items = self.model.items
        self.checklist.update_for(
            case.complaint_type if active and case else None, [i.kind for i in items],
            complaint_deadline(case, items) if active and case else None,
            reply_gaps(items) if active else None)

    def _item_selected(self) -> None:
        index = self.view.currentIndex()
        item = index.data(ItemRole) if index.isValid() else None
        self.detail.show_item(item)

    def select_item(self, item_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ItemRole).id == item_id:
                self.view.setCurrentIndex(index)
                return

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
        if event.mimeData().hasUrls() and self.act_add_files.isEnabled():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasUrls() and self.act_add_files.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def add_files(self) -> None:
        folder = str(self.settings.value("folders/import", str(Path.home())))
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("选择截图或照片"), folder,
            self.tr("图片 (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.heic *.heif);;所有文件 (*)"))
        if files:
            self.settings.setValue("folders/import", str(Path(files[0]).parent))
            self.import_paths([Path(f) for f in files])

    def add_folder(self) -> None:
        start = str(self.settings.value("folders/import", str(Path.home())))
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择文件夹"), start)
        if folder:
            self.settings.setValue("folders/import", folder)
            self.import_paths([Path(folder)])

    def paste(self) -> None:
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasUrls():
            self.import_paths([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
            return
        image = clipboard.image()
        if image.isNull():
            self.status_label.setText(self.tr("剪贴板里没有图片"))
            return
        name = f"粘贴的截图 {datetime.now():%Y-%m-%d %H-%M-%S}.png"
        self.start_import(pasted=[(png_bytes(image), name)])

    def import_paths(self, paths: list[Path]) -> None:
        self.start_import(paths=paths)

    def start_import(self, paths: list[Path] | None = None,
                     pasted: list[tuple[bytes, str]] | None = None) -> None:
        case = self.current_case()
        if case is None or case.id is None or self.job is not None:
            if self.job is not None:
                self.status_label.setText(self.tr("请等待当前任务完成"))
            return
        job = ImportJob(self.store, case.id, paths, pasted)
        job.signals.finished.connect(self._import_finished)
        self._start(job)

    def _start(self, job: Job) -> None:
        self.job = job
        job.signals.progress.connect(self._progress)
        job.signals.failed.connect(self._job_failed)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.pool.start(job)

    def _progress(self, done: int, total: int, stage: str) -> None:
        words = {"import": self.tr("正在导入"), "ocr": self.tr("正在识别文字"),
                 "export": self.tr("正在生成PDF"), "verify": self.tr("正在核验原件")}
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status_label.setText(f"{words.get(stage, stage)} {done}/{total}")
        if stage in ("import", "ocr"):
            self.model.refresh()
            self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty_hint)

    def _finish_job(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status_label.setText(self.tr("正在取消……"))

    def _job_failed(self, message: str) -> None:
        self._finish_job()
        self.error_box = show_error(self, message)

    def _import_finished(self, report: ImportReport) -> None:
        self._finish_job()
        self._evidence_changed()
        self.status_label.setText(report.summary())
        problems = [o for o in report.outcomes if o.status != "imported"]
        if problems:
            # One non-modal summary for the whole batch, never a dialog per file.
            lines = [f"{o.path.name}: {o.message}" for o in problems]
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("导入结果"), report.summary(),
                              QMessageBox.StandardButton.Ok, self)
            box.setDetailedText("\n".join(lines))
            box.setInformativeText("\n".join(lines[:8]) + ("\n……" if len(lines) > 8 else ""))
            box.setModal(False)
            box.show()
            self.summary_box = box

    # ---- export and print --------------------------------------------------------------

    def export_pdf(self) -> None:
        """Ask where, then export in the background; say where it went when done."""
        case = self.current_case()
        if case is None or case.id is None:
            return
        if self.job is not None:
            self.status_label.setText(self.tr("请等待当前任务完成"))
            return
        start = str(self.settings.value("folders/export", str(Path.home())))
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存位置"), start)
        if not chosen:
            return
        folder = Path(chosen)
        self.settings.setValue("folders/export", str(folder))
        job = ExportJob(self.store, case.id, folder, self.export_options())
        job.signals.finished.connect(self._export_finished)
        self._start(job)

    def _export_finished(self, paths: list[Path]) -> None:
        self._finish_job()
        self.last_export = paths
        self.status_label.setText(self.tr("已导出：{0}").format(paths[0]))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("导出完成"),
                          self.tr("PDF 证据材料已保存：\n{0}").format(
                              "\n".join(str(p) for p in paths)),
                          QMessageBox.StandardButton.Ok, self)
        open_folder = box.addButton(self.tr("打开所在文件夹"),
                                    QMessageBox.ButtonRole.ActionRole)
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(paths[0].parent))))
        box.setModal(False)
        box.show()
        self.summary_box = box

    def print_bundle(self) -> None:
        """Print through Qt when QtPdf is there; otherwise the system's PDF viewer prints."""
        case = self.current_case()
        if case is None or case.id is None or self.job is not None:
            return
        folder = self.store.data_dir / "exports"
        job = ExportJob(self.store, case.id, folder, self.export_options())
        job.signals.finished.connect(self._print_ready)
        self._start(job)

    def _print_ready(self, paths: list[Path]) -> None:
        self._finish_job()
        self.last_export = paths
        from ui.printing import print_pdf

        print_pdf(self, paths[0])


    # ---- privacy -------------------------------------------------------------------------

    def _save_privacy(self) -> None:
        keep = [k for k, a in self.redact_actions.items() if not a.isChecked()]
        self.settings.setValue("privacy/keep", keep)

    def _originals_toggled(self, on: bool) -> None:
        if not on:
            return
        answer = QMessageBox.warning(
            self, self.tr("附上未遮盖的原图"),
            self.tr("导出的 PDF 将包含未遮盖的原图，其中有银行卡号、手机号、地址等个人信息。"
                    "\n\n这样的文件只应交给受理投诉的机关，切勿上传到公开平台。确定要附上吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.act_originals.setChecked(False)

    def export_options(self) -> ExportOptions:
        return ExportOptions(
            redact_types=frozenset(k for k, a in self.redact_actions.items() if a.isChecked()),
            include_originals=self.act_originals.isChecked())

    # ---- store check and backups -------------------------------------------------------

    def verify_store(self) -> None:
        if self.job is not None:
            return
        job = VerifyJob(self.store)
        job.signals.finished.connect(self._verify_finished)
        self._start(job)

    def _verify_finished(self, report: VerifyReport) -> None:
        self._finish_job()
        self.last_verify = report
        summary = t("verify.ok", count=report.checked) if report.ok else \
            t("verify.bad", count=report.checked, bad=len(report.problems))
        self.status_label.setText(summary)
        icon = QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.tr("证据完整性检查"), summary,
                          QMessageBox.StandardButton.Ok, self)
        if not report.ok:
            cases = {c.id: c.title for c in self.store.list_cases()
                     + self.store.list_cases(trashed=True)}
            lines = [f"{cases.get(item.case_id, '')} · {item.original_name}: "
                     f"{t('verify.' + problem)}" for item, problem in report.problems]
            box.setInformativeText("\n".join(lines[:8]) + ("\n……" if len(lines) > 8 else ""))
            box.setDetailedText("\n".join(lines))
        box.setModal(False)
        box.show()
        self.summary_box = box

    def backup_case(self) -> None:
        case = self.current_case()
        if case is None or case.id is None or self.job is not None:
            return
        start = Path(str(self.settings.value("folders/backup", str(Path.home()))))
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存案件备份"),
            str(start / archive_filename(case, date.today())), self.tr("案件备份 (*.zip)"))
        if not chosen:
            return
        target = Path(chosen)
        self.settings.setValue("folders/backup", str(target.parent))
        case_id = case.id
        job = CallJob(lambda: export_archive(self.store, case_id, target))
        job.signals.finished.connect(self._backup_finished)
        self._start(job)

    def _backup_finished(self, path: Path) -> None:
        self._finish_job()
        self.status_label.setText(t("archive.written", path=path,
                                    count=self.model.rowCount()))

    def restore_backup(self) -> None:
        if self.job is not None:
            return
        start = str(self.settings.value("folders/backup", str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择案件备份"), start,
                                                self.tr("案件备份 (*.zip)"))
        if not chosen:
            return
        source = Path(chosen)
        job = CallJob(lambda: import_archive(self.store, source))
        job.signals.finished.connect(self._restore_finished)
        self._start(job)

    def _restore_finished(self, case: Case) -> None:
        self._finish_job()
        self.reload_cases(select=case.id)
        self.status_label.setText(t("archive.imported", id=case.id, title=case.title,
                                    count=len(self.store.items(case.id or 0))))


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    QImageWriter(buffer, QByteArray(b"png")).write(image)
    return bytes(buffer.data().data())
