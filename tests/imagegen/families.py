"""Screens by family, as issue #13 names them: an Alipay bill detail (its own 28-digit
订单号 beside the shop's 商家订单号 T200P…), a WeChat Pay bill (交易单号 beside 商户单号),
the Taobao PC order page (订单信息 in two columns, small grey labels), Qianniu desktop
chat (nick + stamp over each message in small grey, an order card per order on the right),
a JD order page and a Pinduoduo order page. Each with its truth; `forwarded` gives the
copy a chat app makes (halved, JPEG q60-75)."""

from __future__ import annotations

import random
from datetime import timedelta

from PIL import Image, ImageDraw

from tests.imagegen.screens import (
    GOODS,
    SHOPS,
    Canvas,
    Fonts,
    Sample,
    degrade,
    moment,
    order_no,
    payment_screen,
    price,
)

GREY, INK, MUTED = (153, 153, 153), (51, 51, 51), (120, 120, 120)


def _stamp(when: object) -> str:
    return f"{when:%Y-%m-%dT%H:%M:%S}"


def _shown(when: object) -> str:
    return f"{when:%Y-%m-%d %H:%M:%S}"


def alipay_bill(rng: random.Random) -> Sample:
    return payment_screen(rng, 1080, 2340)


def wechat_pay_bill(rng: random.Random) -> Sample:
    c = Canvas(rng, 1080, 2340)
    c.status_bar()
    c.title_bar("账单详情")
    c.text(rng.choice(SHOPS), size=30, x=300)
    p = price(rng)
    c.text(f"-{p}", size=64, x=250, bold=True)  # WeChat writes the big amount with no ¥
    c.y += c.px(20)
    when = moment(rng)
    merchant = order_no(rng, "taobao")
    c.row("当前状态", "支付成功")
    c.row("支付时间", f"{when:%Y年%m月%d日 %H:%M:%S}")
    c.row("商品", rng.choice(GOODS))
    c.row("商户全称", "杭州某某网络科技有限公司")
    c.row("支付方式", "零钱")
    c.row("交易单号", f"4200{rng.randint(10**23, 10**24 - 1)}")
    c.row("商户单号", merchant)
    return Sample(c.image, "payment", [merchant], [_stamp(when)], [p])


def taobao_pc_order(rng: random.Random) -> Sample:
    """The browser's 订单详情 at 2x (a HiDPI screenshot): 13 px type drawn at 26 px."""
    scale = 2
    img = Image.new("RGB", (1180 * scale, 760 * scale), "white")
    draw = ImageDraw.Draw(img)
    fonts = Fonts(rng)

    def text(x: int, y: int, value: str, colour: tuple[int, int, int] = INK,
             size: int = 12) -> None:
        draw.text((x * scale, y * scale), value, fill=colour, font=fonts(size * scale))

    draw.rectangle((0, 0, 1180 * scale, 40 * scale), fill=(255, 80, 0))
    text(36, 12, "我的淘宝 > 已买到的宝贝 > 订单详情", (255, 255, 255), 13)
    created = moment(rng)
    paid = created + timedelta(minutes=rng.randint(1, 30), seconds=rng.randint(0, 59))
    shipped = paid + timedelta(hours=rng.randint(3, 60), seconds=rng.randint(0, 59))
    done = shipped + timedelta(days=rng.randint(2, 9), seconds=rng.randint(0, 59))
    draw.rectangle((37 * scale, 150 * scale, 1143 * scale, 370 * scale), outline=(230, 230, 230))
    text(51, 165, "订单信息", INK, 13)
    no, p = order_no(rng, "taobao"), price(rng)
    trade = f"{created:%Y%m%d}2200{rng.randint(10**15, 10**16 - 1)}"
    rows = [("收货地址：", "浙江省 杭州市 西湖区 文三路 88号", "", ""),
            ("卖家：", rng.choice(SHOPS), "", ""),
            ("订单编号：", no, "支付宝交易号：", trade),
            ("创建时间：", _shown(created), "付款时间：", _shown(paid)),
            ("发货时间：", _shown(shipped), "成交时间：", _shown(done))]
    for n, (label, value, label2, value2) in enumerate(rows):
        y = 200 + n * 26
        text(51, y, label, GREY)
        text(51 + 12 * len(label), y, value)
        if label2:
            text(590, y, label2, GREY)
            text(590 + 12 * len(label2), y, value2)
    text(51, 400, "宝贝", MUTED)
    text(600, 400, "单价", MUTED)
    text(120, 440, rng.choice(GOODS))
    text(600, 440, p)
    text(950, 500, "实付款：", MUTED)
    text(1010, 496, f"¥{p}", (255, 80, 0), 18)
    return Sample(img, "order", [no], [_stamp(s) for s in (created, paid, shipped, done)], [p])


