"""A 民事起诉状 draft for a small-claims suit at the buyer's local court, from the same case
data as the complaint letter: the parties' details (app/case/parties.py), the order, the
facts, the request and the evidence catalogue. Anything a court needs and the case lacks
is left as a visible gap (＿＿, 待填写) for the buyer to fill in before signing."""

from __future__ import annotations

from datetime import date

from app.case.orders import reference_orders
from app.case.progress import channel_name
from app.case.rules import load_rules
from app.i18n import Lang, choose, current_lang, join_list, pick, t
from app.store.models import Case, EvidenceItem, Submission

GAP = "＿＿＿＿"
CLAIMS = ("诉讼请求：", "Claims:")
FACTS = ("事实与理由：", "Facts and reasons:")
HEADINGS = frozenset((*CLAIMS, *FACTS))  # the draft's section headings, as printed


def lawsuit_text(case: Case, items: list[EvidenceItem], submissions: list[Submission],
                 lang: Lang | None = None, today: date | None = None) -> str:
    lang = lang or current_lang()
    today = today or date.today()

    def say(zh: str, en: str) -> str:
        return choose(zh, en, lang)

    out = [say("民事起诉状", "Statement of claim (civil)"), "",
           say("（草稿：请核对、补全后打印签名。网购合同以收货地为合同履行地，可向收货地或被告"
               "住所地的基层人民法院起诉；金额较小的简单案件可申请适用小额诉讼程序。）",
               "(Draft: check it, fill in the gaps, print and sign. For an online purchase the "
               "place of delivery counts as where the contract was performed: sue at the "
               "basic court there or where the seller is registered; a small, simple money "
               "claim may use the small-claims procedure.)"), ""]
    out += _plaintiff(case, lang) + _defendant(case, lang) + [""]
    out.append(say(*CLAIMS))
    out += _claims(case, lang)
    out += ["", say(*FACTS)]
    out += _facts(case, items, submissions, lang)
    out += ["", say("此致", "To"), say(f"{GAP}人民法院", f"The People's Court of {GAP}"), ""]
    out.append(say(f"附：证据目录及证据材料一份（共 {len(items)} 份证据）；起诉状副本一份；"
                   "原告身份证复印件一份。",
                   f"Enclosed: the evidence catalogue and evidence ({len(items)} exhibits); a "
                   "copy of this statement; a copy of the plaintiff's ID card."))
    out += ["", say(f"具状人：{case.buyer_name or GAP}", f"Plaintiff: {case.buyer_name or GAP}"),
            say(f"{today.year}年{today.month}月{today.day}日", today.isoformat())]
    return "\n".join(out)


def _or_gap(value: str, what: tuple[str, str], lang: Lang) -> str:
    return value.strip() or choose(f"（待填写：{what[0]}）", f"(to fill in: {what[1]})", lang)


Field = tuple[tuple[str, str], str, tuple[str, str]]  # label before it, value, what it is


def _party(role: tuple[str, str], fields: list[Field], lang: Lang) -> list[str]:
    """原告：李四，女，… — each field after its label, or a visible gap where it is unknown."""
    parts = [choose(*label, lang) + _or_gap(value, what, lang) for label, value, what in fields]
    return [choose(*role, lang) + choose("，", ", ", lang).join(parts) + choose("。", ".", lang)]


def _plaintiff(case: Case, lang: Lang) -> list[str]:
    birth = case.buyer_birth.strftime(choose("%Y年%m月%d日", "%Y-%m-%d", lang)) \
        if case.buyer_birth else ""
    none = ("", "")
    return _party(("原告：", "Plaintiff: "), [
        (none, case.buyer_name, ("姓名", "name")),
        (none, case.buyer_sex, ("性别", "sex")),
        (none, choose(f"{birth}出生", f"born {birth}", lang) if birth else "",
         ("出生日期", "date of birth")),
        (("公民身份号码 ", "ID number "), case.buyer_id_number, ("身份证号", "ID number")),
        (("住址 ", "address "), case.buyer_address, ("住址", "address")),
        (("联系电话 ", "phone "), case.buyer_phone, ("电话", "phone"))], lang)


