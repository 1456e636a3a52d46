"""One function per report figure; each takes analysis tables and returns a Figure.

The registry of report figures (which function draws which file from an
analysis) is :data:`analysis.report.FIGURES`; colours, style and saving are
:mod:`analysis.style`.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot
state), with an explicit size, a title that states the finding, labelled axes
and a caption naming the source article. :func:`save_figure` applies the
reproducibility settings (fixed SVG hash salt, no dates or software stamps),
so the same tables give the same bytes with the same library versions.
"""

from __future__ import annotations

import re

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import ScaledTranslation

from .sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, word_contributions
from .style import NEGATIVE, POSITIVE, STYLE, caption, figure_canvas, frame_colours, short_label

SOURCE_CAPTION = (
    'Source: "Putin sends Trump\'s messengers packing, with eyes on a geopolitical win", '
    "Nick Paton Walsh, CNN (republished by RNZ)."
)
_figure, _short = figure_canvas, short_label


def _caption(fig: Figure, text: str, source: str = SOURCE_CAPTION, *, width: int = 150) -> None:
    caption(fig, text, source, width=width)


def sentiment_arc(
    paragraphs: pd.DataFrame, sentences: pd.DataFrame, *, source: str = SOURCE_CAPTION, rolling: int = 3
) -> Figure:
    """Figure 1: paragraph score bars, sentence compounds as dots, whole-paragraph compound marked.

    Args:
        paragraphs: the paragraph table (``para``, ``score``, ``compound_whole``).
        sentences: the sentence table (``para``, ``compound``).
        source: the caption's source line.
        rolling: window (paragraphs) of the centred rolling mean drawn as a line; 0 for none.
    """
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 4.2)
        ax = fig.add_subplot()
        x = paragraphs["para"].to_numpy()
        score = paragraphs["score"].to_numpy()
        ax.bar(
            x,
            score,
            color=[POSITIVE if s >= 0 else NEGATIVE for s in score],
            width=0.7,
            label="paragraph score (mean of sentence compounds)",
        )
        jitter = (
            sentences.groupby("para").cumcount().to_numpy()
            - sentences.groupby("para")["sent"].transform("size").to_numpy() / 2
        ) * 0.08
        ax.scatter(
            sentences["para"].to_numpy() + jitter,
            sentences["compound"],
            s=14,
            color="#222",
            zorder=3,
            label="sentence compound",
        )
        ax.scatter(
            x,
            paragraphs["compound_whole"],
            marker="_",
            s=260,
            linewidths=2.2,
            color="#7f3b08",
            zorder=4,
            label="VADER on the whole paragraph",
        )
        if rolling and len(paragraphs) >= rolling:
            smooth = pd.Series(score).rolling(rolling, center=True, min_periods=1).mean()
            ax.plot(
                x,
                smooth,
                color="#555",
                linestyle="--",
                linewidth=1,
                label=f"rolling mean of scores over {rolling} paragraphs (centred)",
            )
        ax.axhline(0, color="#333", linewidth=0.8)
        for y in (-0.05, 0.05):
            ax.axhline(y, color="#aaa", linewidth=0.5, linestyle=":")
        ax.set_ylim(-1.05, 1.05)
        ax.set_xticks(x, [("H" if p == 0 else str(p)) for p in x])
        ax.set_xlabel("paragraph (H = headline, then body paragraphs in article order)")
        ax.set_ylabel("VADER compound (-1 negative ... +1 positive)")
        n_pos = int((score >= 0.05).sum())
        n_neg = int((score <= -0.05).sum())
        fig.suptitle(
            f"Tone swings paragraph by paragraph: {n_pos} of {len(x)} read positive, {n_neg} negative; "
            "whole-paragraph VADER exaggerates both",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7, frameon=False, ncols=2)
        _caption(
            fig,
            "Method: VADER (vaderSentiment 3.3.2) per sentence; dotted lines: VADER's +/-0.05 neutral band. "
            "A lexicon built on social-media text: it reads words, not irony or whose pleasure is described.",
            source,
        )
    return fig


def _para_label(p: int) -> str:
    return "H" if p == 0 else str(p)


def _tone_colour(value: float) -> str:
    return POSITIVE if value >= 0 else NEGATIVE


# --------------------------------------------------------------------------- 2. saturation


def saturation_summary(paragraphs: pd.DataFrame) -> dict:
    """How whole-paragraph VADER compares with the mean of sentence compounds.

    Returns:
        ``multi`` (paragraphs with more than one sentence), ``inflated``
        (of those, how many have ``|compound_whole| > |compound_mean|``),
        ``relabelled`` (paragraphs whose positive/neutral/negative label
        differs between the two) and ``flipped`` (opposite signs, both
        outside the neutral band).
    """
    multi = paragraphs[paragraphs["n_sentences"] > 1]
    mean, whole = paragraphs["compound_mean"], paragraphs["compound_whole"]

    def lab(v):
        return np.where(v >= POSITIVE_THRESHOLD, 1, np.where(v <= NEGATIVE_THRESHOLD, -1, 0))

    relabelled = paragraphs.loc[lab(mean) != lab(whole), "para"].tolist()
    flipped = paragraphs.loc[lab(mean) * lab(whole) == -1, "para"].tolist()
    return {
        "multi": len(multi),
        "inflated": int((multi["compound_whole"].abs() > multi["compound_mean"].abs()).sum()),
        "relabelled": relabelled,
        "flipped": flipped,
    }


