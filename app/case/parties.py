"""The parties to a complaint as channels require them: what 12315, a counter visit or a
lawsuit needs that the case does not have yet, the request as 12315's form offers it, and
the check of a 统一社会信用代码 (GB 32100-2015: 18 characters, the last a check character)."""

from __future__ import annotations

from app.i18n import Lang, choose, join_list
from app.store.models import Case

# 12315's form offers these requests.
REQUEST_OPTIONS = ("修理", "重做", "更换", "退货", "退赔费用", "赔偿损失")

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "buyer_name": ("投诉人姓名", "your name"),
    "buyer_phone": ("投诉人电话", "your phone"),
    "buyer_address": ("投诉人地址", "your address"),
    "buyer_id_number": ("身份证号", "ID number"),
    "buyer_sex": ("性别", "sex"),
    "buyer_birth": ("出生日期", "date of birth"),
    "seller_company": ("被投诉企业名称", "the business's name"),
    "seller_uscc": ("统一社会信用代码", "unified social credit code"),
    "seller_address": ("被投诉方地址", "the business's address"),
    "seller_legal_rep": ("法定代表人", "legal representative"),
    "request_option": ("诉求类别", "kind of request"),
    "product_name": ("商品名称", "goods"),
}
# What each channel asks for (市场监督管理投诉举报处理暂行办法 art. 9: the complainant's
# name, phone and address, the respondent's name and address, the request and facts).
NEEDS: dict[str, tuple[str, ...]] = {
    "12315": ("buyer_name", "buyer_phone", "buyer_address", "seller_company",
              "seller_address", "request_option"),
    "print": ("buyer_name", "buyer_phone", "buyer_address", "seller_company",
              "seller_address"),
    "lawsuit": ("buyer_name", "buyer_phone", "buyer_address", "buyer_id_number",
                "buyer_sex", "buyer_birth", "seller_company", "seller_address",
                "seller_legal_rep"),
}
CHANNEL_NAMES = {"12315": ("12315", "12315"), "print": ("现场投诉", "in person"),
                 "lawsuit": ("起诉", "a lawsuit")}

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def missing_for(case: Case, channel: str) -> list[str]:
    """The fields `channel` needs that the case lacks."""
    return [key for key in NEEDS.get(channel, ()) if not getattr(case, key)]


def lacks(case: Case, lang: Lang | None = None) -> list[str]:
    """One line per channel still lacking something: 12315 还缺：投诉人姓名、…"""
    lines = []
    for channel, names in CHANNEL_NAMES.items():
        missing = missing_for(case, channel)
        if missing:
            fields = join_list([choose(*FIELD_NAMES[k], lang) for k in missing], lang)
            lines.append(choose(f"{names[0]}还缺：{fields}",
                                f"{names[1]} still needs {fields}", lang))
    return lines


def buyer_details(case: Case) -> tuple[str, ...]:
    """What identifies the buyer, to take out of anything public."""
    return (case.buyer_name, case.buyer_phone, case.buyer_address, case.buyer_id_number)


def uscc_valid(code: str) -> bool:
    """A 统一社会信用代码 whose check character is right (a mistyped one is caught)."""
    code = code.strip().upper()
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31] == code[17]
