"""The label table and the platforms' order number formats, read from
resources/rules/numbers.toml (described there and in the README)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from app.paths import NUMBER_RULES_PATH


@dataclass(frozen=True)
class NumberRules:
    order: re.Pattern[str]
    merchant_order: re.Pattern[str]
    merchant_prefix: re.Pattern[str]
    transaction: re.Pattern[str]
    tracking: re.Pattern[str]
    never_order: re.Pattern[str]
    mentioned: re.Pattern[str]
    formats: dict[str, re.Pattern[str]]  # platform -> the whole number's pattern


@cache
def number_rules() -> NumberRules:
    data = tomllib.loads(NUMBER_RULES_PATH.read_text("utf-8"))
    labels = {key: re.compile(value) for key, value in data["labels"].items()}
    formats = {key: re.compile(value) for key, value in data["formats"].items()}
    return NumberRules(formats=formats, **labels)
