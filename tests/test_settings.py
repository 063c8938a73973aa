"""Settings keep their declared types through a real INI file, the backend that turns
a one-element list into a string and bytes into @ByteArray(...)."""

from __future__ import annotations

from pathlib import Path

from ui.settings import (
    ALL,
    BACKUP_FOLDER,
    KEEP_UNREDACTED,
    LANGUAGE,
    WINDOW_GEOMETRY,
    Settings,
)


def test_values_come_back_with_their_declared_types(qapp, tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    first = Settings.in_file(path)
    assert [first.get(s) for s in ALL] == [s.default for s in ALL]
    first.set(LANGUAGE, "en")
    first.set(WINDOW_GEOMETRY, b"\x01\x00\xff")
    first.set(KEEP_UNREDACTED, ["name"])
    first.backend.sync()
    again = Settings.in_file(path)
    assert again.get(LANGUAGE) == "en"
    assert again.get(WINDOW_GEOMETRY) == b"\x01\x00\xff"
    assert again.get(KEEP_UNREDACTED) == ["name"]
    assert len({s.key for s in ALL}) == len(ALL)


def test_a_remembered_folder_that_is_gone_falls_back_to_home(qapp, tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "s.ini")
    settings.remember_folder(BACKUP_FOLDER, tmp_path)
    assert settings.folder(BACKUP_FOLDER) == str(tmp_path)
    settings.remember_folder(BACKUP_FOLDER, tmp_path / "deleted")
    assert settings.folder(BACKUP_FOLDER) == str(Path.home())
