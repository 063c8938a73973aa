"""Extraction rules on hand-written OCR lines (no Tesseract involved)."""

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.ocr.extract import extract_facts, repair_digits, unique_values
from app.ocr.numbers import luhn_valid
from app.ocr.words import Word, build_line, normalise

# Tesseract returns each Chinese character as a word, and runs of Latin/digits as one.
TOKEN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]|"
                   r"[^\s\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+")


def lines_of(*texts: str, top: int = 200):
    """OCR lines as Tesseract gives them: Chinese split per character, numbers as words.
    They start at y=top, below a phone's status bar."""
    result = []
    for n, text in enumerate(texts):
        words = []
        x = 0
        for token in text.split(" "):
            for piece in TOKEN.findall(token):
                piece = normalise(piece)  # as recognize() does for every word
                words.append(Word(piece, 90.0, (x, top + n * 40, 20 * len(piece), 30)))
                x += 20 * len(piece) + 6
            x += 14
        result.append(build_line(words))
    return result


def facts(*texts: str, reference: date | None = None, height: int = 2000):
    return extract_facts(lines_of(*texts), height, reference)


def values(found, kind):
    return unique_values(found, kind)


def test_order_number_after_label_with_copy_button() -> None:
    found = facts("订单编号 5055565384962088195 复制")
    assert values(found, "order_number") == ["5055565384962088195"]


def test_order_number_split_by_spaces_and_confusions() -> None:
    found = facts("订单编号: 5O55 5653 8496 2O88 l95")
    assert values(found, "order_number") == ["5055565384962088195"]


def test_order_number_on_the_next_line() -> None:
    found = facts("订单号", "241123-123456789012345")
    assert values(found, "order_number") == ["241123-123456789012345"]


def test_jd_order_number_with_fullwidth_colon_and_digits() -> None:
    found = facts("订单号：２９８７６５４３２１０１")
    assert values(found, "order_number") == ["298765432101"]


def test_transaction_tracking_phone_and_card_are_not_order_numbers() -> None:
    found = facts(
        "支付宝交易号 2024111222001156781234567890",
        "运单号 SF1234567890123 复制",
        "联系电话 13812345678",
        "银行卡 6222 0212 3456 7890 123",
        "身份证号 110105194912310038",
    )
    assert values(found, "order_number") == []
    assert values(found, "transaction_id") == ["2024111222001156781234567890"]
    assert values(found, "tracking_number") == ["SF1234567890123"]


def test_full_timestamps_are_iso_with_labels() -> None:
    found = facts("创建时间 2024-11-23 13:01:02", "付款时间：2024/11/23 13:05",
                  "2024年11月25日 09:30")
    assert values(found, "timestamp") == ["2024-11-23T13:01:02", "2024-11-23T13:05",
                                          "2024-11-25T09:30"]
    labels = [f.label for f in found if f.type == "timestamp"]
    assert labels[:2] == ["创建时间", "付款时间"]


def test_timestamp_with_ocr_confusions_and_lost_space() -> None:
    found = facts("成交时间 2O24-11-2313:0l:02")
    assert values(found, "timestamp") == ["2024-11-23T13:01:02"]


def test_invalid_dates_are_dropped() -> None:
    assert values(facts("时间 2024-13-45 25:61"), "timestamp") == []


def test_partial_chat_stamps_are_inferred_from_context() -> None:
    # Screenshot taken on Monday 2024-11-25; the chat shows one full date.
    found = facts("2024-11-20 10:00", "11-23 13:01", "你好", "14:20", "星期三 09:15",
                  "昨天 13:01", reference=date(2024, 11, 25))
    inferred = [(f.value, f.text.replace(" ", "")) for f in found if f.inferred]
    assert inferred == [
        ("2024-11-23T13:01", "11-2313:01"),  # year from the full date in the image
        ("2024-11-23T14:20", "14:20"),  # a bare time belongs to the day shown above it
        ("2024-11-20T09:15", "星期三09:15"),  # the Wednesday before the screenshot
        ("2024-11-24T13:01", "昨天13:01"),  # the day before the screenshot
    ]
    assert all(f.partial for f in found if f.inferred)
    # only full stamps are reported as timestamps
    assert values(found, "timestamp") == ["2024-11-20T10:00"]


