import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.actors import actor_frame_cooccurrence, actor_tone
from analysis.figures import FIGURES
from analysis.plots import (
    actor_panels,
    extended_metaphor,
    frame_dispersion,
    frame_heatmap,
    saturation,
    saturation_summary,
    tone_drivers,
    wrap_spans,
)
from analysis.sentiment import word_contributions
from analysis.style import save_figure


def _labels(result):
    return {f: fr.label for f, fr in result.codebook.frames.items()}


def _cell_numbers(ax):
    """{(row, col): int} of the numbers written at integer cell positions of a heatmap."""
    out = {}
    for t in ax.texts:
        x, y = t.get_position()
        if t.get_text().isdigit() and float(x).is_integer() and float(y).is_integer():
            out[(int(y), int(x))] = int(t.get_text())
    return out


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_renders_on_the_seed(seed_result, name, tmp_path):
    draw, caption = FIGURES[name]
    fig = draw(seed_result)
    assert isinstance(fig, Figure)
    w, h = fig.get_size_inches()
    assert w >= 6 and h >= 3
    texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
    source = "Hutto & Gilbert (2014)" if name == "sentiment_validity" else "Putin sends Trump's messengers packing"
    assert any(source in t and "Source:" in t for t in texts), "caption names the source"
    assert fig._suptitle is not None and fig._suptitle.get_text()
    from analysis.figures import figure_title

    assert fig._suptitle.get_text().replace("\n", " ") == figure_title(name, seed_result), "the title is the table's"
    for ax in fig.axes:
        if ax.get_visible() and ax.has_data():
            assert ax.get_xlabel() or ax.get_ylabel()
    png, svg = save_figure(fig, tmp_path / name)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<dc:date>" not in svg.read_bytes()
    assert caption


# Every figure's bytes are compared with the committed ones by test_outputs_current (another
# process); here two figures with the most text and patches are drawn twice in one process.
@pytest.mark.parametrize("name", ["actors", "frame_heatmap"])
def test_saving_twice_gives_identical_bytes(seed_result, name, tmp_path):
    draw, _ = FIGURES[name]
    a = save_figure(draw(seed_result), tmp_path / "a" / "fig")
    b = save_figure(draw(seed_result), tmp_path / "b" / "fig")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_saturation_summary_counts_inflation_and_label_changes():
    paras = pd.DataFrame(
        {
            "para": [0, 1, 2, 3],
            "n_sentences": [1, 3, 2, 4],
            "compound_mean": [0.5, 0.2, 0.04, 0.3],
            "compound_whole": [0.5, 0.7, -0.3, 0.1],
        }
    )
    st = saturation_summary(paras)
    assert st == {"multi": 3, "inflated": 2, "relabelled": [2], "flipped": []}
    paras.loc[3, "compound_whole"] = -0.4
    assert saturation_summary(paras)["flipped"] == [3]


def test_saturation_title_counts_the_seed(seed_result):
    p = seed_result.paragraphs
    multi = p[p["n_sentences"] > 1]
    n = int((multi["compound_whole"].abs() > multi["compound_mean"].abs()).sum())
    title = saturation(p)._suptitle.get_text().replace("\n", " ")
    assert n == len(multi) == 13 and f"|whole| > |sentence mean| in all {n};" in title
    assert title.endswith("\u00b615 even flips sign")  # 0.066 by sentence mean, -0.226 whole


