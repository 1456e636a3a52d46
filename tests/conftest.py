"""Shared fixtures: the seed article, its analysis, and a command-line runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import analysis

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
GOLD = ROOT / "data" / "gold" / "seed_frames.csv"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return analysis.load_text(SEED)


@pytest.fixture(scope="session")
def seed_result():
    return analysis.analyze(SEED)


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m analysis ARGS`` in a subprocess and capture its output."""
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def write_text(tmp_path):
    """Write ``content`` (str or bytes) to a file in tmp_path and return its path."""

    def _write(content, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write
