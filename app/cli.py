"""The `proofpack` command line (`python -m app`). The window is not part of the core:
`proofpack` with no subcommand is handled by ui/launcher.py, which opens it.

Exit codes: 0 success, 1 the operation failed (e.g. every file of `add` failed),
2 usage errors (bad arguments, unknown case).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.case.rules import load_rules
from app.cli_args import build_parser, help_text, parse_args
from app.i18n import (
    Lang,
    current_lang,
    join_list,
    pick,
    printable,
    t,
)
from app.logs import setup_logging
from app.paths import resolve_data_dir

if TYPE_CHECKING:  # the models pull in SQLAlchemy: not for `--help` or OCR workers
    from app.store.models import Case

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
logger = logging.getLogger(__name__)
_h = help_text


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        print(_h("\n不带参数运行 `proofpack` 打开窗口。",
                 "\nRun `proofpack` without arguments to open the window."))
        return EXIT_USAGE
    setup_logging(resolve_data_dir(getattr(args, "data_dir", None)))
    from app.imaging import hand_back_big_blocks  # here: `case new` needs no Pillow

    hand_back_big_blocks()
    handler = {
        "case": _case, "add": _add, "scan": _scan, "export": _export, "verify": _verify,
        "verify-bundle": _verify_bundle,
    }[args.command]
    from app.store.store import StoreUnavailable

    try:
        return handler(args)
    except StoreUnavailable as exc:
        logger.error("store unavailable: %s", exc.message())
        print(exc.message(), file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        return EXIT_FAILED
    except Exception:
        logger.exception("proofpack %s failed", args.command)
        raise


def _store(args: argparse.Namespace) -> Any:
    from app.store.store import Store

    return Store(resolve_data_dir(getattr(args, "data_dir", None)))


def case_to_json(case: Case, item_count: int | None = None) -> dict[str, Any]:
    data = case.model_dump(mode="json")
    if item_count is not None:
        data["item_count"] = item_count
    return data


def _require_case(store: Any, case_id: int) -> Case | None:
    case = store.get_case(case_id)
    if case is None or case.deleted_at is not None:
        print(t("case.not_found", id=case_id), file=sys.stderr)
        return None
    return case  # type: ignore[no-any-return]


def _case(args: argparse.Namespace) -> int:
    from app.case.parties import uscc_valid

    store = _store(args)
    if args.case_command == "new":
        if args.seller_uscc and not uscc_valid(args.seller_uscc):
            print(t("case.bad_uscc", code=args.seller_uscc), file=sys.stderr)
            return EXIT_USAGE
        case = store.create_case(
            args.title, order_numbers=[o.replace(" ", "") for o in args.order],
            complaint_type=args.type,
            platform=args.platform, shop=args.shop, amount=args.amount,
            order_completed_on=args.completed, harm_known_on=args.harm_known,
            requested_outcome=args.outcome, description=args.description,
            request_option=args.request_option, product_name=args.product_name,
            buyer_name=args.buyer_name,
            buyer_phone=args.buyer_phone, buyer_address=args.buyer_address,
            seller_company=args.seller_company, seller_uscc=args.seller_uscc.upper(),
            seller_address=args.seller_address,
        )
        print(case.id)
        return EXIT_OK
    if args.case_command == "list":
        return _case_list(store, args.json)
    if args.case_command == "import-archive":
        return _import_archive(store, args.archive)
    case = _require_case(store, args.id)
    if case is None:
        return EXIT_USAGE
    if args.case_command == "export-archive":
        return _export_archive(store, args.id, args.output)
    if args.case_command == "letter":
        from app.case.letter import char_count, letter_text

        text = letter_text(case, store.items(case.id), store.submissions(case.id))
        print(text)
        print(f"\n({_h('字数', 'characters')}: {char_count(text)})", file=sys.stderr)
        return EXIT_OK
    return _case_show(store, case, args.json)


def _case_list(store: Any, as_json: bool) -> int:
    cases = store.list_cases()
    if as_json:
        print(json.dumps([case_to_json(c, len(store.items(c.id))) for c in cases],
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    if not cases:
        print(t("case.none"))
    for c in cases:
        ctype = load_rules().complaint_type(c.complaint_type).name()
        print(f"{c.id}\t{c.title}\t{t('platform.' + c.platform)}\t{ctype}\t{c.order_number}")
    return EXIT_OK


def _case_show(store: Any, case: Case, as_json: bool) -> int:
    from app.case.deadline import complaint_deadline
    from app.case.parties import lacks
    from app.case.replies import reply_gaps

    items = store.items(case.id)
    if as_json:
        data = case_to_json(case, len(items))
        data["items"] = [i.model_dump(mode="json", exclude={"ocr_text", "facts"}) for i in items]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    rules = load_rules()
    print(f"{case.title}  (#{case.id})")
    print(f"  {t('platform.' + case.platform)} · "
          f"{rules.complaint_type(case.complaint_type).name()}")
    for label, value in ((_h("店铺", "Shop"), case.shop),
                         (_h("订单编号", "Order"), join_list(case.order_numbers)),
                         (_h("金额", "Amount"), case.amount)):
        if value:
            print(f"  {label}: {value}")
    deadline = complaint_deadline(case, items)
    if deadline is not None:
        print(f"  {deadline.describe()}")
    for line in lacks(case):
        print(f"  {line}")
    for gap in reply_gaps(items):
        print(f"  {gap.describe()}")
    _print_exhibits(case, items)
    return EXIT_OK


def _print_exhibits(case: Case, items: list[Any]) -> None:
    from app.case.orders import item_checks, reference_orders

    rules = load_rules()
    references = reference_orders(case, items)
    for n, item in enumerate(items, start=1):
        # What the buyer corrected wins over what OCR read (item.effective).
        facts = " ".join([*item.effective("order_numbers")[:1],
                          *item.effective("timestamps")[:1], *item.effective("amounts")[:1]])
        print(f"  {_h('证据', 'Exhibit ')}{n}  {rules.kind_name(item.kind):6} "
              f"{printable(item.original_name)}  {facts}")
        for check in item_checks(item, references):
            if check.status == "misread":
                print("    " + t("order.misread", read=check.value, should=check.should_be))
            elif check.status == "other":
                print("    " + t("order.other", value=check.value))


def _add(args: argparse.Namespace) -> int:
    from app.intake import import_and_analyse
    from app.store.importer import ImportOutcome

    store = _store(args)
    if _require_case(store, args.case_id) is None:
        return EXIT_USAGE

    def report(_done: int, _total: int, outcome: ImportOutcome) -> None:
        word = outcome.message if outcome.status == "duplicate" else t(outcome.status)
        if outcome.status == "error":
            print(f"{outcome.path}: {t('error')}: {outcome.message}", flush=True)
        elif outcome.looks_like is not None:
            print(f"{outcome.path}: {word}" + _h(f"（{outcome.message}）",
                                                 f" ({outcome.message})"), flush=True)
        else:
            print(f"{outcome.path}: {word}", flush=True)

    result = import_and_analyse(store, args.case_id, args.paths, ocr=not args.no_ocr,
                                on_import=report)
    if not result.outcomes:
        print(t("err.is_directory_empty"), file=sys.stderr)
        return EXIT_FAILED
    if result.ocr_problem:
        print(result.ocr_problem, file=sys.stderr)
        print(t("ocr.skipped"), file=sys.stderr)
    print(result.summary())
    imported, dupes = result.count("imported"), result.count("duplicate")
    if imported or dupes == len(result.outcomes):
        return EXIT_OK
    return EXIT_FAILED


def _scan(args: argparse.Namespace) -> int:
    from app.intake import scan_many
    from app.store.importer import collect_files

    files = list(collect_files(args.paths))
    results = scan_many(files)
    out = [r.to_json(str(f)) for f, r in zip(files, results, strict=True) if r is not None]
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        rules = load_rules()
        for entry in out:
            if "error" in entry:
                print(f"{entry['file']}: {t('error')}: {entry['error']}")
                continue
            print(f"{entry['file']}: {rules.kind_name(entry['kind'])}")
            for key, label in (("order_numbers", _h("订单号", "order")),
                               ("timestamps", _h("时间", "time")),
                               ("amounts", _h("金额", "amount"))):
                if entry[key]:
                    print(f"  {label}: {', '.join(entry[key])}")
    ok = sum(1 for e in out if "error" not in e)
    return EXIT_OK if ok or not out else EXIT_FAILED


def _export(args: argparse.Namespace) -> int:
    from app.export.bundle import ExportOptions, ExportRefused, doubt_warnings, export_case
    from app.intake import import_and_analyse
    from app.privacy.redaction import DEFAULT_TYPES

    store = _store(args)
    if _require_case(store, args.case_id) is None:
        return EXIT_USAGE
    # Exhibits left unread (a killed import, add --no-ocr) are read first: their personal
    # data must be found before it is printed.
    import_and_analyse(store, args.case_id)
    try:
        if args.include_originals:
            print(t("export.originals_warning"), file=sys.stderr)
        if not args.strict_privacy:
            for line in doubt_warnings(store.items(args.case_id)):
                print(line, file=sys.stderr)
        options = ExportOptions(page_size=args.page_size, lang=_lang(),
                                max_part_mb=args.max_part_mb,
                                redact_types=DEFAULT_TYPES - set(args.keep),
                                include_originals=args.include_originals,
                                allow_unscanned=args.allow_unscanned,
                                strict_privacy=args.strict_privacy,
                                signer_name=args.signer_name, tsa_url=args.tsa_url,
                                on_notice=lambda n: print(n, file=sys.stderr))
        if args.channel:
            paths = _export_pack(store, args, options)
        else:
            paths = export_case(store, args.case_id, args.output, options)
    except ExportRefused as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(t("export.failed", detail=exc), file=sys.stderr)
        return EXIT_FAILED
    for path in paths:
        print(t("export.done", path=path))
    return EXIT_OK


def _export_pack(store: Any, args: argparse.Namespace, options: Any) -> list[Path]:
    """A channel's pack: the folder (and zip) written; notices go to stderr as they come."""
    from app.export.packs import export_pack

    args.output.mkdir(parents=True, exist_ok=True)
    pack = export_pack(store, args.case_id, args.channel, args.output, options, args.pick,
                       args.zip)
    return [pack.folder, *([pack.archive] if pack.archive else [])]


