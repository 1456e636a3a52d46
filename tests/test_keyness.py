"""Keyness: G2 and log ratio against hand computations, the references, the ``keywords`` command."""

import hashlib
import math
from collections import Counter
from pathlib import Path

import pytest

from analysis.__main__ import main
from analysis.errors import AnalysisError
from analysis.keyness import (
    ZERO_COUNT,
    Reference,
    files_reference,
    g2,
    general_reference,
    keyness,
    load_reference,
    log_ratio,
)

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "Cats\n\nCats chase dogs. Cats sleep, PG&E\u2019s dogs.\n"


def hand_g2(a, b, c, d):
    """Dunning's G2 written out cell by cell (the formula as AntConc and quanteda state it)."""
    n = c + d
    cells = [
        (a, c * (a + b) / n),
        (b, d * (a + b) / n),
        (c - a, c * (c - a + d - b) / n),
        (d - b, d * (c - a + d - b) / n),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o)


def test_g2_and_log_ratio_by_hand():
    # a=3 of C=10, b=1 of D=20: E = 4/3, 8/3, 26/3, 52/3
    by_hand = 2 * (
        3 * math.log(3 / (4 / 3)) + math.log(1 / (8 / 3)) + 7 * math.log(7 / (26 / 3)) + 19 * math.log(19 / (52 / 3))
    )
    assert g2(3, 1, 10, 20) == pytest.approx(by_hand, abs=1e-12) and round(by_hand, 3) == 3.403
    assert log_ratio(3, 1, 10, 20) == pytest.approx(math.log2(6))  # (3/10) / (1/20) = 6
    # under-used: 1 in 10 against 10 in 20 -> both negative
    assert round(g2(1, 10, 10, 20), 3) == -5.202 == -round(hand_g2(1, 10, 10, 20), 3)
    assert log_ratio(1, 10, 10, 20) == pytest.approx(math.log2(0.2))
    # a zero reference count: 0 ln 0 = 0 in G2; 0.5 in the log ratio, (2/10) / (0.5/20) = 8
    assert ZERO_COUNT == 0.5
    assert round(g2(2, 0, 10, 20), 3) == 4.688 == round(hand_g2(2, 0, 10, 20), 3)
    assert log_ratio(2, 0, 10, 20) == 3.0
    assert g2(1, 2, 10, 20) == 0.0 and log_ratio(1, 2, 10, 20) == 0.0  # the same rate


def test_keyness_table_rows():
    counts = Counter({"cats": 3, "chase": 1, "dogs": 1, "sleep": 1})
    table = keyness(counts, Reference("r", {"dogs": 4, "sleep": 1, "the": 5}, 10))
    assert list(table.columns) == ["word", "count", "per_1000", "ref_per_1000", "g2", "log_ratio"]
    assert table.values.tolist() == [
        ["cats", 3, 500.0, 0.0, 7.125, 3.322],  # G2 by hand: 2(3 ln(3/1.125) + 3 ln(3/4.875) + 10 ln(16/13))
        ["chase", 1, 166.667, 0.0, 2.075, 1.737],
        ["sleep", 1, 166.667, 100.0, 0.148, 0.737],
        ["dogs", 1, 166.667, 400.0, -1.008, -1.263],  # under-used: negative, last
    ]
    assert keyness(counts, Reference("r", {"x": 1}, 1), top=2)["word"].tolist() == ["cats", "chase"]  # ties by word


def test_general_reference_is_the_shipped_table():
    path = ROOT / "analysis" / "resources" / "general_english.tsv.gz"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == (
        "3cdab5473cf7e6b0536f070a4b64ad3d3a9fa06d22a64642b768fd3751dbb9b2"
    )
    ref = general_reference()
    assert ref.total == 1_000_000_000 and len(ref.counts) == 50_000
    assert ref.counts["the"] == 53_703_180 and ref.counts["u.s."] == 204_174 and ref.counts["trump's"] == 10_233
    assert load_reference("general") is ref


def test_folder_of_articles_and_tokens_table(tmp_path):
    folder = tmp_path / "ref"
    folder.mkdir()
    (folder / "a.txt").write_text("Dogs\n\nThe dogs sleep.\n", encoding="utf-8")
    (folder / "b.txt").write_text("More dogs\n\nThe cats\u2019 dogs bark.\n", encoding="utf-8")
    ref = load_reference(str(folder))
    assert ref.counts == {"dogs": 4, "the": 2, "sleep": 1, "more": 1, "cats": 1, "bark": 1} and ref.total == 10
    assert ref.name == f"{folder} (2 articles)"
    assert files_reference([folder / "a.txt"], name="a").counts == {"dogs": 2, "the": 1, "sleep": 1}
    table = tmp_path / "tokens.csv"
    table.write_text("para,token,kind\n1,NA,word\n1,null,word\n1,.,punct\n1,3.5,number\n", encoding="utf-8")
    ref = load_reference(str(table))
    assert ref.counts == {"na": 1, "null": 1} and ref.total == 2  # "NA" is a word, not a missing value
    with pytest.raises(AnalysisError, match="no such reference"):
        load_reference(str(tmp_path / "missing"))


def test_keywords_command(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ref = tmp_path / "out"
    ref.mkdir()
    (ref / "tokens.csv").write_text(
        "token,kind\n" + "".join(f"{w},word\n" for w in ["dogs"] * 4 + ["sleep"] + ["the"] * 5), encoding="utf-8"
    )
    out = tmp_path / "k.csv"
    assert main(["keywords", str(article), "--reference", str(ref), "--top", "0", "--out", str(out)]) == 0
    assert out.read_text("utf-8") == (
        "word,count,per_1000,ref_per_1000,g2,log_ratio\n"
        "cats,3,375.0,0.0,5.635,2.907\n"  # 2(3 ln(3/(4/3)) + 5 ln(5/(20/3)) + 10 ln(10/(25/3))); log2(7.5)
        "chase,1,125.0,0.0,1.696,1.322\n"
        "pg&e's,1,125.0,0.0,1.696,1.322\n"  # PG&E one word, its curly apostrophe read as '
        "sleep,1,125.0,100.0,0.028,0.322\n"
        "dogs,2,250.0,400.0,-0.457,-0.678\n"
    )
    printed = capsys.readouterr().out
    assert printed.startswith(f"8 words of the article against {ref / 'tokens.csv'}: 10 words\n")
    assert main(["keywords", str(article), "--reference", str(tmp_path / "nothing")]) == 2
    assert main(["keywords", str(article), "--top", "-1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {tmp_path / 'nothing'}: no such reference file or folder (or use 'general' or 'nyt')",
        "error: --top must be 0 (all rows) or more, not -1",
    ]
