"""Each screen family of issue #13, rendered by tests/imagegen/families.py and read by the
real engines, clean and as forwarded through a chat app (halved, JPEG): the shop's order
number and nothing else (not Alipay's 28-digit 订单号, not WeChat's 交易单号), every full
time, the amounts, the kind."""

from __future__ import annotations

from pathlib import Path

from app.intake import scan_many
from tests.imagegen.families import FAMILIES, family_sample

# 12 px text halved is 6 px: no engine reads its digits reliably. There, nothing must be
# reported rather than a wrong number.
ILLEGIBLE = {"qianniu-11-forwarded"}


def test_every_family_clean_and_forwarded_gives_the_shops_order_number(tmp_path: Path) -> None:
    samples = [family_sample(family, 11, forwarded) for family in FAMILIES
               for forwarded in (False, True)]
    paths = []
    for sample in samples:
        path = tmp_path / f"{sample.name}.png"
        sample.image.save(path)
        paths.append(path)
    results = scan_many(paths, workers=2)
    for sample, result in zip(samples, results, strict=True):
        assert result is not None and not result.error, sample.name
        if sample.name in ILLEGIBLE:
            assert set(result.order_numbers) <= set(sample.order_numbers), sample.name
            continue
        assert result.kind == sample.kind, sample.name
        assert sorted(result.order_numbers) == sorted(sample.order_numbers), sample.name
        assert set(sample.timestamps) <= set(result.timestamps), sample.name
        assert set(sample.amounts) <= set(result.amounts), sample.name