def test_partial_stamps_use_reference_date_when_no_full_date() -> None:
    found = facts("昨天 21:40", reference=date(2024, 3, 1))
    (fact,) = [f for f in found if f.inferred]
    assert fact.value == "2024-02-29T21:40"


def test_status_bar_clock_is_ignored() -> None:
    lines = lines_of("9:41", top=0)
    assert extract_facts(lines, 2000, date(2024, 1, 1)) == []


def test_amounts_as_decimal_strings() -> None:
    found = facts("实付款 ¥1,299.00", "运费 ￥0.00", "-128.50", "合计：36.8元", "月销 10000+")
    # every money value shown: ¥0.00 shipping too, but a bare 0 is no amount
    assert values(found, "amount") == ["1299.00", "0.00", "128.50", "36.80"]


def test_amount_after_misread_yuan_needs_decimal_point() -> None:
    assert values(facts("Y 128.00"), "amount") == ["128.00"]
    assert values(facts("Y 2024"), "amount") == []


def test_fact_boxes_cover_the_value() -> None:
    (fact,) = [f for f in facts("订单编号 5055565384962088195") if f.type == "order_number"]
    left, _top, width, height = fact.box
    assert left > 0 and width > 0 and height == 30


@given(st.text(alphabet="0123456789", min_size=10, max_size=28), st.data())
def test_repair_digits_undoes_ocr_noise(digits: str, data: st.DataObject) -> None:
    confusions = {"0": "O", "1": "l", "5": "S", "8": "B"}
    noisy = []
    for ch in digits:
        if ch in confusions and data.draw(st.booleans()):
            noisy.append(confusions[ch])
        else:
            noisy.append(ch)
        if data.draw(st.integers(0, 5)) == 0:
            noisy.append(data.draw(st.sampled_from([" ", "\u3000", "·"])))
    assert repair_digits("".join(noisy)) == digits


def test_order_number_with_unreadable_label_by_its_shape() -> None:
    # label lost on a tiny forwarded screenshot; number shapes of Taobao, Alipay, PDD
    assert values(facts("$7#4 5599966659279190805"), "order_number") == ["5599966659279190805"]
    # a 28-digit number starting with a date is Alipay's trade number, never an order
    assert values(facts("WSS 2024021222009567 187969732387"), "order_number") == []
    assert values(facts("订争 241123-123456789012345"), "order_number") == \
        ["241123-123456789012345"]


def test_shape_fallback_does_not_take_other_numbers() -> None:
    card = "6222021234567890128"  # a Luhn-valid UnionPay card number, 19 digits
    assert luhn_valid(card)
    found = facts("联系电话 13812345678", f"xx {card}", "支付宝交易号 2024111222001156781234567890")
    assert values(found, "order_number") == []
    assert values(facts("运单号 SF1234567890123", "ab 5599966659279190805"),
                  "order_number") == []  # a tracking page lists no order by shape
    assert values(facts("2029999922009567187969732387"), "order_number") == []  # no label


def test_a_misread_transaction_label_is_still_no_order_number() -> None:
    # 交 of 支付宝交易号 read as 艾 or 区 on a forwarded screenshot
    for label in ("支付宝艾易号", "支付宝区易号"):
        found = facts("订单编号 113087 882455 819544 复制",
                      f"{label} 2024042222007726291738622042")
        assert values(found, "order_number") == ["113087882455819544"], label
        assert values(found, "transaction_id") == ["2024042222007726291738622042"], label


