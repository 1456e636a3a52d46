"""The project's promises about itself: dependencies agree, the seed is untouched, outputs are current."""

import hashlib
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_SHA256 = "e6d16096eca1f946f40b58e2bd8e26278ec7d87a6dcdc9a55843a9208dd4cb27"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


def _norm(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+(?:\[[a-z]+\])?)\s*(.*)$", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_norm(s) for s in _declared(project))
    wanted.pop("dask[distributed]")
    wanted.update({"dask": ">=2024.8", "distributed": ">=2024.8"})  # conda-forge splits the extra
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    listed = dict(_norm(d) for d in conda if not d.startswith(("python", "pip")))
    assert listed == wanted, "environment.yml must list exactly pyproject's dependencies, same bounds"
    python = next(d for d in conda if d.startswith("python"))
    assert python.replace(" ", "") == "python" + project["requires-python"].replace(" ", "")
    assert pip == ["-e ."]


def _declared(project: dict) -> list[str]:
    return project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]


def test_lock_pins_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {_norm(line.split("==")[0])[0] for line in lock.splitlines() if "==" in line and not line.startswith("#")}
    for spec in _declared(project):
        assert _norm(spec)[0].split("[")[0] in pinned, spec


def test_seed_is_byte_identical_to_the_original():
    seed = ROOT / "seeds" / "putin_sends_trumps_messengers_packing.txt"
    assert hashlib.sha256(seed.read_bytes()).hexdigest() == SEED_SHA256
    shared = ROOT.parent / "shared" / "seeds" / "000_dc74ebc1b3ad914a.txt"
    if shared.exists():  # beside a checkout of this workplace; the hash above holds everywhere
        assert shared.read_bytes() == seed.read_bytes()


def test_gitignore_keeps_generated_junk_out():
    ignored = (ROOT / ".gitignore").read_text().split()
    for pattern in (".venv/", "__pycache__/", ".pytest_cache/", ".ipynb_checkpoints/", ".hypothesis/"):
        assert pattern in ignored


def test_ci_runs_make_test():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "set -e" in ci
