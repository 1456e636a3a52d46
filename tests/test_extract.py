"""HTML pages through trafilatura (analysis.extract), the fallback reader, and roles set by hand (--roles)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest
from conftest import BENCHMARK_PAGES, ROOT, benchmark_truth, shingle_f1

from analysis import article, extract
from analysis.article import decode_source
from analysis.blocks import apply_roles, parse_roles, split_blocks
from analysis.errors import AnalysisError
from analysis.pipeline import source_blocks

# Four real pages of the Zyte benchmark (MIT), each a case the old <h1>/<p> reader got wrong:
PAGES = {
    # Al Jazeera wraps the article in a <form>: the old reader found no body at all
    "42aad16bde9288623543642a9ce1a396be83e2db44aa2ff8cbbfe46e14abd7cc": 0.95,
    # CBS News: 61 of the old reader's 71 body paragraphs were teasers
    "2c46804d9db4a85e8f8d31128ce0e11d02f25c7120c2faa5ec0664c604a47717": 0.9,
    # MacRumors: the old reader gave the forum comments
    "232a43fb15abde807427b2a7bf4f772e27b8760554370956d8291df4e8166dbf": 0.75,
    # Sportsnet: subheadings written as short capitalised paragraphs ("US FALLS")
    "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0": 0.95,
}


def page_bytes(page_id: str) -> bytes:
    return gzip.decompress((BENCHMARK_PAGES / "html" / f"{page_id}.html.gz").read_bytes())


@pytest.fixture(scope="module")
def sources():
    return {k: decode_source(page_bytes(k), name=f"{k[:8]}.html") for k in PAGES}


def body_of(source) -> str:
    return "\n".join(b.text for b in source_blocks(source) if b.para is not None and b.para >= 1)


@pytest.mark.parametrize("page_id", PAGES)
def test_real_pages_give_their_article_body(sources, page_id):
    source = sources[page_id]
    precision, recall, f1 = shingle_f1(benchmark_truth(page_id), body_of(source))
    assert f1 >= PAGES[page_id], (precision, recall, f1)
    assert source.html and source.extraction["extractor"] == "trafilatura"


@pytest.mark.parametrize("page_id", PAGES)
def test_extracted_blocks_are_exact_spans_of_the_extracted_text(sources, page_id):
    source = sources[page_id]
    blocks = source.blocks
    assert [b.block for b in blocks] == list(range(len(blocks)))
    assert all(source.text[b.start : b.end] == b.text and b.text == b.text.strip() for b in blocks)
    assert source.text == "\n\n".join(b.text for b in blocks) + "\n"
    assert [b.para for b in blocks if b.para is not None] == list(range(len([b for b in blocks if b.para is not None])))


def test_the_headline_is_the_article_title_not_the_site_name(sources):
    heads = {k[:8]: [b.text for b in s.blocks if b.role == "headline"] for k, s in sources.items()}
    assert heads["0d461229"] == ["Nadal keeps Spain alive against Russia in Davis Cup Finals"]
    assert heads["42aad16b"] and "Al Jazeera" not in heads["42aad16b"][0]
    assert all(len(h) == 1 for h in heads.values()), heads


def test_byline_and_date_come_from_the_page_metadata(sources):
    roles = {b.role: b.text for b in sources["0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0"].blocks}
    assert roles["byline"] == "Associated Press"
    assert roles["timestamp"] == "2019-11-19"


def test_reader_comments_are_kept_apart_from_the_body(sources):
    source = sources["232a43fb15abde807427b2a7bf4f772e27b8760554370956d8291df4e8166dbf"]
    roles = [b.role for b in source.blocks]
    body = body_of(source)
    comments = [b.text for b in source.blocks if b.role == "comment"]
    if comments:  # what trafilatura found as comments is never body
        assert all(c not in body for c in comments)
    assert roles.count("body") >= 5


def test_furniture_lines_inside_the_main_text_take_their_role():
    page = (
        "<html><head><title>Council votes on the new budget | Town News</title></head><body>"
        "<article><h1>Council votes on the new budget</h1><p>Updated 10:42 GMT</p>"
        + "".join(
            f"<p>The council met on Tuesday evening and debated item {i} of the budget at length.</p>" for i in range(8)
        )
        + "<p>Subscribe to our newsletter</p></article></body></html>"
    )
    source = decode_source(page.encode(), name="p.html")
    roles = {b.text: b.role for b in source.blocks}
    assert roles["Council votes on the new budget"] == "headline"
    assert roles["Updated 10:42 GMT"] == "timestamp"
    assert roles["Subscribe to our newsletter"] == "boilerplate"
    assert sum(r == "body" for r in roles.values()) == 8


def test_a_page_trafilatura_cannot_read_falls_back_to_h1_and_p_text(monkeypatch):
    page = "<html><body><h1>Talks stall</h1>" + "<p>The envoy left early.</p>" * 3 + "</body></html>"
    monkeypatch.setattr(article, "MAX_EXTRACTOR_ELEMENTS", 3)
    source = decode_source(page.encode(), name="p.html")
    assert source.blocks is None and source.extraction["extractor"] == "h1/p fallback"
    assert "more than 3" in source.extraction["note"]
    assert [b.role for b in split_blocks(source.text)] == ["headline", "body", "body", "body"]

    def broken(page):
        raise ValueError("a bug in the extractor")

    monkeypatch.setattr(extract, "extract_page", broken)
    monkeypatch.setattr(article, "MAX_EXTRACTOR_ELEMENTS", 10_000)
    source = decode_source(page.encode(), name="p.html")
    assert "failed (ValueError)" in source.extraction["note"]


def test_extraction_is_the_same_in_another_process_with_another_hash_seed(sources):
    page_id = "2c46804d9db4a85e8f8d31128ce0e11d02f25c7120c2faa5ec0664c604a47717"
    code = (
        "import gzip, json, sys; from analysis.article import decode_source; "
        f"s = decode_source(gzip.decompress(open({str(BENCHMARK_PAGES / 'html' / (page_id + '.html.gz'))!r}, 'rb').read()), name='x'); "
        "json.dump([s.text, [list(b) for b in s.blocks]], sys.stdout)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONHASHSEED": "12345"},
        check=True,
    ).stdout
    text, blocks = json.loads(out)
    assert text == sources[page_id].text
    assert [tuple(b) for b in blocks] == [tuple(b) for b in sources[page_id].blocks]


def test_analyze_records_the_extractor_in_the_manifest(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(page_bytes("42aad16bde9288623543642a9ce1a396be83e2db44aa2ff8cbbfe46e14abd7cc"))
    res = cli("analyze", page, "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    assert "analysing the main text trafilatura" in res.stderr
    extraction = json.loads((tmp_path / "o" / "manifest.json").read_text())["parameters"]["extraction"]
    assert extraction["extractor"] == "trafilatura"
    assert extraction["version"] == extract.extractor_version() != "not installed"
    assert extraction["settings"]["favor_precision"] is True


# ---------------------------------------------------------------- roles set by hand


def test_roles_file_lines_ranges_and_comments():
    text = "# fix the cleaning\n0 navigation\n1, headline\n3 - 5 body  # a range\n7:comment\n7 legal\n"
    assert parse_roles(text, name="r") == {0: "navigation", 1: "headline", 3: "body", 4: "body", 5: "body", 7: "legal"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("x body", "expected 'BLOCK ROLE'"),
        ("1", "expected 'BLOCK ROLE'"),
        ("3-1 body", "runs backwards"),
        ("1 bodyy", "unknown role 'bodyy'"),
        ("0 headline\n1 headline", "lines 1, 2: more than one block"),
        ("0-99999999 body", "longer than any article"),
    ],
)
def test_bad_roles_files_are_refused_with_the_line(text, message):
    with pytest.raises(AnalysisError, match=message):
        parse_roles(text, name="roles.txt")


def test_apply_roles_renumbers_and_moves_the_headline():
    blocks = split_blocks("Talks stall\n\nIn Geneva, the envoys met\n\nThe envoy left early.\n\nHe did not return.")
    assert [(b.role, b.para) for b in blocks] == [("headline", 0), ("body", 1), ("body", 2), ("body", 3)]
    fixed = apply_roles(blocks, {0: "navigation", 1: "headline"}, name="r")
    assert [(b.role, b.para) for b in fixed] == [("navigation", None), ("headline", 0), ("body", 1), ("body", 2)]
    kept = apply_roles(blocks, {1: "headline"}, name="r")  # the old headline becomes body
    assert [(b.role, b.para) for b in kept] == [("body", 1), ("headline", 0), ("body", 2), ("body", 3)]
    with pytest.raises(AnalysisError, match="block 9 does not exist"):
        apply_roles(blocks, {9: "body"}, name="r")


def test_analyze_with_roles_records_them_and_refuses_a_missing_block(cli, seed_path, tmp_path):
    roles = tmp_path / "roles.txt"
    roles.write_text("0 navigation\n")
    res = cli("analyze", seed_path, "--roles", roles, "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert manifest["parameters"]["roles"]["set"] == {"0": "navigation"}
    assert (tmp_path / "o" / "blocks.csv").read_text().splitlines()[1].startswith("0,navigation,,0,13,")
    roles.write_text("99 body\n")
    res = cli("analyze", seed_path, "--roles", roles, "--out", tmp_path / "bad")
    assert res.returncode == 2 and res.stderr.startswith("error: ") and "line 1: block 99 does not exist" in res.stderr
    assert not (tmp_path / "bad").exists()
    res = cli("analyze", seed_path, "--roles", tmp_path / "none.txt", "--out", tmp_path / "bad")
    assert res.returncode == 2 and "no such roles file" in res.stderr


def test_no_headline_is_warned(cli, write_text, tmp_path):
    res = cli("analyze", write_text("The envoy left early.\n\nHe did not return."), "--out", tmp_path / "o")
    assert res.returncode == 0 and "no headline found" in res.stderr


def test_a_text_of_menu_lines_is_warned_about(cli, write_text, tmp_path):
    menu = write_text("Home\n\nNews\n\nSport\n\nWeather\n\nLog in\n\nPrivacy policy")
    res = cli("analyze", menu, "--out", tmp_path / "o")
    assert res.returncode == 0 and "none of the 5 body paragraphs ends like a sentence" in res.stderr
