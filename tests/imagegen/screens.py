"""Renders phone and desktop screenshots of Taobao/Tmall, JD and Pinduoduo screens.

Each sample carries the truth a perfect extractor would return: kind, order numbers,
full timestamps and amounts. Everything is drawn from a seeded random.Random, so a
seed always gives the same image.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.paths import FONT_PATH

KINDS = ("order", "chat", "payment", "logistics", "photo", "other")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

SHOPS = ["优品家居旗舰店", "潮流数码专营店", "小米官方旗舰店", "简约生活馆", "宝贝母婴店",
         "品质鞋服工厂店", "华为授权体验店", "美妆小铺"]
GOODS = ["无线蓝牙耳机 降噪版", "纯棉四件套 1.8米床", "不锈钢保温杯 500ml",
         "儿童益智积木玩具", "男士休闲运动鞋 42码", "电动牙刷 声波款", "羊毛围巾 灰色",
         "机械键盘 青轴"]
BUYER_LINES = ["你好，我收到的商品有破损", "请问什么时候发货？", "已经一个星期了还没发货",
               "商品和描述不符，要求退款", "在吗？请回复一下", "我已经申请退款了",
               "请尽快处理，谢谢", "质量太差了，穿了一次就坏了"]
SELLER_LINES = ["亲，您好，请稍等", "亲，我们会尽快为您处理", "已经为您催促仓库了",
                "亲，请提供一下照片", "这个不支持退款哦"]


@dataclass
class Sample:
    image: Image.Image
    kind: str
    order_numbers: list[str] = field(default_factory=list)
    timestamps: list[str] = field(default_factory=list)  # ISO, full stamps only
    amounts: list[str] = field(default_factory=list)
    name: str = ""


class Fonts:
    def __init__(self, rng: random.Random) -> None:
        path = NOTO if NOTO.exists() and rng.random() < 0.5 else FONT_PATH
        self.path = str(path)
        self._cache: dict[int, ImageFont.FreeTypeFont] = {}

    def __call__(self, size: int) -> ImageFont.FreeTypeFont:
        if size not in self._cache:
            self._cache[size] = ImageFont.truetype(self.path, size)
        return self._cache[size]


class Canvas:
    """A phone screen being filled top to bottom."""

    def __init__(self, rng: random.Random, width: int, height: int, dark: bool = False) -> None:
        self.rng = rng
        self.bg = (25, 25, 28) if dark else (245, 245, 245)
        self.fg = (230, 230, 230) if dark else (34, 34, 34)
        self.muted = (150, 150, 155) if dark else (120, 120, 120)
        self.card = (44, 44, 48) if dark else (255, 255, 255)
        self.image = Image.new("RGB", (width, height), self.bg)
        self.draw = ImageDraw.Draw(self.image)
        self.fonts = Fonts(rng)
        self.width = width
        self.s = width / 750  # layout unit: 750 px is the design width of these apps
        self.y = 0

    def px(self, v: float) -> int:
        return round(v * self.s)

    def status_bar(self) -> None:
        h = self.px(40)
        clock = f"{self.rng.randint(8, 23)}:{self.rng.randint(0, 59):02d}"
        self.draw.text((self.px(30), self.px(8)), clock, fill=self.fg, font=self.fonts(self.px(24)))
        self.draw.rectangle((self.width - self.px(80), self.px(12), self.width - self.px(40),
                             self.px(28)), outline=self.fg, width=2)
        self.y = h

    def title_bar(self, title: str) -> None:
        h = self.px(88)
        self.draw.rectangle((0, self.y, self.width, self.y + h), fill=self.card)
        font = self.fonts(self.px(34))
        w = self.draw.textlength(title, font=font)
        self.draw.text(((self.width - w) / 2, self.y + self.px(22)), title, fill=self.fg, font=font)
        self.draw.text((self.px(24), self.y + self.px(18)), "<", fill=self.fg, font=font)
        self.y += h + self.px(16)

    def card_start(self) -> int:
        return self.y

    def card_end(self, top: int) -> None:
        self.draw.rounded_rectangle((self.px(20), top, self.width - self.px(20),
                                     self.y + self.px(16)), radius=self.px(16), fill=None,
                                    outline=self.card, width=1)
        self.y += self.px(32)

    def row(self, label: str, value: str, size: int = 26, extra: str = "") -> None:
        font = self.fonts(self.px(size))
        self.draw.text((self.px(40), self.y), label, fill=self.muted, font=font)
        x = self.px(200)
        self.draw.text((x, self.y), value, fill=self.fg, font=font)
        if extra:
            vx = x + self.draw.textlength(value, font=font) + self.px(20)
            bw = self.draw.textlength(extra, font=self.fonts(self.px(22))) + self.px(20)
            self.draw.rounded_rectangle((vx, self.y - self.px(2), vx + bw, self.y + self.px(34)),
                                        radius=self.px(16), outline=self.muted, width=1)
            self.draw.text((vx + self.px(10), self.y + self.px(2)), extra, fill=self.muted,
                           font=self.fonts(self.px(22)))
        self.y += self.px(size + 22)

    def text(self, text: str, size: int = 28, x: float = 40, color: tuple[int, int, int] | None
             = None, bold: bool = False) -> None:
        font = self.fonts(self.px(size))
        self.draw.text((self.px(x), self.y), text, fill=color or self.fg, font=font,
                       stroke_width=1 if bold else 0, stroke_fill=color or self.fg)
        self.y += self.px(size + 18)

    def product(self, name: str, price: str) -> None:
        top = self.y
        box = self.px(140)
        self._photo_patch(self.px(40), top, box, box)
        font = self.fonts(self.px(26))
        self.draw.text((self.px(200), top + self.px(8)), name, fill=self.fg, font=font)
        self.draw.text((self.px(200), top + self.px(60)), "颜色分类：默认", fill=self.muted,
                       font=self.fonts(self.px(22)))
        self.draw.text((self.width - self.px(170), top + self.px(8)), f"¥{price}", fill=self.fg,
                       font=font)
        self.draw.text((self.width - self.px(100), top + self.px(50)), "x1", fill=self.muted,
                       font=self.fonts(self.px(22)))
        self.y = top + box + self.px(24)

    def _photo_patch(self, x: int, y: int, w: int, h: int) -> None:
        patch = random_photo(self.rng, max(8, w), max(8, h))
        self.image.paste(patch, (x, y))


def random_photo(rng: random.Random, w: int, h: int) -> Image.Image:
    """Photo-like texture: smooth colour gradients, shapes, lighting and sensor noise."""
    small = Image.new("RGB", (8, 8))
    base = [rng.randint(40, 220) for _ in range(3)]
    small.putdata([tuple(max(0, min(255, c + rng.randint(-60, 60))) for c in base)
                   for _ in range(64)])
    img = small.resize((w, h), Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(2, 5)):
        cx, cy = rng.randint(0, w), rng.randint(0, h)
        r = rng.randint(max(2, min(w, h) // 8), max(3, min(w, h) // 2))
        colour = tuple(rng.randint(20, 235) for _ in range(3))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
    img = img.filter(ImageFilter.GaussianBlur(max(1, min(w, h) // 60)))
    noise = seeded_noise(rng, (w, h), rng.randint(12, 30)).convert("RGB")
    return Image.blend(img, noise, 0.12)


def seeded_noise(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Grey noise around 128 with standard deviation sigma, drawn from rng (unlike
    Image.effect_noise, whose C random generator would make every run different)."""
    spread = sigma * 3 ** 0.5 / 127.5  # uniform noise of this width has deviation sigma
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point(lambda v: round(128 + (v - 127.5) * spread))