def qianniu_desktop(rng: random.Random) -> Sample:
    """Qianniu/Wangwang on a desktop at 100 %: 12 px grey headers, an order panel."""
    img = Image.new("RGB", (1280, 800), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    fonts = Fonts(rng)
    draw.rectangle((0, 0, 240, 800), fill=(235, 238, 242))
    draw.text((16, 16), "联系人", fill=INK, font=fonts(14))
    nicks = [f"tb{rng.randint(10**8, 10**9 - 1)}" for _ in range(5)]
    for n, nick in enumerate(nicks):
        draw.text((16, 56 + n * 44), nick, fill=INK, font=fonts(13))
    buyer, agent = nicks[0], f"{rng.choice(SHOPS)}:小蜜"
    when = moment(rng)
    stamps, y = [], 40
    for n in range(5):
        who = buyer if n % 2 == 0 else agent
        when += timedelta(minutes=rng.randint(2, 300), seconds=rng.randint(0, 59))
        draw.text((270, y), f"{who}  {when:%Y-%m-%d %H:%M:%S}", fill=GREY, font=fonts(12))
        line = rng.choice(["你好，我收到的商品有破损", "请问什么时候发货？", "亲，请稍等"])
        draw.rounded_rectangle((268, y + 20, 268 + 16 * len(line) + 24, y + 52), 6,
                               fill="white")
        draw.text((280, y + 27), line, fill=INK, font=fonts(14))
        stamps.append(_stamp(when))
        y += 90
    draw.rectangle((960, 0, 1280, 800), fill="white")
    draw.text((976, 16), "订单", fill=INK, font=fonts(14))
    orders, amounts = [], []
    for n in range(2):
        top = 56 + n * 180
        no, p = order_no(rng, "taobao"), price(rng)
        draw.rectangle((970, top, 1270, top + 160), outline=(225, 225, 225))
        draw.text((982, top + 12), rng.choice(GOODS), fill=INK, font=fonts(13))
        draw.text((982, top + 44), f"实付：¥{p}", fill=INK, font=fonts(13))
        draw.text((982, top + 76), f"订单号：{no}", fill=GREY, font=fonts(12))
        draw.text((982, top + 104), "交易成功", fill=GREY, font=fonts(12))
        orders.append(no)
        amounts.append(p)
    draw.rectangle((240, 680, 960, 800), fill="white")
    draw.text((256, 760), "快捷短语    发送", fill=MUTED, font=fonts(13))
    return Sample(img, "chat", orders, stamps, amounts)


def _phone_order(rng: random.Random, platform: str, label: str, time_labels: list[str]
                 ) -> Sample:
    c = Canvas(rng, 1080, 2340)
    c.status_bar()
    c.title_bar("订单详情")
    c.text(rng.choice(["已完成", "待收货"]), size=34, bold=True)
    p = price(rng)
    c.product(rng.choice(GOODS), p)
    c.row("商品总额", f"¥{p}")
    c.row("运费", "¥0.00")
    c.row("实付款", f"¥{p}", size=28)
    no = order_no(rng, platform)
    c.y += c.px(10)
    c.row(label, no, extra="复制")
    when = moment(rng)
    stamps = []
    for name in time_labels:
        c.row(name, f"{when:%Y-%m-%d %H:%M:%S}")
        stamps.append(_stamp(when))
        when += timedelta(hours=rng.randint(1, 40), seconds=rng.randint(0, 59))
    c.text("联系商家    申请售后    再次购买", size=26, x=240, color=c.muted)
    return Sample(c.image, "order", [no], stamps, [p, "0.00"])


def jd_order(rng: random.Random) -> Sample:
    return _phone_order(rng, "jd", "订单编号", ["下单时间", "付款时间"])


def pdd_order(rng: random.Random) -> Sample:
    return _phone_order(rng, "pdd", "订单编号", ["下单时间", "成团时间", "发货时间"])


FAMILIES = {"alipay": alipay_bill, "wechat_pay": wechat_pay_bill,
            "taobao_pc": taobao_pc_order, "qianniu": qianniu_desktop, "jd": jd_order,
            "pdd": pdd_order}


def family_sample(family: str, seed: int, forwarded: bool = False) -> Sample:
    rng = random.Random(seed)
    sample = FAMILIES[family](rng)
    if forwarded:
        sample.image = degrade(sample.image, rng, "forwarded")
    sample.name = f"{family}-{seed}{'-forwarded' if forwarded else ''}"
    return sample