def test_payment_screens_name_the_shops_order_number() -> None:
    """Alipay's bill labels its own trade number 订单号 and the shop's 商家订单号 (T200P…);
    WeChat Pay's 交易单号 is its trade number, 商户单号 the shop's (when it is digits)."""
    alipay = facts("订单号 2023072222001463543383852591",
                   "商家订单号 T200P1249113071601254105")
    assert values(alipay, "order_number") == ["1249113071601254105"]
    assert values(alipay, "transaction_id") == ["2023072222001463543383852591"]
    wechat = facts("交易单号 4200045947961981386517266437",
                   "商户单号 F53FCC5SE3E01C4D5A174C3B6")
    assert values(wechat, "order_number") == []
    assert values(wechat, "transaction_id") == ["4200045947961981386517266437"]
    shop = facts("商户单号 50555653849620881951")
    assert values(shop, "order_number") == ["50555653849620881951"]


def test_an_id_card_number_is_never_an_order_number() -> None:
    from app.ocr.numbers import is_id_number

    assert is_id_number("110105194912310038")
    for line in ("身份证号 110105194912310038", "证号 110105194912310038",
                 "ab 110105194912310038"):
        assert values(facts(line), "order_number") == [], line


def test_order_labels_misread_in_one_character_and_labels_under_their_value() -> None:
    assert values(facts("订单坟号 2512255274481750400 复制"), "order_number") == \
        ["2512255274481750400"]
    assert values(facts("17单编号2915815212414636196复制"), "order_number") == \
        ["2915815212414636196"]
    assert values(facts("We 132726813404017302 i", "订单编号"), "order_number") == \
        ["132726813404017302"]


def test_bill_list_amounts_and_yuan() -> None:
    found = facts("天猫-良品铺子手撕面包1000g-15.75", "华为HUAWEI MatePad 11.5平-1619.10",
                  "-1,799.10", "补偿你5元")
    assert values(found, "amount") == ["15.75", "1619.10", "1799.10", "5.00"]


def test_stamps_with_a_split_month_and_no_space_before_the_time() -> None:
    found = facts("时间:2023-0 8-3012:45:06", "tb398849867_552025-04-1213:55:19",
                  "2024-4-5 12:30")
    assert values(found, "timestamp") == ["2023-08-30T12:45:06", "2025-04-12T13:55:19",
                                          "2024-04-05T12:30"]


def test_order_numbers_typed_in_chat_by_platform_format() -> None:
    found = facts("我的订单322643845817什么时", "订单 5055565384962088195 还没发货",
                  "编号230405-481921930429468复制", "我的手机13812345678",
                  "订单110105194912310038")
    assert values(found, "order_number") == ["322643845817", "5055565384962088195",
                                             "230405-481921930429468"]


def test_stamps_whose_small_hyphens_or_first_digit_ocr_lost() -> None:
    found = facts("创建时间:2024040523:44:36付款时间:2024040523:49:10",
                  "tb14297 8757 2024-03-2212.32:42", "tbl 42 8757 202403-2215:13:57",
                  "024-03-2411:50:55", "2023-07:20 05:11:02", "202307-21.01:39:44",
                  "实付款 ¥12.30", "订单号2024040522001166870625104502")
    assert values(found, "timestamp") == ["2024-04-05T23:44:36", "2024-04-05T23:49:10",
                                          "2024-03-22T12:32:42", "2024-03-22T15:13:57",
                                          "2024-03-24T11:50:55", "2023-07-20T05:11:02",
                                          "2023-07-21T01:39:44"]


def test_an_order_number_wrapped_onto_the_next_line_is_joined_only_to_a_known_format() -> None:
    wrapped = facts("订单编号241205-9895239从", "08454353")
    assert values(wrapped, "order_number") == ["241205-989523908454353"]
    # A whole number on its line does not take the next line's digits, nor does a join
    # that makes no platform's format.
    whole = facts("订单编号240918595690", "12345678")
    assert values(whole, "order_number") == ["240918595690"]
    assert values(facts("订单编号241205-9895239", "084543"), "order_number") == []
