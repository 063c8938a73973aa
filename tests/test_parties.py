"""The parties channels require: a 统一社会信用代码 checked against codes printed on real
business licences; the CLI and the window's 当事人信息… dialog (driven by mouse) filling
them; what 12315 and a counter visit still lack, on `case show` and in the checklist
panel; the buyer's own name, phone and address taken out of a public bundle's letter
(read back with pdftotext) while the business's name stands in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from app.case.parties import uscc_valid
from app.export.bundle import ExportOptions, export_case
from app.store.store import Store
from tests.dialogs import or_cancel, when_dialog
from tests.test_ui import window  # noqa: F401  (fixture)
from ui.main_window import MainWindow
from ui.parties_dialog import PartiesDialog

PROOFPACK = [sys.executable, "-m", "app"]
COMPANY_CODE = "91330100799655058B"  # as printed on a business licence


def test_a_credit_code_is_checked_by_its_last_character() -> None:
    assert uscc_valid(COMPANY_CODE) and uscc_valid("911101085923662400")
    assert uscc_valid(COMPANY_CODE.lower())
    assert not uscc_valid(COMPANY_CODE[:-1] + "C")  # one character mistyped
    assert not uscc_valid(COMPANY_CODE[:17]) and not uscc_valid("9133010079965505IB")


def test_the_cli_records_the_parties_and_says_what_each_channel_lacks(tmp_path: Path) -> None:
    run = [*PROOFPACK, "--data-dir", str(tmp_path / "store"), "case"]
    bad = subprocess.run([*run, "new", "错码", "--seller-uscc", COMPANY_CODE[:-1] + "C"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "校验位不对" in bad.stderr
    made = subprocess.run([*run, "new", "吹风机不出热风", "--buyer-name", "李四",
                           "--buyer-phone", "13987654321", "--seller-company",
                           "杭州某某电器有限公司", "--seller-uscc", COMPANY_CODE,
                           "--request", "退货"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    shown = subprocess.run([*run, "show", made.stdout.strip()], capture_output=True,
                           text=True).stdout
    assert "12315还缺：投诉人地址、被投诉方地址" in shown
    assert "起诉还缺：" in shown and "身份证号" in shown
    store = Store(tmp_path / "store")
    case = store.get_case(int(made.stdout.strip()))
    assert case is not None and case.seller_uscc == COMPANY_CODE
    store.update_case(case.id, letter_text="投诉书\n我是李四，住在杭州市西湖区文三路 100 号，"
                                           "电话 13987654321。\n被投诉方：杭州某某电器有限公司",
                      buyer_address="杭州市西湖区文三路 100 号")
    (public,) = export_case(store, case.id, tmp_path / "public.pdf",
                            ExportOptions(lang="zh", public=True))
    text = subprocess.run(["pdftotext", str(public), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    for private in ("李四", "13987654321", "文三路"):
        assert private not in text, private
    assert "杭州某某电器有限公司" in text


def test_the_window_fills_the_parties_and_the_checklist_follows(
        qtbot, window: MainWindow) -> None:  # noqa: F811
    panel = window.checklist
    lines = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert any("12315还缺" in line and "投诉人姓名" in line for line in lines)
    seen: dict[str, str] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PartiesDialog)
        for key, value in (("buyer_name", "李四"), ("buyer_phone", "13987654321"),
                           ("buyer_address", "杭州市西湖区文三路 100 号"),
                           ("seller_company", "杭州某某电器有限公司"),
                           ("seller_address", "杭州市余杭区某路 1 号"),
                           ("seller_uscc", COMPANY_CODE[:-1] + "C")):
            dialog.edits[key].setText(value)
        dialog.request.setCurrentIndex(dialog.request.findData("退货"))
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["refused"] = dialog.problem.text()
        dialog.edits["seller_uscc"].setText(COMPANY_CODE.lower())
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    when_dialog(or_cancel(fill))
    qtbot.mouseClick(window.case_form.btn_parties, Qt.MouseButton.LeftButton)
    assert "校验位不对" in seen["refused"]
    case = window.store.get_case(window.current_case().id)
    assert (case.buyer_name, case.seller_uscc, case.request_option) == \
        ("李四", COMPANY_CODE, "退货")
    qtbot.waitUntil(lambda: not any(
        "12315还缺" in panel.list.item(i).text() for i in range(panel.list.count())),
        timeout=5000)


def test_the_12315_pack_carries_the_form_sheet_in_the_forms_order(tmp_path: Path) -> None:
    from app.export.packs import export_pack
    from app.intake import import_and_analyse
    from tests.conftest import text_image

    store = Store(tmp_path / "store")
    case = store.create_case("吹风机不出热风", product_name="某牌负离子吹风机 1800W",
                             seller_company="杭州某某电器有限公司", seller_uscc=COMPANY_CODE,
                             request_option="退货", description="使用一周后不出热风。" * 150,
                             order_numbers=["3859204715529631842"])  # typed: the one to trust
    assert case.id is not None
    shot = text_image(["订单编号：3859204715529631842", "实付款：¥199.00"],
                      tmp_path / "order.png")
    import_and_analyse(store, case.id, [shot])
    pack = export_pack(store, case.id, "12315", tmp_path / "out")
    sheet = (pack.folder / "12315表单.txt").read_text("utf-8")
    order = [sheet.index(f"【{label}】") for label in (
        "被投诉方（企业名称）", "统一社会信用代码", "被投诉方地址", "商品/服务名称", "订单号",
        "投诉问题类型", "诉求", "事情经过")]
    assert order == sorted(order)
    assert "杭州某某电器有限公司" in sheet and COMPANY_CODE in sheet and "1800W" in sheet
    assert "3859204715529631842" in sheet and "退货：" in sheet
    assert "超出限制" in sheet  # 1,500 characters of facts against the form's 1,000
    (pdf,) = pack.folder.glob("00_证据材料*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.replace("\n", "")
    assert "12315 投诉表单填写单" in text and "某牌负离子吹风机" in text
