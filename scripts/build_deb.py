"""Build the Debian package of ProofPack without network access beyond PyPI.

`briefcase package linux system` is the primary route, but it clones its app template
from github.com. This builds the same layout Briefcase's system package uses: the app
and its Python packages under /usr/lib/proofpack, run by the system Python 3.11, with
Tesseract and the Qt libraries as package dependencies (read from briefcase.toml).

  python scripts/build_deb.py [--out dist]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = Path("usr/lib/proofpack")
LAUNCHER = """#!/bin/sh
# ProofPack: the app and its Python packages live in /usr/lib/proofpack.
export PYTHONPATH=/usr/lib/proofpack/app:/usr/lib/proofpack/app_packages
exec /usr/bin/python3 -s -m proofpack "$@"
"""


def config() -> tuple[dict, dict]:  # type: ignore[type-arg]
    data = tomllib.loads((ROOT / "briefcase.toml").read_text(encoding="utf-8"))
    project = data["tool"]["briefcase"]
    return project, project["app"]["proofpack"]


def run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def build(out: Path) -> Path:
    project, app = config()
    version = project["version"]
    arch = run("dpkg", "--print-architecture")
    stage = ROOT / "build" / "deb" / f"proofpack_{version}_{arch}"
    shutil.rmtree(stage, ignore_errors=True)
    lib = stage / PREFIX
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_translations.py")],
                   check=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts")
    for source in app["sources"]:
        src = ROOT / source
        shutil.copytree(src, lib / "app" / src.name, ignore=ignore)
    # Wheels for the system Python of the target (Debian 12: CPython 3.11).
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-compile",
                    "--target", str(lib / "app_packages"), "--only-binary=:all:",
                    "--python-version", "3.11", "--implementation", "cp",
                    *app["requires"]], check=True)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "proofpack").write_text(LAUNCHER)
    (bin_dir / "proofpack").chmod(0o755)
    share = stage / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "proofpack.desktop", share / "applications")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / "packaging" / "icons" / f"proofpack-{size}.png",
                    folder / "proofpack.png")
    doc = share / "doc" / "proofpack"
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "LICENSE", doc / "copyright")

    deps = ["python3 (>= 3.11)", "python3 (<< 3.12)",
            *app["linux"]["system"]["debian"]["system_runtime_requires"]]
    size_kb = sum(f.stat().st_size for f in stage.rglob("*") if f.is_file()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    summary = app["description"]
    details = "\n".join(f" {line}" if line.strip() else " ." for line in
                        app["long_description"].strip().splitlines())
    control.write_text(
        f"Package: proofpack\nVersion: {version}\nArchitecture: {arch}\n"
        f"Maintainer: {project['author']} <{project['author_email']}>\n"
        f"Depends: {', '.join(deps)}\nSection: utils\nPriority: optional\n"
        f"Installed-Size: {size_kb}\nHomepage: {project['url']}\n"
        f"Description: {summary}\n{details}\n", encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"proofpack_{version}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--build", "--root-owner-group", "-Zxz", str(stage),
                    str(target)], check=True, capture_output=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    print(build(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
