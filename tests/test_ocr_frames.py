"""What Tesseract alone misses, read with the second engine (real Tesseract and PP-OCR):
an order number a buyer framed in red, one a chat bubble wrapped over two lines, and
small PC-page text whose box Tesseract merges with the row above."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.ocr.ink import ink_band, ink_pieces, past_the_ink
from app.ocr.paddle import shared_reader
from app.ocr.regions import reread_regions
from app.ocr.scan import scan_file
from app.ocr.second import MAX_CROP_WIDTH, cut_short_crop, line_pieces
from app.ocr.words import Line, Word, build_line
from tests.imagegen.screens import FONT_PATH


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size)


def _chat(width: int = 720, height: int = 900) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (width, height), (244, 244, 244))
    draw = ImageDraw.Draw(img)
    draw.text((250, 40), "罗技京东自营官方旗舰店", fill=(20, 20, 20), font=_font(30))
    for y, text in ((150, "快递一直显示在途"), (620, "好的，谢谢"), (740, "什么时候退款")):
        draw.rounded_rectangle((300, y - 20, 600, y + 50), 12, fill=(255, 228, 225))
        draw.text((320, y), text, fill=(20, 20, 20), font=_font(28))
    return img, draw


def test_an_order_number_framed_in_red_by_the_buyer_is_read(tmp_path: Path) -> None:
    img, draw = _chat()
    draw.rounded_rectangle((210, 380, 600, 450), 12, fill=(255, 228, 225))
    draw.text((230, 398), "订单编号240918595690", fill=(20, 20, 20), font=_font(28))
    # The buyer's annotations: a red frame round the number, a word scribbled above it.
    draw.rectangle((205, 372, 606, 458), outline=(230, 20, 30), width=3)
    draw.line((208, 360, 208, 470), fill=(230, 20, 30), width=2)
    draw.text((200, 300), "重复扣款", fill=(230, 20, 30), font=_font(40), stroke_width=2,
              stroke_fill=(230, 20, 30))
    path = tmp_path / "framed.png"
    img.save(path)
    assert scan_file(path).order_numbers == ["240918595690"]


def test_a_framed_region_tesseract_made_a_garbled_line_of_is_read_again() -> None:
    """What Tesseract gave for a framed order number on a dev screenshot: '|局' over a box
    six text heights tall. PP-OCR finds and reads the line inside; true lines stay."""
    img, draw = _chat()
    draw.rectangle((205, 372, 606, 458), outline=(230, 20, 30), width=3)
    draw.text((230, 398), "订单编号240918595690", fill=(20, 20, 20), font=_font(28))
    sure = [build_line([Word(ch, 95.0, (320 + 28 * i, 150, 28, 30))
                        for i, ch in enumerate("快递一直显示在途")])]
    garbled = build_line([Word("|", 30.0, (205, 330, 20, 170)),
                          Word("局", 20.0, (560, 330, 46, 170))])
    lines: list[Line] = reread_regions(img, [*sure, garbled], shared_reader())
    assert lines[0] is sure[0]
    assert [line.text.replace(" ", "") for line in lines[1:]] == ["订单编号240918595690"]
    assert 370 <= lines[1].box[1] <= 420


def test_an_order_number_a_chat_bubble_wrapped_is_read_whole(tmp_path: Path) -> None:
    img, draw = _chat()
    draw.rounded_rectangle((200, 360, 600, 490), 14, fill=(255, 236, 218))
    draw.text((220, 378), "订单编号241205-9895239", fill=(20, 20, 20), font=_font(30))
    draw.text((220, 428), "08454353", fill=(20, 20, 20), font=_font(30))
    path = tmp_path / "wrapped.png"
    img.save(path)
    assert scan_file(path).order_numbers == ["241205-989523908454353"]


def test_small_pc_page_rows_close_together_keep_every_digit(tmp_path: Path) -> None:
    """A browser's 订单详情 at 12 px: each number is read from its own row of ink."""
    img = Image.new("RGB", (1180, 420), "white")
    draw = ImageDraw.Draw(img)
    small, grey, black = _font(12), (150, 150, 150), (30, 30, 30)
    draw.rectangle((0, 0, 1180, 40), fill=(255, 80, 0))
    draw.text((36, 12), "我的淘宝 > 已买到的宝贝 > 订单详情", fill="white", font=_font(13))
    draw.text((50, 90), "订单信息", fill=black, font=_font(13))
    rows = [("收货地址：", "四川省 成都市 武侯区 桂溪街道 天府大道中段 1268号", "", ""),
            ("卖家：", "三只松鼠旗舰店", "", ""),
            ("订单编号：", "2512255274481750400", "支付宝交易号：", "2024040522001166870625104502"),
            ("创建时间：", "2024-04-05 23:44:36", "付款时间：", "2024-04-05 23:49:10"),
            ("发货时间：", "2024-04-06 01:16:13", "成交时间：", "2024-04-15 08:07:43")]
    for n, (label, value, label2, value2) in enumerate(rows):
        y = 130 + n * 26
        draw.text((50, y), label, fill=grey, font=small)
        draw.text((50 + draw.textlength(label, font=small), y), value, fill=black, font=small)
        if label2:
            draw.text((590, y), label2, fill=grey, font=small)
            draw.text((590 + draw.textlength(label2, font=small), y), value2, fill=black,
                      font=small)
    path = tmp_path / "pc.png"
    img.save(path)
    result = scan_file(path)
    assert result.order_numbers == ["2512255274481750400"]
    assert {"2024-04-05T23:44:36", "2024-04-15T08:07:43"} <= set(result.timestamps)


