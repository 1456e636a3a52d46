"""Views of corpus-mode tables (``python -m analysis corpus``) for the corpus notebook.

Pure functions on the tables corpus mode writes (``articles.csv``,
``paragraphs.csv``, ``frame_hits.csv`` read with pandas): frame rates per
1,000 words, pooled rates per group of articles, the most frequent frame
entries, a keyword-in-context sample across articles, and two figures that
compare one article (the seed) with the rest of a corpus. Figures follow the
report's conventions (:mod:`analysis.plots`): explicit size, a title stating
the finding, labelled axes, a caption naming the sources.
"""

from __future__ import annotations

import textwrap

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .framing import CONTEXT_CHARS, kwic
from .style import POSITIVE, STYLE, caption, figure_canvas, short_label

OTHERS_COLOUR = "#7f7f7f"


def _wrap(source: str, width: int = 140) -> str:
    return "\n".join(textwrap.wrap(source, width))


def frame_columns(articles: pd.DataFrame) -> list[str]:
    """The frame ids of an ``articles.csv`` table, in codebook order (its ``hits_<frame>`` columns)."""
    return [c[len("hits_") :] for c in articles.columns if c.startswith("hits_")]


def frame_rates(articles: pd.DataFrame, *, per: int = 1000) -> pd.DataFrame:
    """Frame hits per ``per`` words of each article.

    Args:
        articles: the ``articles.csv`` table (``article``, ``words``, ``frame_hits``, ``hits_<frame>``...).
        per: the word base of the rate.

    Returns:
        ``article``, ``words``, one column per frame id and ``all`` (every frame);
        NaN for an article without words.
    """
    words = articles["words"].where(articles["words"] > 0)
    out = pd.DataFrame({"article": articles["article"], "words": articles["words"]})
    for frame in frame_columns(articles):
        out[frame] = articles[f"hits_{frame}"] / words * per
    out["all"] = articles["frame_hits"] / words * per
    return out.reset_index(drop=True)


def pooled_rates(articles: pd.DataFrame, groups, *, per: int = 1000) -> pd.DataFrame:
    """Frame hits per ``per`` words of each group of articles, pooled (all hits over all words).

    Args:
        articles: the ``articles.csv`` table.
        groups: one group label per article row (a Series aligned with ``articles`` or a sequence).
        per: the word base of the rate.

    Returns:
        One row per group (index ``group``, in first-seen order) with ``articles``,
        ``words``, one column per frame id and ``all``.
    """
    frames = frame_columns(articles)
    labels = pd.Series(np.asarray(groups), index=articles.index, name="group")
    sums = articles[["words", "frame_hits", *(f"hits_{f}" for f in frames)]].groupby(labels, sort=False).sum()
    out = pd.DataFrame({"articles": labels.value_counts(sort=False).reindex(sums.index), "words": sums["words"]})
    for frame in frames:
        out[frame] = sums[f"hits_{frame}"] / sums["words"] * per
    out["all"] = sums["frame_hits"] / sums["words"] * per
    out.index.name = "group"
    return out


