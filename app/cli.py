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
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.case.rules import PLATFORMS, load_rules
from app.i18n import (
    LANGS,
    Lang,
    choose,
    current_lang,
    join_list,
    parse_lang,
    printable,
    set_lang,
    t,
)
from app.logs import setup_logging
from app.ocr.sensitive import SENSITIVE_TYPES
from app.paths import resolve_data_dir

if TYPE_CHECKING:  # the models pull in SQLAlchemy: not for `--help` or OCR workers
    from app.store.models import Case

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
logger = logging.getLogger(__name__)


def _h(zh: str, en: str) -> str:
    return choose(zh, en)


def _common() -> argparse.ArgumentParser:
    # SUPPRESS: a --data-dir given before the subcommand is not reset by the subparser.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                        help=_h("数据目录（默认：系统用户数据目录，或 $PROOFPACK_DATA_DIR）",
                                "data folder (default: the user data dir, or "
                                "$PROOFPACK_DATA_DIR)"))
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS,
                        help=_h("界面语言", "message language"))
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="proofpack", parents=[common],
        description=_h("证据包：整理网购投诉证据。不带参数运行时打开窗口。",
                       "ProofPack: organise evidence for an online shopping complaint. "
                       "Without arguments it opens the window."))
    parser.add_argument("--version", action="version", version=f"ProofPack {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    case = sub.add_parser("case", parents=[common], help=_h("管理案件", "manage cases"))
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    new = case_sub.add_parser("new", parents=[common], help=_h("新建案件", "create a case"))
    new.add_argument("title")
    new.add_argument("--order", action="append", default=[], metavar="NUMBER",
                     help=_h("订单编号（一个案件涉及多个订单时可重复）",
                             "order number (repeat for a case about several orders)"))
    new.add_argument("--type", default="quality", choices=sorted(load_rules().types),
                     help=_h("投诉类型", "complaint type"))
    new.add_argument("--platform", default="taobao", choices=PLATFORMS,
                     help=_h("购物平台", "shopping platform"))
    new.add_argument("--shop", default="", help=_h("店铺/卖家", "shop or seller"))
    new.add_argument("--amount", default="", help=_h("金额", "amount paid"))
    new.add_argument("--completed", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                     help=_h("订单完成（确认收货）日期", "date the order completed"))
    new.add_argument("--description", default="", help=_h("事情经过（写进投诉书）",
                                                          "what happened (for the letter)"))
    new.add_argument("--outcome", default="", help=_h("诉求（退款、换货、赔偿……）",
                                                      "requested outcome"))
    lst = case_sub.add_parser("list", parents=[common], help=_h("列出案件", "list cases"))
    lst.add_argument("--json", action="store_true")
    show = case_sub.add_parser("show", parents=[common], help=_h("显示案件", "show a case"))
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    exp = case_sub.add_parser("export-archive", parents=[common],
                              help=_h("把案件（原件和全部信息）打包为 zip，用于备份或换电脑",
                                      "pack a case (originals and all data) into a zip, "
                                      "for backup or another computer"))
    exp.add_argument("id", type=int)
    exp.add_argument("-o", "--output", type=Path, default=Path("."), metavar="OUT",
                     help=_h("zip 文件或文件夹", "zip file or folder"))
    letter = case_sub.add_parser("letter", parents=[common],
                                 help=_h("输出投诉书（可复制到在线表单）",
                                         "print the complaint letter (for online forms)"))
    letter.add_argument("id", type=int)
    imp = case_sub.add_parser("import-archive", parents=[common],
                              help=_h("从 zip 备份恢复案件", "restore a case from a zip archive"))
    imp.add_argument("archive", type=Path)

    add = sub.add_parser("add", parents=[common],
                         help=_h("导入截图和照片（文件或文件夹）",
                                 "import screenshots and photos (files or folders)"))
    add.add_argument("case_id", type=int, metavar="CASE_ID")
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add.add_argument("--no-ocr", action="store_true",
                     help=_h("只导入，不做文字识别", "import only, skip text recognition"))

    scan = sub.add_parser("scan", parents=[common],
                          help=_h("识别图片中的订单号、时间和金额（不保存）",
                                  "find order numbers, times and amounts (stores nothing)"))
    scan.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    scan.add_argument("--json", action="store_true", help=_h("输出 JSON", "print JSON"))

    verify = sub.add_parser("verify", parents=[common],
                            help=_h("核验证据原件是否完好（重新计算 SHA-256）",
                                    "check that every stored original is intact (SHA-256)"))
    verify.add_argument("case_id", type=int, nargs="?", metavar="CASE_ID")

    export = sub.add_parser("export", parents=[common],
                            help=_h("导出 PDF 证据材料", "export the PDF evidence bundle"))
    export.add_argument("case_id", type=int, metavar="CASE_ID")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help=_h("PDF 文件或文件夹", "PDF file or folder"))
    export.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    export.add_argument("--max-part-mb", type=float, default=None, metavar="MB",
                        help=_h("按大小拆分为多个文件（如上传限制 10 MB）",
                                "split into files of at most MB (upload limits)"))
    export.add_argument("--keep", action="append", default=[], metavar="TYPE",
                        choices=SENSITIVE_TYPES,
                        help=_h("不遮盖这类个人信息（card 银行卡、phone 手机号、id_card 身份证、"
                                "address 地址、name 姓名），可重复",
                                "do not black out this kind of personal data (card, phone, "
                                "id_card, address, name); repeatable"))
    export.add_argument("--allow-unscanned", action="store_true",
                        help=_h("导出尚未识别文字的证据（其中的个人信息未被查找和遮盖）",
                                "export exhibits not read yet (their personal data was not "
                                "looked for)"))
    export.add_argument("--include-originals", action="store_true",
                        help=_h("附上未遮盖的原图（含个人信息，勿公开）",
                                "also include the unredacted originals (personal data: "
                                "never publish)"))
    return parser