def test_tone_drivers_bars_are_the_summed_lexicon_valences(seed_result):
    contrib = word_contributions(seed_result.sentences)
    sums = contrib.groupby("word")["valence"].sum()
    fig = tone_drivers(seed_result.sentences, top=12)
    ax = fig.axes[0]
    words = [t.get_text() for t in ax.get_yticklabels()]
    widths = [bar.get_width() for bar in ax.patches]
    assert len(words) == len(widths) == 12
    assert widths == pytest.approx([sums[w] for w in words])
    assert min(abs(sums[w]) for w in words) == pytest.approx(sums.abs().sort_values(ascending=False).iloc[11])
    assert sums.idxmin() == "war" and "war" in words
    blue, orange = "#2166ac", "#e66101"
    assert all(
        np.allclose(
            bar.get_facecolor()[:3], tuple(int((blue if w > 0 else orange)[i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
        for bar, w in zip(ax.patches, widths)
    )


def test_frame_heatmap_numbers_and_outlines_equal_frame_counts(seed_result):
    labels = _labels(seed_result)
    fc = seed_result.frame_counts
    fig = frame_heatmap(fc, labels)
    ax = fig.axes[0]
    frames, paras = list(labels), sorted(fc["para"].unique())
    expected = {(frames.index(r.frame), paras.index(r.para)): r.hits for r in fc.itertuples() if r.hits}
    assert _cell_numbers(ax) == expected
    outlined = {
        (round(r.get_y() + r.get_height() / 2), round(r.get_x() + r.get_width() / 2))
        for r in ax.patches
        if isinstance(r, Rectangle) and not r.get_fill()
    }
    assert outlined == {(frames.index(r.frame), paras.index(r.para)) for r in fc.itertuples() if r.extended}
    assert [t.get_text() for t in ax.get_yticklabels()] == [labels[f] for f in frames]
    assert "\u00b615 alone holds 12 of the article's 20 real estate hits" in fig._suptitle.get_text().replace("\n", " ")


def test_frame_dispersion_ticks_at_every_hit_offset(seed_result):
    labels = _labels(seed_result)
    hits = seed_result.frame_hits
    fig = frame_dispersion(hits, seed_result.paragraphs, labels, text_length=len(seed_result.text))
    ax = fig.axes[0]
    from matplotlib.collections import LineCollection

    ticks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(ticks) == len(labels)
    for i, (frame, coll) in enumerate(zip(labels, ticks)):
        xs = sorted(seg[0][0] for seg in coll.get_segments())
        assert xs == sorted(hits.loc[hits["frame"] == frame, "start"])
        assert all(seg[0][1] < i < seg[1][1] for seg in coll.get_segments())
    assert ax.get_xlabel().startswith("character offset in the article")


def test_actor_panels_match_the_actor_tables(seed_result):
    tone, co = actor_tone(seed_result), actor_frame_cooccurrence(seed_result)
    fig = actor_panels(tone, co, _labels(seed_result))
    left, right = fig.axes[:2]
    means = tone.set_index("actor").reindex(co.index)["compound_mean"].fillna(0)
    assert [b.get_width() for b in left.patches] == pytest.approx(means.tolist())
    assert _cell_numbers(right) == {
        (i, j): int(co.iat[i, j]) for i in range(co.shape[0]) for j in range(co.shape[1]) if co.iat[i, j]
    }
    assert [t.get_text() for t in right.get_yticklabels()] == list(co.index)


def test_extended_metaphor_highlights_every_hit_of_the_paragraph(seed_result):
    r = seed_result
    fig = extended_metaphor(r.paragraphs, r.frame_hits, 15, "real_estate", _labels(r), r.sentences)
    texts = fig.axes[0].texts
    shown = {t.get_gid(): t.get_text() for t in texts if (t.get_gid() or "").startswith("hit:")}
    h15 = r.frame_hits[r.frame_hits["para"] == 15]
    assert len(h15[h15["frame"] == "real_estate"]) == 12
    assert shown == {f"hit:{h.frame}:{h.start}": h.matched_text for h in h15.itertuples()}
    assert all(t.get_bbox_patch() is not None for t in texts if (t.get_gid() or "").startswith("hit:"))
    body = "".join(
        t.get_text() for t in texts if t.get_fontfamily() == ["DejaVu Sans Mono"] and not t.get_text().isdigit()
    )
    para_text = r.paragraphs.set_index("para").loc[15, "text"]
    assert body.replace(" ", "") == para_text.replace(" ", "").replace("\n", "")
    assert fig._suptitle.get_text().startswith("Paragraph 15 stacks 12 real-estate terms")


def test_wrap_spans_respects_width_and_kept_spans():
    text = "aa bb cc dd ee"
    assert wrap_spans(text, 5) == [(0, 5), (6, 11), (12, 14)]
    assert wrap_spans(text, 5, keep=[(3, 8)]) == [(0, 2), (3, 8), (9, 14)]
    assert wrap_spans("abcdefgh", 3) == [(0, 8)]


def test_validity_figure_shows_the_held_out_numbers():
    from analysis.plots import sentiment_validity
    from analysis.tone_validity import stored_study

    agg, _ = stored_study()
    fig = sentiment_validity(agg, 0.503)
    report8 = agg[(agg["split"] == "report") & (agg["size"] == 8)].set_index("aggregation")["pearson"]
    title = fig._suptitle.get_text().replace("\n", " ")
    assert f"r = {report8['compound_mean']:.2f} vs {report8['compound_whole']:.2f} at 8 sentences" in title
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and [t.get_text() for t in ax.get_xticklabels()] == ["2", "4", "8"]


@pytest.mark.parametrize(
    "text",
    [
        "Talks stall\n\nBy Jane Doe, Reuters\n\nThe envoy begged for a deal. Putin said no.\n\nThe war goes on.\n",
        "Weather today\n\nIt will rain in the morning. The afternoon stays dry.\n",
        "Only A Headline Here\n",
        "Get the RNZ app\n",
    ],
)
def test_every_figure_draws_for_any_article(text, tmp_path):
    """Small articles get their figures, or a note saying why one cannot be drawn; never a crash."""
    import analysis
    from analysis.plots import source_caption

    result = analysis.analyze_text(text, source="mine.txt")
    for name, (draw, _) in FIGURES.items():
        if name == "sentiment_validity":
            continue
        fig = draw(result)
        texts = [t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text"))]
        assert any(source_caption(result) in t for t in texts), name
        assert not any("Putin sends Trump" in t for t in texts), name


def test_source_caption_names_the_article(seed_result):
    from analysis.plots import source_caption

    assert source_caption(seed_result) == (
        "Source: \"Putin sends Trump's messengers packing, with eyes on a geopolitical "
        'win", Nick Paton Walsh, CNN (putin_sends_trumps_messengers_packing.txt).'
    )


def test_png_resolution_reads_back_as_at_least_200_dpi(seed_result, tmp_path):
    from PIL import Image

    png, _ = save_figure(FIGURES["saturation"][0](seed_result), tmp_path / "s")
    assert min(Image.open(png).info["dpi"]) >= 200
