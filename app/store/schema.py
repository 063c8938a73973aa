"""SQLite engine set-up and schema versioning.

The schema version lives in PRAGMA user_version. MIGRATIONS[i] upgrades a store from
version i to i + 1, so a store written by any older release opens in a newer one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import SQLModel, create_engine

from app.store import models  # noqa: F401  (registers the tables on SQLModel.metadata)


def _create_v1(conn: sqlite3.Connection) -> None:
    # Version 1 is the schema as the models declare it.
    del conn


def _v2_redactions_letter_replies(conn: sqlite3.Connection) -> None:
    # Privacy boxes per item, the buyer's edited complaint letter, replies to a submission.
    conn.execute("ALTER TABLE evidenceitem ADD COLUMN redactions JSON DEFAULT '[]'")
    conn.execute("ALTER TABLE \"case\" ADD COLUMN letter_text VARCHAR NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE submission ADD COLUMN replies VARCHAR NOT NULL DEFAULT ''")


def _v3_case_order_numbers(conn: sqlite3.Connection) -> None:
    # A case may be about several orders; the single order_number becomes the first.
    conn.execute("ALTER TABLE \"case\" ADD COLUMN order_numbers JSON DEFAULT '[]'")
    conn.execute("UPDATE \"case\" SET order_numbers = json_array(order_number) "
                 "WHERE order_number != ''")


def _v4_pixel_print(conn: sqlite3.Connection) -> None:
    # The picture's fingerprint, to notice the same screen saved twice; older rows get
    # theirs when first compared (app.store.importer.look_alike).
    conn.execute("ALTER TABLE evidenceitem ADD COLUMN pixel_print VARCHAR NOT NULL DEFAULT ''")


def _v5_read_doubt(conn: sqlite3.Connection) -> None:
    # Why the search for personal data may have missed something (app.ocr.classify);
    # exhibits read before get it when read again (the extractor version moved on).
    conn.execute("ALTER TABLE evidenceitem ADD COLUMN read_doubt VARCHAR NOT NULL DEFAULT ''")


def _v6_media(conn: sqlite3.Connection) -> None:
    # Videos, PDFs and recordings beside pictures: what the original is and its face.
    for column in ("media VARCHAR NOT NULL DEFAULT 'image'",
                   "face_path VARCHAR NOT NULL DEFAULT ''",
                   "face_sha256 VARCHAR NOT NULL DEFAULT ''",
                   "duration_s FLOAT NOT NULL DEFAULT 0", "recorded_at DATETIME",
                   "page_count INTEGER NOT NULL DEFAULT 0", "frame_times JSON DEFAULT '[]'"):
        conn.execute(f"ALTER TABLE evidenceitem ADD COLUMN {column}")


def _v7_custody(conn: sqlite3.Connection) -> None:
    # The chain of custody: its table is created by create_all below. The version moves
    # so an older ProofPack, which would change evidence without recording it, refuses.
    del conn


def _v8_harm_known_on(conn: sqlite3.Connection) -> None:
    # When the buyer knew of the harm (12315's three years run from it).
    conn.execute("ALTER TABLE \"case\" ADD COLUMN harm_known_on DATE")


def _v9_submission_sent(conn: sqlite3.Connection) -> None:
    # Which export or pack a complaint sent (a chain-of-custody entry's hash).
    conn.execute("ALTER TABLE submission ADD COLUMN sent VARCHAR NOT NULL DEFAULT ''")


def _v10_parties(conn: sqlite3.Connection) -> None:
    # The buyer's and the business's details channels require, and 12315's request.
    for column in ("product_name", "request_option", "buyer_name", "buyer_phone", "buyer_address",
                   "buyer_id_number", "buyer_sex", "seller_company", "seller_uscc",
                   "seller_address", "seller_legal_rep"):
        conn.execute(f"ALTER TABLE \"case\" ADD COLUMN {column} VARCHAR NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE \"case\" ADD COLUMN buyer_birth DATE")


def _v11_purpose(conn: sqlite3.Connection) -> None:
    # What each exhibit is to prove (证明目的), as the buyer wrote it for the catalogue.
    conn.execute("ALTER TABLE evidenceitem ADD COLUMN purpose VARCHAR NOT NULL DEFAULT ''")


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [_create_v1, _v2_redactions_letter_replies,
                               _v3_case_order_numbers, _v4_pixel_print, _v5_read_doubt, _v6_media,
                               _v7_custody, _v8_harm_known_on,
                               _v9_submission_sent, _v10_parties, _v11_purpose]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreTooNewError(RuntimeError):
    pass


def make_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        # FULL: a row reported as imported survives a power cut, not only a crash.
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return engine


def init_schema(engine: Engine, db_path: Path) -> None:
    """Create a new store or upgrade an older one to SCHEMA_VERSION."""
    with sqlite3.connect(db_path) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='case'"
        ).fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreTooNewError(
            f"store schema {version} is newer than this ProofPack ({SCHEMA_VERSION})"
        )
    if not has_tables:
        SQLModel.metadata.create_all(engine)
        _set_version(db_path, SCHEMA_VERSION)
        return
    for step in range(max(version, 1), SCHEMA_VERSION):
        conn = sqlite3.connect(db_path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version={step + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()
    # Tables added by a newer release that has no migration body of its own.
    SQLModel.metadata.create_all(engine)


def _set_version(db_path: Path, version: int) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version={version}")
