"""Bad input gets a clear error or a correct result; nothing is lost or half-written."""

import re
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import sinks
from analysis.__main__ import main
from analysis.codebook import parse_codebook
from analysis.errors import AnalysisError
from analysis.result import analyze_text

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Talks stall\n\nThe envoy begged for a deal. Putin said no.\n\nThe war goes on, and the hotel burns.\n"
TEXT_COLUMNS = {
    "blocks": "text",
    "paragraphs": "text",
    "sentences": "text",
    "tokens": "token",
    "frame_hits": "matched_text",
    "actor_mentions": "matched_text",
}


def assert_offsets_exact(result):
    for table, col in TEXT_COLUMNS.items():
        df = getattr(result, table)
        assert all(result.text[s:e] == t for s, e, t in zip(df["start"], df["end"], df[col])), table


def tables(result):
    return {t: getattr(result, t) for t in (*TEXT_COLUMNS, "frame_counts")}


# ---------------------------------------------------------------- encodings and line endings


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "mac-roman"])
def test_any_python_codec(write_text, codec):
    text = "Caf\u00e9 talks\n\n\u201cThe deal,\u201d he said, \u201cis off.\u201d The envoy left.\n"
    if codec in ("latin-1",):
        text = text.replace("\u201c", '"').replace("\u201d", '"')
    path = write_text(text.encode(codec))
    result = analysis.analyze(path, encoding=codec)
    assert result.paragraphs["text"].tolist()[1] == text.split("\n\n")[1].strip()
    assert_offsets_exact(result)


def test_utf8_with_and_without_bom_give_identical_tables(write_text):
    plain = analysis.analyze(write_text(ARTICLE.encode(), "a.txt"))
    bom = analysis.analyze(write_text(b"\xef\xbb\xbf" + ARTICLE.encode(), "b.txt"))
    for name, df in tables(plain).items():
        pd.testing.assert_frame_equal(getattr(bom, name), df)


def test_invalid_bytes_name_the_offset(cli, write_text):
    path = write_text(b"Head\n\nThe caf" + b"\xe9 is shut.\n")
    res = cli("analyze", path, "--out", path.parent / "o")
    assert res.returncode == 2
    assert (
        res.stderr.strip()
        == f"error: {path}: not valid UTF-8 at byte 13 (try --encoding cp1252 or the file's real encoding)"
    )


# ---------------------------------------------------------------- structure


def test_no_blank_lines_one_paragraph_per_line(write_text):
    r = analysis.analyze(write_text("Talks stall\nThe envoy begged. Putin said no.\nThe war goes on.\n"))
    assert r.paragraphs["para"].tolist() == [0, 1, 2]
    assert r.paragraphs["text"].tolist()[2] == "The war goes on."


@pytest.mark.parametrize("content", ["Get the RNZ app\n\nfor ad-free news and current affairs\n", "A Headline Alone\n"])
def test_only_boilerplate_or_only_headline_is_valid_with_a_warning(cli, write_text, tmp_path, content):
    path = write_text(content)
    res = cli("analyze", path, "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    assert "warning:" in res.stderr and "no body paragraphs" in res.stderr
    body = pd.read_csv(tmp_path / "o" / "paragraphs.csv")
    assert list(body.columns[:4]) == ["para", "block", "start", "end"]
    assert (body["para"] > 0).sum() == 0
    hits = (tmp_path / "o" / "frame_hits.csv").read_text()
    assert hits.startswith("para,sent,frame,entry,start,end,matched_text,left,right")


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(1, 32)) * 50, b"text\x00more"])
def test_binary_content_is_not_a_text_file(cli, write_text, tmp_path, content):
    res = cli("analyze", write_text(content), "--out", tmp_path / "o")
    assert res.returncode == 2 and "not a text file" in res.stderr and "Traceback" not in res.stderr


