"""Channel packs (证据包_<case>_<channel>_<date>/): what one channel takes, ready to
upload or print. The recipe: check the exhibits (read, unchanged), choose the pictures the
channel has room for (the checklist's order, or the buyer's pick), write each redacted
and captioned within the channel's size, add the bundle PDF where the channel takes one,
the complaint text to paste and a 说明.txt, record the pack in the chain of custody, and
zip it when asked."""

from __future__ import annotations

import logging
import shutil
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from app.case.catalogue import catalogue, catalogue_text
from app.case.form12315 import form_fields, form_text
from app.case.lawsuit import lawsuit_text
from app.case.letter import letter_text
from app.case.parties import buyer_details
from app.case.rules import PackRules, load_packs, load_rules
from app.export.bundle import ExportOptions, ExportRefused, export_case, unread_exhibits
from app.export.captioned import captioned_picture
from app.export.exhibits import checked_picture
from app.files import atomic_write, sha256_of
from app.i18n import choose, join_list
from app.privacy.redaction import ALL_TYPES
from app.privacy.text import without_personal_data
from app.store.models import Case, EvidenceItem
from app.store.store import Store

logger = logging.getLogger(__name__)

README = "说明.txt"
LETTER = "投诉内容.txt"
FORM_SHEET = "12315表单.txt"
LAWSUIT = "起诉状.txt"
CATALOGUE = "证据目录.txt"


@dataclass
class Pack:
    folder: Path
    files: list[Path] = field(default_factory=list)
    archive: Path | None = None  # the zip, with --zip
    chosen: list[int] = field(default_factory=list)  # exhibit numbers, in the pack's order
    left_out: list[int] = field(default_factory=list)  # no room for them (max images)
    notices: list[str] = field(default_factory=list)


def pack_folder_name(case: Case, channel: str, when: datetime) -> str:
    return f"证据包_{case.file_title()}_{channel}_{when:%Y-%m-%d}"


def choose_exhibits(case: Case, items: list[EvidenceItem], room: int | None) -> list[int]:
    """Exhibit numbers by what matters most for this complaint type: for each checklist
    entry in order, its first exhibits (as many as it asks for), then the rest in exhibit
    order; at most `room` of them."""
    ctype = load_rules().complaint_type(case.complaint_type)
    order: list[int] = []
    for entry in ctype.checklist:
        matching = [n for n, item in enumerate(items, start=1)
                    if item.kind in entry.kinds and n not in order]
        order += matching[:entry.min_count]
    order += [n for n in range(1, len(items) + 1) if n not in order]
    return order if room is None else order[:room]