def _export_archive(store: Any, case_id: int, output: Path) -> int:
    from app.store.archive import export_archive

    try:
        path = export_archive(store, case_id, output)
    except OSError as exc:
        print(t("archive.write_failed", detail=exc), file=sys.stderr)
        return EXIT_FAILED
    print(t("archive.written", path=path, count=len(store.items(case_id))))
    return EXIT_OK


def _import_archive(store: Any, archive: Path) -> int:
    from app.store.archive import ArchiveError
    from app.store.archive_import import import_archive

    try:
        case = import_archive(store, archive,
                              on_notice=lambda notice: print(notice, file=sys.stderr))
    except ArchiveError as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(t("archive.unreadable", detail=exc), file=sys.stderr)
        return EXIT_FAILED
    print(t("archive.imported", id=case.id, title=case.title,
            count=len(store.items(case.id))))
    print(case.id)
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    from app.seal.chain import describe
    from app.store.verify import verify_store

    store = _store(args)
    if args.case_id is not None and _require_case(store, args.case_id) is None:
        return EXIT_USAGE
    report = verify_store(store, args.case_id)
    for item, problem in report.problems:
        print(f"{item.original_name} ({item.sha256[:12]}, #{item.case_id}): "
              f"{t('verify.' + problem)}")
    print(t("verify.bad", count=report.checked, bad=len(report.problems)) if report.problems
          else t("verify.ok", count=report.checked))
    for case_id, chain in report.custody.items():
        print(t("verify.custody_ok" if chain.ok else "verify.custody_bad", id=case_id,
                detail=describe(chain)))
    return EXIT_OK if report.ok else EXIT_FAILED


