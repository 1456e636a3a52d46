"""The fast paths and the libraries they mirror give the same bytes, end to end.

Each fast path has a switch (see its module header): ``ANALYSIS_VADER``
(:mod:`analysis.vader` or vaderSentiment itself), ``ANALYSIS_PUNKT``
(:mod:`analysis.punkt_fast` or NLTK's Punkt class) and ``ANALYSIS_CSV``
(:mod:`analysis.csvtext`'s f-strings or ``csv.writer``). The module tests
(``test_vader.py``, ``test_tokenize.py``, ``test_csvtext.py``) compare each
pair on large inputs; here the whole command line runs once with every
library version and once with every fast path, and every output file must
be identical.
"""

from __future__ import annotations

import os

import pytest
from conftest import run_cli

LIBRARIES = {"ANALYSIS_VADER": "vaderSentiment", "ANALYSIS_PUNKT": "nltk", "ANALYSIS_CSV": "csv"}
FAST = {"ANALYSIS_VADER": "fast", "ANALYSIS_PUNKT": "fast", "ANALYSIS_CSV": "fast"}

TRICKY = (
    'Head, "line" of Mr. Smith\n\nIt\u2019s 3,5 caf\u00e9\u2019s "deal", a real-estate \u00abdeal\u00bb with '
    'Putin. He said: "No!" Gen. J. R. Allen arrived at 10 a.m. on Jan. 3. \U0001f600 Great. ... Not good, '
    "but the war was NOT terrible at all!\n\nPhoto: AFP\n\n" + "word and more, " * 900 + "\n\n"
    "A second paragraph (with a bracket.) And a U.S. sentence? Yes.\n"
)


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_library_versions_and_fast_paths_give_identical_outputs(tmp_path, seed_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "seed.txt").write_bytes(seed_path.read_bytes())
    (articles / "tricky.txt").write_text(TRICKY, encoding="utf-8")
    outputs = {}
    for label, switches in (("library", LIBRARIES), ("fast", FAST)):
        env = {**os.environ, **switches}
        for name in ("seed", "tricky"):
            res = run_cli("analyze", articles / f"{name}.txt", "--out", tmp_path / label / name, env=env)
            assert res.returncode == 0, res.stderr
        res = run_cli("corpus", articles, "--out", tmp_path / label / "corpus", env=env)
        assert res.returncode == 0, res.stderr
        outputs[label] = _files(tmp_path / label)
    # analyze: 10 tables, annotated.html, manifest; corpus: 10 tables, articles.csv, manifest
    assert len(outputs["fast"]) == 2 * 12 + 12
    assert outputs["library"].keys() == outputs["fast"].keys()
    for name, data in outputs["fast"].items():
        assert outputs["library"][name] == data, name


def test_an_unknown_implementation_is_refused(tmp_path, seed_path):
    for switch in LIBRARIES:
        res = run_cli("analyze", seed_path, "--out", tmp_path / "o", env={**os.environ, switch: "nope"})
        assert res.returncode == 2 and res.stderr.startswith(f"error: {switch}='nope'"), res.stderr
        assert len(res.stderr.splitlines()) == 1