def order_no(rng: random.Random, platform: str) -> str:
    if platform == "jd":
        return str(rng.randint(10**11, 10**12 - 1))
    if platform == "pdd":
        return f"{rng.randint(240101, 241231)}-{rng.randint(10**14, 10**15 - 1)}"
    return str(rng.randint(10**17, 10**19 - 1))


def moment(rng: random.Random) -> datetime:
    start = datetime(2024, 1, 1)
    return start + timedelta(seconds=rng.randint(0, 300 * 86400))


def price(rng: random.Random) -> str:
    cents = rng.choice(["00", "90", "99", "50", str(rng.randint(10, 99))])
    return f"{rng.randint(9, 2999)}.{cents}"


def spaced(number: str, rng: random.Random) -> str:
    """Order numbers are sometimes shown in groups of 4 or 6 digits."""
    if "-" in number or rng.random() < 0.7:
        return number
    step = rng.choice([4, 6])
    return " ".join(number[i:i + step] for i in range(0, len(number), step))


def order_screen(rng: random.Random, width: int, height: int) -> Sample:
    platform = rng.choice(["taobao", "taobao", "tmall", "jd", "pdd"])
    c = Canvas(rng, width, height)
    c.status_bar()
    c.title_bar("订单详情")
    c.text(rng.choice(["交易成功", "卖家已发货", "等待买家收货", "交易关闭"]), size=36, bold=True)
    shop = rng.choice(SHOPS)
    c.text(shop, size=28)
    p = price(rng)
    c.product(rng.choice(GOODS), p)
    no = order_no(rng, platform)
    created = moment(rng)
    paid = created + timedelta(minutes=rng.randint(0, 30), seconds=rng.randint(0, 59))
    shipped = paid + timedelta(hours=rng.randint(2, 72), seconds=rng.randint(0, 59))
    done = shipped + timedelta(days=rng.randint(2, 9), seconds=rng.randint(0, 59))
    stamps = [created, paid, shipped, done]
    c.row("商品总价", f"¥{p}")
    c.row("运费", "¥0.00")
    c.row("实付款", f"¥{p}", size=28)
    c.y += c.px(10)
    label = {"jd": "订单号：", "pdd": "订单编号："}.get(platform, "订单编号")
    c.row(label, spaced(no, rng), extra="复制")
    truth_amounts = [p]
    if platform in ("taobao", "tmall"):
        trade = f"{created:%Y%m%d}2200{rng.randint(10**15, 10**16 - 1)}"
        c.row("支付宝交易号", trade)
    names = ["创建时间", "付款时间", "发货时间", "成交时间"]
    if platform == "jd":
        names = ["下单时间", "付款时间", "发货时间", "完成时间"]
    for name, when in zip(names, stamps, strict=True):
        c.row(name, f"{when:%Y-%m-%d %H:%M:%S}")
    c.text("申请售后    再买一单    确认收货", size=26, x=260, color=c.muted)
    return Sample(c.image, "order", [no], [f"{s:%Y-%m-%dT%H:%M:%S}" for s in stamps],
                  truth_amounts)