def test_html_page_extracts_headline_and_paragraphs(cli, write_text, tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>Site</title><script>var x = '<p>not text</p>';</script></head>"
        "<body><h1>Putin &amp; the deal</h1><p>The envoy <a href='#'>begged</a> for a deal.</p>"
        "<p>Putin sent the dish back.</p><p>Get the RNZ app</p></body></html>"
    )
    path = write_text(page, "page.html")
    res = cli("analyze", path, "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    assert "HTML page" in res.stderr
    r = analysis.analyze(path)
    assert (
        r.text == "Putin & the deal\n\nThe envoy begged for a deal.\n\nPutin sent the dish back.\n\nGet the RNZ app\n"
    )
    assert r.paragraphs["para"].tolist() == [0, 1, 2]
    assert "not text" not in r.text
    assert r.parameters["html_extracted"] is True
    assert_offsets_exact(r)


def test_html_page_without_paragraphs_is_refused(cli, write_text, tmp_path):
    res = cli(
        "analyze",
        write_text("<!DOCTYPE html><html><body><div>x</div></body></html>", "p.html"),
        "--out",
        tmp_path / "o",
    )
    assert res.returncode == 2 and "HTML page without article text" in res.stderr and "no <h1> or <p>" in res.stderr


# ---------------------------------------------------------------- scale


def test_a_long_run_without_full_stops_is_scored_in_bounded_chunks():
    words = "the envoy begged for a deal and the war went on while the hotel burned "
    r = analyze_text("Head\n\n" + words * 700)  # ~50,000 characters, one "sentence"
    body = r.sentences[r.sentences["para"] == 1]
    assert len(body) > 40 and (body["end"] - body["start"]).max() <= 1000
    assert pd.isna(r.paragraphs.set_index("para").loc[1, "compound_whole"])
    assert any("compound_whole left empty" in w for w in r.warnings)
    assert_offsets_exact(r)


def _best_time(text, runs=2):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        analyze_text(text)
        best = min(best, time.perf_counter() - start)
    return best


def test_time_grows_linearly_not_quadratically():
    """Eight times the text must take far less than 64 times as long (a quadratic step would)."""
    words = "the envoy begged for a deal and the war went on while the hotel burned "
    small = "Head\n\n" + words * 500
    large = "Head\n\n" + words * 4000
    _best_time(small, runs=1)  # warm caches
    ratio = _best_time(large) / _best_time(small)
    assert ratio < 24, f"8x the text took {ratio:.1f}x the time"


# ---------------------------------------------------------------- text content


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u0065\u0301 talks\n\nThe e\u0301te\u0301 deal was \U0001f600 \U0001f44d\U0001f3fd good.",
        "\u05e9\u05dc\u05d5\u05dd\n\n\u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05e0\u05db\u05e9\u05dc\u05d5. \u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645.",
        "Zero\u200bwidth\n\nA\u200bdeal\u200b is \u200c\u200d here.\tTabs\tand\u00a0spaces.",
        "Long words\n\n" + "x" * 20_000 + " and a deal.",
        "Mixed\n\n\u0928\u092e\u0938\u094d\u0924\u0947 \u4f60\u597d deal \u0434\u0435\u043b\u043e.",
    ],
)
def test_unusual_text_keeps_offsets_exact(text):
    r = analyze_text(text)
    assert_offsets_exact(r)


def test_non_english_text_warns(cli, write_text, tmp_path):
    german = (
        "Die Verhandlungen\n\n" + "Der Krieg in der Ukraine geht weiter und die Gespr\u00e4che sind schwierig. " * 6
    )
    res = cli("analyze", write_text(german), "--out", tmp_path / "o")
    assert res.returncode == 0 and "does not look English" in res.stderr
    res = cli("analyze", write_text(ARTICLE, "en.txt"), "--out", tmp_path / "o2")
    assert res.returncode == 0 and "does not look English" not in res.stderr


# ---------------------------------------------------------------- codebooks


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x89PNG\r\n\x1a\n", "not valid UTF-8"),
        (b"{frames: [unclosed", "not a valid codebook"),
        (b"just a sentence", "a codebook is a mapping"),
        (b"frames:\n  f: !!python/object/apply:os.system [echo hi]\n", "not a valid codebook"),
        (b"frames:\n  f:\n    terms: [3.5]\n", "must be a string, not float"),
        (b"frames:\n  f:\n    terms: [null]\n", "must be a string, not NoneType"),
    ],
)
def test_more_bad_codebooks(cli, seed_path, tmp_path, content, message):
    bad = tmp_path / "cb.yml"
    bad.write_bytes(content)
    res = cli("analyze", seed_path, "--codebook", bad, "--out", tmp_path / "o")
    assert res.returncode == 2 and message in res.stderr and str(bad) in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "o").exists()


def test_oversized_codebook_is_refused():
    with pytest.raises(analysis.AnalysisError, match="larger than"):
        parse_codebook(b"#" * 5_000_001, source="big.yml")


