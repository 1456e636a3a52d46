"""What the notebooks share: the article they analyse, and narration that holds only where it is true.

Every notebook starts with a cell tagged ``parameters`` (papermill's
convention) holding ``ARTICLE``, ``CODEBOOK`` and ``GOLD``, then calls
:func:`open_article`. ``python -m analysis report`` and
``papermill NOTEBOOK.ipynb OUT.ipynb -p ARTICLE my_article.txt`` set them.

The notebooks were written on the seed article, and their findings are
readings of it. :func:`seed_finding` shows such a reading only when the
notebook runs on the seed (recognised by the SHA-256 of its bytes, wherever
the file is); on any other article it shows the computed alternative it is
given, or nothing. The numbers and figure titles above each finding are
computed from the article at hand, so they stay true on any article.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import AnalysisError
from .paths import GOLD, SEED
from .result import Analysis, analyze


@dataclass
class NotebookArticle:
    """The article a notebook analyses.

    Attributes:
        result: its analysis (:func:`analysis.analyze`).
        path: the article file.
        is_seed: True when the file's bytes are the seed's.
        gold: the human coding for the evaluation section, or None (skipped).
        codebook: the codebook file given, or None for the package's.
        roles: the roles file applied over the cleaning's roles, or None.
    """

    result: Analysis
    path: Path
    is_seed: bool
    gold: Path | None
    codebook: Path | None
    roles: Path | None = None

    @property
    def name(self) -> str:
        return self.path.name


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def open_article(article=None, codebook=None, gold=None, roles=None) -> NotebookArticle:
    """Analyse the notebook's article.

    Args:
        article: the article file; None for the seed.
        codebook: a YAML codebook; None for the package's default codebook.
        gold: a human coding (CSV: para, frame, text); None for the default
            (the seed's coding when the article is the seed, none otherwise),
            ``""`` for none.
        roles: a roles file (``BLOCK ROLE`` lines, :func:`analysis.blocks.parse_roles`)
            setting block roles by hand; None for the cleaning's roles.

    Raises:
        AnalysisError: a missing article, codebook or gold file (and every
            input error :func:`analysis.analyze` reports).
    """
    path = SEED if article in (None, "") else Path(article)
    is_seed = _sha256(path) == _sha256(SEED)
    if gold is None:
        gold_path = GOLD if is_seed else None
    elif gold == "":
        gold_path = None
    else:
        gold_path = Path(gold)
        if not gold_path.is_file():
            raise AnalysisError(f"{gold_path}: no such gold file")
    codebook_path = Path(codebook) if codebook not in (None, "") else None
    roles_path = Path(roles) if roles not in (None, "") else None
    result = analyze(path, codebook_path, roles=roles_path)
    return NotebookArticle(result, path, is_seed, gold_path, codebook_path, roles_path)


def seed_finding(article: NotebookArticle, markdown: str, otherwise: str | None = None):
    """The seed's reading (Markdown) on the seed; ``otherwise`` (or nothing) on any other article."""
    from IPython.display import Markdown

    text = markdown if article.is_seed else otherwise
    return Markdown(text.strip()) if text else None


def describe(article: NotebookArticle) -> str:
    """One Markdown paragraph naming the article, its size and the codebook and gold in use."""
    r = article.result
    body = r.paragraphs[r.paragraphs["para"] > 0]
    head = r.paragraphs.loc[r.paragraphs["para"] == 0, "text"]
    headline = f'*"{head.iloc[0]}"*' if len(head) else "(no headline found)"
    seed = " (the seed article)" if article.is_seed else ""
    codebook = f"`{article.codebook.name}`" if article.codebook else "the package's default codebook"
    gold = f"`{article.gold.name}`" if article.gold else "none (the evaluation section is skipped)"
    roles = f" **Roles set by hand:** `{article.roles.name}`." if article.roles else ""
    warnings = "".join(f"\n\n- *Warning:* {w}" for w in r.warnings)
    return (
        f"**Article.** `{article.name}`{seed}: {headline}; {len(body)} body paragraphs, "
        f"{int(body['n_sentences'].sum())} sentences, {int(body['n_words'].sum())} words. "
        f"**Codebook:** {codebook}. **Human coding:** {gold}.{roles}{warnings}"
    )


def intro(article: NotebookArticle):
    """:func:`describe` as displayable Markdown."""
    from IPython.display import Markdown

    return Markdown(describe(article))


def last_positive_paragraph(result: Analysis) -> int | None:
    """The last body paragraph labelled positive; else the body paragraph with the highest score; None without any."""
    body = result.paragraphs[(result.paragraphs["para"] > 0) & result.paragraphs["score"].notna()]
    if body.empty:
        return None
    positive = body[body["label"] == "positive"]
    if len(positive):
        return int(positive["para"].iloc[-1])
    return int(body.loc[body["score"].idxmax(), "para"])


def top_frame(result: Analysis) -> str | None:
    """The frame with the most hits in the article (codebook order breaks ties); None without hits."""
    if result.frame_hits.empty:
        return None
    counts = result.frame_hits["frame"].value_counts()
    best = counts.max()
    return next(f for f in result.codebook.frames if counts.get(f, 0) == best)