def chat_screen(rng: random.Random, width: int, height: int) -> Sample:
    dark = rng.random() < 0.3
    c = Canvas(rng, width, height, dark=dark)
    c.status_bar()
    c.title_bar(rng.choice(SHOPS))
    start = moment(rng)
    truth_stamps: list[str] = []
    truth_orders: list[str] = []
    truth_amounts: list[str] = []
    when = start
    first = True
    buyer_bg = (0, 122, 255) if not dark else (10, 90, 200)
    seller_bg = c.card
    while c.y < height - c.px(260):
        if first or rng.random() < 0.35:
            style = rng.choice(["full", "full", "md", "yesterday", "weekday", "time"])
            if first:
                style = "full"
            when += timedelta(hours=rng.randint(1, 40), minutes=rng.randint(0, 59))
            sep = {
                "full": f"{when:%Y-%m-%d %H:%M}",
                "md": f"{when:%m-%d %H:%M}",
                "yesterday": f"昨天 {when:%H:%M}",
                "weekday": f"星期{'一二三四五六日'[when.weekday()]} {when:%H:%M}",
                "time": f"{when:%H:%M}",
            }[style]
            if style == "full":
                truth_stamps.append(f"{when:%Y-%m-%dT%H:%M}")
            font = c.fonts(c.px(22))
            w = c.draw.textlength(sep, font=font)
            c.draw.text(((width - w) / 2, c.y), sep, fill=c.muted, font=font)
            c.y += c.px(50)
            first = False
        if not truth_orders and rng.random() < 0.25:
            # an order card sent into the chat
            no = order_no(rng, "taobao")
            p = price(rng)
            top = c.y
            c.draw.rounded_rectangle((c.px(120), top, width - c.px(120), top + c.px(200)),
                                     radius=c.px(12), fill=c.card)
            c.y = top + c.px(20)
            c.text(rng.choice(GOODS), size=24, x=140)
            c.text(f"订单号：{no}", size=22, x=140, color=c.muted)
            c.text(f"实付：¥{p}", size=22, x=140)
            c.y = top + c.px(220)
            truth_orders.append(no)
            truth_amounts.append(p)
            continue
        buyer = rng.random() < 0.55
        text = rng.choice(BUYER_LINES if buyer else SELLER_LINES)
        font = c.fonts(c.px(28))
        tw = c.draw.textlength(text, font=font)
        h = c.px(72)
        avatar = c.px(70)
        if buyer:
            x1 = width - c.px(40) - avatar - c.px(20)
            x0 = x1 - tw - c.px(40)
            c.draw.rounded_rectangle((x0, c.y, x1, c.y + h), radius=c.px(14), fill=buyer_bg)
            c.draw.text((x0 + c.px(20), c.y + c.px(18)), text, fill=(255, 255, 255), font=font)
            c._photo_patch(width - c.px(40) - avatar, c.y, avatar, avatar)
            if rng.random() < 0.5:
                c.draw.text((x0 - c.px(70), c.y + h - c.px(30)), rng.choice(["已读", "未读"]),
                            fill=c.muted, font=c.fonts(c.px(20)))
        else:
            c._photo_patch(c.px(40), c.y, avatar, avatar)
            x0 = c.px(40) + avatar + c.px(20)
            c.draw.rounded_rectangle((x0, c.y, x0 + tw + c.px(40), c.y + h), radius=c.px(14),
                                     fill=seller_bg)
            c.draw.text((x0 + c.px(20), c.y + c.px(18)), text, fill=c.fg, font=font)
        c.y += h + c.px(34)
    # input bar
    top = height - c.px(110)
    c.draw.rectangle((0, top, width, height), fill=c.card)
    c.draw.text((c.px(40), top + c.px(34)), "按住说话", fill=c.muted, font=c.fonts(c.px(26)))
    c.draw.text((width - c.px(120), top + c.px(34)), "发送", fill=c.fg, font=c.fonts(c.px(26)))
    return Sample(c.image, "chat", truth_orders, truth_stamps, truth_amounts)


