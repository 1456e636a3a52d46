"""From an unseen article to a first codebook: ranked metaphor candidates, and a draft codebook to edit.

:func:`metaphor_report` groups the article's flagged metaphor candidates by
source domain, with a concordance line each (the ``metaphors`` command).
:func:`draft_codebook` writes a codebook (YAML, the format of
``docs/codebook-format.md``) for the researcher to edit (``suggest-codebook``):

* **frames** from the source domains of the flagged candidates: a domain
  with at least :data:`MIN_FRAME_TERMS` distinct flagged lemmas, or with a
  flagged word and an extended cluster (``metaphor_clusters.csv``), becomes a
  frame whose terms are those lemmas, best score first (at most
  :data:`MAX_FRAME_TERMS`, the comment says when more were found); a lemma
  whose forms in the article do not share its stem ("rose" for "rise") gives
  those forms as exact quoted words instead; the words of its extended
  clusters below the flag threshold follow as commented-out terms, to
  uncomment (a burst of an article's topic words is literal, a burst of a
  foreign domain may be an analogy: the reader tells them apart);
* **actors** from the named entities (``entities.csv``): the
  :data:`~analysis.actors.MAX_ENTITY_ACTORS` most mentioned canonical names,
  each with the distinct forms the article writes as aliases;
* a comment on every entry with its evidence: the paragraph, the score and
  the words around it for a term; the kind, mentions and first paragraph for
  an actor.

The draft is checked as ``check-codebook`` checks a codebook before it is
returned. It is a starting point, not a finding: a candidate is a word whose
WordNet senses and context suggest a figurative use, and a reader decides.
"""

from __future__ import annotations

import json

import pandas as pd

from .actors import MAX_ENTITY_ACTORS, entity_mentions
from .codebook import parse_codebook
from .errors import AnalysisError
from .matching import compile_entry
from .tokenize import stem

#: distinct flagged lemmas of one source domain that make a frame of the draft
MIN_FRAME_TERMS = 2
#: terms per frame in the draft, best score first
MAX_FRAME_TERMS = 25
#: characters of context on each side in the evidence comments and the ``metaphors`` listing
EVIDENCE_CHARS = 30


def _frame_id(domain: str) -> str:
    ident = "".join(ch if ch.isalnum() else "_" for ch in domain.lower()).strip("_")
    while "__" in ident:
        ident = ident.replace("__", "_")
    return ident if ident[:1].isalpha() else f"f_{ident}"


def _line(text: str, start: int, end: int, chars: int = EVIDENCE_CHARS) -> tuple[str, str, str]:
    left = " ".join(text[max(0, start - chars) : start].split())
    right = " ".join(text[end : end + chars].split())
    return left, text[start:end], right


def _yaml(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split()).replace("#", "no.")


def metaphor_report(result, *, top: int | None = 30) -> pd.DataFrame:
    """The flagged candidates, grouped by source domain (the domain with most first), best score first.

    Returns:
        Columns ``source_domain`` ("(no domain)" when WordNet gives none), ``para``, ``score``,
        ``text``, ``lemma``, ``pos``, ``left``, ``right`` (context inside the article text).
    """
    c = result.metaphor_candidates
    c = c[c["flagged"]]
    if top:
        c = c.sort_values(["score", "start"], ascending=[False, True], kind="stable").head(top)
    domains = c["source_domain"].fillna("(no domain)")
    sizes = domains.value_counts()
    rows = []
    for row, domain in zip(c.itertuples(), domains):
        left, _, right = _line(result.text, row.start, row.end)
        rows.append(
            {
                "source_domain": domain,
                "para": row.para,
                "score": row.score,
                "text": row.text,
                "lemma": row.lemma,
                "pos": row.pos,
                "left": left,
                "right": right,
                "_size": sizes[domain],
                "_start": row.start,
            }
        )
    table = pd.DataFrame(
        rows, columns=["source_domain", "para", "score", "text", "lemma", "pos", "left", "right", "_size", "_start"]
    )
    table = table.sort_values(
        ["_size", "source_domain", "score", "_start"], ascending=[False, True, False, True], kind="stable"
    )
    return table.drop(columns=["_size", "_start"]).reset_index(drop=True)


def _best_first(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["score", "start"], ascending=[False, True], kind="stable")


def _forms(lemma: str, texts) -> list[str]:
    """The codebook terms for a lemma and the forms the article writes: the lemma itself (stemmed, so every
    form with its stem matches) when each form shares its stem, else each form as an exact quoted word
    ("rose" for "rise", "lower" for "low": a stem would miss them)."""
    forms = list(dict.fromkeys(t.lower() for t in texts))
    if all(stem(form) == stem(lemma) for form in forms):
        return [lemma]
    return [f'"{form}"' for form in forms]


