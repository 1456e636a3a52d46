"""CI fails when committed tables or figures differ from what the code now produces.

Regenerate them with `make figures` and commit the result.
"""

import json
import sys
from pathlib import Path

import pytest

import analysis
from analysis.figures import write_figures

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
TABLES = ROOT / "data" / "processed" / SEED.stem
FIGURES = ROOT / "figures"
#: Figures are byte-identical only with the reference versions: Python 3.11 with requirements.lock
#: (on 3.10 the lock resolves other Pillow/fonttools builds, so PNG bytes may differ).
REFERENCE_PYTHON = (3, 11)


def _compare(fresh: Path, committed: Path, ignore=()):
    names = sorted(p.name for p in fresh.iterdir() if p.name not in ignore)
    assert names == sorted(p.name for p in committed.iterdir() if p.name not in ignore), (
        f"{committed} has other files than a fresh run: run `make figures` and commit"
    )
    stale = [n for n in names if (fresh / n).read_bytes() != (committed / n).read_bytes()]
    assert not stale, f"stale in {committed}: {stale}; run `make figures` and commit"


def test_committed_tables_are_current(tmp_path):
    analysis.analyze(SEED).write(tmp_path / "out")
    _compare(tmp_path / "out", TABLES, ignore=("manifest.json",))
    fresh = json.loads((tmp_path / "out" / "manifest.json").read_text())
    committed = json.loads((TABLES / "manifest.json").read_text())
    for m in (fresh, committed):
        m.pop("packages")  # the interpreter and library versions of whoever ran it
    assert fresh == committed


def test_committed_figures_are_current(tmp_path):
    if sys.version_info[:2] != REFERENCE_PYTHON:
        pytest.skip("figure bytes are promised only on the reference Python 3.11 with requirements.lock")
    write_figures(analysis.analyze(SEED), tmp_path / "figs")
    _compare(tmp_path / "figs", FIGURES, ignore=("manifest.json",))
    fresh = json.loads((tmp_path / "figs" / "manifest.json").read_text())
    committed = json.loads((FIGURES / "manifest.json").read_text())
    for m in (fresh, committed):
        m.pop("packages")  # the interpreter and library versions of whoever ran it
    assert fresh == committed
