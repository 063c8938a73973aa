"""The chain of custody kept in the store: what was done to each piece of evidence, one
hash-chained entry per event (app.seal.chain), appended in the same transaction as the
change it records, so neither is kept without the other."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image
from sqlmodel import Session, col, select

from app.seal.chain import GENESIS, Entry, make_entry
from app.store.models import CustodyEvent, EvidenceItem

FACT_FIELDS = ("order_numbers", "timestamps", "amounts")
# Details that name the buyer's computer (folders carry the user's name) or their files:
# left out of the record printed in a public pack.
PRIVATE_DETAILS = frozenset({"path", "name", "file", "archive"})
Event = tuple[str, dict[str, Any]]

# EXIF tags naming the device and the moment a photo was taken.
_MAKE, _MODEL, _SOFTWARE, _EXIF_IFD, _TAKEN = 0x010F, 0x0110, 0x0131, 0x8769, 0x9003


def append(session: Session, case_id: int, action: str, item: str = "",
           **details: Any) -> Entry:
    """Add an entry after the case's last, inside the session's transaction."""
    # A write that changes nothing takes SQLite's write lock now: no other process can
    # append between our reading the last entry and writing the one after it (the
    # unique (case, seq) would refuse the second anyway, failing that change).
    session.connection().exec_driver_sql("UPDATE custodyevent SET seq = seq WHERE 0")
    last = session.exec(select(CustodyEvent).where(CustodyEvent.case_id == case_id)
                        .order_by(col(CustodyEvent.seq).desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.entry_hash) if last else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    entry = make_entry(prev, seq, at, action, item, details)
    session.add(CustodyEvent(case_id=case_id, seq=seq, body=entry.body,
                             entry_hash=entry.hash))
    return entry


def insert_verbatim(session: Session, case_id: int, entries: Iterable[Entry]) -> None:
    """A restored case's chain, as its archive carried it (checked before)."""
    for seq, entry in enumerate(entries, start=1):
        session.add(CustodyEvent(case_id=case_id, seq=seq, body=entry.body,
                                 entry_hash=entry.hash))


def entries(session: Session, case_id: int) -> list[Entry]:
    rows = session.exec(select(CustodyEvent).where(CustodyEvent.case_id == case_id)
                        .order_by(col(CustodyEvent.seq)))
    return [Entry(row.body, row.entry_hash) for row in rows]


def item_changes(old: EvidenceItem, fields: Mapping[str, Any],
                 read_by: list[str] | None) -> list[Event]:
    """The events an update of `old` with `fields` amounts to."""
    events: list[Event] = []
    if fields.get("ocr_status") == "done":
        events.append(("read", {"by": read_by or [],
                                "extractor": fields.get("extractor_version", ""),
                                "order_numbers": list(fields.get("order_numbers", []))}))
    if "user_facts" in fields:
        new_user = fields["user_facts"]
        for key in FACT_FIELDS:
            before = old.effective(key)
            after = list(new_user[key]) if key in new_user else list(getattr(old, key))
            if before != after:
                events.append(("fact_corrected", {"fact": key, "old": before, "new": after}))
    if fields.get("kind_confirmed") and fields.get("kind", old.kind) != old.kind:
        events.append(("fact_corrected", {"fact": "kind", "old": old.kind,
                                          "new": fields["kind"]}))
    if "redactions" in fields:
        events += _redaction_changes(old.redactions, fields["redactions"])
    return events


def _redaction_changes(old: Iterable[Mapping[str, Any]], new: Iterable[Mapping[str, Any]]
                       ) -> list[Event]:
    """Boxes that start or stop being blacked out; never the text under them (that is
    the personal data itself)."""
    def shown(boxes: Iterable[Mapping[str, Any]]) -> dict[tuple[Any, ...], Mapping[str, Any]]:
        return {(*r["box"], r["type"]): r for r in boxes if r["enabled"]}

    before, after = shown(old), shown(new)
    events: list[Event] = []
    for action, keys, rows in (("redaction_added", after.keys() - before.keys(), after),
                               ("redaction_removed", before.keys() - after.keys(), before)):
        for key in sorted(keys, key=str):
            r = rows[key]
            events.append((action, {"box": list(r["box"]), "type": r["type"],
                                    "source": r["source"]}))
    return events


def origin(path: Path, size: int) -> dict[str, Any]:
    """Where an imported original came from: the path, its times, and the device and
    moment EXIF names for a photo."""
    stat = path.stat()
    found: dict[str, Any] = {
        "path": str(path.absolute()), "name": path.name, "size": size,
        "modified": _utc(stat.st_mtime),
    }
    born = getattr(stat, "st_birthtime", None)  # macOS, Windows; not Linux
    if born:
        found["created"] = _utc(born)
    found.update(_camera(path))
    return found


def _camera(path: Path) -> dict[str, str]:
    try:
        with Image.open(path) as img:
            exif = img.getexif()
            taken = exif.get_ifd(_EXIF_IFD).get(_TAKEN)
    except Exception:  # not a picture, or EXIF Pillow cannot parse: nothing to say
        return {}
    device = " ".join(str(exif[t]).strip("\x00 ") for t in (_MAKE, _MODEL) if exif.get(t))
    found = {"device": device} if device else {}
    if exif.get(_SOFTWARE):
        found["software"] = str(exif[_SOFTWARE]).strip("\x00 ")[:80]
    if taken:
        found["taken"] = str(taken).strip("\x00 ")
    return found


def _utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


def public_details(details: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in details.items() if k not in PRIVATE_DETAILS}