def _terms(text: str, best: pd.DataFrame, lemmas: list[str], limit: int, *, commented: bool) -> list[str]:
    """YAML lines of up to ``limit`` terms (lemmas, or exact forms), each with its evidence comment."""
    terms: list[str] = []
    seen: set = set()
    for lemma in lemmas:
        if len(terms) >= limit:
            break
        rows = best[best["lemma"] == lemma]
        word = lemma.strip()
        if not word or len(word.split()) != 1 or any(q in word for q in '*"\u201c\u201d'):
            continue
        for term in _forms(word, rows["text"]):
            pattern = compile_entry(term)
            if not pattern or pattern in seen:
                continue
            seen.add(pattern)
            row = rows.iloc[0]
            left, match, right = _line(text, int(row["start"]), int(row["end"]))
            n = len(rows)
            state = f"score {row['score']:.2f}" + ("" if row["flagged"] else " (below the flag threshold)")
            quoted = "'" + term.replace("'", "''") + "'" if term.startswith('"') else _yaml(term)  # '"rose"'
            terms.append(
                f"      {'# ' if commented else ''}- {quoted}  # para {int(row['para'])}, {state}"
                f"{f', {n} uses' if n > 1 else ''}: ...{_comment(left)} [{_comment(match)}]"
                f"{'' if right[:1] in '.,;:!?)' else ' '}{_comment(right)}..."
            )
    return terms


def draft_codebook(result, *, name: str | None = None) -> str:
    """A draft codebook (YAML text) from the article's metaphor candidates and named entities.

    Raises:
        AnalysisError: the article gives nothing to draft from (no flagged candidate with a source
            domain and no named entity).
    """
    text = result.text
    c = result.metaphor_candidates
    flagged = c[c["flagged"] & c["source_domain"].notna()]
    extended, clustered = set(), set()
    if len(result.metaphor_clusters):
        cl = result.metaphor_clusters[result.metaphor_clusters["extended"]]
        extended = set(cl["source_domain"])
        clustered = set(zip(cl["para"], cl["source_domain"]))
    lines = [
        f"# Draft codebook for {name or result.source}, written by `python -m analysis suggest-codebook`.",
        "# Frames: source domains of the article's flagged metaphor candidates (metaphor_candidates.csv);",
        "# actors: its most mentioned named entities (entities.csv). Each entry's comment gives its evidence.",
        "# A draft to edit, not a finding: delete the terms that are literal here, merge or rename frames,",
        "# add phrases (docs/codebook-format.md), then check it: python -m analysis check-codebook FILE",
        f"name: {_yaml('Draft: ' + (name or str(result.source)))}",
    ]
    # the words of an extended cluster below the flag threshold are offered as commented-out terms
    in_cluster = c[[(p, d) in clustered for p, d in zip(c["para"], c["source_domain"])] if len(c) else []]
    offered = in_cluster[~in_cluster["flagged"]] if len(in_cluster) else in_cluster
    frames = []
    for domain in sorted(set(flagged["source_domain"])):
        best = _best_first(flagged[flagged["source_domain"] == domain])
        lemmas = list(dict.fromkeys(best["lemma"]))
        if len(lemmas) < MIN_FRAME_TERMS and domain not in extended:
            continue
        terms = _terms(text, best, lemmas, MAX_FRAME_TERMS, commented=False)
        if not terms:
            continue
        others = _best_first(offered[offered["source_domain"] == domain]) if len(offered) else offered
        others = others[~others["lemma"].isin(lemmas)] if len(others) else others
        more = _terms(text, others, list(dict.fromkeys(others["lemma"])), MAX_FRAME_TERMS, commented=True)
        label = domain[:1].upper() + domain[1:]
        paras = sorted(set(best["para"]))
        about = f"Words whose basic sense comes from {domain} (WordNet), flagged as metaphor candidates"
        shown = f"the {len(terms)} best-scoring of " if len(terms) < len(lemmas) else ""
        frames.append(
            [
                f"  {_frame_id(domain)}:  # {shown}{len(lemmas)} distinct flagged words in {len(paras)} "
                f"paragraph(s)" + ("; an extended cluster" if domain in extended else ""),
                f"    label: {_yaml(label)}",
                f"    description: {_yaml(about + '; check each in context.')}",
                "    terms:",
                *terms,
                *(
                    ["      # words of its extended cluster(s) below the flag threshold: uncomment to count them"]
                    + more
                    if more
                    else []
                ),
            ]
        )
    actors = []
    e = entity_mentions(result)  # a dateline's place and source are no actors (aliases never match there)
    if len(e):
        counts = e.groupby("name", sort=False).size()
        first = {n: k for k, n in enumerate(dict.fromkeys(e["name"]))}
        chosen = sorted(counts.index, key=lambda n: (-counts[n], first[n]))[:MAX_ENTITY_ACTORS]
        for actor in chosen:
            rows = e[e["name"] == actor]
            aliases, seen = [], set()
            for form in dict.fromkeys([actor, *rows["text"]]):
                pattern = compile_entry(form)
                if pattern and pattern not in seen and "*" not in form and not any(q in form for q in '"\u201c\u201d'):
                    seen.add(pattern)
                    aliases.append(form)
            if aliases:
                kind = rows["kind"].iloc[0]
                actors.append(
                    f"  {_yaml(actor[:100])}: [{', '.join(_yaml(a) for a in aliases)}]  # {kind}, "
                    f"{int(counts[actor])} mention(s), first in para {int(rows['para'].iloc[0])}"
                )
    if not frames and not actors:
        raise AnalysisError(
            f"{name or result.source}: nothing to draft from: no flagged metaphor candidate with a source domain "
            "and no named entity"
        )
    if frames:
        lines.append("frames:")
        for block in frames:
            lines.extend(block)
    if actors:
        lines.append("actors:")
        lines.extend(actors)
    yaml_text = "\n".join(lines) + "\n"
    parse_codebook(yaml_text, source="the draft codebook")  # the draft passes check-codebook
    return yaml_text
