"""Personal data taken out of a text the buyer wrote (the complaint letter) before it goes
where anyone can read it: phone and ID numbers wherever they stand, and whatever follows a
label for the buyer's name, phone, address or ID."""

from __future__ import annotations

import re

from app.ocr.sensitive import ID_CARD, LANDLINE, MOBILE

HIDDEN = "＊＊＊"
# 投诉人：张三 / 联系电话: 138… / 收货地址：…  — the value runs to the end of its clause.
LABELLED = re.compile(
    r"((?:投诉人|申诉人|消费者|买家|本人)?(?:姓名|名字)|投诉人|申诉人|联系人|收货人|收件人|"
    r"(?:联系|手机|移动)?电话|手机号?码?|(?:收货|家庭|联系|通讯|详细)?地址|住址|"
    r"身份证号?码?)(\s*[:：]\s*)([^\n，,；;。]+)")


def without_personal_data(text: str, known: tuple[str, ...] = ()) -> str:
    """`known`: the buyer's own name, phone, address and ID as the case has them, taken
    out wherever they stand."""
    for value in sorted((v.strip() for v in known if len(v.strip()) >= 2), key=len,
                        reverse=True):
        text = text.replace(value, HIDDEN)
    text = LABELLED.sub(lambda m: f"{m[1]}{m[2]}{HIDDEN}", text)
    for pattern in (MOBILE, ID_CARD, LANDLINE):
        text = pattern.sub(HIDDEN, text)
    return text
