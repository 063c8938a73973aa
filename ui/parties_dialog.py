"""当事人信息: the buyer's and the business's details that 12315, a counter visit or a
lawsuit require, and the request as 12315 offers it. Kept in the store only; the dialog
says where they are printed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from app.case.parties import FIELD_NAMES, REQUEST_OPTIONS, uscc_valid
from app.i18n import pick
from app.store.models import Case
from app.store.store import Store
from ui.save_dialog import SaveDialog

TEXT_FIELDS = ("product_name", "buyer_name", "buyer_phone", "buyer_address", "seller_company",
               "seller_uscc", "seller_address", "seller_legal_rep")


class PartiesDialog(SaveDialog):
    def __init__(self, store: Store, case: Case, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.store, self.case = store, case
        self.setWindowTitle(self.tr("当事人信息"))
        about = self.tr(
            "12315 和现场投诉要求写明投诉人的姓名、电话、地址，以及被投诉企业的名称和地址"
            "（在店铺首页的「证照信息」或「营业执照」中可以找到，也可截图导入后识别）。"
            "这些信息只保存在本机，只在需要的渠道材料中使用，不会出现在公开材料（黑猫投诉）中。")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in TEXT_FIELDS:
            edit = QLineEdit(str(getattr(case, key)))
            self.edits[key] = edit
            form.addRow(pick(FIELD_NAMES[key]), edit)
        self.request = QComboBox()
        self.request.addItem(self.tr("（未选择）"), "")
        for option in REQUEST_OPTIONS:
            self.request.addItem(option, option)
        self.request.setCurrentIndex(max(0, self.request.findData(case.request_option)))
        form.addRow(pick(FIELD_NAMES["request_option"]), self.request)
        self._assemble(about, form, 560)

    def accept(self) -> None:
        values = {key: edit.text().strip() for key, edit in self.edits.items()}
        values["seller_uscc"] = values["seller_uscc"].upper()
        if values["seller_uscc"] and not uscc_valid(values["seller_uscc"]):
            self.problem.setText(self.tr("统一社会信用代码的校验位不对：请对照营业执照核对"))
            return
        values["request_option"] = str(self.request.currentData() or "")
        assert self.case.id is not None
        self.case = self.store.update_case(self.case.id, **values)
        super().accept()
