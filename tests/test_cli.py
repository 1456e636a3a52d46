import hashlib
import json

import pytest

from analysis.records import TABLES

SEED_STEM = "putin_sends_trumps_messengers_packing"
FILES = {f"{t}.csv" for t in TABLES} | {"annotated.html", "manifest.json"}


def tree_hash(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_help_explains_every_command(cli):
    out = cli("--help")
    assert out.returncode == 0
    for command in ("analyze", "evaluate", "figures", "check-codebook"):
        assert command in out.stdout
        sub = cli(command, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_analyze_writes_the_contract(cli_process, seed_path, tmp_path):
    """End to end in a real process: ``python -m analysis analyze``."""
    out = tmp_path / "out"
    res = cli_process("analyze", seed_path, "--out", out)
    assert res.returncode == 0, res.stderr
    assert "16 body paragraphs, 44 sentences" in res.stdout
    assert {p.name for p in out.iterdir()} == FILES
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["input"]["sha256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert manifest["codebook"]["sha256"]
    assert {"vaderSentiment", "nltk", "pandas", "python"} <= set(manifest["packages"])
    assert manifest["parameters"]["extended_min"] == 3
    for name, meta in manifest["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == meta["sha256"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_default_out_and_byte_identical_reruns(cli, seed_path, tmp_path):
    assert cli("analyze", seed_path, cwd=tmp_path).returncode == 0
    out = tmp_path / "data" / "processed" / SEED_STEM
    first = tree_hash(out)
    assert set(first) == FILES
    assert cli("analyze", seed_path, cwd=tmp_path).returncode == 0
    assert tree_hash(out) == first


def _assert_clean_failure(res, *needles):
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert "Traceback" not in res.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    "content, needles",
    [
        (b"", ["article.txt", "empty"]),
        (b"  \n\n\t \n", ["article.txt", "empty"]),
        (b"Head\n\ncaf\xe9 society.\n", ["article.txt", "not valid UTF-8 at byte 9", "--encoding"]),
        (b"Head\n\nsome\x00binary", ["article.txt", "not a text file"]),
    ],
    ids=["empty", "whitespace", "bad-utf8", "nul"],
)
def test_bad_files_exit_2_and_write_nothing(cli, write_text, tmp_path, content, needles):
    path = write_text(content)
    out = tmp_path / "out"
    _assert_clean_failure(cli("analyze", path, "--out", out), *needles)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]


def test_missing_file_and_directory(cli, cli_process, tmp_path):
    _assert_clean_failure(
        cli_process("analyze", tmp_path / "nope.txt", "--out", tmp_path / "o"), "nope.txt", "no such file"
    )
    _assert_clean_failure(cli("analyze", tmp_path, "--out", tmp_path / "o"), "is a directory")
    assert not (tmp_path / "o").exists()


def test_bad_usage_is_one_line(cli, seed_path):
    _assert_clean_failure(cli("analyze"), "required")
    _assert_clean_failure(cli("frobnicate"), "invalid choice")
    _assert_clean_failure(cli("analyze", seed_path, "--extended-min", "0"), "--extended-min")


def test_encoding_option(cli, write_text, tmp_path):
    path = write_text("Headline\n\n\u201cCaf\u00e9 talks\u201d went well.\n".encode("cp1252"))
    assert cli("analyze", path, "--out", tmp_path / "a").returncode == 2
    res = cli("analyze", path, "--encoding", "cp1252", "--out", tmp_path / "b")
    assert res.returncode == 0, res.stderr
    assert "\u201cCaf\u00e9 talks\u201d" in (tmp_path / "b" / "sentences.csv").read_text("utf-8")


def test_out_that_is_a_file_or_foreign_folder(cli, seed_path, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    _assert_clean_failure(cli("analyze", seed_path, "--out", target), "not a folder")
    assert target.read_text() == "keep me"
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    _assert_clean_failure(cli("analyze", seed_path, "--out", foreign), "not empty")
    assert (foreign / "notes.txt").read_text() == "mine"


def test_failed_run_keeps_previous_outputs(cli, seed_path, write_text, tmp_path):
    out = tmp_path / "out"
    assert cli("analyze", seed_path, "--out", out).returncode == 0
    before = tree_hash(out)
    bad = tmp_path / "bad.yml"
    bad.write_text("frames:\n  food:\n    terms: [bread, '']\n")
    _assert_clean_failure(
        cli("analyze", seed_path, "--codebook", bad, "--out", out), "bad.yml", "frames.food.terms[1]", "empty entry"
    )
    assert tree_hash(out) == before


def test_input_is_never_modified(cli, seed_path, tmp_path):
    before = hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert cli("analyze", seed_path, "--out", tmp_path / "o").returncode == 0
    assert hashlib.sha256(seed_path.read_bytes()).hexdigest() == before


def test_rerun_never_deletes_a_users_files(cli, seed_path, tmp_path):
    out = tmp_path / "prev"
    assert cli("analyze", seed_path, "--out", out).returncode == 0
    (out / "notes.md").write_text("my notes")
    _assert_clean_failure(cli("analyze", seed_path, "--out", out), "notes.md", "not outputs of this tool")
    assert (out / "notes.md").read_text() == "my notes"
    (out / "notes.md").unlink()
    assert cli("analyze", seed_path, "--out", out).returncode == 0


def test_kwic_prints_an_aligned_table_and_writes_csv(cli, write_text, tmp_path):
    article = write_text("Head\n\nShe sent the dish back. Regulators regulate.\n")
    out = cli("kwic", article, "send * back", "--window", "8")
    assert out.returncode == 0 and out.stderr == ""
    assert out.stdout.splitlines() == [
        "para  sent  start  end  left  match               right",
        "   1     1     10   28   She  sent the dish back  . Regula",
    ]
    csv = tmp_path / "k.csv"
    out = cli("kwic", article, "regulat*", "--out", csv, "--window", "5")
    assert (out.returncode, out.stdout) == (0, f"{csv}: 2 lines\n")
    assert csv.read_text(encoding="utf-8") == (
        "para,sent,start,end,left,match,right\n1,2,30,40,ack.,Regulators,regu\n1,2,41,49,tors,regulate,.\n"
    )


def test_kwic_errors_are_one_line(cli, write_text, tmp_path):
    article = write_text("Head\n\nA deal.\n")
    _assert_clean_failure(cli("kwic", article, "de*"), "pattern 'de*': a wildcard needs at least 3 letters")
    _assert_clean_failure(cli("kwic", article, "deal", "--window", "0"), "--window must be at least 1, not 0")
    _assert_clean_failure(cli("kwic", article, "deal", "--out", tmp_path / "no" / "k.csv"), "does not exist")
    assert not (tmp_path / "no").exists()