def payment_screen(rng: random.Random, width: int, height: int) -> Sample:
    c = Canvas(rng, width, height)
    c.status_bar()
    c.title_bar("账单详情")
    c.y += c.px(30)
    c.text(rng.choice(SHOPS), size=30, x=250)
    p = price(rng)
    c.text(f"-{p}", size=60, x=230, bold=True)
    c.text("交易成功", size=26, x=320, color=c.muted)
    c.y += c.px(20)
    when = moment(rng)
    no = f"{when:%Y%m%d}2200{rng.randint(10**15, 10**16 - 1)}"
    merchant = order_no(rng, "taobao")
    c.row("付款方式", rng.choice(["余额宝", "花呗", "招商银行储蓄卡(1234)"]))
    c.row("商品说明", rng.choice(GOODS))
    c.row("收款方", rng.choice(SHOPS))
    c.row("付款金额", f"¥{p}")
    c.row("创建时间", f"{when:%Y-%m-%d %H:%M:%S}")
    c.row("订单号", no)
    c.row("商家订单号", f"T200P{merchant}")
    c.text("账单分类    购物", size=24, color=c.muted)
    c.text("对此订单有疑问", size=24, color=c.muted)
    # Alipay's own 订单号 is its trade number; the shop's order is 商家订单号 after T200P.
    return Sample(c.image, "payment", [merchant], [f"{when:%Y-%m-%dT%H:%M:%S}"], [p])


