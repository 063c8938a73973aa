"""The chain of custody (证据处理记录) as data: each entry is canonical JSON naming the
hash of the entry before it, and its own hash is the SHA-256 of that JSON. Editing an
entry changes its hash, which no longer matches the `prev` of the next; removing one
breaks the link over the gap. Someone able to rewrite the whole store could compute a new
chain from the edit on: what gives that away is a head hash recorded before, in a bundle
or an archive kept elsewhere, that the new chain no longer contains.

One chain per case, so it travels with the case in its archive."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FORMAT = 1
CUSTODY = "custody.json"  # the chain as a case archive carries it
MAX_RECORD_BYTES = 64 * 1024 * 1024  # far above any case's record: a larger one is a bomb
GENESIS = "0" * 64  # the `prev` of a case's first entry

# What happened to the evidence; the bundle's appendix names them.
ACTIONS = {
    "imported": ("导入", "imported"),
    "restored": ("从备份恢复", "restored from a backup"),
    "read": ("识别文字", "text read"),
    "fact_corrected": ("更正识别结果", "fact corrected"),
    "redaction_added": ("添加遮盖", "blackout added"),
    "redaction_removed": ("撤销遮盖", "blackout removed"),
    "removed": ("移出案件", "removed from the case"),
    "exported": ("导出", "exported"),
    "archived": ("备份", "backed up"),
}


@dataclass(frozen=True)
class Entry:
    body: str  # the canonical JSON the hash is taken of
    hash: str

    def fields(self) -> dict[str, Any]:
        parsed = json.loads(self.body)
        return parsed if isinstance(parsed, dict) else {}


def canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def make_entry(prev: str, seq: int, at: str, action: str, item: str,
               details: Mapping[str, Any]) -> Entry:
    """The entry after `prev`: `item` is the original's SHA-256 ("" for the case)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown custody action {action!r}")
    body = canonical({"v": FORMAT, "seq": seq, "at": at, "action": action, "item": item,
                      "details": dict(details), "prev": prev})
    return Entry(body, hashlib.sha256(body.encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class ChainCheck:
    count: int
    head: str  # the last entry's hash as recorded (GENESIS for an empty chain)
    broken_at: int | None = None  # the seq of the first entry that does not hold
    problem: str = ""  # "edited" | "gap" | "unreadable"

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def check_chain(entries: Sequence[Entry]) -> ChainCheck:
    """Every entry's hash is its body's, every `prev` the hash before it and the numbers
    run 1, 2, 3…: so nothing before the head was edited, removed or reordered."""
    prev, head = GENESIS, GENESIS
    for expected_seq, entry in enumerate(entries, start=1):
        head = entry.hash
        try:
            fields = entry.fields()
        except ValueError:
            return ChainCheck(len(entries), head, expected_seq, "unreadable")
        if hashlib.sha256(entry.body.encode("utf-8")).hexdigest() != entry.hash:
            return ChainCheck(len(entries), head, expected_seq, "edited")
        if fields.get("prev") != prev or fields.get("seq") != expected_seq:
            return ChainCheck(len(entries), head, expected_seq, "gap")
        prev = entry.hash
    return ChainCheck(len(entries), head)


def contains(entries: Sequence[Entry], head: str) -> int | None:
    """How many entries lead up to `head` (a head recorded by an earlier export), or None
    when the chain no longer holds it."""
    for n, entry in enumerate(entries, start=1):
        if entry.hash == head:
            return n
    return None


def to_json(entries: Sequence[Entry]) -> list[dict[str, str]]:
    return [{"body": e.body, "hash": e.hash} for e in entries]


def read_from_archive(zf: zipfile.ZipFile) -> list[Entry]:
    """The chain a case archive carries. KeyError: it carries none; ValueError: it cannot
    be read as one (too large, not JSON, another shape)."""
    info = zf.getinfo(CUSTODY)
    if info.file_size > MAX_RECORD_BYTES:
        raise ValueError("custody record too large")
    return from_json(json.loads(zf.read(info)))


def from_json(data: object) -> list[Entry]:
    """Entries from an archive's custody.json; ValueError when it has another shape."""
    if not isinstance(data, list):
        raise ValueError("custody record: not a list")
    out = []
    for row in data:
        if not isinstance(row, dict) or not isinstance(row.get("body"), str) or \
                not isinstance(row.get("hash"), str):
            raise ValueError("custody record: an entry without body and hash")
        out.append(Entry(row["body"], row["hash"]))
    return out


def describe(check: ChainCheck) -> str:
    """The check in the user's words."""
    from app.i18n import choose

    if check.ok:
        return choose(f"完整：{check.count} 条记录，链头 {check.head[:16]}…",
                      f"intact: {check.count} entries, head {check.head[:16]}…")
    n = check.broken_at
    return {
        "edited": choose(f"第 {n} 条记录在写入后被改动",
                         f"entry {n} was changed after it was written"),
        "gap": choose(f"第 {n} 条记录之前有记录被删除或调换",
                      f"an entry before entry {n} was removed or reordered"),
        "unreadable": choose(f"第 {n} 条记录无法读取", f"entry {n} cannot be read"),
        "cut": choose(f"记录在第 {check.count} 条之后被截断或改写（与存档时记下的链头不符）",
                      f"the record was cut or rewritten after entry {check.count} (its end "
                      f"is not the head noted when it was saved)"),
        "missing": choose("需要核对的链头不在记录中：记录被改写过",
                          "the head to check is not in the record: it was rewritten"),
    }.get(check.problem, check.problem)
