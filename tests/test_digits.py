"""Re-reading the numbers of a page with the English model (app.ocr.digits)."""

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.ocr.digits import find_pieces, reread_numbers, stack
from app.ocr.engine import ocr_status
from app.ocr.recognize import DIGIT_LANGS, DIGIT_OPTIONS
from app.ocr.server import TesseractServer
from app.ocr.words import Word, build_line
from tests.conftest import FONT_PATH


def w(text: str, left: int, width: int, conf: float = 70.0, top: int = 100,
      height: int = 30) -> Word:
    return Word(text, conf, (left, top, width, height))


def texts(line_words: list[Word], members: list[int]) -> list[str]:
    return [line_words[i].text for i in members]


def test_date_and_time_are_one_piece_and_labels_stay_out() -> None:
    line = build_line([w("付款", 0, 60), w("时间", 62, 60), w("2024-11-23", 200, 160),
                       w("13:01:02", 380, 120)])
    [piece] = find_pieces([line])
    assert texts(line.words, piece.words) == ["2024-11-23", "13:01:02"]


def test_a_misread_yuan_before_a_price_joins_it() -> None:
    line = build_line([w("实付款", 0, 90, conf=95), w("兰", 200, 30, conf=85),
                       w("142.50", 232, 100)])
    [piece] = find_pieces([line])
    assert texts(line.words, piece.words) == ["兰", "142.50"]
    # also an unknown character Tesseract doubted, and a ¥ fused with the digits
    line = build_line([w("闪", 200, 30, conf=0), w("264.99", 232, 100)])
    assert texts(line.words, find_pieces([line])[0].words) == ["闪", "264.99"]
    fused = build_line([w("实付:", 0, 80), w("妆513.00", 100, 120)])
    assert texts(fused.words, find_pieces([fused])[0].words) == ["妆513.00"]


def test_a_sure_character_or_a_non_price_keeps_its_place() -> None:
    # 号 read with confidence is a label, and an order number is no price: no ¥ there
    line = build_line([w("订单", 0, 60), w("号", 62, 30, conf=96),
                       w("3620154412345678901", 95, 380)])
    assert texts(line.words, find_pieces([line])[0].words) == ["3620154412345678901"]
    line = build_line([w("疆", 62, 30, conf=0), w(":5599966659279190805", 95, 380)])
    assert texts(line.words, find_pieces([line])[0].words) == [":5599966659279190805"]


def test_numbers_read_with_confidence_are_not_read_again() -> None:
    line = build_line([w("2024-11-23", 200, 160, conf=93), w("13:01:02", 380, 120, conf=91)])
    assert find_pieces([line]) == []
    line = build_line([w("2024-11-23", 200, 160, conf=93), w("13:01;02", 380, 120, conf=60)])
    assert len(find_pieces([line])) == 1


def test_short_numbers_are_not_read_again() -> None:
    line = build_line([w("X1", 0, 40), w("月销", 100, 60), w("1", 162, 15), w("万+", 180, 40)])
    assert find_pieces([line]) == []


def test_the_crop_leaves_room_but_stops_half_way_to_a_neighbour() -> None:
    line = build_line([w("创建时间", 0, 150), w("2024-11-23", 170, 160)])
    [piece] = find_pieces([line])
    left, _top, width, _height = piece.crop
    assert left == (150 + 170) // 2  # half-way into the gap, not into 间
    assert left + width == 170 + 160 + round(30 * 0.6)  # room on the open side


def test_stacked_pieces_are_on_white_without_edges(tmp_path: Path) -> None:
    page = Image.new("L", (600, 300), 235)  # a grey app background
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_PATH), 28)
    draw.text((100, 100), "2024-11-23", fill=30, font=font)
    line = build_line([w("2024-11-23", 100, 150, top=100, height=30)])
    canvas, places = stack(page, find_pieces([line]))
    assert canvas.getpixel((0, 0)) == 255
    top, _bottom = places[0]
    # The grey around the digits became white: no rectangle for Tesseract to read.
    assert canvas.getpixel((30, top + 2)) == 255
    assert canvas.getextrema()[0] <= 60  # the ink is still there


@pytest.fixture
def digit_server():
    setup = ocr_status().setup
    assert setup is not None
    server = TesseractServer(setup, DIGIT_LANGS, DIGIT_OPTIONS)
    yield server
    server.close()


def test_the_english_model_corrects_what_the_chinese_one_misread(digit_server) -> None:
    page = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_PATH), 32)
    draw.text((20, 30), "实付款", fill=0, font=font)
    draw.text((220, 30), "¥742.50", fill=0, font=font)
    draw.text((20, 110), "付款时间", fill=0, font=font)
    draw.text((220, 110), "2024-11-23 13:01:02", fill=0, font=font)
    yuan_right = 220 + round(draw.textlength("¥", font=font))
    date_right = 220 + round(draw.textlength("2024-11-23", font=font))
    # What the Chinese model typically makes of these lines.
    lines = [
        build_line([w("实付款", 20, 96, top=34, height=32), w("兰", 220, yuan_right - 220,
                     conf=40, top=34, height=32), w("142.50", yuan_right, 110, top=34, height=32)]),
        build_line([w("付款", 20, 64, top=114, height=32), w("时间", 86, 64, top=114, height=32),
                    w("2024-11-23", 220, date_right - 220, top=114, height=32),
                    w("13:01;02", date_right + 8, 130, conf=61, top=114, height=32)]),
    ]
    fixed = reread_numbers(page, lines, digit_server.read)
    assert fixed[0].text == "实付款¥742.50"
    assert fixed[1].text == "付款时间2024-11-23 13:01:02"
    # The new words carry boxes on the page, where the digits are drawn.
    price = fixed[0].words[-1]
    assert abs(price.box[0] - 220) < 12 and abs(price.box[1] - 34) < 16


def test_nothing_to_read_again_reads_nothing() -> None:
    line = build_line([w("亲，请提供一下照片", 0, 300)])

    def must_not_read(_image: Image.Image) -> dict[str, list]:
        raise AssertionError("read without numbers")

    assert reread_numbers(Image.new("L", (400, 200), 255), [line], must_not_read) == [line]
