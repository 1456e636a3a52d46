"""The one manifest builder: what produced an output folder, for ``analyze`` and ``corpus`` alike.

A manifest records the input (one article's hash, or a corpus's count and
combined hash), the codebook's hash, its frames and actors, the versions of
the packages that shape the numbers, the run's parameters and the hash and
size of every output file. No timestamps: the same input gives the same bytes.
Its ``generator`` key marks the folder as this tool's output
(:func:`analysis.atomic.is_own_manifest`), so a re-run may replace it and
nothing else. Every text in it is UTF-8 writable: file names whose bytes are
not UTF-8 are shown as ``\\xNN`` (:func:`analysis.atomic.utf8_text`).
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

from .article import display_name
from .atomic import GENERATOR, utf8_text
from .codebook import Codebook, default_codebook_path

_PACKAGES = ("discourse-analysis", "vaderSentiment", "nltk", "pandas", "numpy", "PyYAML", "matplotlib", "trafilatura")


def package_versions() -> dict[str, str]:
    """Versions of the packages whose behaviour shapes the outputs."""
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def codebook_entry(codebook: Codebook) -> dict:
    """The manifest's ``codebook`` section: which file (the default named as such), hash, frames, actors."""
    default = Path(codebook.source) == default_codebook_path()
    return {
        "file": "default (analysis/codebooks/default.yml)" if default else display_name(Path(codebook.source).name),
        "sha256": codebook.sha256,
        "frames": list(codebook.frames),
        "actors": list(codebook.actors),
    }


def file_digests(folder: Path, known: dict[str, dict] | None = None) -> dict[str, dict]:
    """File name -> ``{"sha256", "bytes"}`` for every file in ``folder`` (not its sub-folders); ``known``
    digests (hashed as written) are used as they are, the other files are read."""
    known = known or {}
    return {
        p.name: known.get(p.name) or {"sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "bytes": p.stat().st_size}
        for p in sorted(folder.iterdir())
        if not p.is_dir()
    }


def build_manifest(*, inputs: dict, codebook: Codebook, parameters: dict, outputs: dict[str, dict]) -> dict:
    """The manifest of one run.

    Args:
        inputs: the input section, keyed by its name: ``{"input": {...}}`` for
            one article (file, sha256, chars), ``{"inputs": {...}}`` for a corpus.
        codebook: the codebook matched.
        parameters: the run's options.
        outputs: :func:`file_digests` of the output files.
    """
    return _displayable(
        {
            **inputs,
            "generator": GENERATOR,
            "codebook": codebook_entry(codebook),
            "packages": package_versions(),
            "parameters": parameters,
            "outputs": outputs,
        }
    )


def _displayable(value):
    """``value`` with every string (keys too) made UTF-8 writable (:func:`~analysis.atomic.utf8_text`)."""
    if isinstance(value, str):
        return utf8_text(value)
    if isinstance(value, dict):
        return {_displayable(k): _displayable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_displayable(v) for v in value]
    return value


def write_manifest(folder: Path, manifest: dict) -> None:
    """``manifest.json`` in ``folder``: sorted keys, two-space indents, a final newline."""
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
