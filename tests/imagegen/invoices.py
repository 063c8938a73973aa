"""Chinese invoices laid out as the tax system issues them: the 数电票 (全电发票) PDF with
its text in separate runs (labels apart from their values, the total in words and in
figures on one row), and the older VAT e-invoice with a 发票代码, as a scan (no text)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from app.paths import FONT_PATH

BUYER_ID = "110101199003074573"  # an individual buyer's 纳税人识别号 is their ID number
SELLER_TAX_ID = "91330106MA2H3K4L5N"

# (x, y in points from the top, text): one run each, as a PDF generator writes them.
DIGITAL_RUNS = [
    (190, 50, "电子发票（普通发票）"),
    (400, 40, "发票号码："), (460, 40, "24332000000123456789"),
    (400, 58, "开票日期："), (460, 58, "2024年11月20日"),
    (40, 100, "购买方信息"), (95, 100, "名称：柯沐阳"),
    (80, 118, "统一社会信用代码/纳税人识别号："), (250, 118, BUYER_ID),
    (300, 100, "销售方信息"), (355, 100, "名称：杭州某某电子商务有限公司"),
    (350, 118, "统一社会信用代码/纳税人识别号："), (350, 132, SELLER_TAX_ID),
    (40, 160, "项目名称"), (150, 160, "单位"), (190, 160, "数量"), (230, 160, "单价"),
    (290, 160, "金额"), (350, 160, "税率/征收率"), (430, 160, "税额"),
    (40, 178, "*家用电器*电热水壶"), (150, 178, "台"), (190, 178, "1"),
    (230, 178, "113.27433628"), (290, 178, "113.27"), (350, 178, "13%"),
    (430, 178, "14.73"),
    (40, 220, "合"), (60, 220, "计"), (290, 220, "¥113.27"), (430, 220, "¥14.73"),
    (40, 244, "价税合计（大写）"), (150, 244, "⊗壹佰贰拾捌圆整"),
    (330, 244, "（小写）"), (370, 244, "¥128.00"),
    (40, 280, "备注"), (40, 320, "开票人：王芳"),
]


def digital_invoice_pdf(path: Path) -> Path:
    """A 数电票 as downloaded: one A4 page, its text a layer of runs."""
    pdfmetrics.registerFont(TTFont("wqy", str(FONT_PATH)))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(30, A4[1] - 340, 535, 310)
    for x, y, text in DIGITAL_RUNS:
        c.setFont("wqy", 16 if y == 50 else 9)
        c.drawString(x, A4[1] - y, text)
    c.save()
    return path


VAT_ROWS = [
    ("广东增值税电子普通发票", 0, 48),
    ("发票代码：044002000111", 1100, 34),
    ("发票号码：08315562", 1100, 34),
    ("开票日期：2021年03月05日", 1100, 34),
    ("校验码：73420 19345 80271 55013", 1100, 34),
    ("购  名称：柯沐阳", 0, 34),
    ("合计 ¥88.50 ¥11.50", 0, 34),
    ("价税合计（大写）壹佰圆整 （小写）¥100.00", 0, 34),
]


def vat_invoice_scan(path: Path) -> Path:
    """The older VAT e-invoice printed and scanned: a picture, no text layer."""
    img = Image.new("RGB", (2000, 900), "white")
    draw = ImageDraw.Draw(img)
    y = 50
    for text, x, size in VAT_ROWS:
        draw.text((x or 60, y), text, fill="black",
                  font=ImageFont.truetype(str(FONT_PATH), size))
        y += 80
    img.save(path)
    return path