def test_ten_thousand_entries_load_and_match():
    terms = [f"zqx{i}" for i in range(9_990)] + ["squatter", "hotel", "deal"]
    phrases = [f"alpha{i} * omega" for i in range(10)]
    import yaml

    cb = parse_codebook(yaml.safe_dump({"frames": {"big": {"terms": terms, "phrases": phrases}}}))
    assert len(cb.frame_matcher().index) == 10_003
    r = analyze_text("Head\n\nAn armed squatter in a hotel wants no deal. zqx77 and alpha3 so omega.", codebook=cb)
    assert r.frame_hits["matched_text"].tolist() == ["squatter", "hotel", "deal", "zqx77", "alpha3 so omega"]


# ---------------------------------------------------------------- outputs and faults


def test_interrupted_write_keeps_previous_outputs_and_leaves_no_temp(seed_result, tmp_path, monkeypatch):
    out = tmp_path / "out"
    seed_result.write(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = {"n": 0}
    real = sinks.records_csv

    def flaky(records, table, article=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of writing the tables
        return real(records, table, article)

    monkeypatch.setattr(sinks, "records_csv", flaky)
    with pytest.raises(KeyboardInterrupt):
        seed_result.write(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_ctrl_c_on_the_command_line_exits_130_cleanly(seed_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sinks, "records_csv", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt))
    code = main(["analyze", str(seed_path), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 130 and err.startswith("error: interrupted") and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_out_under_a_file_cannot_be_written(cli, seed_path, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = cli("analyze", seed_path, "--out", blocker / "sub")
    assert res.returncode == 2 and "cannot write here" in res.stderr and "Traceback" not in res.stderr


def test_same_input_same_bytes(cli, seed_path, tmp_path):
    for name in ("a", "b"):
        assert cli("analyze", seed_path, "--out", tmp_path / name).returncode == 0
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name
    assert "20" not in (tmp_path / "a" / "manifest.json").read_text().split('"packages"')[0][-40:]


# ---------------------------------------------------------------- security


def test_no_eval_pickle_shell_or_unsafe_yaml_in_the_package():
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "analysis").rglob("*.py"))
    for pattern in (
        r"\beval\(",
        r"\bexec\(",
        r"\bpickle\b",
        r"shell\s*=\s*True",
        r"os\.system",
        r"yaml\.unsafe_load",
        r"yaml\.load\((?![^)]*Loader=_UniqueKeyLoader)",
    ):
        assert not re.search(pattern, source), pattern


def test_codebook_patterns_are_not_regular_expressions():
    cb = parse_codebook("frames:\n  f:\n    phrases: ['(a+)+ * b', '.+ x']\n    terms: ['[a-z]+']\n")
    with pytest.raises(AnalysisError, match="a wildcard needs at least 3 letters or digits before its"):
        parse_codebook("frames:\n  f:\n    phrases: ['.* x']\n")  # '*' on a word is a prefix wildcard
    r = analyze_text(
        "Head\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! b. Any x here. [a-z]+ literally.", codebook=cb
    )
    assert all(m in ("a-z",) or "a" not in m for m in r.frame_hits["matched_text"])


def test_chunked_sentences_and_headline_only_are_said_plainly():
    words = "the envoy begged for a deal and the war went on while the hotel burned "
    r = analyze_text("Head\n\n" + words * 100 + "\n\nA short one. And another.")
    assert any(w.startswith("1 over-long 'sentence(s)'") for w in r.warnings)
    r = analyze_text("Only A Headline Here\n")
    assert r.warnings == ["no body paragraphs found; only the headline is analysed"]


def test_html_navigation_and_footer_paragraphs_are_skipped():
    from analysis.article import html_to_text

    page = (
        "<html><body><nav><p>Home</p><p>World</p></nav><header><h1>Talks stall</h1></header>"
        "<article><p>The envoy begged.</p></article><aside><p>Most read</p></aside>"
        "<footer><p>\u00a9 2025 Site</p></footer></body></html>"
    )
    assert html_to_text(page) == "Talks stall\n\nThe envoy begged.\n"


def test_multi_line_problems_become_one_error_line(cli, seed_path, tmp_path):
    bad = tmp_path / "cb.yml"
    bad.write_bytes(b"frames:\n  f:\n    terms: [a\x00b]\n")
    res = cli("analyze", seed_path, "--codebook", bad, "--out", tmp_path / "o")
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and res.stderr.startswith("error: ")
