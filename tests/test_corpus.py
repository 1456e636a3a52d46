"""Corpus mode (`python -m analysis corpus`): the same tables as `analyze`, one set for many articles."""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import math
import multiprocessing
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import corpus
from analysis.__main__ import main
from analysis.errors import AnalysisError
from analysis.records import TABLE_COLUMNS
from analysis.records import TABLES as _SCHEMA

TABLE_DTYPES = {name: t.dtypes for name, t in _SCHEMA.items()}

TABLES = list(TABLE_COLUMNS)

# Small articles exercising what the CSV writer must get right: commas, quotes,
# line breaks inside a block, tokens pandas would read as missing ("NA",
# "null"), a BOM and CRLF, an HTML page, a headline-only article, and one
# paragraph too long for whole-paragraph VADER (compound_whole empty).
ARTICLES = {
    "news/a.txt": (
        'Landlord and tenant strike a deal, "at last"\n\n'
        'The buyer, a tycoon, said: "We will not beg." Critics called it a bitter deal; '
        "others said it was a win.\n"
        "A second line in the same paragraph mentions Putin and the Kremlin.\n\n"
        "NA null None nan. The pressure, the squeeze and the grip were all on display, "
        "a spectacle for a televised audience.\n"
    ),
    "news/deep/b.txt": "\ufeffWeak hands, bitter taste\r\n\r\nTrump begged; Zelensky pleaded.\r\n"
    "\r\nIt is a mirage in an inhospitable desert, a fragile and wobbly peace.\r\n",
    "c.txt": "A headline alone, with no body at all\n",
    "page.txt": "<html><head><title>Deal or no deal</title></head><body><h1>Deal or no deal</h1>"
    "<p>The seller wanted a sweetener.</p><p>The buyer wanted leverage and pressure.</p>"
    "<p>Nobody wanted a circus.</p></body></html>\n",
}


def long_article() -> str:
    sentence = "The deal was a good deal and the win was a happy win for the buyer. "
    return "A very long paragraph\n\n" + sentence * 160 + "\n"


