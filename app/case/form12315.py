"""The 12315 form sheet: each field of the online form in its order, filled from the case,
with the form's length limit where one is known and the count, to paste field by field or
retype when the form blocks pasting."""

from __future__ import annotations

from dataclasses import dataclass

from app.case.letter import char_count, letter_part, letter_text
from app.case.orders import reference_orders
from app.case.rules import form12315_limits, load_rules
from app.i18n import Lang, choose, join_list, pick
from app.store.models import Case, EvidenceItem, Submission


@dataclass(frozen=True)
class FormField:
    label: tuple[str, str]
    value: str
    limit: int | None = None  # characters, where the form's limit is known
    missing: bool = False  # the case lacks it: the value says so, nothing to copy
    editable: bool = False  # the buyer may shorten it before copying (the facts)

    @property
    def count(self) -> int:
        return char_count(self.value)

    @property
    def over(self) -> bool:
        return self.limit is not None and self.count > self.limit

    def counted(self, lang: Lang | None = None) -> str:
        """共 120 字 / 1200 / 1000 字: over the limit."""
        if self.limit is None:
            return choose(f"{self.count} 字", f"{self.count} characters", lang)
        if self.over:
            return choose(f"{self.count} / {self.limit} 字：超出限制，请删减",
                          f"{self.count} / {self.limit} characters: over the limit, shorten "
                          "it", lang)
        return choose(f"{self.count} / {self.limit} 字", f"{self.count} / {self.limit} "
                      "characters", lang)


def form_fields(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                lang: Lang | None = None) -> list[FormField]:
    ctype = load_rules().complaint_type(case.complaint_type)
    letter = letter_text(case, items, submissions, lang)
    request = case.requested_outcome.strip() or pick(ctype.request, lang)
    missing = choose("（未填写）", "(not filled in)", lang)

    def field(label: tuple[str, str], value: str, limit: int | None = None,
              editable: bool = False) -> FormField:
        return FormField(label, value or missing, limit, not value, editable)

    facts_limit, product_limit = form12315_limits()

    return [
        field(("被投诉方（企业名称）", "Respondent (business name)"),
              case.seller_company or case.shop),
        field(("统一社会信用代码", "Unified social credit code"), case.seller_uscc),
        field(("被投诉方地址", "Respondent's address"), case.seller_address),
        field(("商品/服务名称", "Goods or service"), case.product_name or case.title,
              product_limit),
        field(("订单号", "Order number"), join_list(reference_orders(case, items), lang)),
        field(("投诉问题类型", "Kind of problem"), ctype.name(lang)),
        field(("诉求", "Request"),
              f"{case.request_option}：{request}" if case.request_option else request),
        field(("事情经过", "What happened"), letter_part(letter, 1, 2), facts_limit,
              editable=True),
    ]


def form_text(fields: list[FormField], lang: Lang | None = None) -> str:
    """The sheet as plain text: each field's name, its count, then its value."""
    out = [choose("12315 投诉表单填写单（按表单顺序，逐项复制或照抄）",
                  "12315 form sheet (in the form's order, copy or retype field by field)",
                  lang), ""]
    for field in fields:
        out += [f"【{pick(field.label, lang)}】（{field.counted(lang)}）", field.value, ""]
    return "\n".join(out)