def _verify_bundle(args: argparse.Namespace) -> int:
    """One line per check; exit 0 only when every check passed."""
    from app.seal.verify import CHECK_NAMES, verify_bundle

    if not args.pdf.is_file():  # missing, a folder, a pipe: named, never waited on
        key = "err.not_regular" if args.pdf.exists() else "err.not_found"
        print(f"{args.pdf}: {t(key)}", file=sys.stderr)
        return EXIT_USAGE
    verdict = verify_bundle(args.pdf, args.archive)
    if args.json:
        print(json.dumps({"ok": verdict.ok, "signer": verdict.signer,
                          "certificate_sha256": verdict.certificate_sha256,
                          "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail}
                                     for c in verdict.checks]},
                         ensure_ascii=False, indent=2))
    else:
        for check in verdict.checks:
            mark = "OK " if check.ok else "FAIL"
            print(f"{mark} {pick(CHECK_NAMES[check.name])}: {check.detail}")
        if verdict.signer:
            print(_h(f"签名人：{verdict.signer}；证书 SHA-256 {verdict.certificate_sha256}",
                     f"Signed by: {verdict.signer}; certificate SHA-256 "
                     f"{verdict.certificate_sha256}"))
    return EXIT_OK if verdict.ok else EXIT_FAILED


def _lang() -> Lang:
    return current_lang()