def saturation(paragraphs: pd.DataFrame, *, source: str = SOURCE_CAPTION) -> Figure:
    """Figure 2: per paragraph, the sentence-mean score beside VADER on the whole paragraph.

    Args:
        paragraphs: the paragraph table (``para``, ``n_sentences``, ``compound_mean``, ``compound_whole``).
        source: the caption's source line.
    """
    st = saturation_summary(paragraphs)
    with matplotlib.rc_context(STYLE):
        fig = _figure(9, 6.2)
        ax = fig.add_subplot()
        y = np.arange(len(paragraphs))
        ax.axvspan(NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, color="#eee", zorder=0)
        ax.axvline(0, color="#333", linewidth=0.8, zorder=1)
        for yi, row in zip(y, paragraphs.itertuples()):
            m, w = row.compound_mean, row.compound_whole
            if abs(w - m) > 0.02:
                ax.annotate(
                    "",
                    xy=(w, yi),
                    xytext=(m, yi),
                    zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": "#999", "linewidth": 1.2, "shrinkA": 4, "shrinkB": 5},
                )
            ax.text(1.12, yi, f"{row.n_sentences}", va="center", ha="center", fontsize=8, color="#333")
        ax.scatter(
            paragraphs["compound_whole"],
            y,
            marker="D",
            s=34,
            zorder=3,
            color=[_tone_colour(v) for v in paragraphs["compound_whole"]],
        )
        ax.scatter(
            paragraphs["compound_mean"],
            y,
            marker="o",
            s=40,
            facecolor="white",
            edgecolor="#222",
            linewidths=1.3,
            zorder=4,
        )
        ax.text(1.12, -0.8, "sentences", ha="center", va="bottom", fontsize=7.5, color="#333")
        ax.set_yticks(y, [_para_label(p) for p in paragraphs["para"]])
        ax.set_ylim(len(y) - 0.5, -1.3)
        ax.set_xlim(-1.05, 1.2)
        ax.set_xticks(np.linspace(-1, 1, 9))
        ax.set_xlabel("VADER compound (-1 negative ... +1 positive); grey band: neutral (+/-0.05)")
        ax.set_ylabel("paragraph (H = headline)")
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor="white",
                markeredgecolor="#222",
                label="mean of sentence compounds (the project's score)",
            ),
            Line2D([], [], marker="D", linestyle="", color=POSITIVE, label="VADER on the whole paragraph: positive"),
            Line2D([], [], marker="D", linestyle="", color=NEGATIVE, label="... negative"),
        ]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7.5, frameon=False, ncols=3)
        changed = ", ".join(f"\u00b6{p}" for p in st["relabelled"])
        flip = (
            f"; \u00b6{st['flipped'][0]} even flips sign"
            if len(st["flipped"]) == 1
            else f"; {len(st['flipped'])} flip sign"
            if st["flipped"]
            else ""
        )
        fig.suptitle(
            f"Scoring a whole paragraph at once exaggerates its tone: |whole| > |sentence mean| in "
            f"{st['inflated']} of {st['multi']} multi-sentence paragraphs;\n"
            f"{len(st['relabelled'])} change label ({changed}){flip}",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        _caption(
            fig,
            "Method: VADER (vaderSentiment 3.3.2) on each sentence, averaged per paragraph, against VADER "
            "on the paragraph's whole text; arrows run from the mean to the whole-paragraph score. VADER's "
            "compound normalises a sum of word valences (x / sqrt(x^2 + 15)), so longer texts drift towards "
            "+/-1; one-sentence paragraphs score the same both ways.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 3. tone drivers


def word_totals(contributions: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Sum of raw lexicon valence per word over the article.

    Args:
        contributions: :func:`analysis.sentiment.word_contributions` output.
        top: keep the ``top`` words with the largest ``|total|`` (ties by word).

    Returns:
        ``word``, ``count``, ``valence`` (per occurrence), ``total``; sorted by
        ``|total|`` descending, then word.
    """
    g = (
        contributions.groupby("word", sort=True)
        .agg(count=("valence", "size"), valence=("valence", "first"), total=("valence", "sum"))
        .reset_index()
    )
    g["total"] = g["total"].round(4)
    g = g.assign(_abs=g["total"].abs()).sort_values(["_abs", "word"], ascending=[False, True], kind="stable")
    g = g.drop(columns="_abs").reset_index(drop=True)
    return g.head(top) if top else g


def tone_drivers(sentences: pd.DataFrame, top: int = 20, *, source: str = SOURCE_CAPTION) -> Figure:
    """Figure 3: the VADER lexicon words that carry the article's tone, as a diverging bar chart.

    Args:
        sentences: the sentence table (``para``, ``sent``, ``text``).
        top: how many words (largest |summed valence|) to show.
        source: the caption's source line.
    """
    contrib = word_contributions(sentences)
    words = word_totals(contrib, top).sort_values(["total", "word"], ascending=[True, False], kind="stable")
    pos, neg = contrib[contrib["valence"] > 0], contrib[contrib["valence"] < 0]
    lead = word_totals(contrib).iloc[0]
    best = word_totals(pos).iloc[0]
    with matplotlib.rc_context(STYLE):
        fig = _figure(8.5, 0.26 * len(words) + 2.4)
        ax = fig.add_subplot()
        y = np.arange(len(words))
        ax.barh(y, words["total"], color=[_tone_colour(v) for v in words["total"]], height=0.7)
        ax.axvline(0, color="#333", linewidth=0.8)
        span = words["total"].abs().max()
        for yi, row in zip(y, words.itertuples()):
            off = 0.012 * span * 2
            ax.text(
                row.total + (off if row.total >= 0 else -off),
                yi,
                f"{row.count} \u00d7 {row.valence:+.1f}",
                va="center",
                ha="left" if row.total >= 0 else "right",
                fontsize=7.5,
                color="#333",
            )
        ax.set_yticks(y, words["word"])
        ax.set_ylim(-0.6, len(y) - 0.4)
        ax.set_xlim(words["total"].min() - 0.22 * span, max(words["total"].max(), 0) + 0.22 * span)
        ax.set_xlabel(
            "summed VADER lexicon valence over the article (occurrences \u00d7 valence per word; "
            "lexicon scale -4 ... +4)"
        )
        ax.set_ylabel("word (lower-cased)")
        fig.suptitle(
            f'"{lead.word}" alone ({lead["count"]} \u00d7 {lead.valence:+.1f} = {lead.total:+.1f}) outweighs '
            f'any positive word ("{best.word}": {best["count"]} \u00d7 {best.valence:+.1f} = {best.total:+.1f}),\n'
            f"though positive lexicon words ({len(pos)} occurrences) slightly outnumber negative ones ({len(neg)})",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        _caption(
            fig,
            f"Method: each sentence lower-cased and split into words; every word in VADER's lexicon "
            f"(vaderSentiment 3.3.2) counted with its raw valence; top {len(words)} words by |sum|. Caveat: raw "
            "valence, before VADER's rules for negation, boosters, 'but' and capitals, so it shows which words "
            "carry the score, not the exact compound. The lexicon reads words, not whose they are: 'win' and "
            "'delight' count as positive even where they describe Putin's pleasure in the war, 'hand' is Russia's "
            "hand of cards, 'united' comes from 'United States' and 'fire' from 'set fire to'.",
            source,
            width=135,
        )
    return fig


# --------------------------------------------------------------------------- 4. frame heatmap


def frame_grid(frame_counts: pd.DataFrame, frames, value: str = "hits") -> pd.DataFrame:
    """Frames (rows, in the order of ``frames``) by paragraphs (columns) of ``value``."""
    return frame_counts.pivot(index="frame", columns="para", values=value).reindex(list(frames))


def frame_heatmap(frame_counts: pd.DataFrame, frame_labels: dict[str, str], *, source: str = SOURCE_CAPTION) -> Figure:
    """Figure 4: hits per frame and paragraph, with extended-metaphor cells outlined.

    Args:
        frame_counts: the full grid (``para``, ``frame``, ``hits``, ``extended``).
        frame_labels: frame id -> label, in codebook order (row order).
        source: the caption's source line.
    """
    hits = frame_grid(frame_counts, frame_labels, "hits")
    ext = frame_grid(frame_counts, frame_labels, "extended").astype(bool)
    vmax = max(int(hits.to_numpy().max()), 1)
    peak_frame, peak_para = hits.stack().idxmax()
    peak, total = int(hits.loc[peak_frame, peak_para]), int(hits.loc[peak_frame].sum())
    ext_cells = {f: [p for p in ext.columns if ext.loc[f, p]] for f in ext.index}
    ext_cells = {f: ps for f, ps in ext_cells.items() if ps}
    with matplotlib.rc_context(STYLE):
        fig = _figure(10, 4.8)
        ax = fig.add_subplot()
        im = ax.imshow(hits.to_numpy(), cmap="Greys", vmin=0, vmax=vmax * 1.15, aspect="auto")
        for i, f in enumerate(hits.index):
            for j, p in enumerate(hits.columns):
                n = int(hits.loc[f, p])
                if n:
                    ax.text(
                        j, i, str(n), ha="center", va="center", fontsize=8, color="white" if n > 0.5 * vmax else "black"
                    )
                if ext.loc[f, p]:
                    ax.add_patch(
                        Rectangle((j - 0.46, i - 0.44), 0.92, 0.88, fill=False, edgecolor=NEGATIVE, linewidth=2.4)
                    )
        ax.set_xticks(range(len(hits.columns)), [_para_label(p) for p in hits.columns])
        ax.set_yticks(range(len(hits.index)), [frame_labels[f] for f in hits.index])
        ax.set_xticks(np.arange(len(hits.columns) + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(hits.index) + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="#ddd", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
        ax.set_xlabel("paragraph (H = headline, then body paragraphs in article order)")
        ax.set_ylabel("frame (codebook order)")
        fig.colorbar(im, ax=ax, label="hits (codebook matches per paragraph)", shrink=0.8, pad=0.01)
        ax.legend(
            handles=[
                Patch(
                    facecolor="none",
                    edgecolor=NEGATIVE,
                    linewidth=2.4,
                    label="extended metaphor: 3 or more distinct entries of the frame in one paragraph",
                )
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            fontsize=7.5,
            frameon=False,
        )
        where = "; ".join(
            f"{_short(frame_labels[f]).lower()} in " + " and ".join(f"\u00b6{_para_label(p)}" for p in ps)
            for f, ps in sorted(ext_cells.items(), key=lambda kv: kv[1][0])
        )
        n_ext = sum(len(ps) for ps in ext_cells.values())
        fig.suptitle(
            f"Figurative language comes in clusters: \u00b6{_para_label(peak_para)} alone holds {peak} of the "
            f"article's {total} {_short(frame_labels[peak_frame]).lower()} hits;\n"
            f"{n_ext} extended metaphors: {where}",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        _caption(
            fig,
            "Method: codebook terms and phrases matched on word stems within sentences; a frame's word "
            "counts once per match, but two frames may count the same word ('sweeteners' is real estate and "
            "food). Counts are word matches, not coded metaphors: 'deal' and 'concessions' are also literal "
            "diplomacy. Empty cells: no hits.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 5. frame dispersion


def frame_bursts(frame_hits: pd.DataFrame) -> pd.DataFrame:
    """Per frame: hits, paragraphs with hits, the busiest paragraph and its hits and character span."""
    rows = []
    for frame, g in frame_hits.groupby("frame", sort=False):
        per = g.groupby("para").size()
        top = int(per.idxmax())
        in_top = g[g["para"] == top]
        rows.append(
            {
                "frame": frame,
                "hits": len(g),
                "paragraphs": len(per),
                "top_para": top,
                "top_hits": int(per.max()),
                "top_span": int(in_top["end"].max() - in_top["start"].min()),
            }
        )
    return pd.DataFrame(rows, columns=["frame", "hits", "paragraphs", "top_para", "top_hits", "top_span"])


def frame_dispersion(
    frame_hits: pd.DataFrame,
    paragraphs: pd.DataFrame,
    frame_labels: dict[str, str],
    *,
    text_length: int | None = None,
    source: str = SOURCE_CAPTION,
) -> Figure:
    """Figure 5: a dispersion (x-ray) plot, one row per frame, one tick per hit at its character offset.

    Args:
        frame_hits: the hit table (``frame``, ``start``, ``end``, ``para``).
        paragraphs: the paragraph table (``para``, ``start``, ``end``) for boundaries.
        frame_labels: frame id -> label, in codebook order (top to bottom).
        text_length: the article's length in characters (x axis end); default: last paragraph end.
        source: the caption's source line.
    """
    frames = list(frame_labels)
    colours = frame_colours(frames)
    bursts = frame_bursts(frame_hits).set_index("frame")
    most = bursts.sort_values(["hits", "top_hits"], ascending=False, kind="stable").iloc[0]
    spread = bursts.sort_values(["paragraphs", "hits"], ascending=False, kind="stable").iloc[0]
    end = text_length or int(paragraphs["end"].max())
    with matplotlib.rc_context(STYLE):
        fig = _figure(10, 4.4)
        ax = fig.add_subplot()
        edges = [0] + [v for a, b in zip(paragraphs["start"], paragraphs["end"]) for v in (a, b)] + [end]
        for a, b in zip(edges[::2], edges[1::2]):
            if b > a:
                ax.axvspan(a, b, color="#f0f0f0", zorder=0, linewidth=0)
        for s in paragraphs["start"]:
            ax.axvline(s, color="#ccc", linewidth=0.7, zorder=1)
        for i, f in enumerate(frames):
            starts = frame_hits.loc[frame_hits["frame"] == f, "start"].to_numpy()
            ax.vlines(starts, i - 0.36, i + 0.36, color=colours[f], linewidth=1.6, zorder=3)
            ax.text(end + 40, i, str(len(starts)), va="center", ha="left", fontsize=8, color="#333")
        ax.text(end + 40, -0.75, "hits", va="bottom", ha="left", fontsize=7.5, color="#333")
        ax.set_yticks(range(len(frames)), [frame_labels[f] for f in frames])
        ax.set_ylim(len(frames) - 0.5, -0.9)
        ax.set_xlim(0, end)
        ax.set_xlabel("character offset in the article (grey bands: byline and photo captions, not analysed)")
        ax.set_ylabel("frame (codebook order)")
        top = ax.secondary_xaxis("top")
        mids = ((paragraphs["start"] + paragraphs["end"]) / 2).to_numpy()
        top.set_xticks(mids, [_para_label(p) for p in paragraphs["para"]], fontsize=7.5)
        top.tick_params(length=0)
        top.set_xlabel("paragraph (H = headline)", fontsize=8)
        top.spines["top"].set_visible(False)
        fig.suptitle(
            f"{_short(frame_labels[most.name])} terms arrive in one burst: {most.top_hits} of "
            f"{most.hits} hits within {most.top_span} characters of \u00b6{_para_label(most.top_para)}; "
            f"{_short(frame_labels[spread.name]).lower()} terms ({spread.hits} hits) recur across "
            f"{spread.paragraphs} paragraphs",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        _caption(
            fig,
            "Method: each tick is one codebook match, placed at its first character; light vertical "
            "lines mark paragraph starts. Ticks show where the vocabulary occurs, not whether each use is "
            "figurative; counts at right.",
            source,
            width=140,
        )
    return fig


# --------------------------------------------------------------------------- 6. actors


def actor_panels(
    tone: pd.DataFrame,
    cooccurrence: pd.DataFrame,
    frame_labels: dict[str, str] | None = None,
    *,
    source: str = SOURCE_CAPTION,
) -> Figure:
    """Figure 6: mean sentence tone per actor (left) and actor x frame sentence co-occurrence (right).

    Args:
        tone: :func:`analysis.actors.actor_tone` output.
        cooccurrence: :func:`analysis.actors.actor_frame_cooccurrence` output (actors x frames).
        frame_labels: frame id -> label for the column labels (default: the ids).
        source: the caption's source line.
    """
    actors = list(cooccurrence.index)
    t = tone.set_index("actor").reindex(actors)
    labels = [_short((frame_labels or {}).get(f, f)) for f in cooccurrence.columns]
    busiest = t.sort_values("sentences", ascending=False, kind="stable").dropna().head(2)
    cell = cooccurrence.stack().idxmax()
    with matplotlib.rc_context(STYLE):
        fig = _figure(11, 4.9)
        left, right = fig.subplots(1, 2, width_ratios=[1, 1.35])
        y = np.arange(len(actors))
        mean = t["compound_mean"].astype(float).fillna(0).to_numpy()
        left.hlines(y, t["compound_min"], t["compound_max"], color="#bbb", linewidth=1, zorder=1)
        left.barh(y, mean, color=[_tone_colour(v) for v in mean], height=0.6, zorder=2)
        left.axvline(0, color="#333", linewidth=0.8)
        for yi, n in enumerate(t["sentences"]):
            left.text(1.04, yi, "0" if pd.isna(n) else f"{int(n)}", va="center", ha="left", fontsize=8, color="#333")
        left.text(1.04, -0.75, "sentences", va="bottom", ha="left", fontsize=7.5, color="#333")
        left.set_xlim(-1, 1)
        left.set_xticks([-1, -0.5, 0, 0.5, 1])
        left.set_ylim(len(actors) - 0.5, -0.9)
        left.set_yticks(y, actors)
        left.set_xlabel("VADER compound of sentences naming the actor\n(bar: mean; grey line: min to max)")
        left.set_ylabel("actor (codebook order)")
        vmax = max(int(cooccurrence.to_numpy().max()), 1)
        im = right.imshow(cooccurrence.to_numpy(), cmap="Greys", vmin=0, vmax=vmax * 1.15, aspect="auto")
        for i in range(len(actors)):
            for j in range(len(labels)):
                n = int(cooccurrence.iat[i, j])
                if n:
                    right.text(
                        j, i, str(n), ha="center", va="center", fontsize=8, color="white" if n > 0.5 * vmax else "black"
                    )
        right.set_xticks(range(len(labels)), labels, rotation=30, ha="right", rotation_mode="anchor")
        right.set_yticks(y, actors)
        right.set_ylim(len(actors) - 0.5, -0.9)
        right.set_xlabel("frame")
        right.set_ylabel("actor")
        fig.colorbar(im, ax=right, label="sentences with both", shrink=0.8, pad=0.01)
        (a1, r1), (a2, r2) = busiest.iterrows()
        fig.suptitle(
            f"{a1} ({int(r1.sentences)} sentences) and {a2} ({int(r2.sentences)}) are named in near-neutral "
            f"sentences on average ({r1.compound_mean:+.2f}, {r2.compound_mean:+.2f}) that swing from "
            f"{min(r1.compound_min, r2.compound_min):+.2f} to {max(r1.compound_max, r2.compound_max):+.2f}; "
            f"the commonest pairing is {cell[0]} with "
            f"{_short((frame_labels or {}).get(cell[1], cell[1])).lower()} ({int(cooccurrence.loc[cell])} sentences)",
            x=0.01,
            ha="left",
            fontsize=10,
            wrap=True,
        )
        _caption(
            fig,
            "Method: actor aliases matched per sentence; left, VADER compound of the distinct sentences "
            "naming each actor; right, sentences naming the actor that also contain a hit of the frame. "
            "These are sentence-level co-occurrences, not who the frame is about (a sentence naming Putin with "
            "a frailty word counts whoever is frail), and the tone is the sentence's, not an attitude to the "
            "actor. Few sentences for most actors: read the concordance before citing a cell.",
            source,
            width=150,
        )
    return fig


# --------------------------------------------------------------------------- 7. extended metaphor


MONO = "DejaVu Sans Mono"
MONO_ADVANCE = 0.602  #: DejaVu Sans Mono advance width, in em


def wrap_spans(text: str, width: int, keep: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Greedy line spans of ``text`` at most ``width`` characters, breaking only at spaces outside ``keep`` spans.

    A line may exceed ``width`` when no allowed break exists; the break space is dropped.
    """
    breaks = [i for i, c in enumerate(text) if c == " " and not any(a <= i < b for a, b in keep)]
    lines, start = [], 0
    while len(text) - start > width:
        fits = [b for b in breaks if start < b <= start + width]
        after = [b for b in breaks if b > start]
        if not fits and not after:
            break
        cut = fits[-1] if fits else after[0]
        lines.append((start, cut))
        start = cut + 1
    lines.append((start, len(text)))
    return lines


def _pick_hits(hits: pd.DataFrame, focus: str) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, frame) hits, the focus frame first, then the others in text order."""
    ordered = sorted(
        hits[["start", "end", "frame"]].itertuples(index=False, name=None), key=lambda h: (h[2] != focus, h[0])
    )
    chosen: list[tuple[int, int, str]] = []
    for s, e, f in ordered:
        if all(e <= a or s >= b for a, b, _ in chosen):
            chosen.append((int(s), int(e), f))
    return sorted(chosen)


def extended_metaphor(
    paragraphs: pd.DataFrame,
    frame_hits: pd.DataFrame,
    para: int = 15,
    frame: str = "real_estate",
    frame_labels: dict[str, str] | None = None,
    sentences: pd.DataFrame | None = None,
    *,
    width: int = 76,
    source: str = SOURCE_CAPTION,
) -> Figure:
    """Figure 7: one paragraph's text with every frame hit highlighted in its frame colour.

    Text is set in DejaVu Sans Mono at fixed character positions (no font
    measuring), one line per wrapped span; with ``sentences`` each sentence
    starts a new line and is numbered at left, with its hits counted at right.

    Args:
        paragraphs: the paragraph table (``para``, ``start``, ``text``).
        frame_hits: the hit table (``para``, ``frame``, ``entry``, ``start``, ``end``).
        para: which paragraph.
        frame: the frame whose extended metaphor the title counts.
        frame_labels: frame id -> label in codebook order (colours follow this order).
        sentences: optional sentence table (``para``, ``sent``, ``start``, ``end``).
        width: wrap width in characters.
        source: the caption's source line.
    """
    frame_labels = frame_labels or {frame: frame}
    colours = frame_colours(frame_labels)
    prow = paragraphs.set_index("para").loc[para]
    p0, ptext = int(prow["start"]), str(prow["text"])
    hits = frame_hits[frame_hits["para"] == para]
    chosen = _pick_hits(hits, frame)
    if sentences is not None:
        spans = [(int(a), int(b)) for a, b in sentences.loc[sentences["para"] == para, ["start", "end"]].to_numpy()]
    else:
        spans = [(p0, p0 + len(ptext))]
    lines = []  # (sentence number or None, absolute start, absolute end)
    for k, (a, b) in enumerate(spans, 1):
        keep = [(s - a, e - a) for s, e, _ in chosen if a <= s < b]
        for i, (la, lb) in enumerate(wrap_spans(ptext[a - p0 : b - p0], width, keep)):
            lines.append((k if i == 0 and sentences is not None else None, a + la, a + lb))
    mine = hits[hits["frame"] == frame]
    used = [f for f in frame_labels if f in set(hits["frame"])]
    fs = 10.5
    cw, lh = MONO_ADVANCE * fs / 72, 2.0 * fs / 72  # inches per character, per line
    gap = 0.6 * lh
    n_gaps = sum(1 for k, _, _ in lines if k and k > 1)
    with matplotlib.rc_context(STYLE):
        fig = _figure(max(9.0, (width + 30) * cw + 0.6), len(lines) * lh + n_gaps * gap + 1.8)
        ax = fig.add_subplot()
        ax.set_axis_off()

        def put(col: float, row_y: float, s: str, **kw):
            tr = ax.transAxes + ScaledTranslation(0.15 + col * cw, -0.1 - row_y, fig.dpi_scale_trans)
            t = ax.text(0, 1, s, transform=tr, **{"fontfamily": MONO, "fontsize": fs, "va": "top", "ha": "left", **kw})
            t.set_in_layout(False)
            return t

        yy = 0.0
        for k, a, b in lines:
            if k and k > 1:
                yy += gap
            if k:
                put(0, yy, f"{k}", color="#777")
                counts = hits[(hits["start"] >= spans[k - 1][0]) & (hits["start"] < spans[k - 1][1])][
                    "frame"
                ].value_counts()
                summary = ", ".join(f"{counts[f]} {_short(frame_labels[f]).lower()}" for f in used if f in counts)
                put(4 + width + 2, yy, summary or "-", color="#555", fontsize=fs - 2, fontfamily=STYLE["font.family"])
            cur = a
            for s, e, f in [h for h in chosen if a <= h[0] < b] + [(b, b, None)]:
                if s > cur:
                    put(4 + cur - a, yy, ptext[cur - p0 : s - p0], color="#222")
                if f is not None:
                    put(
                        4 + s - a,
                        yy,
                        ptext[s - p0 : e - p0],
                        color="black",
                        gid=f"hit:{f}:{s}",
                        fontweight="bold" if f == frame else "normal",
                        bbox={
                            "boxstyle": "round,pad=0.12",
                            "facecolor": to_rgba(colours[f], 0.25),
                            "edgecolor": colours[f],
                            "linewidth": 1.3 if f == frame else 0.9,
                        },
                    )
                cur = max(cur, e)
            yy += lh
        if sentences is not None:
            put(
                4 + width + 2,
                -lh * 0.75,
                "hits in the sentence",
                color="#555",
                fontsize=fs - 2.5,
                fontfamily=STYLE["font.family"],
            )
        ax.legend(
            handles=[
                Patch(facecolor=to_rgba(colours[f], 0.25), edgecolor=colours[f], label=frame_labels[f]) for f in used
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            ncols=len(used) or 1,
            fontsize=8,
            frameon=False,
        )
        label = _short(frame_labels.get(frame, frame)).lower().replace(" ", "-")
        n_sent = sum(((mine["start"] >= a) & (mine["start"] < b)).any() for a, b in spans)
        where = (
            ""
            if sentences is None
            else ", in "
            + (
                f"every one of its {n_sent} sentences"
                if n_sent == len(spans) > 1
                else f"{n_sent} of its {len(spans)} sentences"
            )
        )
        fig.suptitle(
            f"Paragraph {para} stacks {len(mine)} {label} terms ({mine['entry'].nunique()} distinct) into one "
            f"extended analogy{where}",
            x=0.01,
            ha="left",
            fontsize=11,
        )
        entries = set(hits["entry"])
        literal = [e for e in ("deal", "concession") if e in entries]
        _caption(
            fig,
            "Method: codebook matches on word stems, highlighted in the frame's colour (bold: the "
            f"{_short(frame_labels.get(frame, frame)).lower()} frame; a word two frames share is shown in the "
            "bold frame's colour)"
            + ("; numbers at left are sentences" if sentences is not None else "")
            + ". The matcher finds words, a reader decides the metaphor"
            + (": " + " and ".join(f"'{e}'" for e in literal) + " can also be literal diplomacy" if literal else "")
            + ("; 'set fire to' counts because it belongs to the squatter image" if "set fire to" in entries else "")
            + ".",
            source,
            width=130,
        )
    return fig


VALIDITY_SOURCE = (
    "Source: human ratings of 5,190 New York Times editorial sentences, Hutto & Gilbert (2014), "
    "VADER ICWSM-14 ground truth (data/external/vader_icwsm2014)."
)


def sentiment_validity(
    aggregation: pd.DataFrame, sentence_r: float | None = None, *, source: str = VALIDITY_SOURCE, split: str = "report"
) -> Figure:
    """Figure 8: how well each paragraph score tracks human ratings, by paragraph length.

    Args:
        aggregation: the tidy table of :func:`analysis.tone_validity.run_study`
            (``size``, ``aggregation``, ``split``, ``pearson``, ``pearson_lo``, ``pearson_hi``).
        sentence_r: the sentence-level r on the same data, drawn as a reference line.
        source: the caption's source line.
        split: which half of the editorials to show (``report``: the held-out half).
    """
    t = aggregation[aggregation["split"] == split]
    sizes = sorted(t["size"].unique())
    highlight = {"compound_mean": POSITIVE, "compound_whole": NEGATIVE}
    with matplotlib.rc_context(STYLE):
        fig = _figure(8, 4.6)
        ax = fig.add_subplot()
        for name, g in t.groupby("aggregation", sort=True):
            g = g.sort_values("size")
            if name in highlight:
                continue
            ax.plot(g["size"], g["pearson"], color="#bbbbbb", linewidth=1, marker=".", zorder=1)
            ax.annotate(
                name,
                (g["size"].iloc[-1], g["pearson"].iloc[-1]),
                xytext=(22, 0),
                textcoords="offset points",
                fontsize=6.5,
                color="#888",
                va="center",
            )
        for k, (name, colour) in enumerate(highlight.items()):
            g = t[t["aggregation"] == name].sort_values("size")
            offset = (k - 0.5) * 0.12
            x = np.log2(g["size"].to_numpy()) + offset
            ax.errorbar(
                2**x,
                g["pearson"],
                yerr=[g["pearson"] - g["pearson_lo"], g["pearson_hi"] - g["pearson"]],
                color=colour,
                marker="o",
                linewidth=2,
                capsize=3,
                zorder=3,
                label=(
                    "mean of sentence compounds (the project's paragraph score)"
                    if name == "compound_mean"
                    else "VADER on the whole paragraph"
                ),
            )
        if sentence_r is not None:
            ax.axhline(sentence_r, color="#555", linestyle=":", linewidth=1)
            ax.annotate(
                f"single sentences: r = {sentence_r:.2f}",
                (sizes[0], sentence_r),
                xytext=(0, -11),
                textcoords="offset points",
                fontsize=7,
                color="#555",
            )
        ax.set_xscale("log", base=2)
        ax.set_xticks(sizes, [str(x) for x in sizes])
        ax.set_xlim(sizes[0] / 1.35, sizes[-1] * 2.3)
        ax.set_xlabel("sentences per pseudo-paragraph (consecutive sentences of one editorial)")
        ax.set_ylabel("Pearson r with the human mean rating\n(95% bootstrap interval)")
        ax.legend(loc="upper left", fontsize=7, frameon=False)
        last = t[t["size"] == sizes[-1]].set_index("aggregation")["pearson"]
        fig.suptitle(
            f"Averaging sentence scores tracks human ratings better than scoring the whole paragraph:\n"
            f"r = {last['compound_mean']:.2f} vs {last['compound_whole']:.2f} at {sizes[-1]} sentences "
            "(held-out editorials)",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        _caption(
            fig,
            "Method: the project's VADER scores on NYT editorial sentences grouped into pseudo-paragraphs; the "
            "human score of a group is the mean of its sentences' human ratings (rated one by one, out of context). "
            "Scores were chosen on half of the editorials and are shown on the other, held-out half; grey: the other "
            "candidate aggregations. Editorials are not news reports, and a mean of sentence ratings is not a rating "
            "of the paragraph.",
            source,
            width=140,
        )
    return fig


_BY = re.compile(r"^(?:(?:analysis|opinion|commentary|review|interview|report|story|words)\s+)?by\s+", re.IGNORECASE)


def source_caption(result) -> str:
    """The caption's source line for any article: its headline, byline and file name.

    Example: 'Source: "Putin sends Trump's messengers packing, with eyes on a
    geopolitical win", Nick Paton Walsh, CNN (putin_sends_trumps_messengers_packing.txt).'
    """
    parts = []
    head = result.paragraphs.loc[result.paragraphs["para"] == 0, "text"]
    if len(head):
        parts.append(f'"{" ".join(str(head.iloc[0]).split())}"')
    bylines = result.blocks.loc[result.blocks["role"] == "byline", "text"]
    if len(bylines):
        parts.append(_BY.sub("", " ".join(str(bylines.iloc[0]).split())))
    return "Source: " + ", ".join(parts + [f"({result.source})"]).replace(", (", " (") + "."


def strongest_extended(frame_counts: pd.DataFrame) -> tuple[int, str] | None:
    """The (paragraph, frame) with the most distinct entries (then hits, then earlier); None without hits."""
    c = frame_counts[frame_counts["hits"] > 0]
    if c.empty:
        return None
    best = c.sort_values(["distinct_entries", "hits", "para"], ascending=[False, False, True], kind="stable").iloc[0]
    return int(best["para"]), str(best["frame"])


def placeholder(name: str, reason: str, source: str) -> Figure:
    """A small figure saying why ``name`` is not drawn for this article (too little data)."""
    with matplotlib.rc_context(STYLE):
        fig = _figure(7, 2.6)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            f"Not drawn for this article: {reason}.",
            ha="center",
            va="center",
            fontsize=10,
            wrap=True,
            transform=ax.transAxes,
        )
        fig.suptitle(f"{name.replace('_', ' ').capitalize()}: not enough data", x=0.01, ha="left", fontsize=10)
        _caption(fig, "The figure needs more of the article than this text provides.", source, width=110)
    return fig


def insufficient(name: str, result) -> str | None:
    """Why figure ``name`` cannot show a finding for this article, or None when it can."""
    body = result.paragraphs
    if body.empty or result.sentences.empty:
        return "it has no analysed paragraph"
    if name == "tone_drivers":
        v = word_contributions(result.sentences)["valence"]
        if not (v > 0).any() or not (v < 0).any():
            return "it needs both positive and negative VADER lexicon words"
    if name in ("frame_heatmap", "frame_dispersion", "extended_metaphor") and result.frame_hits.empty:
        return "no codebook frame is matched"
    if name == "saturation" and not (body["n_sentences"] > 1).any():
        return "it has no paragraph of more than one sentence"
    if name == "actors" and result.actor_mentions["actor"].nunique() < 2:
        return "it needs mentions of at least two codebook actors"
    return None
