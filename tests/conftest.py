from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from app.paths import FONT_PATH
from app.store.store import Store
from tests.imagegen import Sample, generate

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PROOFPACK_LANG", "zh")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(data_dir: Path) -> Store:
    s = Store(data_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few generated screenshots of each kind, written once per test session."""
    folder = tmp_path_factory.mktemp("samples")
    for seed, kind in [(11, "order"), (12, "chat"), (13, "payment"), (14, "logistics"),
                       (15, "photo"), (16, "other")]:
        sample = generate(seed, kind, "clean")
        sample.image.save(folder / f"{kind}.png")
    return folder


@pytest.fixture
def make_sample(tmp_path: Path) -> Callable[..., tuple[Path, Sample]]:
    def make(seed: int, kind: str, level: str = "clean", fmt: str = "PNG") -> tuple[Path, Sample]:
        sample = generate(seed, kind, level)
        path = tmp_path / f"{sample.name}.{fmt.lower()}"
        sample.image.save(path, fmt)
        return path, sample
    return make


def text_image(lines: list[str], path: Path, size: int = 36, width: int = 900) -> Path:
    """A plain screenshot-like image of the given Chinese/English text lines."""
    font = ImageFont.truetype(str(FONT_PATH), size)
    height = 60 + len(lines) * (size + 24)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((30, 30 + i * (size + 24)), line, fill="black", font=font)
    img.save(path)
    return path


def proofpack_cmd() -> list[str]:
    """The installed console script, as a user runs it."""
    script = Path(sys.executable).parent / "proofpack"
    if script.exists():
        return [str(script)]
    found = shutil.which("proofpack")
    assert found, "the proofpack console script is not installed"
    return [found]


@pytest.fixture
def cli(data_dir: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str, env: dict[str, str] | None = None, lang: str = "zh",
            data: bool = True) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "PROOFPACK_LANG": lang, **(env or {})}
        cmd = [*proofpack_cmd(), *args]
        if data:
            cmd += ["--data-dir", str(data_dir)]
        return subprocess.run(cmd, capture_output=True, text=True, env=full_env, timeout=300)
    return run
