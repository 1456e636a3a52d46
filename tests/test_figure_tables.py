"""Figures whose words follow their numbers: each figure's table, and the title written from it.

Cheap by design: the tables and titles are computed without drawing; only a
few figures are drawn (to check the drawing shows its table's title, and the
paragraph labels of a long article). Synthetic articles go through
``analysis.analyze_text``; the seed is the session fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import plots
from analysis.figures import FIGURES, draw, figure_table, figure_title

ROOT = Path(__file__).resolve().parents[1]

#: names, places and metaphors of the seed article: none may appear in the library's figure code
SEED_WORDS = [
    "Putin",
    "Trump",
    "Zelensky",
    "Witkoff",
    "Kushner",
    "Ushakov",
    "Kremlin",
    "Moscow",
    "Russia",
    "Ukrain",
    "Paton Walsh",
    "CNN",
    "RNZ",
    "messengers packing",
    "sweetener",
    "hand of cards",
    "squatter",
    "hotel",
    "delight",
    "set fire",
    "paragraph 15",
    "\u00b615",
    "geopolitical",
]
FIGURE_MODULES = ["plots.py", "style.py", "figures.py", "corpus_figures.py"]


@pytest.mark.parametrize("module", FIGURE_MODULES)
def test_no_seed_prose_in_the_figure_code(module):
    text = (ROOT / "analysis" / module).read_text(encoding="utf-8")
    found = [w for w in SEED_WORDS if re.search(rf"(?<![A-Za-z]){re.escape(w)}", text, re.IGNORECASE)]
    assert not found, f"analysis/{module} mentions the seed article: {found}"


def _titles(result) -> dict[str, str]:
    return {name: figure_title(name, result) for name in FIGURES if name != "sentiment_validity"}


# --------------------------------------------------------------------------- synthetic articles

ALL_NEGATIVE = (
    "Storm wrecks the harbour\n\n"
    "The storm destroyed homes. Families lost everything and grieve.\n\n"
    "The damage is terrible and the fear is real.\n"
)
NO_FRAMES = (
    "Council meets on Tuesday\n\nThe council met on Tuesday. It discussed the budget for parks.\n\nA vote is due.\n"
)
ONE_PARAGRAPH = "The council met on Tuesday and approved a good plan for parks.\n"


@pytest.fixture(scope="module")
def long_result():
    body = "\n\n".join(
        f"Paragraph number {i} is here. The war goes on and the deal is a win for the hotel owner."
        for i in range(1, 100)
    )
    return analysis.analyze_text("A long report\n\n" + body + "\n", source="long.txt")


def test_an_all_negative_article_says_every_scored_word_is_negative():
    r = analysis.analyze_text(ALL_NEGATIVE, source="storm.txt")
    t = figure_table("tone_drivers", r)
    assert (t.positive, t.negative, t.rival) == (0, 6, None)
    assert (t.words["total"] < 0).all() and len(t.words) == t.distinct == 6
    assert t.title == (
        "Every scored word is negative: 6 occurrences of 6 lexicon words, summed valence -11.6; the strongest: "
        '"damage" (1 \u00d7 -2.2 = -2.2)'
    )
    arc = figure_table("sentiment_arc", r)
    assert (arc.positive, arc.negative, arc.neutral) == (0, 2, 1)
    assert arc.title.startswith(
        "No paragraph reads positive: 2 negative, 1 neutral of 3 paragraphs (headline included);"
    )
    fig = draw("tone_drivers", r)  # drawn, not a placeholder, and its title is the table's
    assert fig._suptitle.get_text().replace("\n", " ") == t.title
    assert [b.get_width() for b in fig.axes[0].patches] == pytest.approx(sorted(t.words["total"]))


def test_an_article_without_frame_hits_says_so_plainly():
    r = analysis.analyze_text(NO_FRAMES, source="council.txt")
    titles = _titles(r)
    for name in ("frame_heatmap", "frame_dispersion", "extended_metaphor"):
        assert figure_table(name, r) is None
        assert titles[name] == "not drawn: no frame hits in this article"
    assert (
        titles["actors"]
        == "not drawn: no mentions of the codebook's actors in this article (give your own actors with --codebook)"
    )
    assert titles["tone_drivers"] == "not drawn: no word of this article is in VADER's lexicon"
    assert titles["sentiment_arc"] == (
        "Every paragraph reads neutral (all 3, headline included); whole-paragraph VADER is never more extreme than the sentence mean"
    )
    labels = {f: fr.label for f, fr in r.codebook.frames.items()}
    assert plots.frame_heatmap_table(r.frame_counts, labels).title == "No frame hits in this article"
    assert plots.frame_dispersion_table(r.frame_hits, labels).title == "No frame hits in this article"
    fig = draw("frame_heatmap", r)
    assert fig._suptitle.get_text() == "Frame heatmap: no frame hits in this article"


def test_a_one_paragraph_article():
    r = analysis.analyze_text(ONE_PARAGRAPH, source="one.txt")
    assert len(r.paragraphs) == 1
    titles = _titles(r)
    assert titles["sentiment_arc"] == (
        "One paragraph, reading positive (+0.69); it is a single sentence, so whole-paragraph VADER gives the same score"
    )
    assert titles["saturation"] == "not drawn: every paragraph is a single sentence, so the two scores are equal"
    assert titles["tone_drivers"].startswith("Every scored word is positive: 2 occurrences of 2 lexicon words")
    ax = draw("sentiment_arc", r).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1"]


def test_a_long_article_thins_its_paragraph_labels(long_result):
    r = long_result
    assert len(r.paragraphs) == 100
    assert plots.label_step(100, 8.0, 0.3) == 5 and plots.label_step(17, 8.0, 0.3) == 1
    assert plots.para_ticks(list(range(12)), 5) == ([0, 5, 10], ["H", "5", "10"])
    fig = draw("sentiment_arc", r)
    ax = fig.axes[0]
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in labels][:3] == ["H", "5", "10"] and len(labels) == 20
    assert "every 5th labelled" in ax.get_xlabel()
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in labels]
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:])), "paragraph labels overlap"
    titles = _titles(r)
    assert titles["frame_dispersion"] == (
        "Real estate terms (198 hits) spread over 99 paragraphs, at most 2 in any one"
    )
    assert titles["frame_heatmap"].startswith("No paragraph stands out: at most 2 hits of one frame in a paragraph")
    assert titles["extended_metaphor"].startswith(
        "No paragraph reaches an extended metaphor (3+ distinct entries of one frame in a paragraph); "
        "the most distinct entries: paragraph 1 with 2 real-estate terms (2 distinct)"
    )
    assert (
        "98 paragraphs change label (\u00b61, \u00b62, \u00b63, \u00b64, \u00b65, \u00b66 and 92 more)"
        in (titles["saturation"])
    )


def test_short_adjacent_paragraphs_get_spaced_labels():
    assert plots.spaced([0, 5, 10, 100, 104, 300], 50) == [0, 3, 5]
    assert plots.spaced([], 10) == []


def test_the_seeds_titles(seed_result):
    titles = _titles(seed_result)
    assert titles["sentiment_arc"] == (
        "Tone swings paragraph by paragraph: 10 positive, 5 negative, 2 neutral of 17 paragraphs (headline included); whole-paragraph "
        "VADER is more extreme than the sentence mean in all 13 multi-sentence paragraphs"
    )
    assert titles["saturation"] == (
        "Scoring a whole paragraph at once exaggerates its tone in every multi-sentence paragraph: "
        "|whole| > |sentence mean| in all 13; 3 paragraphs change label (\u00b612, \u00b613 and \u00b615); "
        "\u00b615 even flips sign"
    )
    assert titles["tone_drivers"] == (
        '"war" alone (8 \u00d7 -2.9 = -23.2) outweighs any positive word ("peace": 5 \u00d7 +2.5 = +12.5), '
        "though positive lexicon words slightly outnumber negative ones (53 occurrences vs 50)"
    )
    assert titles["frame_heatmap"] == (
        "Frame words cluster: \u00b615 alone holds 12 of the article's 20 real estate hits; 3 extended metaphors "
        "(3+ distinct entries of one frame in a paragraph): desert journey in \u00b66; real estate in \u00b612 "
        "and \u00b615"
    )
    assert titles["frame_dispersion"] == (
        "Real estate terms come in one burst: 12 of 20 hits within 384 characters of \u00b615; game terms "
        "(9 hits) recur across 7 paragraphs"
    )
    assert titles["actors"] == (
        "Putin (17 sentences) and Trump (13), the most named, appear in positive sentences on average "
        "(+0.13, +0.15), ranging from -0.85 to +0.97; the commonest pairing is Trump with real estate (5 sentences)"
    )
    assert titles["extended_metaphor"] == (
        "Paragraph 15 stacks 12 real-estate terms (12 distinct), in every one of its 5 sentences: an extended "
        "metaphor (3+ distinct entries of one frame in a paragraph)"
    )


# --------------------------------------------------------------------------- the words of each table


def test_counts_and_comparisons_have_the_right_words():
    assert [plots.plural(n, "hit") for n in (0, 1, 2)] == ["0 hits", "1 hit", "2 hits"]
    assert plots.para_list([0, 3]) == "\u00b6H and \u00b63" and plots.para_list([4]) == "\u00b64"
    assert [plots.outnumber(m, 100) for m in (101, 150, 200)] == ["slightly outnumber", "outnumber", "far outnumber"]
    from analysis.corpus_figures import how_often

    assert [how_often(a, 2.0) for a in (70.0, 2.9, 2.0, 0.6)] == [
        "35\u00d7 as often as",
        "1.4\u00d7 as often as",
        "about as often as",
        "less often than",
    ]


def _sentences(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"para": range(1, len(texts) + 1), "sent": 0, "text": list(texts)})


def test_tone_drivers_compare_the_lead_word_with_the_other_sign():
    t = plots.tone_drivers_table(_sentences("good " * 10, "war " * 40))
    assert (t.positive, t.negative, t.lead["word"], t.rival["word"]) == (10, 40, "war", "good")
    assert t.title == (
        '"war" alone (40 \u00d7 -2.9 = -116.0) outweighs any positive word ("good": 10 \u00d7 +1.9 = +19.0), '
        "and negative lexicon words far outnumber positive ones (40 occurrences vs 10)"
    )
    even = plots.tone_drivers_table(_sentences("good", "bad"))
    assert even.title == (
        '"bad" alone (1 \u00d7 -2.5 = -2.5) outweighs any positive word ("good": 1 \u00d7 +1.9 = +1.9); '
        "positive and negative lexicon words occur equally often (1 each)"
    )


def _hits(rows) -> pd.DataFrame:
    """A frame_hits table from (para, sent, frame, entry, start) rows."""
    df = pd.DataFrame(rows, columns=["para", "sent", "frame", "entry", "start"])
    return df.assign(end=df["start"] + 5)


LABELS = {"spectacle": "Spectacle and theatre", "game": "Game and contest"}


def test_extended_metaphor_below_the_threshold_is_not_called_one():
    hits = _hits([(2, 0, "spectacle", "stage", 100), (2, 1, "spectacle", "stage", 140), (3, 0, "game", "win", 300)])
    sentences = pd.DataFrame({"para": [2, 2, 2, 3], "sent": [0, 1, 2, 0]})
    t = plots.extended_metaphor_table(hits, 2, "spectacle", LABELS, sentences)
    assert (t.terms, t.distinct, t.extended, t.best, t.extended_min) == (2, 1, False, 1, 3)
    assert t.title == (
        "No paragraph reaches an extended metaphor (3+ distinct entries of one frame in a paragraph); the most "
        "distinct entries: paragraph 2 with 2 spectacle terms (1 distinct), in 2 of its 3 sentences"
    )
    one = plots.extended_metaphor_table(hits, 3, "game", LABELS, sentences, extended_min=1)
    assert one.title == (
        "Paragraph 3 stacks 1 game term (1 distinct), in its one sentence: an extended metaphor "
        "(1+ distinct entries of one frame in a paragraph)"
    )
    assert plots.strongest_cell(hits) == (2, "spectacle")


def test_frame_dispersion_calls_a_burst_only_a_burst():
    two = plots.frame_dispersion_table(
        _hits([(1, 0, "spectacle", "stage", 10), (4, 0, "spectacle", "show", 900)]), LABELS
    )
    assert two.title == "Spectacle terms (2 hits) spread over 2 paragraphs, at most 1 in any one"
    assert two.frames.set_index("frame").loc["game", "hits"] == 0
    burst = _hits([(5, 0, "game", e, 100 + 20 * i) for i, e in enumerate("abcd")] + [(1, 0, "game", "a", 10)])
    assert plots.frame_dispersion_table(burst, LABELS).title == (
        "Game terms come in one burst: 4 of 5 hits within 65 characters of \u00b65"
    )
    single = plots.frame_dispersion_table(_hits([(0, 0, "game", "win", 3)]), LABELS)
    assert single.title == "The article's only frame hit is a game term, in \u00b6H"


def test_frame_heatmap_without_extended_metaphors_says_none():
    counts = pd.DataFrame(
        {
            "para": [1, 1, 2, 2],
            "frame": ["spectacle", "game", "spectacle", "game"],
            "hits": [1, 0, 0, 2],
            "distinct_entries": [1, 0, 0, 2],
            "extended": [False, False, False, False],
        }
    )
    t = plots.frame_heatmap_table(counts, LABELS)
    assert t.total == 3 and t.peak == ("game", 2, 2, 2) and t.extended_cells == {}
    assert t.title == (
        "All 2 game hits fall in \u00b62 (2 of the article's 3 frame hits); no extended metaphor "
        "(3+ distinct entries of one frame in a paragraph)"
    )


def test_actor_tone_words_follow_the_thresholds():
    tone = pd.DataFrame(
        {
            "actor": ["Ann", "Bo"],
            "mentions": [3, 2],
            "sentences": [3, 2],
            "compound_mean": [-0.53, 0.02],
            "compound_min": [-0.9, -0.1],
            "compound_max": [-0.2, 0.1],
        }
    )
    co = pd.DataFrame([[1, 0], [0, 1]], index=["Ann", "Bo"], columns=list(LABELS))
    t = plots.actors_table(tone, co, LABELS)
    assert t.actors["tone"].tolist() == ["negative", "neutral"]
    assert t.title == (
        "Ann (3 sentences), the most named, appears in negative sentences on average (-0.53), Bo (2) in neutral "
        "ones (+0.02), ranging from -0.90 to +0.10; 2 pairings tie as the commonest (1 sentence each), e.g. Ann "
        "with spectacle"
    )


def test_saturation_without_label_changes_says_no_paragraph():
    paras = pd.DataFrame(
        {"para": [0, 1], "n_sentences": [1, 3], "compound_mean": [0.5, 0.3], "compound_whole": [0.5, 0.2]}
    )
    t = plots.saturation_table(paras)
    assert (t.multi, t.inflated, t.relabelled, t.flipped) == (1, 0, [], [])
    assert t.title == (
        "Scoring a whole paragraph at once never exaggerates its tone here: |whole| <= |sentence mean| in the one "
        "multi-sentence paragraph; no paragraph changes label (positive, neutral, negative)"
    )
