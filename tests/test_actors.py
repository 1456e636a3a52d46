import pytest

import analysis
from analysis.actors import actor_frame_cooccurrence, actor_tone

CB = (
    "frames:\n  food: {terms: [juice]}\n  begging: {terms: [beg]}\n"
    "actors:\n  Putin: [Putin, Kremlin]\n  Trump: [Trump]\n  Nobody: [Nobody Smith]\n"
)
TEXT = (
    "Head\n\nPutin loves the juice. The Kremlin is happy and Putin smiles.\n\n"
    "Trump begs Putin. Trump is sad and terrible."
)


@pytest.fixture
def result():
    return analysis.analyze_text(TEXT, codebook=analysis.codebook.parse_codebook(CB))


def test_actor_tone_counts_each_sentence_once(result):
    tone = actor_tone(result).set_index("actor")
    s = result.sentences.set_index(["para", "sent"])["compound"]
    assert tone.loc["Putin", "mentions"] == 4
    assert tone.loc["Putin", "sentences"] == 3
    assert tone.loc["Putin", "compound_mean"] == pytest.approx((s[(1, 1)] + s[(1, 2)] + s[(2, 1)]) / 3, abs=1e-4)
    assert tone.loc["Trump", "sentences"] == 2
    assert "Nobody" not in tone.index


def test_actor_frame_cooccurrence(result):
    co = actor_frame_cooccurrence(result)
    assert list(co.columns) == ["food", "begging"]
    assert list(co.index) == ["Putin", "Trump", "Nobody"]
    assert co.loc["Putin", "food"] == 1 and co.loc["Putin", "begging"] == 1
    assert co.loc["Trump", "begging"] == 1 and co.loc["Trump", "food"] == 0
    assert co.loc["Nobody"].sum() == 0


def test_seed_actor_tables(seed_result):
    tone = actor_tone(seed_result).set_index("actor")
    assert {"Putin", "Trump", "Zelensky", "Ushakov"} <= set(tone.index)
    assert tone.loc["Putin", "mentions"] >= 15
    co = actor_frame_cooccurrence(seed_result)
    assert co.loc["Trump", "real_estate"] >= 3


def test_a_name_inside_a_longer_alias_counts_only_for_the_longer_aliass_actor():
    cb = analysis.codebook.parse_codebook(
        "frames:\n  food: {terms: [juice]}\n"
        "actors:\n  PG&E: [utility, PG&E]\n  Regulator: [Public Utilities Commission]\n  Putin: [Putin]\n"
        "  Russia: [Russian, Russia]\n  Putin2: [Russian president]\n"
    )
    text = "Head\n\nThe Public Utilities Commission fined the utility. The Russian president met Russian officials."
    mentions = analysis.analyze_text(text, codebook=cb).actor_mentions
    assert list(zip(mentions["actor"], mentions["matched_text"])) == [
        ("Regulator", "Public Utilities Commission"),
        ("PG&E", "utility"),
        ("Putin2", "Russian president"),
        ("Russia", "Russian"),
    ]