def _defendant(case: Case, lang: Lang) -> list[str]:
    name = case.seller_company or (choose(f"（店铺「{case.shop}」的经营者，待填写企业名称）",
                                          f"(the business behind the shop {case.shop}: name "
                                          "to fill in)", lang) if case.shop else "")
    return _party(("被告：", "Defendant: "), [
        (("", ""), name, ("企业名称，见店铺「营业执照」页",
                          "business name, from the shop's licence page")),
        (("统一社会信用代码 ", "unified social credit code "), case.seller_uscc,
         ("统一社会信用代码", "credit code")),
        (("住所地 ", "registered address "), case.seller_address, ("住所地", "address")),
        (("法定代表人 ", "legal representative "), case.seller_legal_rep,
         ("法定代表人", "legal representative"))], lang)


def _claims(case: Case, lang: Lang) -> list[str]:
    ctype = load_rules().complaint_type(case.complaint_type)
    request = case.requested_outcome.strip() or pick(ctype.request, lang)
    request = request.rstrip("。.")
    if case.request_option and case.request_option not in request:
        request = choose(f"{case.request_option}：{request}",
                         f"{case.request_option}: {request}", lang)
    amount = choose(f"（涉及金额人民币 {case.amount} 元）", f" (amount involved: ¥{case.amount})",
                    lang) if case.amount else ""
    return [choose(f"1. 判令被告{request}{amount}；", f"1. Order the defendant to: {request}"
                   f"{amount};", lang),
            choose("2. 本案诉讼费用由被告承担。", "2. Order the defendant to bear the costs of "
                   "this case.", lang)]


def _facts(case: Case, items: list[EvidenceItem], submissions: list[Submission], lang: Lang
           ) -> list[str]:
    ctype = load_rules().complaint_type(case.complaint_type)
    platform = t(f"platform.{case.platform}", lang=lang)
    orders = join_list(reference_orders(case, items), lang)
    product = case.product_name or case.title
    when = case.order_completed_on.isoformat() if case.order_completed_on else ""
    bought = choose(
        f"原告在{platform}被告经营的店铺「{case.shop or GAP}」购买{product}"
        + (f"（订单号 {orders}）" if orders else "")
        + (f"，实付 {case.amount} 元" if case.amount else "")
        + (f"，订单于 {when} 完成" if when else "") + "，双方之间成立买卖合同关系。",
        f"The plaintiff bought {product} from the defendant's shop {case.shop or GAP} on "
        f"{platform}" + (f" (order {orders})" if orders else "")
        + (f", paying ¥{case.amount}" if case.amount else "")
        + (f"; the order completed on {when}" if when else "")
        + ". A contract of sale was thus formed.", lang)
    out = [bought, case.description.strip() or pick(ctype.problem, lang)]
    tried = [choose(f"于 {s.submitted_on.isoformat()} 向{channel_name(s.channel, lang)}投诉",
                    f"complained to {channel_name(s.channel, lang)} on "
                    f"{s.submitted_on.isoformat()}", lang) for s in submissions]
    out.append(choose("原告多次与被告协商未果" + ("，并" + "、".join(tried) if tried else "")
                      + "，问题至今未得到解决。",
                      "The plaintiff tried to settle with the defendant without success"
                      + ("; the plaintiff also " + "; ".join(tried) if tried else "")
                      + ". The problem remains unresolved.", lang))
    law = pick(ctype.law, lang)
    if law:
        out += [choose("法律依据：", "Legal basis:", lang), *law]
    out.append(choose("为维护原告的合法权益，特依据《中华人民共和国民事诉讼法》的规定向贵院提起诉讼，"
                      "请依法判决。", "The plaintiff therefore brings this claim under the Civil "
                      "Procedure Law of the PRC and asks the court to decide it by law.", lang))
    return out

