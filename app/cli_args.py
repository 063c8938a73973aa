"""The command line's arguments: every command, option and help text (in the language
--lang or the locale chooses), parsed before anything heavy is imported."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app import __version__
from app.case.parties import REQUEST_OPTIONS
from app.case.rules import PLATFORMS, load_rules
from app.i18n import LANGS, choose, parse_lang, set_lang
from app.ocr.sensitive import SENSITIVE_TYPES


def help_text(zh: str, en: str) -> str:
    """A help or message text in the chosen language."""
    return choose(zh, en)


_h = help_text


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
    new.add_argument("--harm-known", type=date.fromisoformat, default=None,
                     metavar="YYYY-MM-DD",
                     help=_h("知道权益受损的日期（默认为订单完成日期；12315 三年时限由此起算）",
                             "when you knew of the harm (default: the completion date; "
                             "12315's three years run from it)"))
    for flag, zh, en in (
            ("--product-name", "商品名称（12315 表单）", "the goods' name (12315's form)"),
            ("--buyer-name", "投诉人姓名（12315、现场投诉需要；不会出现在公开材料中）",
             "your name (12315 and office visits need it; never in a public pack)"),
            ("--buyer-phone", "投诉人电话", "your phone number"),
            ("--buyer-address", "投诉人地址", "your address"),
            ("--seller-company", "被投诉企业名称（店铺「营业执照」页）",
             "the business's name (the shop's licence page)"),
            ("--seller-uscc", "统一社会信用代码", "its unified social credit code"),
            ("--seller-address", "被投诉方地址", "its address")):
        new.add_argument(flag, default="", help=_h(zh, en))
    new.add_argument("--request", dest="request_option", default="",
                     choices=REQUEST_OPTIONS, help=_h("诉求类别（12315 表单的选项）",
                                                     "the kind of request (12315's options)"))
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

    check = sub.add_parser("verify-bundle", parents=[common],
                           help=_h("校验导出的 PDF 证据材料：签名、改动、图片和原件",
                                   "check an exported PDF bundle: signature, changes, "
                                   "pictures and originals"))
    check.add_argument("pdf", type=Path, metavar="FILE.pdf")
    check.add_argument("--archive", type=Path, metavar="CASE.zip",
                       help=_h("同时核对案件存档中的原件", "also check the originals in the "
                               "case archive"))
    check.add_argument("--json", action="store_true", help=_h("输出 JSON", "print JSON"))

    export = sub.add_parser("export", parents=[common],
                            help=_h("导出 PDF 证据材料", "export the PDF evidence bundle"))
    export.add_argument("case_id", type=int, metavar="CASE_ID")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                        help=_h("PDF 文件或文件夹", "PDF file or folder"))
    export.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    export.add_argument("--max-part-mb", type=float, default=None, metavar="MB",
                        help=_h("按大小拆分为多个文件（如上传限制 10 MB；1 MB = 1,000,000 字节）",
                                "split into files of at most MB (upload limits; 1 MB = "
                                "1,000,000 bytes)"))
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
    export.add_argument("--strict-privacy", action="store_true",
                        help=_h("有证据的个人信息可能没有全部找到（照片、模糊或过小的图）时拒绝导出，"
                                "而不只是警告",
                                "refuse, instead of warning, when an exhibit's personal data "
                                "may not all have been found (photos, unclear or tiny images)"))
    export.add_argument("--signer-name", default="", metavar="NAME",
                        help=_h("签名证书上的姓名（默认匿名）",
                                "the name in the signing certificate (default: a pseudonym)"))
    export.add_argument("--tsa-url", default="", metavar="URL",
                        help=_h("RFC 3161 时间戳服务器地址（默认不使用）",
                                "an RFC 3161 timestamp server (none by default)"))
    export.add_argument("--include-originals", action="store_true",
                        help=_h("附上未遮盖的原图（含个人信息，勿公开）",
                                "also include the unredacted originals (personal data: "
                                "never publish)"))
    export.add_argument("--for", dest="channel", choices=PACK_CHANNELS, default=None,
                        help=_h("为某个渠道导出上传包（文件夹）：淘宝、12315、黑猫投诉（公开）、打印、"
                                "起诉（起诉状和证据目录）",
                                "export a channel's upload pack (a folder): Taobao, 12315, "
                                "Heimao (public), print, lawsuit (statement of claim and "
                                "evidence catalogue)"))
    export.add_argument("--zip", action="store_true",
                        help=_h("上传包另存为一个 zip", "also write the pack as one zip"))
    export.add_argument("--pick", type=_numbers, default=None, metavar="N,N,…",
                        help=_h("上传包中放哪些证据（按此顺序），默认按清单的重要程度",
                                "the exhibits to put in the pack, in order (default: by the "
                                "checklist's priority)"))
    return parser


PACK_CHANNELS = ("taobao", "12315", "heimao", "print", "lawsuit")


def _numbers(text: str) -> list[int]:
    try:
        return [int(n) for n in text.replace("，", ",").split(",") if n.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(_h("应为以逗号分隔的证据编号，如 3,1,5",
                                            "exhibit numbers separated by commas, e.g. "
                                            "3,1,5")) from None


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
