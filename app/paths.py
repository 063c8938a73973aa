"""Where things live: the user's data store and the bundled resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import APP_NAME

DATA_DIR_ENV = "PROOFPACK_DATA_DIR"

# resources/ sits beside app/ both in a checkout and in a Briefcase bundle.
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
FONT_PATH = RESOURCES_DIR / "fonts" / "WenQuanYiMicroHei.ttf"
FALLBACK_FONT_PATH = RESOURCES_DIR / "fonts" / "DejaVuSans.ttf"  # Hebrew, symbols, emoji
RULES_PATH = RESOURCES_DIR / "rules" / "complaints.toml"
CHANNELS_PATH = RESOURCES_DIR / "rules" / "channels.toml"
NUMBER_RULES_PATH = RESOURCES_DIR / "rules" / "numbers.toml"  # number labels and formats
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
ICONS_DIR = RESOURCES_DIR / "icons"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir wins, then $PROOFPACK_DATA_DIR, then the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