def top_entries(frame_hits: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent codebook entries of a corpus ``frame_hits`` table.

    Returns:
        ``frame``, ``entry``, ``hits`` and ``articles`` (how many articles use it);
        ties broken by frame and entry, so the order is stable.
    """
    g = frame_hits.groupby(["frame", "entry"], sort=True)
    out = pd.DataFrame({"hits": g.size(), "articles": g["article"].nunique()}).reset_index()
    return (
        out.sort_values(["hits", "frame", "entry"], ascending=[False, True, True], kind="stable")
        .head(n)
        .reset_index(drop=True)
    )


def figurative_hits(
    frame_hits: pd.DataFrame, focus: str, *, focus_label: str, threshold: float | None = None
) -> pd.DataFrame:
    """Frame hits read as figurative or literal, per frame, for the focus article and the rest of the corpus.

    A hit counts as figurative when its ``figurative`` score (the metaphor-candidate score of its words,
    :mod:`analysis.metaphor`) is at or above ``threshold`` (default: the candidates' flag threshold).

    Returns:
        ``frame``, ``group`` (``focus_label`` or "other articles"), ``hits``, ``figurative``, ``literal``,
        ``figurative_share``; frames in name order, the focus first.
    """
    from .metaphor import DEFAULT_THRESHOLD

    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    hits = frame_hits.assign(
        group=(frame_hits["article"] == focus).map({True: focus_label, False: "other articles"}),
        figurative_hit=frame_hits["figurative"].fillna(0) >= cut,
    )
    g = hits.groupby(["frame", "group"], sort=True)
    out = pd.DataFrame({"hits": g.size(), "figurative": g["figurative_hit"].sum().astype("int64")}).reset_index()
    out["literal"] = out["hits"] - out["figurative"]
    out["figurative_share"] = (out["figurative"] / out["hits"]).round(2)
    out["_focus"] = out["group"] != focus_label
    return out.sort_values(["frame", "_focus"], kind="stable").drop(columns="_focus").reset_index(drop=True)


def corpus_kwic(frame_hits: pd.DataFrame, frame: str, *, n: int = 10, window: int = CONTEXT_CHARS) -> pd.DataFrame:
    """Keyword in context for one frame, one hit per article, from ``n`` articles spread over the corpus.

    The articles that use the frame are taken in table order and ``n`` of them
    are picked at even steps (first and last included), so the sample is the
    same on every run and is not just the first articles.

    Returns:
        ``article`` and the columns of :func:`analysis.framing.kwic` (para,
        sent, frame, entry, left, match, right).
    """
    hits = frame_hits[frame_hits["frame"] == frame]
    first = hits.drop_duplicates("article", keep="first")
    if len(first) > n:
        first = first.iloc[np.unique(np.linspace(0, len(first) - 1, n).round().astype(int))]
    lines = kwic(first, window=window)
    lines.insert(0, "article", first["article"].to_numpy())
    return lines


def tone_summary(
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    focus: str,
    *,
    focus_label: str = "seed article",
    others: str = "NYT editorials",
) -> pd.DataFrame:
    """Paragraph scores of one article against the rest of the corpus (body paragraphs only).

    Returns:
        One row per group (``focus_label``, ``others``): ``paragraphs``,
        ``sentences_per_paragraph``, ``score_mean``, ``score_sd``, the shares of
        ``positive``/``neutral``/``negative`` paragraph labels and ``sentence_sd``
        (the SD of the sentence compounds, which does not depend on paragraph length).
    """
    rows = []
    for label, pick in ((focus_label, True), (others, False)):
        p = paragraphs[(paragraphs["para"] > 0) & ((paragraphs["article"] == focus) == pick)]
        s = sentences[(sentences["para"] > 0) & ((sentences["article"] == focus) == pick)]
        labels = p["label"].value_counts(normalize=True)
        rows.append(
            {
                "group": label,
                "paragraphs": len(p),
                "sentences_per_paragraph": p["n_sentences"].mean(),
                "score_mean": p["score"].mean(),
                "score_sd": p["score"].std(),
                **{k: labels.get(k, 0.0) for k in ("positive", "neutral", "negative")},
                "sentence_sd": s["compound"].std(),
            }
        )
    return pd.DataFrame(rows).set_index("group")


def how_often(mine: float, theirs: float) -> str:
    """How one rate compares with another, in words that follow the numbers.

    Examples: "35\u00d7 as often as", "1.4\u00d7 as often as", "about as often as", "less often than"
    (a third as often), "more often than" (the others have none).
    """
    if theirs <= 0:
        return "more often than" if mine > 0 else "as often (never) as"
    ratio = mine / theirs
    if ratio >= 1.95:
        return f"{ratio:.0f}\u00d7 as often as"
    if ratio >= 1.05:
        return f"{ratio:.1f}\u00d7 as often as"
    if ratio > 0.95:
        return "about as often as"
    return "less often than"


def _subject(label: str) -> str:
    """A label as the subject of a sentence: "The seed article", "This article" (never "The this article")."""
    if label.lower().startswith(("the ", "this ", "that ", "a ", "an ")):
        return label[:1].upper() + label[1:]
    return f"The {label}"


def frame_rate_figure(
    articles: pd.DataFrame,
    focus: str,
    frame_labels: dict[str, str] | None = None,
    *,
    focus_label: str = "seed article",
    others: str = "NYT editorials",
    source: str = "",
) -> Figure:
    """Frame hits per 1,000 words: one article (``focus``) against the rest of the corpus.

    Left: the rate of each frame, the focus article against the others pooled.
    Right: the distribution of the other articles' rates over all frames (an article without
    words has no rate and is left out), the focus marked.

    Args:
        articles: the ``articles.csv`` table.
        focus: the ``article`` value of the article to compare (e.g. the seed).
        frame_labels: frame id -> label (the codebook's); ids if None.
        focus_label: what the focus article is, for labels.
        others: what the other articles are, for labels.
        source: the caption's source line.
    """
    if focus not in set(articles["article"]):
        raise KeyError(f"{focus!r} is not an article of this table")
    frames = frame_columns(articles)
    labels = frame_labels or {f: f for f in frames}
    is_focus = (articles["article"] == focus).to_numpy()
    pooled = pooled_rates(articles, np.where(is_focus, "focus", "others"))
    rates = frame_rates(articles)
    rest = rates.loc[~is_focus, "all"].dropna()
    mine = float(pooled.loc["focus", "all"])
    with matplotlib.rc_context(STYLE):
        fig = figure_canvas(10, 4.6)
        left, right = fig.subplots(1, 2, width_ratios=[1.1, 1])
        y = np.arange(len(frames))
        left.barh(y - 0.2, pooled.loc["focus", frames], height=0.4, color=POSITIVE, label=focus_label)
        left.barh(y + 0.2, pooled.loc["others", frames], height=0.4, color=OTHERS_COLOUR, label=f"{others} (pooled)")
        left.set_yticks(y, [short_label(labels[f]) for f in frames])
        left.invert_yaxis()
        left.set_xlabel("frame hits per 1,000 words")
        left.set_title("By frame", loc="left", fontsize=9)
        left.legend(loc="lower right", fontsize=7.5, frameon=False)
        top = max(float(rest.max()) if len(rest) else 0.0, mine)
        bins = np.linspace(0, top * 1.05 if top else 1.0, 31)
        right.hist(rest, bins=bins, color=OTHERS_COLOUR, label=f"{others} ({len(rest)})")
        right.axvline(mine, color=POSITIVE, linewidth=2)
        right.annotate(
            f"{focus_label}: {mine:.1f}",
            (mine, 0.97),
            xycoords=("data", "axes fraction"),
            xytext=(-4, 0),
            textcoords="offset points",
            ha="right",
            va="top",
            color=POSITIVE,
            fontsize=8,
        )
        right.set_xlabel("frame hits per 1,000 words (all frames)")
        right.set_ylabel("articles")
        right.set_title("Every article", loc="left", fontsize=9)
        right.legend(loc="center", fontsize=7.5, frameon=False)
        theirs = float(pooled.loc["others", "all"])
        fig.suptitle(
            f"{_subject(focus_label)} uses the codebook's frame words {how_often(mine, theirs)} {others} "
            f"({mine:.1f} vs {theirs:.1f} hits per 1,000 words);\n"
            f"{int((rest >= mine).sum())} of the {len(rest)} other articles reach its rate (the highest: "
            f"{rest.max():.1f}), and {(rest == 0).mean():.0%} of them have no hit at all",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        caption(
            fig,
            "Method: the same codebook matched on every article; a hit is a word or phrase match, not a coded "
            "metaphor. Pooled: all hits over all words of the group.",
            _wrap(source),
            width=140,
        )
    return fig


def score_figure(
    paragraphs: pd.DataFrame,
    focus: str,
    *,
    focus_label: str = "seed article",
    others: str = "NYT editorials",
    source: str = "",
) -> Figure:
    """Paragraph scores (mean of sentence compounds): one article's paragraphs against the rest of the corpus.

    Args:
        paragraphs: the corpus ``paragraphs.csv`` table; the headline (para 0) is left out.
        focus: the ``article`` value of the article to compare.
        focus_label: what the focus article is, for labels.
        others: what the other articles are, for labels.
        source: the caption's source line.
    """
    body = paragraphs[(paragraphs["para"] > 0) & paragraphs["score"].notna()]
    is_focus = body["article"] == focus
    if not is_focus.any():
        raise KeyError(f"{focus!r} has no body paragraphs in this table")
    mine, rest = body.loc[is_focus, "score"], body.loc[~is_focus, "score"]
    with matplotlib.rc_context(STYLE):
        fig = figure_canvas(9, 4.6)
        ax, strip = fig.subplots(2, 1, sharex=True, height_ratios=[5, 1])
        ax.hist(
            rest,
            bins=np.linspace(-1, 1, 41),
            density=True,
            color=OTHERS_COLOUR,
            alpha=0.6,
            label=f"{others}: {len(rest)} paragraphs",
        )
        ax.hist(
            mine,
            bins=np.linspace(-1, 1, 21),
            density=True,
            histtype="step",
            linewidth=2,
            color=POSITIVE,
            label=f"{focus_label}: {len(mine)} paragraphs",
        )
        for a in (ax, strip):
            for value, colour in ((rest.mean(), OTHERS_COLOUR), (mine.mean(), POSITIVE)):
                a.axvline(value, color=colour, linestyle="--", linewidth=1)
        ax.set_ylabel("density")
        ax.legend(loc="upper left", fontsize=7.5, frameon=False)
        strip.plot(mine, np.zeros(len(mine)), "|", color=POSITIVE, markersize=14, markeredgewidth=1.5)
        strip.set_yticks([0], [f"{focus_label}\nparagraphs"])
        strip.set_ylim(-1, 1)
        strip.spines["left"].set_visible(False)
        strip.tick_params(axis="y", length=0)
        strip.set_xlim(-1, 1)
        strip.set_xlabel("paragraph score (mean of sentence compounds); dashed lines: the means")
        a, b = round(float(mine.std()), 2), round(float(rest.std()), 2)
        spread = "wider" if a > b else "narrower" if a < b else "as wide"
        fig.suptitle(
            f"{_subject(focus_label)}'s paragraphs spread {spread} in tone {'as' if a == b else 'than'} {others}' "
            f"(SD {mine.std():.2f} vs "
            f"{rest.std():.2f}); mean score {mine.mean():+.3f} vs {rest.mean():+.3f}",
            x=0.01,
            ha="left",
            fontsize=10,
        )
        n_mine = body.loc[is_focus, "n_sentences"].mean()
        n_rest = body.loc[~is_focus, "n_sentences"].mean()
        caption(
            fig,
            "Method: VADER compound per sentence, averaged per paragraph (headlines left out). "
            f"{_subject(focus_label)}'s "
            f"paragraphs average {n_mine:.2f} sentences, the {others}' {n_rest:.2f}; a mean of fewer sentences "
            "varies more, so part of the wider spread is paragraph length, not tone.",
            _wrap(source),
            width=140,
        )
    return fig
