"""Build a corpus of DISTINCT text (every text once) from data the project ships.

    .venv/bin/python benchmarks/distinct_corpus.py OUT_DIR

Unlike benchmarks/bench_corpus.py, which copies 90k words of NYT editorials
about 11 times (so every per-word cache is warm after the first copy), nothing
here is repeated. Sources, in this order (the first occurrence of a text wins):

* ``data/external/article_extraction/ground-truth.json``: the 88 hand-checked
  article bodies of Zyte's article-extraction benchmark, one article each,
  its lines as paragraphs (``article_extraction/<id[:16]>.txt``);
* ``data/external/vader_icwsm2014/`` (VADER's human-rated sets):
  NYT editorial sentences grouped by editorial (IDs ``<editorial>_<sentence>``),
  in sentence order, paragraphs of 4 sentences (``nyt/editorial_NNN.txt``);
  Amazon review sentences grouped by review (IDs ``<review>_<sentence>``),
  paragraphs of 4 sentences (``amazon/review_NNN.txt``);
  movie-review snippets (IDs 1..N, no document id) in ID order, articles of 20
  snippets, paragraphs of 4 snippets (``movies/snippets_NNNNN.txt``);
  tweets (IDs 1..N) in ID order, articles of 20 tweets, one paragraph per tweet
  (``tweets/tweets_NNNN.txt``).

Every article starts with a short headline line (``Article body 042bb7b5fedab6ea``,
``NYT editorial 12``, ``Amazon review 7``, ``Movie snippets 1-20``,
``Tweets 1-20``), as analysis.datasets.nyt_editorials does, so that the pipeline
takes the first real paragraph as body, not as a headline.

Deduplication: a unit (a body line, a rated sentence, a snippet, a tweet) whose
text, white space collapsed, was already seen anywhere earlier is dropped.
Output is deterministic: sources in a fixed order, documents sorted by ID,
files named from the IDs, UTF-8 with ``\\n`` line endings.

Totals: words are ``str.split()`` tokens of the source texts (headlines not
counted); word types are distinct lower-cased ``\\w+('\\w+)*`` tokens.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT / "data" / "external"
BODIES = EXTERNAL / "article_extraction" / "ground-truth.json"
VADER = EXTERNAL / "vader_icwsm2014"
PARA_SENTENCES = 4
GROUP_SNIPPETS = 20
MIN_WORDS = 400_000

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def _rows(name: str) -> list[tuple[str, str]]:
    """``(id, text)`` of a VADER ground-truth file (tab-separated id, mean, text; CRLF)."""
    rows = []
    for line in (VADER / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            ident, _mean, text = line.split("\t", 2)
            rows.append((ident.strip(), text.strip()))
    return rows


def _doc_pos(ident: str) -> tuple[int, int]:
    doc, pos = ident.split("_")
    return int(doc), int(pos)


class _Dedup:
    """Keeps the first occurrence of each text (white space collapsed) across all sources."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.dropped = 0

    def keep(self, text: str) -> bool:
        key = _WS.sub(" ", text).strip()
        if not key or key in self.seen:
            self.dropped += bool(key)
            return False
        self.seen.add(key)
        return True


def _paras(units: list[str], size: int) -> list[str]:
    return [" ".join(units[i : i + size]) for i in range(0, len(units), size)]


def _article(headline: str, paras: list[str]) -> str:
    return headline + "\n\n" + "\n\n".join(paras) + "\n"