def _pre_scan_lang(argv: Sequence[str]) -> None:
    """--lang must be known before the parser (and its help texts) are built."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        lang = parse_lang(value)
        if lang:
            set_lang(lang)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line, with the message language set from --lang."""
    _pre_scan_lang(argv)
    args = build_parser().parse_args(argv)
    if getattr(args, "lang", None):
        set_lang(args.lang)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        print(_h("\n不带参数运行 `proofpack` 打开窗口。",
                 "\nRun `proofpack` without arguments to open the window."))
        return EXIT_USAGE
    setup_logging(resolve_data_dir(getattr(args, "data_dir", None)))
    handler = {
        "case": _case, "add": _add, "scan": _scan, "export": _export, "verify": _verify,
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
    store = _store(args)
    if args.case_command == "new":
        case = store.create_case(
            args.title, order_numbers=[o.replace(" ", "") for o in args.order],
            complaint_type=args.type,
            platform=args.platform, shop=args.shop, amount=args.amount,
            order_completed_on=args.completed, requested_outcome=args.outcome,
            description=args.description,
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
        word = t(outcome.status) if outcome.status != "duplicate" else t("duplicate")
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
    from app.export.bundle import ExportOptions, ExportRefused, export_case
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
        paths = export_case(store, args.case_id, args.output,
                            ExportOptions(page_size=args.page_size, lang=_lang(),
                                          max_part_mb=args.max_part_mb,
                                          redact_types=DEFAULT_TYPES - set(args.keep),
                                          include_originals=args.include_originals,
                                          allow_unscanned=args.allow_unscanned))
    except ExportRefused as exc:
        print(exc.message(), file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(t("export.failed", detail=exc), file=sys.stderr)
        return EXIT_FAILED
    for path in paths:
        print(t("export.done", path=path))
    return EXIT_OK


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
        case = import_archive(store, archive)
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
    from app.store.verify import verify_store

    store = _store(args)
    if args.case_id is not None and _require_case(store, args.case_id) is None:
        return EXIT_USAGE
    report = verify_store(store, args.case_id)
    for item, problem in report.problems:
        print(f"{item.original_name} ({item.sha256[:12]}, #{item.case_id}): "
              f"{t('verify.' + problem)}")
    if report.ok:
        print(t("verify.ok", count=report.checked))
        return EXIT_OK
    print(t("verify.bad", count=report.checked, bad=len(report.problems)))
    return EXIT_FAILED


def _lang() -> Lang:
    return current_lang()
