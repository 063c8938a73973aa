"""Order numbers a buyer can trust: confidence on every value, the case's orders as the
reference, misreads and other orders flagged, and a cover that prints only what the
buyer typed or confirmed (checked in the PDF read back)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from app.case.orders import belongs_to_other_order, check_order, reference_orders
from app.export.bundle import ExportOptions, export_case
from app.ocr.confidence import assess, values_to_check
from app.ocr.extract import extract_facts
from app.ocr.words import Line, Word, build_line
from app.store.store import Store
from tests.conftest import text_image

CASE_ORDER = "5055565384962088195"
MISREAD = "5055565384962088795"  # one digit off
OTHER = "2912345678901234567"


def line(text: str, conf: float = 95.0, alt: str = "", y: int = 0) -> Line:
    built = build_line([Word(part, conf, (10 + 40 * i, y, 38, 30))
                        for i, part in enumerate(text.split(" "))])
    built.alt_text = alt
    return built


def test_values_the_engines_disagree_on_are_to_check() -> None:
    lines = [line("订单编号 5055565384962088195", alt="订单编号5055565384962088795", y=0),
             line("实付款 ¥129.00", alt="实付款:¥129.00", y=50),
             line("创建时间 2024-11-23 13:01:02", conf=60, y=100)]
    facts = assess(extract_facts(lines, 1000), lines)
    by_type = {f.type: f for f in facts}
    assert by_type["order_number"].agreed is False and by_type["order_number"].to_check
    assert by_type["amount"].agreed is True and not by_type["amount"].to_check
    stamp = by_type["timestamp"]
    assert stamp.agreed is None and stamp.conf == 60 and stamp.to_check  # one engine, unsure
    assert values_to_check(facts) == [CASE_ORDER, "2024-11-23T13:01:02"]


def test_scan_json_lists_to_check(cli, tmp_path: Path) -> None:
    shot = text_image(["订单编号 5055565384962088195", "实付款 ¥129.00"], tmp_path / "o.png")
    (result,) = json.loads(cli("scan", "--json", str(shot), data=False).stdout)
    assert result["order_numbers"] == [CASE_ORDER]
    assert isinstance(result["to_check"], list)
    assert set(result["to_check"]) <= {*result["order_numbers"], *result["timestamps"],
                                       *result["amounts"]}
    (order,) = [f for f in result["facts"] if f["type"] == "order_number"]
    assert 0 <= order["conf"] <= 100 and "agreed" in order and "to_check" in order


def test_misread_and_other_orders_against_the_case() -> None:
    refs = [CASE_ORDER]
    assert check_order(CASE_ORDER, refs).status == "case"
    misread = check_order(MISREAD, refs)
    assert misread.status == "misread" and misread.should_be == CASE_ORDER
    assert check_order(OTHER, refs).status == "other"
    assert check_order(OTHER, []).status == "unchecked"


def test_case_orders_on_the_command_line(cli, data_dir: Path) -> None:
    r = cli("case", "new", "两个订单", "--order", CASE_ORDER, "--order", OTHER)
    assert r.returncode == 0, r.stderr
    shown = json.loads(cli("case", "show", r.stdout.strip(), "--json").stdout)
    assert shown["order_numbers"] == [CASE_ORDER, OTHER]
    assert shown["order_number"] == CASE_ORDER  # the first, for older readers


def test_an_older_store_keeps_its_order_number(data_dir: Path) -> None:
    store = Store(data_dir)
    case = store.create_case("旧案件", order_number=CASE_ORDER)
    store.close()
    with sqlite3.connect(data_dir / "proofpack.db") as conn:  # as schema 2 left it
        conn.execute("PRAGMA user_version=2")
    conn.close()
    with sqlite3.connect(data_dir / "proofpack.db") as conn:
        conn.execute('ALTER TABLE "case" DROP COLUMN order_numbers')
        conn.execute("ALTER TABLE evidenceitem DROP COLUMN pixel_print")  # came in version 4
        conn.execute("ALTER TABLE evidenceitem DROP COLUMN read_doubt")  # and 5
        for column in ("media", "face_path", "face_sha256", "duration_s", "recorded_at",
                       "page_count", "frame_times"):  # and 6
            conn.execute(f"ALTER TABLE evidenceitem DROP COLUMN {column}")
        conn.execute("DROP TABLE custodyevent")  # and 7
        conn.execute('ALTER TABLE "case" DROP COLUMN harm_known_on')  # and 8
        conn.execute("ALTER TABLE submission DROP COLUMN sent")  # and 9
        for column in ("product_name", "request_option", "buyer_name", "buyer_phone",
                       "buyer_address", "buyer_id_number", "buyer_sex", "buyer_birth",
                       "seller_company", "seller_uscc", "seller_address",
                       "seller_legal_rep"):  # and 10
            conn.execute(f'ALTER TABLE "case" DROP COLUMN {column}')
        conn.execute("ALTER TABLE evidenceitem DROP COLUMN purpose")  # and 11
    conn.close()
    reopened = Store(data_dir)  # migrates 2 -> 3
    assert reopened.get_case(case.id).order_numbers == [CASE_ORDER]
    reopened.close()


def test_the_cover_prints_only_orders_the_buyer_stands_behind(store: Store,
                                                              tmp_path: Path) -> None:
    case = store.create_case("耳机左耳无声", order_number=CASE_ORDER)
    # the screenshot's OCR reads the case's number one digit off, plus another order
    shot = text_image([f"订单编号 {MISREAD}", "实付款 ¥129.00"], tmp_path / "order.png")
    other = text_image([f"订单编号 {OTHER}", "实付款 ¥59.00"], tmp_path / "other.png")
    from app.intake import import_and_analyse

    import_and_analyse(store, case.id, [shot, other])
    items = store.items(case.id)
    refs = reference_orders(store.get_case(case.id), items)
    assert refs == [CASE_ORDER]
    read = {o for i in items for o in i.order_numbers}
    assert MISREAD in read and OTHER in read, read  # what OCR read, before the check
    flagged = [belongs_to_other_order(i, refs) for i in items]
    assert flagged == [False, True]
    (pdf,) = export_case(store, case.id, tmp_path / "out.pdf", ExportOptions())
    pages = [p.extract_text() or "" for p in PdfReader(pdf).pages]
    cover = pages[0]
    assert CASE_ORDER in cover and MISREAD not in cover and OTHER not in cover
    everything = "\n".join(pages)
    assert "截图识别为 " + MISREAD in everything  # shown as a misreading of the case's
    assert OTHER + "（其他订单）" in everything


def test_the_case_form_is_filled_only_from_confirmed_values() -> None:
    from app.case.prefill import prefill
    from app.store.models import Case, EvidenceItem

    def exhibit(kind: str, **user: list[str]) -> EvidenceItem:
        return EvidenceItem(case_id=1, sha256="x", stored_path="", original_name="a.png",
                            size_bytes=1, width=1, height=1, image_format="PNG", kind=kind,
                            order_numbers=[OTHER], amounts=["59.00"], user_facts=user)

    empty = Case(title="耳机")
    assert prefill(empty, [exhibit("order")]) == {}  # raw readings never fill the form
    confirmed = [exhibit("chat", amounts=["1.00"]),
                 exhibit("order", order_numbers=[CASE_ORDER], amounts=["129.00"])]
    assert prefill(empty, confirmed) == {"order_numbers": [CASE_ORDER], "amount": "129.00"}
    typed = Case(title="耳机", order_numbers=[MISREAD], amount="5.00")
    assert prefill(typed, confirmed) == {}  # what the buyer typed stays
