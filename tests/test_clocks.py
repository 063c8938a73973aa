"""Each channel's clock, against China's published calendar and the 12315 rules: working
days over the 2026 National Day holiday (1–7 October off, Saturday 10 October worked),
Monday to Friday past the years the calendar knows (and said so); the three-year 12315
window on the CLI and on the exported PDF's cover for a case 1,248 days old; and the
progress log's dialog proposing the follow-up as the buyer picks the channel and status
with the keyboard, then keeping a date the buyer typed."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.case.clocks import add_working_days, proposed_follow_up
from app.export.bundle import ExportOptions, export_case
from app.store.store import Store
from tests.dialogs import or_cancel, when_dialog
from tests.test_ui import choose_status, type_date, window  # noqa: F401  (fixture)
from ui.assistant_panels import SubmissionDialog
from ui.main_window import MainWindow

PROOFPACK = [sys.executable, "-m", "app"]


def test_working_days_follow_the_holidays_and_say_when_they_guess() -> None:
    assert add_working_days(date(2026, 9, 30), 1) == (date(2026, 10, 8), True)
    assert add_working_days(date(2026, 10, 9), 1) == (date(2026, 10, 10), True)  # 调休
    after, known = add_working_days(date(2031, 1, 3), 1)  # a Friday, past the calendar
    assert after == date(2031, 1, 6) and not known
    late = proposed_follow_up("12315", "submitted", date(2031, 1, 3))
    assert "周一至周五" in late.describe("zh")


def test_12315_and_the_platform_each_get_their_rhythm() -> None:
    decided = proposed_follow_up("12315", "submitted", date(2026, 9, 28))
    assert decided.day == date(2026, 10, 13) and "7 个工作日" in decided.describe("zh")
    mediated = proposed_follow_up("12315", "accepted", date(2026, 9, 28))
    assert mediated.day > date(2026, 12, 10) and "45 个工作日" in mediated.describe("zh")
    sent = date(2026, 11, 20)
    assert proposed_follow_up("platform", "submitted", sent, sent).day == sent + timedelta(3)
    assert proposed_follow_up("12345", "submitted", sent, sent + timedelta(5)).day == \
        sent + timedelta(7)


def test_an_old_case_is_told_that_12315_has_closed_too(tmp_path: Path) -> None:
    data = tmp_path / "store"
    run = [*PROOFPACK, "--data-dir", str(data), "case"]
    old = subprocess.run([*run, "new", "旧充电宝", "--completed", "2023-06-01"],
                         capture_output=True, text=True, check=True).stdout.strip()
    later = subprocess.run([*run, "new", "次年才坏", "--completed", "2023-06-01",
                            "--harm-known", "2024-03-01"],
                           capture_output=True, text=True, check=True).stdout.strip()
    shown = subprocess.run([*run, "show", old], capture_output=True, text=True).stdout
    assert "12315 投诉的三年时限也已于 2026-06-01 届满" in shown and "仍可向 12315" not in shown
    shown = subprocess.run([*run, "show", later], capture_output=True, text=True).stdout
    assert "仍可向 12315 投诉，最晚至 2027-03-01" in shown
    store = Store(data)
    (pdf,) = export_case(store, int(old), tmp_path / "old.pdf",
                         ExportOptions(lang="zh", now=None))
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout.replace("\n", "")
    assert "不再受理" in cover and "仍可向 12315" not in cover


def test_the_follow_up_follows_the_channel_until_the_buyer_sets_it(
        qtbot, window: MainWindow) -> None:  # noqa: F811
    progress = window.progress_log
    window.tabs.setCurrentWidget(progress)
    seen: dict[str, object] = {}

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, SubmissionDialog), type(dialog)
        type_date(dialog.submitted_on, date(2026, 9, 28))
        combo = dialog.channel
        combo.setFocus()
        while combo.currentData() != "12315":
            QTest.keyClick(combo, Qt.Key.Key_Down)
        seen["decide"] = dialog.follow_up.date().toPython()
        seen["why"] = dialog.follow_up_why.text()
        choose_status(dialog, "accepted")
        seen["mediate"] = dialog.follow_up.date().toPython()
        type_date(dialog.follow_up, date(2026, 11, 2))
        choose_status(dialog, "in_progress")
        seen["kept"] = dialog.follow_up.date().toPython()
        QTest.keyClick(dialog.reference, Qt.Key.Key_Return)

    when_dialog(or_cancel(record))
    QTest.mouseClick(progress.btn_add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: progress.table.rowCount() == 1, timeout=10_000)
    assert seen["decide"] == date(2026, 10, 13) and "7 个工作日" in str(seen["why"])
    assert seen["mediate"] > date(2026, 12, 10)  # type: ignore[operator]
    assert seen["kept"] == date(2026, 11, 2)
    case = window.current_case()
    assert window.store.submissions(case.id)[0].next_follow_up == date(2026, 11, 2)


def test_a_harassment_complaint_has_its_checklist_and_letter(tmp_path: Path) -> None:
    """商家骚扰, chosen on the command line: its checklist asks for call logs, chat and
    recordings, and the letter cites the law on unwanted messages."""
    data = tmp_path / "store"
    run = [*PROOFPACK, "--data-dir", str(data), "case"]
    made = subprocess.run([*run, "new", "差评后被电话骚扰", "--type", "harassment"],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    pdf = tmp_path / "bundle.pdf"
    subprocess.run([*PROOFPACK, "--data-dir", str(data), "export", made.stdout.strip(),
                    "-o", str(pdf)], capture_output=True, text=True, check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    assert "商家骚扰" in text and "来电记录和短信截图" in text and "通话录音" in text
    letter = subprocess.run([*run, "letter", made.stdout.strip()], capture_output=True,
                            text=True).stdout
    assert "停止骚扰" in letter and "第二十九条" in letter