def test_a_crop_is_cut_down_to_its_numbers_row_of_ink() -> None:
    img = Image.new("RGB", (300, 60), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, -6), "三只松鼠旗舰店", fill="black", font=_font(12))  # the row above's foot
    draw.text((10, 30), "订单编号：2512255274481750400", fill="black", font=_font(12))
    # Tesseract's box for the number ran from the row above down to it.
    left, top, width, height = ink_band(img, (0, 0, 300, 60), (70, 0, 170, 44))
    assert (left, width) == (0, 300)
    assert 24 <= top <= 30 and top + height <= 50 and height <= 22
    # A crop that is ink from top to bottom (a photo) is left as it was.
    noisy = Image.effect_noise((300, 60), 120).convert("RGB")
    assert ink_band(noisy, (0, 0, 300, 60), (70, 0, 170, 44)) == (0, 0, 300, 60)
    # On a tilted photo the row above reaches into the number's columns, taller than the
    # number's row: the run kept is the one the number's own box sits on.
    tilted = Image.new("RGB", (300, 80), "white")
    draw = ImageDraw.Draw(tilted)
    draw.text((10, 0), "收件地址：四川省成都市", fill="black", font=_font(26))
    draw.text((10, 50), "号2104", fill="black", font=_font(16))
    band = ink_band(tilted, (0, 0, 300, 80), (40, 50, 40, 20))
    assert band[1] >= 40, band


def test_a_crop_that_cuts_the_last_digit_is_widened_past_the_ink() -> None:
    img = Image.new("RGB", (400, 30), (245, 245, 245))
    draw = ImageDraw.Draw(img)
    draw.text((10, 6), "376714660974385318", fill=(140, 140, 140), font=_font(14))
    right = 10 + round(draw.textlength("376714660974385318", font=_font(14)))
    draw.text((right + 60, 6), "复制", fill=(140, 140, 140), font=_font(14))
    cut = (0, 0, right - 4, 30)  # Tesseract's box stopped inside the final 8
    widened = past_the_ink(img, cut, gap=7, limit=28)
    assert right <= widened[0] + widened[2] <= right + 16  # past the 8, short of 复制
    # Ink all the way: it goes no further than the limit.
    assert past_the_ink(Image.effect_noise((400, 30), 120).convert("RGB"), cut, 7, 28)[2] \
        == cut[2] + 28