def build_articles() -> tuple[list[tuple[str, str, list[str]]], dict[str, int]]:
    """``(relative path, article text, its source units)`` per article, and per-source dropped counts."""
    dedup = _Dedup()
    out: list[tuple[str, str, list[str]]] = []
    dropped: dict[str, int] = {}

    def finish(source: str) -> None:
        dropped[source] = dedup.dropped - sum(dropped.values())

    # Article-extraction bodies: one article per page, its lines as paragraphs.
    bodies = json.loads(BODIES.read_text(encoding="utf-8"))
    for ident in sorted(bodies):
        lines = [ln.strip() for ln in bodies[ident]["articleBody"].splitlines()]
        paras = [ln for ln in lines if ln and dedup.keep(ln)]
        if paras:
            out.append((f"article_extraction/{ident[:16]}.txt", _article(f"Article body {ident[:16]}", paras), paras))
    finish("article_extraction")

    # NYT editorials and Amazon reviews: grouped by document, in sentence order.
    for source, name, folder, stem, headline in (
        ("nyt", "nytEditorialSnippets_GroundTruth.txt", "nyt", "editorial", "NYT editorial"),
        ("amazon", "amazonReviewSnippets_GroundTruth.txt", "amazon", "review", "Amazon review"),
    ):
        docs: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for ident, text in _rows(name):
            doc, pos = _doc_pos(ident)
            docs[doc].append((pos, text))
        for doc in sorted(docs):
            sents = [t for _, t in sorted(docs[doc], key=lambda x: x[0]) if dedup.keep(t)]
            if sents:
                out.append(
                    (
                        f"{folder}/{stem}_{doc:03d}.txt",
                        _article(f"{headline} {doc}", _paras(sents, PARA_SENTENCES)),
                        sents,
                    )
                )
        finish(source)

    # Movie snippets and tweets: no document id, so consecutive groups of 20 (by ID).
    for source, name, folder, stem, headline, para_size in (
        ("movies", "movieReviewSnippets_GroundTruth.txt", "movies", "snippets", "Movie snippets", PARA_SENTENCES),
        ("tweets", "tweets_GroundTruth.txt", "tweets", "tweets", "Tweets", 1),
    ):
        rows = sorted(((int(i), t) for i, t in _rows(name)), key=lambda x: x[0])
        kept = [(i, t) for i, t in rows if dedup.keep(t)]
        width = len(str(len(rows)))
        for k in range(0, len(kept), GROUP_SNIPPETS):
            group = kept[k : k + GROUP_SNIPPETS]
            first, last = group[0][0], group[-1][0]
            texts = [t for _, t in group]
            out.append(
                (
                    f"{folder}/{stem}_{first:0{width}d}.txt",
                    _article(f"{headline} {first}-{last}", _paras(texts, para_size)),
                    texts,
                )
            )
        finish(source)
    return out, dropped


def totals(units: list[str]) -> tuple[int, int]:
    """(words, distinct lower-cased word types) of some texts."""
    words = sum(len(u.split()) for u in units)
    types = {w for u in units for w in _WORD.findall(u.lower())}
    return words, len(types)


def build(folder: str | Path) -> dict:
    """Write the corpus into ``folder`` (must not hold other .txt files) and return its totals."""
    folder = Path(folder)
    articles, dropped = build_articles()
    units: list[str] = []
    per_source: dict[str, list] = defaultdict(lambda: [0, 0])
    for rel, text, article_units in articles:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        units.extend(article_units)
        per_source[rel.split("/")[0]][0] += 1
        per_source[rel.split("/")[0]][1] += sum(len(u.split()) for u in article_units)
    words, types = totals(units)
    return {
        "articles": len(articles),
        "words": words,
        "types": types,
        "units": len(units),
        "dropped": dropped,
        "per_source": dict(per_source),
        "folder": str(folder),
    }


def folder_totals(folder: str | Path) -> dict:
    """Totals of an already built corpus folder (headline lines skipped)."""
    units = []
    paths = sorted(Path(folder).rglob("*.txt"))
    for path in paths:
        units.extend(path.read_text(encoding="utf-8").split("\n\n")[1:])
    words, types = totals(units)
    return {"articles": len(paths), "words": words, "types": types}


def describe(stats: dict) -> str:
    lines = [
        f"distinct corpus in {stats['folder']}: {stats['articles']:,} articles, {stats['words']:,} words, "
        f"{stats['types']:,} distinct lower-cased word types, {stats['units']:,} distinct texts"
    ]
    for source, (n, w) in stats["per_source"].items():
        dropped = stats["dropped"].get(source, 0)
        lines.append(f"  {source:<20} {n:5,} articles {w:9,} words  ({dropped} duplicates dropped)")
    if stats["words"] < MIN_WORDS:
        lines.append(f"  SHORT: {stats['words']:,} words, below the {MIN_WORDS:,} wanted (not padded by replication)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into (created; must be empty)")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        sys.exit(f"{args.out} is not empty")
    print(describe(build(args.out)))


if __name__ == "__main__":
    main()