def export_pack(store: Store, case_id: int, channel: str, out_dir: Path,
                options: ExportOptions | None = None, picked: list[int] | None = None,
                as_zip: bool = False) -> Pack:
    """Write the channel's pack into out_dir; `picked`: the exhibit numbers the buyer chose
    (else the checklist's choice)."""
    rules = load_packs().get(channel)
    if rules is None:
        raise KeyError(channel)
    case = store.get_case(case_id)
    if case is None:
        raise KeyError(f"case {case_id} not found")
    options = _options_for(rules, options or ExportOptions())
    now = options.now or datetime.now().replace(microsecond=0)
    items = store.items(case_id)
    unread = unread_exhibits(items)
    if unread and not options.allow_unscanned:
        raise ExportRefused("export.unscanned", numbers=join_list(unread))
    pack = Pack(out_dir / pack_folder_name(case, channel, now))
    _choose(pack, case, items, rules, picked)
    for notice in pack.notices:
        if options.on_notice:
            options.on_notice(notice)
    staging = pack.folder.with_name(f".{pack.folder.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        _write(store, case, items, rules, options, pack, staging)
        shutil.rmtree(pack.folder, ignore_errors=True)  # an earlier pack of the same day
        staging.replace(pack.folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pack.files = sorted(pack.folder.iterdir())
    if as_zip:
        pack.archive = _zip(pack.folder)
    store.log_event(case_id, "exported", pack=channel, file=pack.folder.name,
                    files={p.name: sha256_of(p) for p in pack.files},
                    **({"zip_sha256": sha256_of(pack.archive)} if pack.archive else {}))
    return pack


def _options_for(rules: PackRules, options: ExportOptions) -> ExportOptions:
    """The buyer's options as this channel needs them: a public channel blacks out every
    kind of personal data, never carries the unredacted originals and names no one."""
    options = replace(options, channel=rules.id,
                      max_part_mb=rules.pdf_max_mb if rules.pdf else None)
    if rules.public:
        options = replace(options, public=True, redact_types=ALL_TYPES,
                          include_originals=False)
    if rules.bundle:
        options = replace(options, page_size="A4")
    return options


def _choose(pack: Pack, case: Case, items: list[EvidenceItem], rules: PackRules,
            picked: list[int] | None) -> None:
    if not rules.images:  # the printed bundle: no pictures of its own
        return
    if not items:  # a pack of pictures with none in it would upload nothing
        raise ExportRefused("pack.empty", channel=choose(*rules.name))
    if picked:
        wrong = [n for n in picked if not 1 <= n <= len(items)]
        if wrong:
            raise ExportRefused("pack.no_such_exhibit", numbers=join_list(wrong))
        chosen = list(dict.fromkeys(picked))
    else:
        chosen = choose_exhibits(case, items, None)
    room = rules.max_images or len(chosen)
    pack.chosen, pack.left_out = chosen[:room], chosen[room:]
    if pack.left_out:
        pack.notices.append(choose(
            f"{rules.name[0]}最多收 {room} 张图片：证据 {join_list(pack.left_out)} 未放入",
            f"{rules.name[1]} takes at most {room} images: exhibits "
            f"{join_list(pack.left_out)} were left out"))


def _write(store: Store, case: Case, items: list[EvidenceItem], rules: PackRules,
           options: ExportOptions, pack: Pack, folder: Path) -> None:
    width = max(2, len(str(len(items))))
    for position, number in enumerate(pack.chosen, start=1):
        item = items[number - 1]
        picture = checked_picture(store, number, item)
        kind = load_rules().kind_name(item.kind, options.lang)
        data = captioned_picture(picture, item, number, kind, case, options,
                                 rules.max_image_bytes)
        name = f"{position:0{width}d}_{choose('证据', 'exhibit', options.lang)}{number}_{kind}.jpg"
        with atomic_write(folder / _safe(name)) as fh:
            fh.write(data)
    if rules.bundle or rules.pdf:
        said = options.on_notice

        def notice(text: str) -> None:
            pack.notices.append(text)
            if said:
                said(text)

        export_case(store, case.id or 0, folder / "00_证据材料.pdf",
                    replace(options, on_notice=notice))
    submissions = store.submissions(case.id or 0)
    if rules.id == "lawsuit":  # a court takes a statement of claim, not a complaint
        (folder / LAWSUIT).write_text(lawsuit_text(case, items, submissions, options.lang)
                                      + "\n", "utf-8")
        (folder / CATALOGUE).write_text(catalogue_text(catalogue(case, items, options.lang),
                                                       options.lang), "utf-8")
    else:
        text = letter_text(case, items, submissions, options.lang)
        if options.public:
            text = without_personal_data(text, buyer_details(case))
        (folder / LETTER).write_text(text + "\n", "utf-8")
    if rules.id == "12315":  # field by field, for a form that blocks pasting
        sheet = form_text(form_fields(case, items, submissions, options.lang), options.lang)
        (folder / FORM_SHEET).write_text(sheet, "utf-8")
    (folder / README).write_text(_readme(case, items, rules, options, pack), "utf-8")


def _readme(case: Case, items: list[EvidenceItem], rules: PackRules, options: ExportOptions,
            pack: Pack) -> str:
    lang = options.lang
    media = [n for n, item in enumerate(items, start=1) if item.media in ("video", "audio")]
    lines = [choose(f"证据包：{case.title}（{rules.name[0]}）",
                    f"Evidence pack: {case.title} ({rules.name[1]})", lang), "",
             choose(rules.how[0], rules.how[1], lang), ""]
    if pack.chosen:
        lines.append(choose(f"图片：证据 {join_list(pack.chosen)}，每张不超过 "
                            f"{rules.max_image_bytes / 1e6:g} MB，已遮盖个人信息并标注证据编号。",
                            f"Images: exhibits {join_list(pack.chosen)}, each at most "
                            f"{rules.max_image_bytes / 1e6:g} MB, personal data blacked out, "
                            "each captioned with its exhibit number.", lang))
    lines += pack.notices
    if media:
        lines.append(choose(
            f"证据 {join_list(media)} 是视频或录音：上传的是它的截图页或说明页，原件保存在"
            "案件备份（工具 › 备份案件）中，需要时另行提交。",
            f"Exhibits {join_list(media)} are videos or recordings: their contact sheet or "
            "card is uploaded; the originals are in the case archive (Tools › Back up "
            "case), to hand over when asked.", lang))
    if rules.public:
        lines.append(choose("这是公开发布的材料：所有类型的个人信息都已遮盖，不含姓名、文件名。",
                            "This pack is published for anyone: every kind of personal data "
                            "is blacked out, and it names no one.", lang))
    lines += ["", choose(f"限额来源：{rules.source}", f"Limits from: {rules.source}", lang)]
    return "\n".join(lines) + "\n"


def _safe(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name)


def _zip(folder: Path) -> Path:
    target = folder.with_suffix(".zip")
    with atomic_write(target, prefix=".pack-") as fh, zipfile.ZipFile(fh, "w") as zf:
        for path in sorted(folder.iterdir()):
            # pictures and PDFs are compressed already
            kind = zipfile.ZIP_DEFLATED if path.suffix == ".txt" else zipfile.ZIP_STORED
            zf.write(path, f"{folder.name}/{path.name}", compress_type=kind)
    return target

