"""Invoices: a 数电票 PDF read from its text layer and an older VAT e-invoice scanned, both
laid out as issued (tests/imagegen/invoices.py). Their number, code, date and 价税合计 are
found, nothing on them is taken for an order number, the buyer's name and ID are blacked
out, and the exported bundle prints the invoice's facts and its date without a time."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.case.timeline import build_timeline
from app.export.bundle import ExportOptions, export_case
from app.intake import import_and_analyse
from app.ocr.invoice import invoice_facts
from app.records import facts_of
from app.store.models import EvidenceItem
from app.store.store import Store
from tests.imagegen.invoices import digital_invoice_pdf, vat_invoice_scan
from tests.test_extract import lines_of


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


def _facts(item: EvidenceItem) -> dict[str, list[str]]:
    return {t: [f["value"] for f in facts_of(item.facts, t)]  # type: ignore[arg-type]
            for t in ("invoice_number", "invoice_code", "invoice_date")}


def _import(store: Store, path: Path) -> tuple[int, EvidenceItem]:
    case = store.create_case("电热水壶漏电")
    assert case.id is not None
    import_and_analyse(store, case.id, [path])
    (item,) = store.items(case.id)
    return case.id, item


def _bundle_text(store: Store, case: int, out: Path) -> str:
    (pdf,) = export_case(store, case, out, ExportOptions())
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_a_digital_invoice_gives_its_number_date_and_total(store: Store,
                                                           tmp_path: Path) -> None:
    case, item = _import(store, digital_invoice_pdf(tmp_path / "数电票.pdf"))
    assert item.kind == "invoice"
    assert _facts(item) == {"invoice_number": ["24332000000123456789"], "invoice_code": [],
                            "invoice_date": ["2024-11-20"]}
    # 价税合计 is the one amount: not 金额 113.27 before tax, nor the 税额 14.73
    assert item.amounts == ["128.00"] and item.order_numbers == []
    assert {r["type"] for r in item.redactions} == {"name", "id_card"}
    # the name alone is covered, not the run it shares a row with (销售方信息 to its right)
    (name,) = [r["box"] for r in item.redactions if r["type"] == "name"]
    assert name[2] < 0.08 * item.width
    (issued,) = [e for e in build_timeline([item], lang="zh") if e.event == "开具发票"]
    assert issued.stamp == "2024-11-20" and issued.exhibit == 1
    text = _bundle_text(store, case, tmp_path / "out.pdf")
    assert "发票号码 24332000000123456789" in text
    assert "2024-11-20 00:00" not in text  # no time is invented for the invoice
    assert "开票日期 2024-11-20；" in text or "开票日期 2024-11-20\n" in text  # no * mark


def test_a_scanned_vat_invoice_is_read_with_its_code(store: Store, tmp_path: Path) -> None:
    case, item = _import(store, vat_invoice_scan(tmp_path / "发票扫描.png"))
    assert _facts(item) == {"invoice_number": ["08315562"], "invoice_code": ["044002000111"],
                            "invoice_date": ["2021-03-05"]}
    # the code and the 20-digit 校验码 are no order numbers
    assert item.amounts == ["100.00"] and item.order_numbers == []
    assert "name" in {r["type"] for r in item.redactions}
    text = _bundle_text(store, case, tmp_path / "out.pdf")
    # read by OCR: marked as not confirmed
    assert "发票代码 044002000111*" in text and "发票号码 08315562*" in text


def test_a_total_wrapped_below_its_label_is_found_and_screens_have_no_invoice() -> None:
    wrapped = invoice_facts(lines_of("价税合计（大写） 壹佰贰拾捌圆整", "（小写） ¥128.00"))
    assert [(f.type, f.value, f.label) for f in wrapped] == [("amount", "128.00", "价税合计")]
    order_page = lines_of("订单编号： 4012345678901234567", "实付款 ¥128.00",
                          "创建时间： 2024-11-20 10:12:33")
    assert invoice_facts(order_page) == []
