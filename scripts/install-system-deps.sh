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
have_lib 'libEGL.so.1' || need_pkg libegl1
have_lib 'libGL.so.1' || need_pkg libgl1
have_lib 'libxkbcommon.so.0' || need_pkg libxkbcommon0
have_lib 'libxkbcommon-x11.so.0' || need_pkg libxkbcommon-x11-0
have_lib 'libfontconfig.so.1' || need_pkg libfontconfig1
have_lib 'libdbus-1.so.3' || need_pkg libdbus-1-3
have_lib 'libxcb-cursor.so.0' || need_pkg libxcb-cursor0
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
