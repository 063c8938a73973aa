"""Which kind of evidence an image is: order / chat / payment / logistics / photo / other."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PIL import Image

KEYWORDS: dict[str, tuple[str, ...]] = {
    "order": (
        "订单编号", "订单号", "创建时间", "成交时间", "发货时间", "实付款", "订单详情",
        "商品总价", "确认收货", "申请售后", "再买一单", "收货地址", "订单信息", "店铺优惠",
        "运费", "下单时间", "交易快照", "订单金额",
    ),
    "payment": (
        "支付宝", "账单详情", "付款金额", "交易号", "支付成功", "付款方式", "收款方",
        "商户订单号", "商家订单号", "账单分类", "支付时间", "付款成功", "交易成功",
        "花呗", "余额宝", "银行卡", "对此订单有疑问", "账单", "交易记录", "账单统计",
        "支出", "收入", "商户单号", "交易单号", "商户全称", "收单机构", "当前状态",
        "支付方式", "零钱", "电子回单",
    ),
    "logistics": (
        "快递", "物流", "运单号", "已签收", "派送", "揽收", "运输中", "中转", "快递员",
        "驿站", "签收", "发往", "到达", "派件", "揽件", "物流详情", "快递单号",
    ),
    "chat": (
        "已读", "未读", "发送", "客服", "亲", "在吗", "您好", "请问", "按住说话", "输入",
        "表情", "官方客服", "人工", "为您服务", "退款", "怎么", "吗", "？",
        "[图片]", "店铺>", "我要咨询", "稍后回复", "客户", "快捷短语", "搜索联系人",
        "小蜜", "店小二", "售后专员", "好的", "谢谢", "亲亲",
    ),
    "invoice": (
        "发票", "发票号码", "开票日期", "价税合计", "购买方", "销售方", "税额", "税率",
        "纳税人识别号", "开票人", "电子发票",
    ),
    "report": (
        "检验报告", "检测报告", "检测结果", "检验结论", "委托单位", "样品", "检验依据",
        "检测项目", "CMA", "CNAS",
    ),
}
# Words that weigh more: they almost only appear on one kind of screen.
STRONG: dict[str, tuple[str, ...]] = {
    "order": ("订单编号", "订单详情", "实付款", "成交时间", "商品总价"),
    "payment": ("账单详情", "付款金额", "支付宝交易号", "收款方", "账单分类", "交易记录",
                "账单统计", "商户单号", "交易单号", "商户全称", "收单机构"),
    "logistics": ("物流详情", "运单号", "快递单号", "已签收", "揽收"),
    "chat": ("已读", "未读", "按住说话", "发送", "快捷短语", "搜索联系人", "我要咨询"),
    "invoice": ("价税合计", "发票号码", "开票日期", "纳税人识别号"),
    "report": ("检验报告", "检测报告", "检验结论", "检验依据"),
}
# A chat's own furniture: the shop's quick-action bar under every conversation (Taobao's
# 查物流 催发货 退换货; JD's and Pinduoduo's 退款/售后 修改地址 查订单 价格保护), the agent
# named after the shop (旗舰店:小蜜), a nick with a full stamp over each message on the
# desktop. 查物流 alone says nothing about logistics; two of the bar's buttons say chat.
CHAT_BAR = re.compile(r"查物流|催发货|退换货|退款/售后|退换/售后|修改地址|查订单|价格保护")
AGENT = re.compile(r"(?:旗舰店|专营店|专卖店|官方店|网店|店)\s*[:：]\s*\S")
NICK_STAMP = re.compile(r"(?m)[A-Za-z]\w{3,}\s*20\d\d-\d\d-\d\d\s*\d\d:\d\d")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]")


def photo_likeness(img: Image.Image) -> float:
    """0..1: how much the image looks like a camera photo rather than a screen.

    Screens are dominated by a few flat colours; photos spread over many."""
    # Reduced first: converting a 1080 x 15000 capture whole cost 65 MB for 96 x 96 pixels.
    small = img.resize((96, 96), Image.Resampling.BILINEAR).convert("RGB")
    quantised = small.point(lambda v: v >> 4 << 4)
    colours = quantised.getcolors(96 * 96) or []
    colours.sort(reverse=True)
    top_share = sum(count for count, _ in colours[:4]) / (96 * 96)
    return max(0.0, min(1.0, 1.0 - top_share))


def meaningful_chars(text: str) -> int:
    return len(_MEANINGFUL.findall(text))


CONFIDENT = 70  # Tesseract word confidence above which a word is real text, not texture


def confident_chars(words: Iterable[tuple[str, float]]) -> int:
    """Characters in words Tesseract is sure of. Texture in a photo yields words too, but
    with low confidence; a screen's text is read with high confidence."""
    return sum(meaningful_chars(text) for text, conf in words if conf >= CONFIDENT)


def read_quality(words: Iterable[tuple[str, float]], sure_chars: int) -> float:
    """0..1: the share of the page's characters Tesseract is sure of (`sure_chars`, as
    confident_chars counted them); 1 for a page without text. Where it is low, what was
    not read may hold a phone number or a name."""
    total = sum(meaningful_chars(text) for text, _ in words)
    return 1.0 if total == 0 else sure_chars / total


# When the search for personal data cannot be trusted on an exhibit (the buyer is warned
# before export): a camera photo with text on it (a label, a screen photographed), a read
# with many unsure characters, a picture too small for its text (forwarded, shrunk).
DOUBT_PHOTO_SCORE = 0.3
DOUBT_QUALITY = 0.7  # ocr-dev screenshots with avatars and emoji read 0.7-0.8
DOUBT_MIN_WIDTH = 500
DOUBT_MIN_CHARS = 10


def privacy_doubt(photo_score: float, quality: float, width: int, sure_chars: int) -> str:
    """Why personal data may have been missed here: "photo", "unclear", "small" or ""."""
    if sure_chars < DOUBT_MIN_CHARS:
        return ""  # no text read for sure (a product photo's texture): none to hold it
    if photo_score > DOUBT_PHOTO_SCORE:
        return "photo"
    if quality < DOUBT_QUALITY:
        return "unclear"
    return "small" if width < DOUBT_MIN_WIDTH else ""


def classify(text: str, photo_score: float, sure_chars: int | None = None) -> str:
    compact = re.sub(r"\s+", "", text)
    chars = meaningful_chars(compact) if sure_chars is None else sure_chars
    if photo_score > 0.3 and chars < 8:
        return "photo"
    if photo_score > 0.55 and chars < 40:
        return "photo"
    scores: dict[str, float] = {}
    for kind, words in KEYWORDS.items():
        score = sum(1.0 for w in words if w in compact)
        score += sum(2.0 for w in STRONG[kind] if w in compact)
        scores[kind] = score
    bar = len(CHAT_BAR.findall(compact))
    if bar >= 2:
        scores["chat"] += 2.0 * bar
        scores["logistics"] -= 1.0  # the bar's 查物流 counted as 物流
    scores["chat"] += 2.0 * min(3, len(AGENT.findall(compact)))
    scores["chat"] += 1.5 * min(4, len(NICK_STAMP.findall(text)))
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < 2:
        return "photo" if photo_score > 0.45 and chars < 80 else "other"
    return best
