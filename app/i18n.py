"""Messages of the core and the CLI in Simplified Chinese (first) and English.

The Qt window uses Qt's own translation files for its widgets; texts that come from
the core (import errors, checklist hints, kinds) are translated here so the CLI,
the window and the PDF say the same thing.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable, Mapping
from typing import Literal, TypeVar

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
LANG_ENV = "PROOFPACK_LANG"

_current: Lang | None = None
T = TypeVar("T")

MESSAGES: dict[str, tuple[str, str]] = {
    # order numbers checked against the case's
    "order.misread": ("识别出的订单号 {read} 可能识别有误，应为 {should}",
                      "order number read as {read} is probably {should} (misread)"),
    "order.other": ("其他订单：{value} 不是本案件的订单号", "another order: {value} is not "
                    "an order of this case"),
    # import outcomes
    "imported": ("已导入", "imported"),
    "duplicate": ("重复（此案件中已有相同文件）", "duplicate (already in this case)"),
    "duplicate.repaired": ("重复；此案件中该文件的原件曾丢失，已恢复（用这份文件）",
                           "duplicate; the case's stored original of it was missing and has "
                           "been restored from this copy"),
    "looks_like": ("可能重复: 证据{number}", "possible duplicate: exhibit {number}"),
    "error": ("错误", "error"),
    "err.not_found": ("找不到文件", "file not found"),
    "err.permission": ("没有读取权限", "permission denied"),
    "err.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "err.empty": ("文件是空的（0 字节）", "the file is empty (0 bytes)"),
    "store.index_lost": (
        "数据目录 {path} 中有证据原件，但索引文件 proofpack.db 丢失或为空。为免误删原件，"
        "证据包不会把它当作新目录打开。请从备份恢复（proofpack case import-archive 备份.zip），"
        "或把 originals 文件夹另存后重新导入其中的文件。",
        "the data folder {path} holds evidence originals but its index proofpack.db is "
        "missing or empty. ProofPack will not open it as a new store (originals could be "
        "lost). Restore from a backup (proofpack case import-archive BACKUP.zip), or copy "
        "the originals folder elsewhere and import its files again."),
    "export.altered": (
        "证据{number}（{name}）的原件已被改动，与导入时的 SHA-256 不一致：不能导出。"
        "请运行“检查证据完整性”，从备份恢复原件后再导出。",
        "the original of exhibit {number} ({name}) has changed since it was imported (its "
        "SHA-256 differs): not exported. Run the integrity check and restore it from a "
        "backup first."),
    "export.doubt": ("警告：证据{number}（{name}）{reason}，其中的个人信息可能没有全部找到；"
                     "请在窗口中检查并手动框选遮盖",
                     "warning: exhibit {number} ({name}) {reason}: its personal data may not "
                     "all have been found; check it and black it out by hand in the window"),
    "doubt.photo": ("是拍摄的照片", "is a camera photo"),
    "doubt.unclear": ("文字识别不清", "was read unclearly"),
    "doubt.small": ("图片太小", "is too small to read well"),
    "export.doubtful": (
        "证据{numbers} 中的个人信息可能没有全部找到（--strict-privacy）：未导出。请手动框选遮盖"
        "后再导出，或去掉 --strict-privacy（将只给出警告）。",
        "the personal data of exhibit(s) {numbers} may not all have been found "
        "(--strict-privacy): not exported. Black it out by hand first, or leave out "
        "--strict-privacy (a warning only)."),
    "case.bad_uscc": ("统一社会信用代码 {code} 的校验位不对（应为 18 位，请对照营业执照核对）",
                      "the unified social credit code {code} fails its check character "
                      "(18 characters: compare it with the business licence)"),
    "pack.empty": ("案件中还没有证据，无法为{channel}准备图片", "the case has no evidence yet: "
                   "there are no pictures to prepare for {channel}"),
    "pack.no_such_exhibit": ("没有这些证据编号：{numbers}", "no such exhibit: {numbers}"),
    "export.unscanned": (
        "证据{numbers} 尚未识别文字，其中的个人信息没有被查找和遮盖。请等待识别完成；"
        "确需导出，请使用 --allow-unscanned（窗口中会先询问）。",
        "exhibit(s) {numbers} have not been read yet, so their personal data was not looked "
        "for or blacked out. Wait for text recognition; to export anyway use "
        "--allow-unscanned (the window asks first)."),
    "err.not_regular": ("不是普通文件（管道、设备等），已跳过",
                        "not a regular file (a pipe, a device…): skipped"),
    "err.not_image": ("不是图片文件", "not an image file"),
    "err.unsupported": (
        "不支持的图片格式 {fmt}（支持 PNG、JPEG、WebP、BMP、GIF、HEIC）",
        "unsupported image format {fmt} (supported: PNG, JPEG, WebP, BMP, GIF, HEIC)",
    ),
    "err.truncated": ("图片文件已损坏或不完整", "the image file is damaged or incomplete"),
    "err.too_many_pixels": (
        "图片尺寸过大（{wan} 万像素；{fmt} 图片最多 {limit_wan} 万像素），可能是恶意文件。"
        "如确是证据，请缩小尺寸或另存为 JPEG 后再导入",
        "image dimensions too large ({mp} megapixels; {fmt} images may have at most "
        "{limit_mp}), possibly a malicious file. If it is evidence, reduce its size or save "
        "it as JPEG and import it again",
    ),
    "err.media_unreadable": (
        "{kind_zh}文件无法读取（{detail}），可能已损坏或不完整",
        "the {kind_en} cannot be read ({detail}); it may be damaged or incomplete",
    ),
    "err.video_no_frames": (
        "视频中没有可显示的画面（可能只有声音，或文件不完整）",
        "the video has no picture to show (sound only, or an incomplete file)",
    ),
    "err.audio_no_sound": (
        "录音文件中没有可读的声音", "the recording holds no sound that can be read",
    ),
    "err.pdf_password": (
        "PDF 有密码保护，无法读取：请在阅读器中输入密码后“打印为 PDF”另存一份，再添加那份",
        "the PDF is password-protected: open it with its password, print it to a new PDF "
        "and add that one",
    ),
    "err.pdf_too_many_pages": (
        "PDF 有 {pages} 页，超过一份证据 {limit} 页的上限：请只保存相关页面（如“打印为 PDF”"
        "并选择页码范围）后再添加",
        "the PDF has {pages} pages, more than the {limit} one exhibit may have: save only "
        "the relevant pages (print to PDF with a page range) and add that",
    ),
    "err.ofd": (
        "暂不支持 OFD 格式：请在开票平台、邮件或“国家税务总局全国增值税发票查验平台”下载该发票"
        "的 PDF 版本再添加",
        "OFD files cannot be read yet: download the PDF version of the invoice (from the "
        "issuing platform, the e-mail, or the national invoice verification site) and add "
        "that",
    ),
    "err.file_too_big": (
        "文件过大（{size_mb} MB，上限 {limit_mb} MB）",
        "file too large ({size_mb} MB, limit {limit_mb} MB)",
    ),
    "err.disk_full": (
        "磁盘空间不足，文件未保存：{detail}",
        "not enough disk space, the file was not saved: {detail}",
    ),
    "err.store_write": (
        "无法写入数据目录：{detail}",
        "cannot write to the data folder: {detail}",
    ),
    "err.heic_unavailable": (
        "无法读取 HEIC 图片（缺少 pillow-heif）",
        "cannot read HEIC images (pillow-heif is missing)",
    ),
    "err.is_directory_empty": ("文件夹中没有图片", "no images in the folder"),
    "summary.add": (
        "共 {total} 个文件：{imported} 个已导入，{duplicates} 个重复，{errors} 个错误",
        "{total} files: {imported} imported, {duplicates} duplicates, {errors} errors",
    ),
    # OCR
    "ocr.missing_binary": (
        "未找到 Tesseract 文字识别程序，文字识别已停用。请安装：{fix}",
        "Tesseract OCR was not found; text recognition is off. Install it: {fix}",
    ),
    "ocr.missing_chi_sim": (
        "Tesseract 缺少简体中文语言包（chi_sim），文字识别已停用。请安装：{fix}",
        "Tesseract lacks the Simplified Chinese data (chi_sim); text recognition is off. "
        "Install it: {fix}",
    ),
    "ocr.failed": ("文字识别失败：{detail}", "text recognition failed: {detail}"),
    "ocr.skipped": (
        "文字识别未运行，证据已保存，可稍后重新识别",
        "text recognition did not run; the evidence is saved and can be scanned later",
    ),
    # cases
    "case.created": ("已创建案件 {id}", "created case {id}"),
    "case.not_found": ("找不到案件 {id}", "case {id} not found"),
    "case.none": ("还没有案件。用 `proofpack case new 标题` 创建一个。",
                  "No cases yet. Create one with `proofpack case new TITLE`."),
    "export.done": ("已导出：{path}", "exported: {path}"),
    "verify.ok": ("已核验 {count} 份证据原件，全部完好", "checked {count} originals: all intact"),
    "verify.bad": ("已核验 {count} 份证据原件，{bad} 份有问题",
                   "checked {count} originals: {bad} damaged"),
    "archive.written": ("已保存案件备份（{count} 份原件）：{path}",
                        "case archive written ({count} originals): {path}"),
    "archive.write_failed": ("无法保存案件备份：{detail}", "cannot write the archive: {detail}"),
    "archive.imported": ("已恢复案件 #{id}「{title}」，{count} 份证据",
                         "restored case #{id} \"{title}\" with {count} items"),
    "archive.custody_broken": (
        "案件已恢复，原件均与校验值一致；但备份中的证据处理记录未通过检查（{detail}），"
        "没有沿用，恢复后的案件从此重新记录",
        "the case is restored and every original matches its hash, but the archive's "
        "record of evidence handling failed its check ({detail}): it was not taken on, "
        "and the restored case starts a new record"),
    "verify.custody_ok": ("案件 #{id} 的证据处理记录{detail}",
                          "case #{id} handling record {detail}"),
    "verify.custody_bad": ("案件 #{id} 的证据处理记录有问题：{detail}",
                           "case #{id} handling record: {detail}"),
    "archive.unreadable": ("无法读取备份文件：{detail}", "cannot read the archive: {detail}"),
    "archive.no_manifest": ("这不是证据包的案件备份（缺少 manifest.json）",
                            "not a ProofPack case archive (no manifest.json)"),
    "archive.bad_records": ("备份已损坏：{name} 的识别记录格式不对，未导入任何内容",
                            "the archive is damaged: the records of {name} are malformed; "
                            "nothing was imported"),
    "archive.bad_manifest": ("备份的清单格式不对（{detail}），未导入任何内容",
                             "the archive's manifest is malformed ({detail}); nothing was "
                             "imported"),
    "archive.too_many": ("备份列出了 {count} 份证据，超过上限 {limit}：不是正常的备份",
                         "the archive lists {count} exhibits, over the limit of {limit}: not "
                         "a normal backup"),
    "archive.member_too_big": ("备份中的 {name} 超过单个文件上限 {limit_mb} MB，未导入任何内容",
                               "{name} in the archive is over the {limit_mb} MB limit for one "
                               "file; nothing was imported"),
    "archive.no_space": ("磁盘空间不足：恢复需要约 {need_mb} MB，只剩 {free_mb} MB",
                         "not enough disk space: the restore needs about {need_mb} MB, "
                         "{free_mb} MB are free"),
    "archive.not_evidence": ("备份中的 {name} 不是可用的图片，未导入任何内容",
                             "{name} in the archive is not a usable image; nothing was "
                             "imported"),
    "archive.too_new": ("备份来自更新版本的证据包（格式 {version}），请先升级",
                        "the archive comes from a newer ProofPack (format {version}); "
                        "please upgrade"),
    "archive.missing_file": ("备份不完整：缺少原件 {name}，未导入任何内容",
                             "the archive is incomplete: {name} is missing; nothing was "
                             "imported"),
    "archive.damaged_file": ("备份已损坏：{name} 的校验值不符，未导入任何内容",
                             "the archive is damaged: {name} fails its checksum; nothing was "
                             "imported"),
    "store.cannot_open": ("无法打开数据目录 {path}：{detail}。请检查该文件夹是否可写"
                          "（不是只读磁盘），或用 --data-dir 选择其他位置。",
                          "cannot open the data folder {path}: {detail}. Check that it is "
                          "writable (not a read-only disk) or choose another with --data-dir."),
    "store.disk_full": ("数据目录 {path} 所在磁盘已满：{detail}。"
                        "请腾出空间后重试，已有证据不受影响。",
                        "the disk holding {path} is full: {detail}. Free some space and try "
                        "again; existing evidence is unaffected."),
    "store.too_new": ("数据目录 {path} 由更新版本的证据包创建，请升级后再打开（{detail}）",
                      "{path} was written by a newer ProofPack; please upgrade ({detail})"),
    "export.originals_warning": (
        "注意：导出的 PDF 将附上未遮盖的原图，含银行卡号、手机号等个人信息，"
        "只交给受理机关，切勿公开上传。",
        "Warning: the PDF will include the unredacted originals with card numbers, phone "
        "numbers and other personal data. Give it only to the authority handling your "
        "complaint; never upload it publicly.",
    ),
    "verify.missing": ("原件丢失", "original missing"),
    "verify.altered": ("原件已被改动（校验值不符）", "original altered (checksum mismatch)"),
    "export.failed": ("导出失败：{detail}", "export failed: {detail}"),
    # kinds of evidence
    "kind.order": ("订单截图", "Order"),
    "kind.chat": ("聊天记录", "Chat"),
    "kind.payment": ("付款凭证", "Payment"),
    "kind.logistics": ("物流记录", "Logistics"),
    "kind.photo": ("实物照片", "Photo"),
    "kind.other": ("其他", "Other"),
    # platforms
    "platform.taobao": ("淘宝", "Taobao"),
    "platform.tmall": ("天猫", "Tmall"),
    "platform.jd": ("京东", "JD"),
    "platform.pdd": ("拼多多", "Pinduoduo"),
    "platform.other": ("其他平台", "Other platform"),
}


class Refusal(Exception):
    """Something ProofPack will not do (a file that is not evidence, a damaged backup, an
    export that would say something untrue), said in the buyer's language: key and params
    name a message of MESSAGES, message() gives it in the current language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        return t_params(self.key, self.params)


