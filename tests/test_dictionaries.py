"""Dictionary import: LIWC .dic files and quanteda YAML dictionaries as codebooks (``convert-codebook``)."""

import pytest

from analysis.__main__ import main
from analysis.codebook import load_codebook
from analysis.dictionaries import convert_dictionary

LIWC = "%\n1\tposemo\n2\tnegemo\n3\tfiller words\n%\nhappy\t1\nhapp*\t1\nhappiness\t1\nregulat*\t2 3\nkind of\t3\n:)\t1\nbad 2\n"

QUANTEDA = """\
christmas:
  - Christmas
  - Santa
  - holiday*
economy:
  jobs: [job*, employ*, "labour market"]
  inflation: inflat*
  other:
    - tax*
    - deep: ["*ing", "colo?r"]
"""


def test_liwc_dic_to_codebook(tmp_path, capsys):
    dic = tmp_path / "small.dic"
    dic.write_text(LIWC, encoding="utf-8")
    out = tmp_path / "small.yml"
    assert main(["convert-codebook", str(dic), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{out}: 3 frames, 6 entries from {dic} (LIWC dictionary)",
        "  left out: posemo: 'happiness': matches the same words as 'happy'",
        "  left out: posemo: ':)': no word to match in ':)'",
    ]
    cb = load_codebook(out)  # what check-codebook runs
    assert {f.id: (f.label, f.terms, f.phrases) for f in cb.frames.values()} == {
        "posemo": ("posemo", ("happy", "happ*"), ()),
        "negemo": ("negemo", ("regulat*", "bad"), ()),
        "filler_words": ("filler words", ("regulat*",), ("kind of",)),
    }
    assert main(["check-codebook", str(out)]) == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_quanteda_yaml_nested_keys(tmp_path):
    path = tmp_path / "dict.yml"
    path.write_text(QUANTEDA, encoding="utf-8")
    conv = convert_dictionary(path)
    assert conv.dropped == [
        ("economy.other.deep", "*ing", "a '*' wildcard is supported at the end of a word only"),
        ("economy.other.deep", "colo?r", "'?' wildcards are not supported"),
    ]
    assert conv.empty == ["economy.other.deep"]
    out = tmp_path / "codebook.yml"
    out.write_text(conv.yaml, encoding="utf-8")
    cb = load_codebook(out)
    assert {f.id: (f.label, f.terms, f.phrases) for f in cb.frames.values()} == {
        "christmas": ("christmas", ("christmas", "santa", "holiday*"), ()),
        "economy_jobs": ("economy.jobs", ("job*", "employ*"), ("labour market",)),
        "economy_inflation": ("economy.inflation", ("inflat*",), ()),
        "economy_other": ("economy.other", ("tax*",), ()),
    }


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("a.dic", "1\tposemo\n%\nhappy\t1\n", "a.dic: line 1: a LIWC dictionary starts with a '%' line"),
        ("b.dic", "%\n1\tposemo\n", "b.dic: line 1: the category header opened here has no closing '%' line"),
        ("c.dic", "%\n1\tposemo\n1\tnegemo\n%\nx\t1\n", "c.dic: line 3: category id 1 twice (first at line 2)"),
        ("d.dic", "%\n1\tposemo\n%\nhappy\t1\nsad\t7\n", "d.dic: line 5: unknown category id 7 for 'sad'"),
        ("e.dic", "%\n1\tposemo\n%\n", "e.dic: line 3: empty dictionary: no entry after the category header"),
        ("f.dic", "%\n1\tposemo\n%\nlike\t1 02/134\n", "f.dic: line 4: category id '02/134' of 'like' is not a number"),
        ("g.dic", "%\n1\tposemo\n%\nhappy\n", "g.dic: line 4: 'happy' has no category id"),
        ("h.yml", "", "h.yml: empty dictionary"),
        ("i.yml", "a: [x]\na: [y]\n", "i.yml: line 2: duplicate key 'a' (first at line 1)"),
        ("j.yml", "- x\n", "j.yml: line 1: a quanteda dictionary is a mapping of keys to patterns"),
        ("k.yml", "a: []\nb:\n", "k.yml: empty dictionary: no pattern under any key"),
        ("l.yml", "a: [[x]]\n", "l.yml: line 1: a: a list inside a list"),
    ],
)
def test_malformed_dictionaries_are_one_error_line(tmp_path, capsys, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yml"
    assert main(["convert-codebook", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path}/{message}") and err.count("\n") == 1, err
    assert not out.exists()