def test_a_row_is_cut_into_pieces_where_its_ink_has_gaps() -> None:
    img = Image.new("RGB", (1000, 40), "white")
    draw = ImageDraw.Draw(img)
    draw.text((20, 8), "商家订单号", fill=(150, 150, 150), font=_font(22))  # label column
    draw.text((500, 8), "T200P2433986270588832038", fill="black", font=_font(22))
    pieces = ink_pieces(img, (0, 0, 1000, 40), gap=44, max_width=2000)
    assert len(pieces) == 2
    (label_x, _, label_w, _), (value_x, _, value_w, _) = pieces
    assert value_x + value_w >= 500 + draw.textlength("T200P2433986270588832038", _font(22))
    assert label_x <= 20 and 120 <= label_x + label_w < 500 and value_x <= 500
    # No piece wider than PP-OCR may read at once.
    narrow = ink_pieces(img, (0, 0, 1000, 40), gap=44, max_width=200)
    assert len(narrow) > 2 and all(w <= 200 + 44 for _, _, w, _ in narrow)


def test_a_long_run_of_ink_is_cut_between_glyphs() -> None:
    """Text set close (no word gap) longer than PP-OCR may read at once: cut where a
    column holds the least ink, between two glyphs, not through one."""
    import numpy as np

    img = Image.new("RGB", (1000, 30), "white")
    ImageDraw.Draw(img).text((4, 5), "订单编号2433986270588832038收货地址浙江省杭州市西湖区",
                             fill="black", font=_font(18))
    pieces = ink_pieces(img, (0, 0, 1000, 30), gap=20, max_width=150)
    inked = (np.asarray(img.convert("L")) < 128).sum(axis=0)
    assert len(pieces) >= 4
    for x, _, w, _ in pieces[:-1]:
        cut = x + w - 10  # the margin, half a gap
        assert w - 10 <= 150 + 10 and inked[cut] == 0


def test_a_row_read_again_is_never_wider_than_its_own_height_allows() -> None:
    """Tesseract's box three times the text's height: the row's crops are measured by the
    ink's height, which is what PP-OCR scales to 48 px (its memory grows with the width
    that gives: a crop 73 heights wide took 120 MB)."""
    img = Image.new("RGB", (1000, 60), "white")
    ImageDraw.Draw(img).text((6, 22), "2433986270588832038 浙江省杭州市西湖区文三路 " * 4,
                             fill="black", font=_font(12))
    line = build_line([Word("2433986270588832038", 90.0, (6, 10, 140, 40))])
    pieces = line_pieces(line, img)
    assert len(pieces) >= 2
    assert all(w <= MAX_CROP_WIDTH * h for _, _, w, h in pieces)
    # A photo's "line" of two unsure characters across the page: its rest of row too.
    garbled = build_line([Word("吕本", 40.0, (0, 20, 1000, 10))])
    [(_, _, width, height)] = cut_short_crop(garbled, 1200, 1600)
    assert width <= MAX_CROP_WIDTH * height


def test_an_unlabelled_number_on_a_payment_page_is_read_with_its_label(tmp_path: Path) -> None:
    """A label far to the left, small and grey (Alipay's 商家订单号 column): Tesseract keeps
    the number alone; the row read again across the page gives the label back, and with
    it the number's role. Alipay's own 订单号 (28 digits, wrapped: 27 read on the row) is
    never taken for the shop's order number."""
    img = Image.new("RGB", (1080, 560), "white")
    draw = ImageDraw.Draw(img)
    draw.text((420, 30), "账单详情", fill="black", font=_font(36))
    rows = (("订单号", "202410232200199473258070888"), ("", "3"),
            ("商家订单号", "T200P175646541596631770"), ("创建时间", "2024-10-23 22:27:43"))
    for n, (label, value) in enumerate(rows):
        y = 140 + n * 90
        draw.text((55, y), label, fill=(170, 170, 170), font=_font(17))
        width = draw.textlength(value, font=_font(38))
        draw.text((1030 - width, y - 8), value, fill=(25, 25, 25), font=_font(38))
    path = tmp_path / "alipay.png"
    img.save(path)
    result = scan_file(path)
    assert result.order_numbers == ["175646541596631770"]
    assert "2024-10-23T22:27:43" in result.timestamps
