import sqlite3
from datetime import date

import pytest

from app.store.models import EvidenceItem, Submission
from app.store.schema import SCHEMA_VERSION
from app.store.store import Store


def test_store_creates_sqlite_in_wal_mode_with_foreign_keys(store: Store) -> None:
    assert store.db_path.exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with sqlite3.connect(store.db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_case_round_trip_and_update(store: Store) -> None:
    case = store.create_case("耳机破损", order_number="123456789012345678",
                             complaint_type="quality", platform="tmall", amount="199.00",
                             order_completed_on=date(2024, 11, 2))
    again = store.get_case(case.id)
    assert again is not None
    assert (again.title, again.platform, again.amount) == ("耳机破损", "tmall", "199.00")
    assert again.order_completed_on == date(2024, 11, 2)
    store.update_case(case.id, title="耳机左耳无声")
    assert store.get_case(case.id).title == "耳机左耳无声"
    with pytest.raises(TypeError):
        store.update_case(case.id, no_such_field=1)


def test_trash_restore_and_empty(store: Store) -> None:
    keep = store.create_case("keep")
    gone = store.create_case("gone")
    store.trash_case(gone.id)
    assert [c.title for c in store.list_cases()] == ["keep"]
    assert [c.title for c in store.list_cases(trashed=True)] == ["gone"]
    store.restore_case(gone.id)
    assert {c.title for c in store.list_cases()} == {"keep", "gone"}
    store.trash_case(gone.id)
    store.add_submission(Submission(case_id=gone.id, submitted_on=date.today(), channel="12315"))
    assert store.empty_trash() == 1
    assert store.get_case(gone.id) is None
    assert store.submissions(gone.id) == []
    assert store.get_case(keep.id) is not None


def test_foreign_key_rejects_item_of_missing_case(store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        store.add_item(EvidenceItem(case_id=999, sha256="0" * 64, stored_path="x",
                                    original_name="x.png", size_bytes=1, width=1, height=1,
                                    image_format="PNG"))


def test_reopening_a_store_keeps_data(data_dir) -> None:
    first = Store(data_dir)
    case = first.create_case("持久")
    first.close()
    second = Store(data_dir)
    assert second.get_case(case.id).title == "持久"
    second.close()