def build_corpus(root: Path, *, seed: Path | None = None) -> Path:
    """The test corpus under root/corpus: nested folders, hidden files and a non-.txt file to ignore."""
    folder = root / "corpus"
    for name, text in {**ARTICLES, "news/long.txt": long_article()}.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    if seed is not None:
        (folder / "seed").mkdir()
        shutil.copy(seed, folder / "seed" / seed.name)
    (folder / ".hidden.txt").write_text("Hidden\n\nNot an article.\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "x.txt").write_text("Hidden folder\n\nNot an article.\n", encoding="utf-8")
    (folder / "notes.md").write_text("Notes\n\nNot matched by *.txt.\n", encoding="utf-8")
    return folder


def write_tiny(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, name in enumerate(names):
        path = folder / name
        path.write_text(f"Headline {i}\n\nThe deal number {i} was a win. Trump begged.\n", encoding="utf-8")
        paths.append(path)
    return paths


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def raw_records(path: Path) -> list[tuple[list[str], str]]:
    """Every CSV record of a file: (parsed fields, its exact text), header first."""
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    lines = [line + "\n" for line in text[:-1].split("\n")]
    reader = csv.reader(lines)
    out, prev = [], 0
    for row in reader:
        out.append((row, "".join(lines[prev : reader.line_num])))
        prev = reader.line_num
    return out


def csv_prefix(name: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([name])
    return buf.getvalue()[:-1] + ","


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, seed_path) -> Path:
    return build_corpus(tmp_path_factory.mktemp("c"), seed=seed_path)


@pytest.fixture(scope="module")
def csv_out(corpus_dir) -> tuple[Path, dict]:
    out = corpus_dir.parent / "out_csv"
    manifest = corpus.run_corpus([str(corpus_dir)], out, progress=False, warn=lambda m: None)
    return out, manifest


EXPECTED_NAMES = [
    "c.txt",
    "news/a.txt",
    "news/deep/b.txt",
    "news/long.txt",
    "page.txt",
    "seed/putin_sends_trumps_messengers_packing.txt",
]


# --------------------------------------------------------------------------- the same tables as analyze


def test_every_table_equals_analyze_per_article(corpus_dir, csv_out, tmp_path):
    out, manifest = csv_out
    assert manifest["inputs"]["articles"] == manifest["inputs"]["analysed"] == len(EXPECTED_NAMES)
    corpus_records = {t: raw_records(out / f"{t}.csv") for t in TABLES}
    for t in TABLES:  # rows grouped by article, articles in sorted order
        order = [row[0] for row, _ in corpus_records[t][1:]]
        assert order == sorted(order, key=EXPECTED_NAMES.index), t
    checked_rows = 0
    for name in EXPECTED_NAMES:
        single = tmp_path / name.replace("/", "_")
        analysis.analyze(corpus_dir / name).write(single)
        prefix = csv_prefix(name)
        for t in TABLES:
            header, *body = corpus_records[t]
            (s_header, s_header_raw), *s_body = raw_records(single / f"{t}.csv")
            assert header[0] == ["article", *s_header]
            assert header[1] == "article," + s_header_raw
            mine = [(row, raw) for row, raw in body if row[0] == name]
            assert [row[1:] for row, _ in mine] == [row for row, _ in s_body], (name, t)
            for (_, raw), (_, s_raw) in zip(mine, s_body):  # byte for byte, quoting included
                assert raw.startswith(prefix) and raw[len(prefix) :] == s_raw, (name, t)
            checked_rows += len(mine)
    total = sum(len(r) - 1 for r in corpus_records.values())
    assert checked_rows == total > 1000
    # the edge cases are really in there
    para = {(r["article"], r["para"]): r for r in read_rows(out / "paragraphs.csv")}
    assert para[("news/long.txt", "1")]["compound_whole"] == ""
    assert "\n" in para[("news/a.txt", "1")]["text"]
    assert any(r["token"] == "NA" for r in read_rows(out / "tokens.csv"))


# --------------------------------------------------------------------------- article names and discovery


def test_article_column_is_relative_posix_path(csv_out):
    out, _ = csv_out
    for t in ("blocks", "paragraphs", "tokens"):
        assert sorted({r["article"] for r in read_rows(out / f"{t}.csv")}, key=EXPECTED_NAMES.index) == EXPECTED_NAMES
    assert [r["article"] for r in read_rows(out / "articles.csv")] == EXPECTED_NAMES


def test_article_names_for_globs_files_and_nested_folders(corpus_dir, monkeypatch):
    paths = corpus.discover([str(corpus_dir / "news" / "**" / "*.txt")])
    assert corpus.article_names(paths) == {
        corpus_dir / "news" / "a.txt": "a.txt",
        corpus_dir / "news" / "deep" / "b.txt": "deep/b.txt",
        corpus_dir / "news" / "long.txt": "long.txt",
    }
    # relative inputs from another working folder, files from two branches
    monkeypatch.chdir(corpus_dir / "news")
    paths = corpus.discover(["deep/b.txt", "../seed"])
    names = corpus.article_names(paths)
    assert sorted(names.values()) == ["news/deep/b.txt", "seed/putin_sends_trumps_messengers_packing.txt"]
    assert corpus.article_names([Path("deep/b.txt")]) == {Path("deep/b.txt"): "b.txt"}


def test_glob_input_on_the_command_line(corpus_dir, tmp_path, capsys):
    out = tmp_path / "g"
    assert main(["corpus", str(corpus_dir / "news" / "*.txt"), str(corpus_dir / "c.txt"), "--out", str(out)]) == 0
    assert [r["article"] for r in read_rows(out / "articles.csv")] == ["c.txt", "news/a.txt", "news/long.txt"]
    assert f"{out}: 3 articles analysed, 0 skipped" in capsys.readouterr().out


def test_discover_files_folders_globs_and_pattern(corpus_dir, monkeypatch):
    everything = corpus.discover([str(corpus_dir)])
    assert [p.relative_to(corpus_dir).as_posix() for p in everything] == EXPECTED_NAMES  # sorted, no hidden, no .md
    assert corpus.discover([str(corpus_dir)], pattern="*.md") == [corpus_dir / "notes.md"]
    assert corpus.discover([str(corpus_dir / "c.txt"), str(corpus_dir / "news" / "deep")]) == [
        corpus_dir / "c.txt",
        corpus_dir / "news" / "deep" / "b.txt",
    ]
    # a hidden file named explicitly is taken
    assert corpus.discover([str(corpus_dir / ".hidden.txt")]) == [corpus_dir / ".hidden.txt"]
    assert corpus.discover([str(corpus_dir / "*.txt")]) == [corpus_dir / "c.txt", corpus_dir / "page.txt"]
    with pytest.raises(AnalysisError, match="no such file, folder or matching glob"):
        corpus.discover([str(corpus_dir / "c.txt"), str(corpus_dir / "missing.txt")])
    with pytest.raises(AnalysisError, match=r"no \*.rst files"):
        corpus.discover([str(corpus_dir)], pattern="*.rst")


def test_discover_counts_a_file_named_twice_once(corpus_dir, monkeypatch):
    """Bug fixed: the same file named relatively and absolutely (or via a folder) became two articles."""
    monkeypatch.chdir(corpus_dir)
    paths = corpus.discover(["news/deep", str(corpus_dir / "news" / "deep" / "b.txt"), "./news/deep/b.txt"])
    assert len(paths) == 1 and paths[0].resolve() == (corpus_dir / "news" / "deep" / "b.txt").resolve()


def test_discover_resolves_symlinks_and_walks_folders_as_rglob(tmp_path):
    real = tmp_path / "real"
    write_tiny(real / "sub", ["a.txt", "b.txt"])
    (real / "sub" / "link_to_a.txt").symlink_to(real / "sub" / "a.txt")  # the same article twice
    (real / ".hidden").mkdir()
    (real / ".hidden" / "c.txt").write_text("T\n\nHidden.\n", encoding="utf-8")
    (real / "sub" / ".d.txt").write_text("T\n\nHidden.\n", encoding="utf-8")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    mapping = corpus._discover([str(tmp_path / "alias")], "*.txt")
    assert [Path(p).name for p in mapping] == ["a.txt", "b.txt"]
    assert all(resolved == str(Path(given).resolve()) for given, resolved in mapping.items())
    assert all(r.startswith(str(real.resolve())) for r in mapping.values())
    root, names = corpus._names(list(mapping.values()))
    assert root == str((real / "sub").resolve()) and list(names.values()) == ["a.txt", "b.txt"]
    # the current folder: the same spelling as pathlib's (no "./")
    cwd = os.getcwd()
    try:
        os.chdir(real)
        assert corpus.discover(["."]) == [Path("sub/a.txt"), Path("sub/b.txt")]
    finally:
        os.chdir(cwd)
    # the folder walk finds what pathlib's rglob finds (hidden parts left out)
    expected = sorted(
        str(p)
        for p in (tmp_path / "alias").rglob("*.txt")
        if p.is_file() and not any(x.startswith(".") for x in p.relative_to(tmp_path / "alias").parts)
    )
    assert sorted(str(p) for p in corpus._folder_files(tmp_path / "alias", "*.txt")) == expected


def test_missing_input_is_exit_2_with_one_error_line(cli, corpus_dir, tmp_path):
    out = tmp_path / "out"
    res = cli("corpus", corpus_dir / "c.txt", tmp_path / "nope.txt", "--out", out)
    assert res.returncode == 2
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "nope.txt" in lines[0]
    assert not out.exists() and leftovers(tmp_path) == []


def test_bad_options_are_exit_2(corpus_dir, tmp_path, capsys):
    for args in (["--scheduler", "tcp://127.0.0.1:1"], ["--jobs", "0"], ["--format", "xlsx"]):
        assert main(["corpus", str(corpus_dir / "c.txt"), "--out", str(tmp_path / "o"), *args]) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and err[0].startswith("error: ")
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- determinism and streaming


def test_jobs_1_and_jobs_2_give_identical_bytes(corpus_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(corpus, "BATCH_PER_JOB", 1)  # several Dask batches with 2 jobs
    monkeypatch.setattr(corpus, "CHUNK", 1)  # and a local window that slides many times
    monkeypatch.setattr(corpus, "WINDOW_PER_JOB", 1)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["corpus", str(corpus_dir), "--out", str(one), "--jobs", "1"]) == 0
    assert main(["corpus", str(corpus_dir), "--out", str(two), "--jobs", "2"]) == 0
    a, b = tree(one), tree(two)
    assert set(a) == {f"{t}.csv" for t in TABLES} | {"articles.csv", "manifest.json"}
    assert a == b
    manifest = json.loads(a["manifest.json"])
    for name, meta in manifest["outputs"].items():
        assert hashlib.sha256(a[name]).hexdigest() == meta["sha256"]
    assert "manifest.json" not in manifest["outputs"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_local_yields_in_input_order(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(corpus, "CHUNK", 2)
    monkeypatch.setattr(corpus, "WINDOW_PER_JOB", 2)
    # names whose sorted order is not their creation order; sizes vary so workers finish out of order
    paths = write_tiny(tmp_path, [f"{(i * 7) % 40:02d}.txt" for i in range(40)])
    for i, p in enumerate(paths):
        if i % 5 == 0:
            p.write_text(p.read_text() + ("\n\nMore deal words. " * 50), encoding="utf-8")
    cb = analysis.codebook.default_codebook_path()
    settings = corpus.Settings(cb.read_bytes(), str(cb))
    inputs = [str(p) for p in paths]
    chunks = list(corpus.run_local(inputs, settings, jobs=jobs))
    assert [len(results) for results, _ in chunks] == [2] * 20 and all(texts is None for _, texts in chunks)
    results = [r for chunk, _ in chunks for r in chunk]
    assert [r[0] for r in results] == inputs
    assert all(r[2] is None and r[1].records.paragraphs for r in results)


def test_rows_are_written_per_chunk_before_the_next_is_processed(tmp_path, monkeypatch):
    """Streaming: each chunk of articles is appended to the tables before the next chunk is analysed."""
    monkeypatch.setattr(corpus, "CHUNK", 2)
    write_tiny(tmp_path / "in", [f"{i:02d}.txt" for i in range(5)])
    events = []
    real_run_local, real_write = corpus.run_local, corpus.CsvSink.write_bytes

    def logged_run_local(paths, settings, *, jobs=1):
        for chunk, texts in real_run_local(paths, settings, jobs=jobs):
            events.append(("processed", [Path(path).name for path, _, _ in chunk]))
            yield chunk, texts

    def logged_write(self, name, data):
        if name == "paragraphs":
            events.append(("written", sorted({line.split(",", 1)[0] for line in data.decode().splitlines()})))
        return real_write(self, name, data)

    monkeypatch.setattr(corpus, "run_local", logged_run_local)
    monkeypatch.setattr(corpus.CsvSink, "write_bytes", logged_write)
    corpus.run_corpus([str(tmp_path / "in")], tmp_path / "out", progress=False)
    chunks = [["00.txt", "01.txt"], ["02.txt", "03.txt"], ["04.txt"]]
    assert events == [e for names in chunks for e in (("processed", names), ("written", names))]


# --------------------------------------------------------------------------- bad articles

BAD = {
    "empty": (b"   \n\n", "empty file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
    "latin1": ("Caf\u00e9 headline\n\nA na\u00efve deal.\n".encode("latin-1"), "not valid UTF-8"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_article_stops_the_run_and_writes_nothing(kind, tmp_path, capsys):
    data, message = BAD[kind]
    folder = tmp_path / "in"
    write_tiny(folder, ["a_good.txt", "c_good.txt"])
    (folder / "b_bad.txt").write_bytes(data)
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: ")
    assert "b_bad.txt" in err[0] and message in err[0] and "--skip-bad" in err[0]
    assert not out.exists() and leftovers(tmp_path) == []
    # an earlier corpus output stays exactly as it was
    assert main(["corpus", str(folder / "a_good.txt"), "--out", str(out)]) == 0
    before = tree(out)
    assert main(["corpus", str(folder), "--out", str(out), "--jobs", "2"]) == 2
    assert tree(out) == before and leftovers(tmp_path) == []


def test_skip_bad_reports_and_skips_each_bad_article(tmp_path, capsys):
    folder = tmp_path / "in"
    write_tiny(folder, ["a_good.txt", "z_good.txt"])
    for kind, (data, _) in BAD.items():
        (folder / f"bad_{kind}.txt").write_bytes(data)
    out = tmp_path / "out"
    assert main(["corpus", str(folder), "--out", str(out), "--skip-bad"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 3
    for kind, (_, message) in BAD.items():
        assert any(f"bad_{kind}.txt" in w and message in w for w in warnings), kind
    assert "2 articles analysed, 3 skipped" in captured.out
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"]["articles"] == 5 and manifest["inputs"]["analysed"] == 2
    assert [s["article"] for s in manifest["inputs"]["skipped"]] == [
        f"bad_{k}.txt" for k in ("binary", "empty", "latin1")
    ]
    for t in TABLES:
        assert {r["article"] for r in read_rows(out / f"{t}.csv")} <= {"a_good.txt", "z_good.txt"}
    assert [r["article"] for r in read_rows(out / "articles.csv")] == ["a_good.txt", "z_good.txt"]
    assert {r["article"] for r in read_rows(out / "paragraphs.csv")} == {"a_good.txt", "z_good.txt"}


def test_skip_bad_with_nothing_good_is_an_error(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "out"), "--skip-bad"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "error: no article could be analysed"
    assert not (tmp_path / "out").exists() and leftovers(tmp_path) == []


def test_a_stopped_run_ends_its_worker_processes(tmp_path):
    """Bug fixed: the pool of --jobs workers lived on until the generator was garbage-collected."""
    folder = tmp_path / "in"
    write_tiny(folder, [f"a{i}.txt" for i in range(4)])
    (folder / "b.txt").write_bytes(b"")
    with pytest.raises(AnalysisError, match="empty file") as excinfo:  # excinfo keeps the frame alive
        corpus.run_corpus([str(folder)], tmp_path / "out", jobs=2, progress=False)
    assert excinfo.value is not None
    assert multiprocessing.active_children() == []


# --------------------------------------------------------------------------- progress bar


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli, tmp_path):
    folder = tmp_path / "in"
    write_tiny(folder, ["a.txt", "b.txt"])
    res = cli("corpus", folder, "--out", tmp_path / "out")
    assert res.returncode == 0
    assert res.stderr == ""
    assert res.stdout == f"{tmp_path / 'out'}: 2 articles analysed, 0 skipped\n"


def test_progress_bar_when_stderr_is_a_terminal(tmp_path):
    folder = tmp_path / "in"
    write_tiny(folder, ["a.txt", "b.txt"])
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen(
        [sys.executable, "-m", "analysis", "corpus", str(folder), "--out", str(tmp_path / "out")],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0
    proc.stdout.close()
    err = b"".join(chunks).decode()
    assert "100%|" in err and "2/2" in err and "article" in err


def test_run_corpus_progress_true_writes_a_tqdm_bar(tmp_path, capsys):
    folder = tmp_path / "in"
    write_tiny(folder, ["a.txt", "b.txt", "c.txt"])
    corpus.run_corpus([str(folder)], tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "100%|" in err and "3/3" in err and "article/s" in err
    corpus.run_corpus([str(folder)], tmp_path / "out")  # default: capsys's stderr is no terminal
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- articles.csv


def test_articles_csv_matches_the_analyze_tables(corpus_dir, csv_out):
    out, manifest = csv_out
    frames = manifest["codebook"]["frames"]
    rows = read_rows(out / "articles.csv")
    with open(out / "articles.csv", encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == corpus.ARTICLE_COLUMNS_FIXED + [f"hits_{f}" for f in frames]
    assert [r["article"] for r in rows] == EXPECTED_NAMES
    for row in rows:
        result = analysis.analyze(corpus_dir / row["article"])
        body = result.paragraphs[result.paragraphs["para"] > 0]
        assert int(row["paragraphs"]) == len(body)
        assert int(row["sentences"]) == body["n_sentences"].sum()
        assert int(row["tokens"]) == body["n_tokens"].sum()
        assert int(row["words"]) == body["n_words"].sum()
        if len(body):
            assert abs(float(row["score_mean"]) - body["score"].mean()) <= 5e-5 + 1e-12
        else:
            assert row["score_mean"] == ""
        assert int(row["frame_hits"]) == len(result.frame_hits) == result.frame_counts["hits"].sum()
        assert int(row["actor_mentions"]) == len(result.actor_mentions)
        assert row["warnings"] == "; ".join(result.warnings)
        counts = result.frame_hits["frame"].value_counts()
        for f in frames:
            assert int(row[f"hits_{f}"]) == counts.get(f, 0), (row["article"], f)
    by_name = {r["article"]: r for r in rows}
    assert by_name["seed/putin_sends_trumps_messengers_packing.txt"]["paragraphs"] == "16"
    assert by_name["c.txt"]["warnings"].startswith("no body paragraphs")
    assert by_name["page.txt"]["warnings"].startswith("an HTML page")


# --------------------------------------------------------------------------- parquet


def test_parquet_has_the_same_rows_as_csv(corpus_dir, csv_out, tmp_path):
    """Bug fixed: --format parquet failed with KeyError "<class 'object'>" on every run."""
    pytest.importorskip("pyarrow")
    out_csv, _ = csv_out
    out = tmp_path / "pq"
    manifest = corpus.run_corpus([str(corpus_dir)], out, fmt="parquet", progress=False, warn=lambda m: None)
    assert manifest["parameters"]["format"] == "parquet"
    assert (out / "articles.csv").read_bytes() == (out_csv / "articles.csv").read_bytes()
    for t in TABLES:
        dtypes = {"article": object, **TABLE_DTYPES[t]}
        text_cols = [c for c, d in dtypes.items() if d is object or d == "object"]
        number_cols = [c for c in dtypes if c not in text_cols]
        pq = pd.read_parquet(out / f"{t}.parquet")
        expected = pd.read_csv(
            out_csv / f"{t}.csv",
            dtype={c: str for c in text_cols},
            keep_default_na=False,
            na_values={c: [""] for c in number_cols},
            float_precision="round_trip",
        )
        assert list(pq.columns) == ["article", *TABLE_COLUMNS[t]]
        for c in text_cols:  # a None (e.g. no label) is null in Parquet and an empty cell in CSV
            assert pq[c].map(lambda v: v is None or isinstance(v, str)).all(), (t, c)
            pq[c] = pq[c].fillna("")
        for c, d in dtypes.items():
            if d in ("int64", "bool"):
                assert str(pq[c].dtype) == d, (t, c)
        pd.testing.assert_frame_equal(pq, expected, check_dtype=True, obj=t)
        assert len(pq) == len(expected) > 0


# --------------------------------------------------------------------------- dask


@pytest.fixture(scope="module")
def dask_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask") / "in"
    for name in ("news/a.txt", "news/deep/b.txt", "page.txt"):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[name], encoding="utf-8", newline="")
    local = folder.parent / "local"
    corpus.run_corpus([str(folder)], local, progress=False, warn=lambda m: None)
    return folder, local


def test_dask_engine_with_its_own_local_cluster_equals_local(dask_corpus, tmp_path):
    pytest.importorskip("distributed")
    folder, local = dask_corpus
    out = tmp_path / "dask"
    corpus.run_corpus([str(folder)], out, engine="dask", jobs=2, progress=False, warn=lambda m: None)
    assert tree(out) == tree(local)


def test_dask_engine_on_an_existing_scheduler_equals_local(dask_corpus, tmp_path, cli):
    distributed = pytest.importorskip("distributed")
    folder, local = dask_corpus
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    )
    try:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        out = tmp_path / "dask"
        res = cli("corpus", folder, "--out", out, "--engine", "dask", "--scheduler", address)
        assert res.returncode == 0, res.stderr
        assert tree(out) == tree(local)
        out2 = tmp_path / "dask2"
        corpus.run_corpus([str(folder)], out2, engine="dask", scheduler=address, progress=False, warn=lambda m: None)
        assert tree(out2) == tree(local)
    finally:
        cluster.close()


# --------------------------------------------------------------------------- corpus_figures (notebook 05)


def _views_tables():
    articles = pd.DataFrame(
        {
            "article": ["a.txt", "b.txt", "seed.txt", "empty.txt"],
            "words": [200, 800, 100, 0],
            "frame_hits": [2, 0, 7, 0],
            "hits_game": [1, 0, 4, 0],
            "hits_food": [1, 0, 3, 0],
        }
    )
    hits = pd.DataFrame(
        {
            "article": ["a.txt", "a.txt", "seed.txt", "seed.txt", "seed.txt", "c.txt"],
            "para": [1, 2, 1, 1, 3, 1],
            "sent": [1, 1, 1, 2, 1, 1],
            "frame": ["game", "food", "game", "game", "food", "game"],
            "entry": ["win", "taste", "win", "hand", "juice", "win"],
            "start": [0, 10, 0, 20, 40, 0],
            "end": [3, 15, 3, 24, 45, 3],
            "matched_text": ["won", "taste", "win", "hand", "juice", "wins"],
            "left": ["they   ", "a bitter ", "", "the upper ", "the ", "she"],
            "right": [" it", "", " now", " of", " for", "!"],
        }
    )
    return articles, hits


def test_frame_rates_and_pooled_rates():
    from analysis import corpus_figures as cv

    articles, _ = _views_tables()
    assert cv.frame_columns(articles) == ["game", "food"]
    rates = cv.frame_rates(articles)
    assert list(rates.columns) == ["article", "words", "game", "food", "all"]
    assert rates.loc[0, ["game", "food", "all"]].tolist() == [5.0, 5.0, 10.0]
    assert rates.loc[2, "all"] == 70.0 and rates.loc[1, "all"] == 0.0
    assert rates.loc[3, ["game", "all"]].isna().all()  # no words: no rate, not a division error
    pooled = cv.pooled_rates(articles, ["x", "x", "seed", "x"])
    assert list(pooled.index) == ["x", "seed"]
    assert pooled.loc["x", "articles"] == 3 and pooled.loc["x", "words"] == 1000
    assert pooled.loc["x", "all"] == pytest.approx(2.0) and pooled.loc["x", "game"] == pytest.approx(1.0)
    assert pooled.loc["seed", "all"] == pytest.approx(70.0)


def test_top_entries_and_corpus_kwic():
    from analysis import corpus_figures as cv

    _, hits = _views_tables()
    top = cv.top_entries(hits, 3)
    assert top.to_dict("records") == [
        {"frame": "game", "entry": "win", "hits": 3, "articles": 3},
        {"frame": "food", "entry": "juice", "hits": 1, "articles": 1},
        {"frame": "food", "entry": "taste", "hits": 1, "articles": 1},
    ]
    lines = cv.corpus_kwic(hits, "game", n=2, window=8)
    assert lines["article"].tolist() == ["a.txt", "c.txt"]  # one per article, first and last of the spread
    assert lines.iloc[0][["left", "match", "right"]].tolist() == ["    they", "won", "it"]
    everything = cv.corpus_kwic(hits, "game", n=10)
    assert everything["article"].tolist() == ["a.txt", "seed.txt", "c.txt"]
    assert everything["entry"].tolist() == ["win", "win", "win"]


def test_corpus_figures_state_the_numbers(tmp_path):
    from matplotlib.figure import Figure

    from analysis import corpus_figures as cv

    articles, _ = _views_tables()
    fig = cv.frame_rate_figure(
        articles, "seed.txt", {"game": "Game and contest", "food": "Food, taste"}, source="Sources: test."
    )
    assert isinstance(fig, Figure)
    title = fig._suptitle.get_text()
    assert (
        "70.0 vs 2.0 hits per 1,000 words" in title and "35\u00d7" in title and "0 of the 2 other" in title
    )  # the article without words has no rate
    left, right = fig.axes
    assert [t.get_text() for t in left.get_yticklabels()] == ["Game", "Food"]
    assert left.get_xlabel() and right.get_xlabel() and right.get_ylabel()
    with pytest.raises(KeyError):
        cv.frame_rate_figure(articles, "missing.txt")
    paragraphs = pd.DataFrame(
        {
            "article": ["s", "s", "s", "n", "n", "n", "n"],
            "para": [0, 1, 2, 0, 1, 2, 3],
            "n_sentences": [1, 2, 2, 1, 4, 4, 4],
            "score": [0.9, -0.8, 0.6, 0.0, 0.1, 0.0, -0.1],
            "label": ["positive", "negative", "positive", "neutral", "positive", "neutral", "negative"],
        }
    )
    fig = cv.score_figure(paragraphs, "s", source="Sources: test.")
    assert "spread wider" in fig._suptitle.get_text() and "mean score -0.100 vs +0.000" in fig._suptitle.get_text()
    sentences = pd.DataFrame({"article": ["s", "s", "n", "n"], "para": [1, 2, 1, 0], "compound": [-0.8, 0.6, 0.1, 0.5]})
    summary = cv.tone_summary(paragraphs, sentences, "s", others="others")
    assert summary.loc["seed article", "paragraphs"] == 2 and summary.loc["others", "paragraphs"] == 3
    assert summary.loc["seed article", "positive"] == 0.5 and summary.loc["others", "neutral"] == pytest.approx(1 / 3)
    assert summary.loc["others", "score_mean"] == pytest.approx(0.0)
    assert math.isnan(summary.loc["others", "sentence_sd"])  # one body sentence: no SD
    from analysis.style import save_figure

    assert [p.suffix for p in save_figure(fig, tmp_path / "scores")] == [".png", ".svg"]
