"""From an unseen article to a first codebook: ranked metaphor candidates, and a draft codebook to edit.

:func:`metaphor_report` groups the article's flagged metaphor candidates by
source domain, with a concordance line each (the ``metaphors`` command).
:func:`draft_codebook` writes a codebook (YAML, the format of
``docs/codebook-format.md``) for the researcher to edit (``suggest-codebook``):

* **frames** from the source domains of the flagged candidates: a domain
  with at least :data:`MIN_FRAME_TERMS` distinct flagged lemmas, or with an
  extended cluster (``metaphor_clusters.csv``), becomes a frame whose terms
  are those lemmas and the words of its extended clusters (flagged or not),
  best score first (at most :data:`MAX_FRAME_TERMS`);
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
    # the words of an extended cluster count for its domain's frame even below the flag threshold
    in_cluster = c[[(p, d) in clustered for p, d in zip(c["para"], c["source_domain"])] if len(c) else []]
    chosen = pd.concat([flagged, in_cluster]).drop_duplicates(subset=["start"]) if len(in_cluster) else flagged
    frames = []
    for domain, group in chosen.groupby("source_domain", sort=True):
        best = group.sort_values(["score", "start"], ascending=[False, True], kind="stable")
        lemmas = list(dict.fromkeys(best["lemma"]))
        if len(lemmas) < MIN_FRAME_TERMS and domain not in extended:
            continue
        terms, seen = [], set()
        for lemma in lemmas:
            if len(terms) >= MAX_FRAME_TERMS:
                break
            word = lemma.strip()
            if not word or len(word.split()) != 1 or "*" in word or '"' in word or "\u201c" in word:
                continue
            pattern = compile_entry(word)
            if not pattern or pattern in seen:
                continue
            seen.add(pattern)
            row = best[best["lemma"] == lemma].iloc[0]
            left, match, right = _line(text, int(row["start"]), int(row["end"]))
            n = int((best["lemma"] == lemma).sum())
            below = "" if row["flagged"] else " (not flagged: a word of an extended cluster)"
            terms.append(
                f"      - {_yaml(word)}  # para {int(row['para'])}, score {row['score']:.2f}{below}"
                f"{f', {n} uses' if n > 1 else ''}: ...{_comment(left)} [{_comment(match)}]"
                f"{'' if right[:1] in '.,;:!?)' else ' '}{_comment(right)}..."
            )
        if terms:
            label = domain[:1].upper() + domain[1:]
            paras = sorted(set(best["para"]))
            about = f"Words whose basic sense comes from {domain} (WordNet), flagged as metaphor candidates"
            frames.append(
                [
                    f"  {_frame_id(domain)}:  # {len(lemmas)} distinct candidate words in {len(paras)} paragraph(s)"
                    + ("; an extended cluster" if domain in extended else ""),
                    f"    label: {_yaml(label)}",
                    f"    description: {_yaml(about + '; check each in context.')}",
                    "    terms:",
                    *terms,
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
