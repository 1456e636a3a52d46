"""Small corpora built from shipped data, for corpus mode's notebook, tests and benchmark.

The NYT editorial sentences of VADER's benchmark (``data/external/``) carry
their editorial and sentence numbers (``12_3``), so each editorial can be put
back together as an article: a headline line ``NYT editorial 12`` and its
rated sentences in order, in paragraphs of up to ``para_sentences`` sentences.
The real paragraph breaks are not in the data; these are pseudo-paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from .paths import EXTERNAL

NYT_FILE = EXTERNAL / "vader_icwsm2014" / "nytEditorialSnippets_GroundTruth.txt"


def nyt_editorials(path: str | Path = NYT_FILE, *, para_sentences: int = 4) -> list[tuple[str, str]]:
    """``(name, article text)`` per editorial, in editorial order.

    Args:
        path: the NYT ground-truth file.
        para_sentences: sentences per paragraph.
    """
    from .tone_validity import load_ground_truth

    df = load_ground_truth(path).sort_values(["doc", "pos"], kind="stable")
    out = []
    for doc, group in df.groupby("doc", sort=True):
        sents = group["text"].tolist()
        paras = [" ".join(sents[i : i + para_sentences]) for i in range(0, len(sents), para_sentences)]
        out.append((f"editorial_{int(doc):03d}", f"NYT editorial {int(doc)}\n\n" + "\n\n".join(paras) + "\n"))
    return out


def write_articles(articles: list[tuple[str, str]], folder: str | Path, *, copies: int = 1) -> list[Path]:
    """Write articles as UTF-8 ``.txt`` files, ``copies`` times (``copy01/``, ``copy02/`` ...) when > 1.

    Returns:
        The paths written, in order.
    """
    folder = Path(folder)
    paths = []
    for k in range(1, copies + 1):
        target = folder / f"copy{k:02d}" if copies > 1 else folder
        target.mkdir(parents=True, exist_ok=True)
        for name, text in articles:
            path = target / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths
