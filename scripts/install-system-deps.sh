#!/usr/bin/env bash
# Installs the system packages ProofPack needs on Debian/Ubuntu, only when something is missing.
#   $1 = run   OCR engine + Chinese data + the libraries Qt needs to open a window
#   $1 = test  the same, plus poppler (tests read PDFs back), Xvfb and a second CJK font
# Without root or apt it prints what to install and exits 1.
set -euo pipefail
purpose=${1:-run}

missing=()
need_pkg() { missing+=("$1"); }

if ! command -v python3 >/dev/null || ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    need_pkg python3
fi
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need_pkg python3-venv
command -v tesseract >/dev/null || need_pkg tesseract-ocr
if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then
    need_pkg tesseract-ocr-chi-sim
fi
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
# Every library Qt's xcb platform plugin (the window on an X11 or XWayland desktop) loads,
# as `ldd` lists them for plugins/platforms/libqxcb.so and libQt6XcbQpa.so: library, package.
# briefcase.toml's system_runtime_requires (the .deb's Depends) lists the same packages
# (tests/test_packaging.py checks).
QT_LIBS=(
    libEGL.so.1:libegl1 libGL.so.1:libgl1 libfontconfig.so.1:libfontconfig1
    libfreetype.so.6:libfreetype6 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3
    libxkbcommon.so.0:libxkbcommon0 libxkbcommon-x11.so.0:libxkbcommon-x11-0
    libX11.so.6:libx11-6 libX11-xcb.so.1:libx11-xcb1 libxcb.so.1:libxcb1
    libxcb-cursor.so.0:libxcb-cursor0 libxcb-glx.so.0:libxcb-glx0
    libxcb-icccm.so.4:libxcb-icccm4 libxcb-image.so.0:libxcb-image0
    libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-randr.so.0:libxcb-randr0
    libxcb-render.so.0:libxcb-render0 libxcb-render-util.so.0:libxcb-render-util0
    libxcb-shape.so.0:libxcb-shape0 libxcb-shm.so.0:libxcb-shm0 libxcb-sync.so.1:libxcb-sync1
    libxcb-util.so.1:libxcb-util1 libxcb-xfixes.so.0:libxcb-xfixes0 libxcb-xkb.so.1:libxcb-xkb1
)
for entry in "${QT_LIBS[@]}"; do
    have_lib "${entry%%:*}" || need_pkg "${entry##*:}"
done
if [ "$purpose" = test ]; then
    command -v pdftoppm >/dev/null || need_pkg poppler-utils
    command -v Xvfb >/dev/null || need_pkg xvfb
    # The test screenshots are drawn in two CJK typefaces, as real phones differ.
    [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_pkg fonts-noto-cjk
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "ProofPack needs these system packages: ${missing[*]}" >&2
    echo "ProofPack 需要以下系统软件包：${missing[*]}" >&2
    echo "Install them, e.g.: sudo apt-get install ${missing[*]}" >&2
    echo "(other systems: install Tesseract OCR 5 with the chi_sim language data)" >&2
    exit 1
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "apt-get could not install: ${missing[*]}" >&2
    exit 1
fi
