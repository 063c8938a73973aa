"""The installer configuration: one source, complete, and pointing at files that exist."""

from __future__ import annotations

import configparser
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from app.ocr.engine import check_ocr, install_fix

ROOT = Path(__file__).resolve().parent.parent


def briefcase() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "briefcase.toml").read_text(encoding="utf-8"))["tool"][
        "briefcase"]


def test_pyproject_carries_exactly_briefcase_toml() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "sync_briefcase.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["tool"]["briefcase"] == briefcase()


def test_briefcase_app_config_is_complete() -> None:
    project = briefcase()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["version"] == pyproject["project"]["version"]
    app = project["app"]["proofpack"]
    assert app["formal_name"] == "ProofPack" and "证据" in app["description"]
    # the installed app needs what the package needs, no more, no less
    assert sorted(app["requires"]) == sorted(pyproject["project"]["dependencies"])
    for source in app["sources"]:
        assert (ROOT / source).is_dir(), source
    assert (ROOT / "packaging/launcher/proofpack/__main__.py").is_file()
    assert (ROOT / project["license-files"][0]).is_file()
    debian = app["linux"]["system"]["debian"]["system_runtime_requires"]
    assert "tesseract-ocr" in debian and "tesseract-ocr-chi-sim" in debian


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512, 1024])
def test_icons_exist_at_every_size(size: int) -> None:
    icon = ROOT / f"{briefcase()['app']['proofpack']['icon']}-{size}.png"
    with Image.open(icon) as img:
        assert img.size == (size, size) and img.mode == "RGBA"


def test_windows_and_mac_icons() -> None:
    with Image.open(ROOT / "packaging/icons/proofpack.ico") as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(ROOT / "packaging/icons/proofpack.icns") as icns:
        assert icns.size[0] >= 512


def test_desktop_entry() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(ROOT / "packaging/linux/proofpack.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name[zh_CN]"] == "证据包"
    assert desktop["Exec"] == "proofpack" and desktop["Icon"] == "proofpack"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "proofpack" in pyproject["project"]["scripts"]


def test_missing_chinese_data_is_named_with_its_fix(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "tesseract"
    fake.write_text("#!/bin/sh\necho 'List of available languages in \"/x\" (1):'\necho eng\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PROOFPACK_TESSERACT", str(fake))
    status = check_ocr(tmp_path / "no-resources")
    assert not status.available and status.problem == "missing_chi_sim"
    assert "chi_sim" in status.message() and install_fix() in status.message()
    assert "tesseract-ocr-chi-sim" in install_fix("linux")
    assert "brew" in install_fix("darwin")
    assert "UB-Mannheim" in install_fix("win32")


def _qt_xcb_libraries() -> set[str]:
    """Every shared library Qt's xcb platform plugin loads, as ldd resolves them."""
    libs: set[str] = set()
    for binary in _xcb_binaries():
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
        libs |= {line.split()[0] for line in out.splitlines() if "=>" in line}
    return {lib for lib in libs if not lib.startswith(("libQt6", "libpyside", "libshiboken"))}


def test_every_library_the_xcb_plugin_needs_is_installed_and_a_dependency() -> None:
    """The window opens on a real X display only when every one of these is present."""
    script = (ROOT / "scripts" / "install-system-deps.sh").read_text(encoding="utf-8")
    listed = dict(entry.split(":") for entry in
                  script.split("QT_LIBS=(")[1].split(")")[0].split())
    needed = _qt_xcb_libraries()
    system = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "linux-vdso.so.1",
              "libpthread.so.0", "libdl.so.2", "librt.so.1"}
    # Libraries pulled in by the listed ones (libxau, libxdmcp, libpcre…) come with them.
    direct = {lib for lib in needed - system
              if lib.startswith(("libxcb", "libX11", "libxkb", "libEGL", "libGL.",
                                 "libfontconfig", "libfreetype", "libdbus", "libglib"))}
    assert direct <= set(listed), direct - set(listed)
    depends = set(briefcase()["app"]["proofpack"]["linux"]["system"]["debian"][
        "system_runtime_requires"])
    assert set(listed.values()) <= depends, set(listed.values()) - depends
    missing = subprocess.run(["ldd", *[str(p) for p in _xcb_binaries()]],
                             capture_output=True, text=True).stdout
    assert "not found" not in missing, missing


def _xcb_binaries() -> list[Path]:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    return [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
