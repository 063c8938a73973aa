"""The window's settings, declared once (key, default, what it is for) and read and written
only through `Settings`, which gives each its declared type back whatever the backend
(the registry, a plist or an INI file) stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, bytes, list[str])


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    help: str


LANGUAGE = Setting("language", "", "zh or en, chosen in the menu; empty: the system's")
IMPORT_FOLDER = Setting("folders/import", "", "where the last import came from")
EXPORT_FOLDER = Setting("folders/export", "", "where the last bundle was saved")
BACKUP_FOLDER = Setting("folders/backup", "", "where the last backup was saved")
WINDOW_GEOMETRY = Setting("window/geometry", b"", "the window's size and place")
SPLITTER_STATE = Setting("window/splitter", b"", "the widths of the three panes")
KEEP_UNREDACTED = Setting("privacy/keep", cast(list[str], []),
                          "kinds of personal data the buyer chose not to black out")
SIGNER_NAME = Setting("seal/signer_name", "",
                      "the buyer's name in the signing certificate; empty: a pseudonym")
TSA_URL = Setting("seal/tsa_url", "", "an RFC 3161 timestamp server; empty: none (no network)")

ALL: tuple[Setting[str] | Setting[bytes] | Setting[list[str]], ...] = (
    LANGUAGE, IMPORT_FOLDER, EXPORT_FOLDER, BACKUP_FOLDER, WINDOW_GEOMETRY, SPLITTER_STATE,
    KEEP_UNREDACTED, SIGNER_NAME, TSA_URL)


class Settings:
    def __init__(self, backend: QSettings | None = None) -> None:
        self.backend = backend or QSettings()

    @classmethod
    def in_file(cls, path: Path) -> Settings:
        """Settings kept in an INI file (tests, a portable install)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, setting: Setting[T]) -> T:
        raw = self.backend.value(setting.key)
        if raw is None:
            return setting.default
        default: object = setting.default
        if isinstance(default, bytes):
            value: object = bytes(raw.data()) if isinstance(raw, QByteArray) else \
                raw if isinstance(raw, bytes) else b""
        elif isinstance(default, list):
            # An INI file gives a one-element list back as a plain string.
            value = [raw] if isinstance(raw, str) and raw else \
                [str(v) for v in raw] if isinstance(raw, list) else []
        else:
            value = str(raw)
        return cast(T, value)

    def set(self, setting: Setting[T], value: T) -> None:
        self.backend.setValue(setting.key, QByteArray(value) if isinstance(value, bytes)
                              else value)

    def folder(self, setting: Setting[str]) -> str:
        """A remembered folder that still exists, else the home folder."""
        chosen = self.get(setting)
        return chosen if chosen and Path(chosen).is_dir() else str(Path.home())

    def remember_folder(self, setting: Setting[str], folder: Path | str) -> None:
        self.set(setting, str(folder))
