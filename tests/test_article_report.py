"""`report ARTICLE` and the notebooks' parameters, on an article that is not the seed (papermill, nbconvert)."""

from __future__ import annotations

import gzip
import json
import re
import shutil

import nbformat
import pytest
from conftest import BENCHMARK_PAGES, SEED

from analysis.article_report import REPORT_NOTEBOOKS, report_html, write_report
from analysis.errors import AnalysisError
from analysis.notebook import last_positive_paragraph, open_article, seed_finding, top_frame
from analysis.paths import GOLD

# A Sportsnet page of the Zyte benchmark (MIT; data/external/article_extraction): an HTML page, a
# sports story the default codebook was not written for.
PAGE = "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0"
HEADLINE = "Nadal keeps Spain alive against Russia in Davis Cup Finals"
# Readings of the seed written into the notebooks: shown on the seed only.
SEED_FINDINGS = [
    "29 blocks: the headline, 16 body paragraphs",
    "The arc has two halves",
    "Three cells are extended",
    "Overall precision is 0.98",
    "13 times as often",
    "They describe **Putin's** pleasure",
    "Putin (14) leads Trump (11)",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """One report of the page, every notebook run by papermill (the costly step: once per test run)."""
    work = tmp_path_factory.mktemp("report")
    page = work / "davis_cup.html"
    page.write_bytes(gzip.decompress((BENCHMARK_PAGES / "html" / f"{PAGE}.html.gz").read_bytes()))
    roles = work / "roles.txt"
    roles.write_text("2 navigation  # the date line, by hand\n")
    lines: list[str] = []
    out = write_report(page, work / "out", roles=roles, progress=lines.append)
    return out, lines, page


def test_report_writes_tables_figures_notebooks_and_one_page(report):
    out, lines, page = report
    assert lines[0].startswith("report: warning: an HTML page: analysing the main text trafilatura")
    assert lines[1].startswith("report: tables: ")
    assert len(lines) == 4 + len(REPORT_NOTEBOOKS) and all(line.startswith("report: ") for line in lines)
    roles = json.loads((out / "tables" / "manifest.json").read_text())["parameters"]["roles"]
    assert roles["set"] == {"2": "navigation"}
    assert (out / "tables" / "blocks.csv").read_text().splitlines()[3].startswith("2,navigation,,")
    assert sorted(p.name for p in out.iterdir()) == ["figures", "manifest.json", "notebooks", "report.html", "tables"]
    assert {p.name for p in (out / "tables").iterdir()} >= {"blocks.csv", "paragraphs.csv", "annotated.html"}
    assert len(list((out / "figures").glob("*.png"))) == len(list((out / "figures").glob("*.svg"))) == 9
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == sorted(REPORT_NOTEBOOKS)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["generator"] == "discourse-analysis" and manifest["input"]["file"] == "davis_cup.html"
    assert set(manifest["outputs"]) == {"report.html", "tables/", "figures/", "notebooks/"}
    assert manifest["parameters"]["extraction"]["extractor"] == "trafilatura"


def test_every_notebook_ran_on_the_article_it_was_given(report):
    out, _, page = report
    for name in REPORT_NOTEBOOKS:
        nb = nbformat.read(str(out / "notebooks" / name), as_version=4)
        injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
        assert len(injected) == 1 and f"ARTICLE = {json.dumps(str(page.resolve()))}" in injected[0].source, name
        assert f"ROLES = {json.dumps(str((page.parent / 'roles.txt').resolve()))}" in injected[0].source, name
        assert "papermill" not in nb.metadata  # no timings: the same input gives the same bytes
        assert injected[0].id == "injected-parameters"  # papermill's random id, made fixed
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"], name
        shown = json.dumps([o.get("data", {}).get("text/markdown", "") for o in outputs])
        if name != "05_corpus.ipynb":  # 05 reads its article through the corpus tables
            assert "davis_cup.html" in shown and "(the seed article)" not in shown, name


def test_the_report_page_narrates_this_article_not_the_seed(report):
    out, _, _ = report
    html = (out / "report.html").read_text("utf-8")
    assert HEADLINE in html
    for finding in SEED_FINDINGS:
        assert finding.replace("**", "") not in html and finding not in html, finding
    assert "Skipped:" in html  # no human coding for this article
    assert html.count("data:image/png;base64,") >= 8  # the figures, embedded
    assert not re.search(r'<script src="https?://', html)  # nothing to fetch


def test_report_html_is_the_same_for_the_same_notebooks(report):
    out, _, _ = report
    notebooks = [out / "notebooks" / n for n in REPORT_NOTEBOOKS]
    assert report_html(notebooks, "t") == report_html(notebooks, "t")


def test_report_refuses_bad_input_before_writing(cli, tmp_path, write_text):
    res = cli("report", tmp_path / "missing.txt", "--out", tmp_path / "o")
    assert res.returncode == 2 and res.stderr.startswith("error: ") and not (tmp_path / "o").exists()
    res = cli("report", "-", "--out", tmp_path / "o")
    assert res.returncode == 2 and "not standard input" in res.stderr
    article = write_text("Talks stall\n\nThe envoy left early.")
    res = cli("report", article, "--gold", tmp_path / "none.csv", "--out", tmp_path / "o")
    assert res.returncode == 2 and "no such gold file" in res.stderr and not (tmp_path / "o").exists()


# ---------------------------------------------------------------- the notebooks' helpers (cheap)


def test_the_seed_is_recognised_by_its_bytes_wherever_it_is(tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copy(SEED, copy)
    seed = open_article(copy)
    assert seed.is_seed and seed.gold == GOLD
    other = tmp_path / "other.txt"
    other.write_text("Talks stall\n\nThe envoy left early. He was happy with the deal.\n\nNothing moved.")
    art = open_article(other)
    assert not art.is_seed and art.gold is None
    assert seed_finding(art, "**Finding.** on the seed") is None
    assert seed_finding(art, "on the seed", "computed").data == "computed"
    assert seed_finding(seed, "**Finding.** on the seed").data == "**Finding.** on the seed"
    assert open_article(copy, gold="").gold is None
    with pytest.raises(AnalysisError, match="no such gold file"):
        open_article(other, gold=tmp_path / "none.csv")


def test_paragraph_and_frame_choices_follow_the_data(seed_result, tmp_path):
    assert last_positive_paragraph(seed_result) == 16  # the seed's last paragraph reads positive
    assert top_frame(seed_result) == "real_estate"
    other = tmp_path / "sad.txt"
    other.write_text("Grief\n\nThe loss was terrible and sad.\n\nIt was awful, a tragedy.")
    sad = open_article(other).result
    assert last_positive_paragraph(sad) in (1, 2) and top_frame(sad) is None