def logistics_screen(rng: random.Random, width: int, height: int) -> Sample:
    c = Canvas(rng, width, height)
    c.status_bar()
    c.title_bar("物流详情")
    company, prefix = rng.choice([("顺丰速运", "SF"), ("圆通速递", "YT"), ("中通快递", ""),
                                  ("韵达快递", "")])
    tracking = prefix + str(rng.randint(10**12, 10**13 - 1))
    c.row("快递公司", company)
    c.row("运单号", tracking, extra="复制")
    c.y += c.px(10)
    when = moment(rng)
    events = ["已签收，签收人：本人", "派送中，快递员正在为您派件", "到达【杭州转运中心】",
              "已发往【上海分拨中心】", "运输中", "已揽收"]
    stamps = []
    for ev in events[: rng.randint(4, 6)]:
        c.text(ev, size=26, x=80)
        c.text(f"{when:%Y-%m-%d %H:%M:%S}", size=22, x=80, color=c.muted)
        stamps.append(f"{when:%Y-%m-%dT%H:%M:%S}")
        when -= timedelta(hours=rng.randint(3, 20), minutes=rng.randint(0, 59))
    return Sample(c.image, "logistics", [], stamps, [])


def photo_sample(rng: random.Random, width: int, height: int) -> Sample:
    img = random_photo(rng, width, height)
    return Sample(img, "photo")


def other_screen(rng: random.Random, width: int, height: int) -> Sample:
    """A product listing page: prices and claims, no order data."""
    c = Canvas(rng, width, height)
    c.status_bar()
    c._photo_patch(0, c.y, width, width)
    c.y += width + c.px(20)
    p = price(rng)
    c.text(f"¥{p}", size=44, bold=True, color=(255, 80, 0))
    c.text(rng.choice(GOODS), size=30)
    c.text(rng.choice(["正品保障 假一赔十", "官方正品 七天无理由", "限时特惠 全网最低价"]),
           size=24, color=c.muted)
    c.text("月销 1万+    好评率 98%", size=24, color=c.muted)
    return Sample(c.image, "other", [], [], [p])


MAKERS = {
    "order": order_screen,
    "chat": chat_screen,
    "payment": payment_screen,
    "logistics": logistics_screen,
    "photo": photo_sample,
    "other": other_screen,
}


def degrade(img: Image.Image, rng: random.Random, level: str) -> Image.Image:
    """What happens to screenshots on their way to the buyer's computer."""
    if level == "clean":
        return img
    if level in ("forwarded", "heavy"):
        # forwarded through a chat app: halved and recompressed
        img = img.resize((img.width // 2, img.height // 2), Image.Resampling.BILINEAR)
    if level in ("photographed", "heavy"):
        img = img.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC,
                         expand=True, fillcolor=(200, 200, 200))
        img = img.filter(ImageFilter.GaussianBlur(0.6))
        noise = seeded_noise(rng, img.size, 18).convert("RGB")
        img = Image.blend(img, noise, 0.05)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(60, 75))
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def generate(seed: int, kind: str | None = None, level: str | None = None) -> Sample:
    rng = random.Random(seed)
    kind = kind or rng.choice(KINDS)
    width = rng.choice([750, 828, 1080, 1170, 1290])
    height = int(width * rng.uniform(1.9, 2.17))
    if kind == "photo":
        width, height = rng.choice([(1600, 1200), (1200, 1600), (1024, 768)])
    sample = MAKERS[kind](rng, width, height)
    level = level or rng.choice(["clean", "clean", "jpeg", "forwarded", "photographed"])
    sample.image = degrade(sample.image, rng, level)
    sample.name = f"{seed:05d}-{kind}-{level}"
    return sample


def generate_corpus(count: int, seed: int = 1) -> list[tuple[int, str]]:
    """(seed, kind) pairs, kinds spread evenly: the sample set of the benchmark."""
    rng = random.Random(seed)
    return [(rng.randint(0, 10**9), KINDS[i % len(KINDS)]) for i in range(count)]
