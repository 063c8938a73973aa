"""Finding and running Tesseract.

One resolver decides which tesseract binary (and language data) to use: a bundled copy in
the app's resources first, then $PROOFPACK_TESSERACT, then PATH, then the usual install
folders on Windows and macOS.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from app.i18n import t
from app.paths import RESOURCES_DIR

TESSERACT_ENV = "PROOFPACK_TESSERACT"
LANGS = "chi_sim+eng"
REQUIRED_LANGS = ("chi_sim", "eng")

WELL_KNOWN_DIRS: dict[str, list[str]] = {
    "win32": [
        r"C:\Program Files\Tesseract-OCR",
        r"C:\Program Files (x86)\Tesseract-OCR",
        os.path.expandvars(r"%LOCALAPPDATA%\Programs\Tesseract-OCR"),
    ],
    "darwin": ["/opt/homebrew/bin", "/usr/local/bin", "/opt/local/bin"],
    "linux": ["/usr/bin", "/usr/local/bin"],
}

FIXES: dict[str, str] = {
    "win32": "https://github.com/UB-Mannheim/tesseract/wiki (勾选 Chinese Simplified / "
             "select Chinese Simplified)",
    "darwin": "brew install tesseract tesseract-lang",
    "linux": "sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim",
}


@dataclass(frozen=True)
class TesseractSetup:
    cmd: str
    tessdata_dir: Path | None = None  # set for a bundled copy with its own language data


@dataclass(frozen=True)
class OcrStatus:
    setup: TesseractSetup | None
    languages: tuple[str, ...] = field(default_factory=tuple)
    problem: str = ""  # "" | "missing_binary" | "missing_chi_sim"

    @property
    def available(self) -> bool:
        return self.setup is not None and not self.problem

    def message(self) -> str:
        if not self.problem:
            return ""
        return t(f"ocr.{self.problem}", fix=install_fix())


def _platform_key(platform: str | None = None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "linux"


def install_fix(platform: str | None = None) -> str:
    return FIXES[_platform_key(platform)]


def resolve_tesseract(
    resources_dir: Path = RESOURCES_DIR, platform: str | None = None
) -> TesseractSetup | None:
    """The tesseract to use, or None when there is none."""
    exe = "tesseract.exe" if _platform_key(platform) == "win32" else "tesseract"
    bundled = resources_dir / "tesseract" / exe
    if bundled.is_file() and os.access(bundled, os.X_OK):
        tessdata = resources_dir / "tesseract" / "tessdata"
        return TesseractSetup(str(bundled), tessdata if tessdata.is_dir() else None)
    env = os.environ.get(TESSERACT_ENV)
    if env:
        return TesseractSetup(env) if Path(env).is_file() else None
    on_path = shutil.which("tesseract")
    if on_path:
        return TesseractSetup(on_path)
    for folder in WELL_KNOWN_DIRS[_platform_key(platform)]:
        candidate = Path(folder) / exe
        if candidate.is_file():
            return TesseractSetup(str(candidate))
    return None


def list_languages(setup: TesseractSetup) -> tuple[str, ...]:
    args = [setup.cmd, "--list-langs"]
    if setup.tessdata_dir:
        args += ["--tessdata-dir", str(setup.tessdata_dir)]
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    lines = (out.stdout + out.stderr).splitlines()
    return tuple(line.strip() for line in lines[1:] if line.strip() and " " not in line.strip())


def check_ocr(resources_dir: Path = RESOURCES_DIR) -> OcrStatus:
    setup = resolve_tesseract(resources_dir)
    if setup is None:
        return OcrStatus(None, (), "missing_binary")
    langs = list_languages(setup)
    if not langs:
        return OcrStatus(None, (), "missing_binary")
    if "chi_sim" not in langs:
        return OcrStatus(setup, langs, "missing_chi_sim")
    return OcrStatus(setup, langs, "")


@cache
def ocr_status() -> OcrStatus:
    """check_ocr(), done once per process."""
    return check_ocr()


@cache
def tesseract_version() -> str:
    """The version Tesseract reports (5.3.0), "" when it cannot be asked: the chain of
    custody names the reader of each exhibit."""
    setup = ocr_status().setup
    if setup is None:
        return ""
    try:
        out = subprocess.run([setup.cmd, "--version"], capture_output=True, text=True,
                             timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    first = (out.stdout or out.stderr).split("\n", 1)[0]
    return first.removeprefix("tesseract ").strip()


def engines_named(used: set[str]) -> list[str]:
    """The readers behind lines marked tesseract / ppocr / both / textlayer, with their
    versions: ["tesseract 5.3.0", "rapidocr 3.4.2"]."""
    from importlib.metadata import PackageNotFoundError, version

    names = []
    if used & {"tesseract", "both"}:
        names.append(f"tesseract {tesseract_version()}".strip())
    if used & {"ppocr", "both"}:
        try:
            names.append(f"rapidocr {version('rapidocr')}")
        except PackageNotFoundError:
            names.append("rapidocr")
    if "textlayer" in used:
        names.append("pdf text layer")
    return names


def tesseract_config(setup: TesseractSetup, *options: str) -> str:
    parts = list(options)
    if setup.tessdata_dir:
        parts.append(f'--tessdata-dir "{setup.tessdata_dir}"')
    return " ".join(parts)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """Ask Linux to end this process when its parent dies, however the parent ends (a
    SIGKILL leaves no chance to clean up): the OCR worker and its Tesseracts must not
    outlive the import that started them. Elsewhere a no-op (the pipes they read close
    and they exit on their own)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    # The parent may have died before the request was made: then no signal will come.
    if parent is not None and os.getppid() != parent:
        os._exit(1)