def detect_lang() -> Lang:
    """$PROOFPACK_LANG, then the locale. Unknown or C locales get Chinese, the product's first
    language; an explicit non-Chinese locale gets English."""
    env = parse_lang(os.environ.get(LANG_ENV, ""))
    if env:
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return _lang_of_locale(value)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return _lang_of_locale(loc)


def parse_lang(value: str | None) -> Lang | None:
    value = (value or "").strip().lower()
    if value == "zh":
        return "zh"
    if value == "en":
        return "en"
    return None


def _lang_of_locale(value: str) -> Lang:
    value = value.lower()
    if value.startswith("zh") or not value or value.split(".")[0] in ("c", "posix"):
        return "zh"
    return "en"


def set_lang(lang: Lang | None) -> None:
    global _current
    _current = lang


def current_lang() -> Lang:
    return _current or detect_lang()


def choose(zh: T, en: T, lang: Lang | None = None) -> T:
    """The Chinese or the English text, for the given language or the current one: the
    one place the core picks a language (texts kept beside their code use it, the rest
    live in MESSAGES)."""
    return zh if (lang or current_lang()) == "zh" else en


def pick(pair: tuple[T, T], lang: Lang | None = None) -> T:
    """The Chinese or English half of a (zh, en) pair."""
    return choose(pair[0], pair[1], lang)


def join_list(values: Iterable[object], lang: Lang | None = None) -> str:
    """A list in running text: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return choose("、", ", ", lang).join(str(v) for v in values)


def t_params(key: str, params: Mapping[str, object], lang: Lang | None = None) -> str:
    """t() with the parameters in a mapping (as ImageRejected carries them)."""
    return t(key, lang, **params)


def t(key: str, /, lang: Lang | None = None, **kwargs: object) -> str:
    """The message for key in the current (or given) language, formatted with kwargs."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    text = pick(pair, lang)
    return text.format(**kwargs) if kwargs else text


_CONTROL = dict.fromkeys([*range(0, 32), 127, *range(0x80, 0xA0)], "\ufffd")


def printable(text: str) -> str:
    """Text as it may be printed to a terminal or a log line: control characters (an
    escape sequence, a newline in a file name) shown as \ufffd instead of acted on."""
    return text.translate(_CONTROL)
