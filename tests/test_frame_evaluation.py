import pytest

import analysis
from analysis.errors import AnalysisError
from analysis.frame_evaluation import evaluate, load_gold, score_hits

TEXT = "Head\n\nThe tycoon bought a hotel. The squatter stayed.\n\nHe begged and begged again."
CODEBOOK = "frames:\n  estate: {terms: [tycoon, hotel]}\n  begging: {terms: [beg]}\n"


@pytest.fixture
def small(tmp_path):
    cb = analysis.codebook.parse_codebook(CODEBOOK)
    return analysis.analyze_text(TEXT, codebook=cb), tmp_path


def write_gold(tmp_path, rows):
    path = tmp_path / "gold.csv"
    path.write_text("para,frame,text\n" + "".join(f"{p},{f},{t}\n" for p, f, t in rows))
    return path


def test_precision_recall_f1_by_hand(small):
    result, tmp = small
    # gold: tycoon (hit), squatter (missed), "begged" twice (both hit); hotel is a hit not in gold
    gold = write_gold(
        tmp, [(1, "estate", "tycoon"), (1, "estate", "squatter"), (2, "begging", "begged"), (2, "begging", "begged")]
    )
    scores, detail, unscored = evaluate(result, gold)
    s = scores.set_index("frame")
    assert s.loc["estate", ["gold", "hits", "matched_gold", "matched_hits"]].tolist() == [2, 2, 1, 1]
    assert s.loc["estate", "precision"] == 0.5 and s.loc["estate", "recall"] == 0.5 and s.loc["estate", "f1"] == 0.5
    assert s.loc["begging", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert s.loc["overall", ["gold", "hits", "matched_gold", "matched_hits"]].tolist() == [4, 4, 3, 3]
    assert s.loc["overall", "f1"] == 0.75
    assert unscored == []
    missed = detail[~detail["matched"]]
    assert sorted(missed["text"]) == ["hotel", "squatter"]


def test_overlap_not_identity_and_frame_must_agree(small):
    result, tmp = small
    gold = write_gold(tmp, [(1, "estate", "The tycoon bought"), (1, "begging", "hotel")])
    scores, _, _ = evaluate(result, gold)
    s = scores.set_index("frame")
    assert s.loc["estate", "matched_gold"] == 1  # tycoon overlaps "The tycoon bought"
    assert s.loc["begging", "matched_gold"] == 0  # right span, wrong frame


def test_frames_without_gold_are_not_scored(small):
    result, tmp = small
    scores, _, unscored = evaluate(result, write_gold(tmp, [(2, "begging", "begged")]))
    assert unscored == ["estate"]
    assert scores.set_index("frame").loc["overall", "hits"] == 2  # only begging hits count


@pytest.mark.parametrize(
    "rows, message",
    [
        ([(1, "estate", "castle")], "line 2: 'castle' not found in paragraph 1"),
        ([(9, "estate", "tycoon")], "line 2: no paragraph 9"),
        ([(1, "estate", "win")], "not found"),
    ],
)
def test_gold_errors(small, rows, message):
    result, tmp = small
    with pytest.raises(AnalysisError, match=message):
        load_gold(write_gold(tmp, rows), result.paragraphs)


def test_gold_needs_columns(small):
    result, tmp = small
    path = tmp / "g.csv"
    path.write_text("paragraph,frame,text\n1,estate,tycoon\n")
    with pytest.raises(AnalysisError, match="missing column"):
        load_gold(path, result.paragraphs)


def test_whole_word_location():
    import pandas as pd

    paras = pd.DataFrame({"para": [1], "start": [0], "text": ["growing win"]})
    import pathlib
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = pathlib.Path(d) / "g.csv"
        p.write_text("para,frame,text\n1,game,win\n")
        assert load_gold(p, paras)["start"].tolist() == [8]


def test_seed_gold_locates_and_scores(seed_result):
    from conftest import GOLD

    gold = load_gold(GOLD, seed_result.paragraphs)
    assert len(gold) >= 50
    text = seed_result.text
    assert all(text[s:e] == t for s, e, t in zip(gold["start"], gold["end"], gold["text"]))
    scores, _ = score_hits(seed_result.frame_hits, gold)
    overall = scores.set_index("frame").loc["overall"]
    assert overall["precision"] >= 0.9 and overall["recall"] >= 0.85


def test_evaluate_cli(cli, seed_path):
    from conftest import GOLD

    res = cli("evaluate", seed_path, "--gold", GOLD, "--details")
    assert res.returncode == 0, res.stderr
    assert "overall" in res.stdout and "precision" in res.stdout
    assert "not scored (no human coding for): pressure" in res.stdout
    res = cli("evaluate", seed_path)
    assert res.returncode == 2 and "--gold" in res.stderr


def test_gold_frame_not_in_codebook_is_refused(small, cli, seed_path, tmp_path):
    result, tmp = small
    with pytest.raises(AnalysisError, match="'nosuchframe' not in the codebook"):
        evaluate(result, write_gold(tmp, [(1, "nosuchframe", "tycoon")]))
    gold = tmp_path / "g.csv"
    gold.write_text("para,frame,text\n15,nosuchframe,hotel\n")
    res = cli("evaluate", seed_path, "--gold", gold)
    assert res.returncode == 2 and "nosuchframe" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_gold_file_errors_name_the_file(small):
    result, tmp = small
    with pytest.raises(AnalysisError, match="is a directory, not a gold file"):
        load_gold(tmp, result.paragraphs)
    with pytest.raises(AnalysisError, match="no such gold file"):
        load_gold(tmp / "missing.csv", result.paragraphs)
    bad = tmp / "bad.csv"
    bad.write_bytes(b"para,frame,text\n1,estate,\xff\n")
    with pytest.raises(AnalysisError, match="cannot be read as UTF-8 text"):
        load_gold(bad, result.paragraphs)
