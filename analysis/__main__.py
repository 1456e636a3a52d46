"""Command line: ``python -m analysis COMMAND ...`` (see ``--help``).

Exit status: 0 on success; 2 on bad input, bad usage or a bad codebook, on a
file system that refuses (full, read-only, a name too long) and when out of
memory, with one line ``error: ...`` on stderr and nothing half-written; 130
on Ctrl-C, and 128 + the signal's number on SIGTERM (143) or SIGHUP (129),
which stop a run as Ctrl-C does: temporary folders removed, workers ended.
Any other exception is a bug and shows its traceback.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path

from .article import STDIN, display_name, source_name
from .atomic import utf8_text
from .errors import AnalysisError
from .processes import Terminated, signals_as_interrupts

#: the most bootstrap resamples ``validate-sentiment`` accepts (10,000 took 51 s and 1.35 GB here; memory grows with N)
MAX_BOOTSTRAP = 10_000

DESCRIPTION = """\
Discourse analysis of a news article: tone per sentence and paragraph (VADER),
framing metaphors and actors (a YAML codebook), tables, annotated HTML, figures.

commands:
  analyze ARTICLE          write the tables, annotated.html and manifest.json
  evaluate ARTICLE --gold  precision/recall/F1 of the codebook against human coding
  figures ARTICLE          write the report figures (PNG + SVG) and figures/README.md
  report ARTICLE           tables, figures, executed notebooks and one self-contained report.html
  check-codebook FILE      validate a codebook and list its frames and actors
  kwic ARTICLE PATTERN     concordance of any pattern (codebook syntax, regulat* wildcards)
  corpus INPUTS... --out   the same tables for many articles, with an `article` column
  validate-sentiment       VADER vs human ratings (paper's benchmark): sentences, paragraph scores
  keywords ARTICLE         words the article uses more than a reference (G2, log ratio)
  collocations ARTICLE     adjacent word pairs or triples that go together (log-likelihood)
  convert-codebook FILE    a LIWC .dic or quanteda YAML dictionary as a codebook

Run `python -m analysis COMMAND --help` for the options of each command."""


class _Parser(argparse.ArgumentParser):
    """argparse, but bad usage is one ``error:`` line and exit 2."""

    def error(self, message: str):  # noqa: D401
        raise AnalysisError(f"{message} (see `{self.prog} --help`)")


def _seconds(text: str) -> float:
    """A positive, finite number of seconds (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, not {text!r}")
    return value


def _add_extended_min(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--extended-min",
        type=int,
        default=3,
        metavar="N",
        help="distinct entries of one frame in one paragraph that flag an extended metaphor (default: 3)",
    )


def _add_encoding(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoding", default="utf-8", help="the file's encoding, any Python codec (default: utf-8, BOM allowed)"
    )


def _add_common(p: argparse.ArgumentParser, *, codebook: bool = True) -> None:
    p.add_argument(
        "article",
        help="the article: a plain-text file, an HTML page (its main text, found by trafilatura), "
        "or - for standard input",
    )
    _add_encoding(p)
    if codebook:
        p.add_argument("--codebook", help="a YAML codebook (default: the codebook shipped with the package)")
        _add_extended_min(p)
        p.add_argument(
            "--roles",
            metavar="FILE",
            help="set block roles by hand: lines 'BLOCK ROLE' or 'FIRST-LAST ROLE', blocks numbered as in "
            "blocks.csv (docs/output-contract.md, 'Setting roles by hand'); recorded in the manifest",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m analysis", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "analyze",
        help="analyse one article and write its tables",
        description="Analyse one article: blocks, paragraphs, sentences, tokens, VADER tone, "
        "frame hits and counts, actor mentions (CSV), annotated.html and manifest.json. "
        "The output folder is replaced atomically.",
    )
    _add_common(p)
    p.add_argument("--out", help="output folder (default: data/processed/<article file stem>/)")

    p = sub.add_parser(
        "evaluate",
        help="score the codebook against a human coding",
        description="Precision, recall and F1 per frame and overall: a hit matches a gold row when "
        "paragraph and frame agree and the spans overlap.",
    )
    _add_common(p)
    p.add_argument("--gold", required=True, help="CSV with columns para, frame, text (human-coded expressions)")
    p.add_argument("--details", action="store_true", help="also list every unmatched hit and gold row")

    p = sub.add_parser(
        "figures",
        help="write the report figures",
        description="Write every report figure as PNG (254 dpi) and SVG, plus README.md listing them. "
        "A figure the article has too little data for is drawn as a note saying why.",
    )
    _add_common(p)
    p.add_argument(
        "--out",
        help="output folder (default: figures/<article file stem>/; `make figures` writes the seed's into figures/)",
    )

    p = sub.add_parser(
        "report",
        help="tables, figures, executed notebooks and report.html for any article",
        description="Analyse one article and write into --out: tables/ (as analyze), figures/ (PNG and SVG), "
        "notebooks/ (every notebook run with papermill on this article) and report.html (the executed "
        "notebooks in one self-contained page, code hidden). Never writes into the project's figures/ or "
        "data/processed/. The folder is replaced atomically; one progress line per step on stderr.",
    )
    p.add_argument("article", help="the article: a plain-text file or an HTML page")
    _add_encoding(p)
    p.add_argument("--codebook", help="a YAML codebook (default: the codebook shipped with the package)")
    p.add_argument(
        "--gold",
        help="a human coding (CSV: para, frame, text) for the notebooks' evaluation section "
        "(default: the seed's coding for the seed, none for any other article)",
    )
    p.add_argument(
        "--roles",
        metavar="FILE",
        help="set block roles by hand, as for analyze (docs/output-contract.md); used by the tables and every notebook",
    )
    p.add_argument("--out", help="the report folder (default: reports/<article file stem>/)")

    p = sub.add_parser(
        "check-codebook",
        help="validate a codebook",
        description="Validate a YAML codebook and list its frames and actors.",
    )
    p.add_argument("codebook", help="the YAML codebook")

    p = sub.add_parser(
        "kwic",
        help="concordance of any pattern",
        description="Keyword in context: every match of PATTERN in the article's headline and body, "
        "with para, sent, start, end (offsets into the loaded text), left, match, right. PATTERN is "
        "matched as a codebook entry (docs/codebook-format.md): words on stems ('send' matches 'sent'), "
        "'*' between words skipping 0 to 3 words, a word in capitals matching only capitals, a "
        "prefix wildcard 'regulat*', and a quoted word matched exactly ('\"games\"'). "
        "Printed as an aligned table, or written as CSV with --out.",
    )
    p.add_argument(
        "article",
        help="the article: a plain-text file, an HTML page (its main text, found by trafilatura), "
        "or - for standard input",
    )
    p.add_argument("pattern", help="the pattern, quoted as one argument: 'send * back', 'regulat*'")
    p.add_argument(
        "--window", type=int, default=60, metavar="N", help="characters of context on each side (default: 60)"
    )
    p.add_argument("--out", metavar="FILE.csv", help="write the lines to this CSV file instead of printing them")
    p.add_argument(
        "--codebook", help="the codebook the article is analysed with (default: the package's; not used by PATTERN)"
    )
    _add_encoding(p)

    p = sub.add_parser(
        "corpus",
        help="analyse many articles into one set of tables",
        description="Analyse many articles: the tables of `analyze` with an `article` column first "
        "(the path relative to the inputs' common folder), plus articles.csv (one row "
        "per article) and manifest.json. Rows are streamed to disk in input order, so "
        "memory stays bounded and the bytes do not depend on --jobs. The output folder "
        "is replaced atomically.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders (searched recursively) or globs")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--codebook", help="a YAML codebook (default: the codebook shipped with the package)")
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes, at most 4 per CPU (default: 1)",
    )
    p.add_argument("--format", choices=["csv", "parquet"], default="csv", help="table format (default: csv)")
    p.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local processes, or Dask (pip install -e '.[dask]') (default: local)",
    )
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="tcp://host:port (or host:port) of an existing Dask scheduler"
    )
    p.add_argument(
        "--scheduler-timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="time the scheduler has to accept the connection and answer (default: 30)",
    )
    p.add_argument("--encoding", default="utf-8", help="the articles' encoding (default: utf-8)")
    _add_extended_min(p)
    p.add_argument("--pattern", default="*.txt", help="file pattern searched in folders (default: *.txt)")
    p.add_argument(
        "--skip-bad",
        action="store_true",
        help="report and skip undecodable, binary or empty articles (default: stop with exit 2)",
    )

    p = sub.add_parser(
        "validate-sentiment",
        help="check VADER scores against human ratings",
        description="Correlate the project's VADER scores with the human ratings VADER's paper "
        "was validated on: sentence compound and label (r, weighted P/R/F1) for the "
        "four datasets, then paragraph aggregations on pseudo-paragraphs of NYT "
        "editorials (Pearson and Spearman r with bootstrap 95% intervals; chosen on "
        "half of the editorials, reported on the other half).",
    )
    p.add_argument(
        "--data",
        metavar="DIR",
        help="folder with the *_GroundTruth.txt files (default: data/external/vader_icwsm2014/ in the project)",
    )
    p.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[2, 4, 8],
        metavar="N",
        help="pseudo-paragraph sizes in sentences (default: 2 4 8)",
    )
    p.add_argument(
        "--bootstrap", type=int, default=1000, metavar="N", help="bootstrap resamples, at most 10,000 (default: 1000)"
    )
    p.add_argument("--seed", type=int, default=2014, help="bootstrap seed, 0 or more (default: 2014)")
    p.add_argument("--out", metavar="CSV", help="also write the aggregation table to this CSV file")
    p.add_argument(
        "--store",
        action="store_true",
        help="store the study's tables in the package, where the report figure reads them",
    )
    _add_exploration_parsers(sub)
    return parser


def _add_exploration_parsers(sub) -> None:
    """``keywords``, ``collocations`` and ``convert-codebook``: exploring an article before a codebook exists."""
    p = sub.add_parser(
        "keywords",
        help="keyness of the article's words against a reference",
        description="Words of the article (headline and body, lower-cased word tokens) against a reference: "
        "count, per_1000, ref_per_1000, Dunning's log-likelihood g2 (signed: negative when the article "
        "uses the word less) and Hardie's log_ratio (log2 of the ratio of relative frequencies, a zero "
        "count taken as 0.5), sorted by g2.",
    )
    p.add_argument("article", help="the article: a plain-text file, an HTML page, or - for standard input")
    p.add_argument(
        "--reference",
        default="general",
        metavar="general|nyt|PATH",
        help="general: general English (wordfreq's frequencies, shipped); nyt: the NYT editorials the package "
        "ships; PATH: a folder of articles (*.txt, searched recursively), or an analyze/corpus output folder "
        "or its tokens.csv (default: general)",
    )
    p.add_argument("--top", type=int, default=25, metavar="N", help="rows to keep, 0 for all (default: 25)")
    p.add_argument("--out", metavar="FILE.csv", help="also write the table to this CSV file")
    p.add_argument(
        "--encoding", default="utf-8", help="the article's and reference articles' encoding (default: utf-8)"
    )

    p = sub.add_parser(
        "collocations",
        help="word pairs or triples that go together",
        description="Adjacent content words (lower-cased surface forms, not stems) within sentences of the "
        "headline and body, ranked by Dunning's log-likelihood ratio (NLTK's likelihood_ratio); n-grams "
        "with a stop word, a number or punctuation are left out.",
    )
    p.add_argument("article", help="the article: a plain-text file, an HTML page, or - for standard input")
    p.add_argument("--n", type=int, choices=[2, 3], default=2, help="2: word pairs, 3: triples (default: 2)")
    p.add_argument("--min-freq", type=int, default=2, metavar="N", help="fewest occurrences (default: 2)")
    p.add_argument("--top", type=int, default=15, metavar="N", help="rows to keep, 0 for all (default: 15)")
    p.add_argument("--out", metavar="FILE.csv", help="also write the table to this CSV file")
    p.add_argument("--encoding", default="utf-8", help="the article's encoding (default: utf-8)")

    p = sub.add_parser(
        "convert-codebook",
        help="a LIWC .dic or quanteda YAML dictionary as a codebook",
        description="Convert a LIWC .dic file or a quanteda YAML dictionary into a codebook: one frame per "
        "category, words as terms, multi-word entries as phrases, trailing * wildcards kept. Entries the "
        "codebook cannot hold are left out and listed. The output is checked as check-codebook checks it "
        "and written atomically.",
    )
    p.add_argument("dictionary", metavar="FILE", help="a LIWC .dic file or a quanteda .yml dictionary")
    p.add_argument("--out", required=True, metavar="FILE.yml", help="the codebook to write")
    p.add_argument("--encoding", default="utf-8", help="the dictionary's encoding (default: utf-8, BOM allowed)")

    p = sub.add_parser(
        "metaphors",
        help="ranked metaphor candidates, by source domain, with concordance lines",
        description="The article's flagged metaphor candidates (metaphor_candidates.csv: content words whose "
        "WordNet senses and context suggest a sense that contrasts with a more basic, concrete one, after "
        "MIP/MIPVU), the best scores first, grouped by the source domain of their basic sense (the domain with "
        "most candidates first), each with its context. Candidates, not findings: a reader decides.",
    )
    p.add_argument("article", help="the article: a plain-text file, an HTML page, or - for standard input")
    p.add_argument("--top", type=int, default=30, metavar="N", help="candidates to show, 0 for all (default: 30)")
    p.add_argument("--out", metavar="FILE.csv", help="also write the table to this CSV file")
    p.add_argument("--encoding", default="utf-8", help="the article's encoding (default: utf-8)")

    p = sub.add_parser(
        "suggest-codebook",
        help="a draft codebook from the article's metaphor candidates and named entities",
        description="Write a draft codebook for the researcher to edit: one frame per source domain with at "
        "least 2 distinct flagged metaphor candidates (or 1 and an extended cluster), its terms the candidates' "
        "lemmas (exact forms where a stem would miss them), the words of its extended clusters below the flag "
        "threshold commented out; actors from the most mentioned named entities (entities.csv), their aliases "
        "the forms the article writes; a comment on each entry with its evidence. The draft passes "
        "check-codebook and is written atomically; an existing file is kept unless --force is given.",
    )
    p.add_argument("article", help="the article: a plain-text file, an HTML page, or - for standard input")
    p.add_argument("--out", required=True, metavar="FILE.yml", help="the draft codebook to write")
    p.add_argument(
        "--force", action="store_true", help="replace FILE.yml if it exists (without it, an existing file is kept)"
    )
    p.add_argument("--encoding", default="utf-8", help="the article's encoding (default: utf-8)")


def _analyze(args):
    from .corpus import check_encoding
    from .result import analyze

    if args.extended_min < 1:
        raise AnalysisError(f"--extended-min must be at least 1, not {args.extended_min}")
    check_encoding(args.encoding)
    return analyze(
        args.article,
        codebook=args.codebook,
        encoding=args.encoding,
        extended_min=args.extended_min,
        roles=args.roles,
    )


def _stem(article: str) -> str:
    """The default output folder's name for an article: its file stem, ``stdin`` for ``-``."""
    return "stdin" if article == STDIN else Path(article).stem


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _print_warnings(result, article: str) -> None:
    for message in result.warnings:
        print(f"warning: {source_name(article)}: {utf8_text(message)}", file=sys.stderr)


def cmd_analyze(args) -> int:
    result = _analyze(args)
    _print_warnings(result, args.article)
    out = Path(args.out) if args.out else Path("data/processed") / _stem(args.article)
    result.write(out)
    body = result.paragraphs[result.paragraphs["para"] > 0]
    print(
        f"{display_name(out)}: {_count(len(body), 'body paragraph')}, "
        f"{_count(int(body['n_sentences'].sum()), 'sentence')}, "
        f"{_count(len(result.frame_hits), 'frame hit')}, {_count(len(result.actor_mentions), 'actor mention')}"
    )
    return 0


def cmd_evaluate(args) -> int:
    import pandas as pd

    from .frame_evaluation import evaluate

    result = _analyze(args)
    scores, detail, unscored = evaluate(result, args.gold)
    with pd.option_context("display.width", 120, "display.max_columns", 20):
        print(scores.to_string(index=False))
    if unscored:
        print(f"not scored (no human coding for): {', '.join(unscored)}")
    if args.details:
        print()
        print(detail[~detail["matched"]].to_string(index=False))
    return 0


def cmd_figures(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .figures import write_figures

    result = _analyze(args)
    _print_warnings(result, args.article)
    out = Path(args.out) if args.out else Path("figures") / _stem(args.article)
    written = write_figures(result, out)
    print(f"{display_name(out)}: {len(written)} files")
    return 0


def cmd_report(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    from .article_report import default_gold, write_report
    from .corpus import check_encoding

    if args.article == STDIN:
        raise AnalysisError("report needs an article file, not standard input (the notebooks read the file)")
    check_encoding(args.encoding)
    out = Path(args.out) if args.out else Path("reports") / _stem(args.article)
    gold = args.gold if args.gold is not None else default_gold(args.article)
    write_report(
        args.article,
        out,
        codebook=args.codebook,
        gold=gold,
        encoding=args.encoding,
        roles=args.roles,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    print(f"{display_name(out)}: report.html, tables/, figures/, notebooks/")
    return 0


def cmd_check_codebook(args) -> int:
    from .codebook import load_codebook

    cb = load_codebook(args.codebook)
    print(f"{display_name(args.codebook)}: valid, {_count(len(cb.frames), 'frame')}, {_count(len(cb.actors), 'actor')}")
    for f in cb.frames.values():
        print(f"  frame {f.id}: {_count(len(f.terms), 'term')}, {_count(len(f.phrases), 'phrase')}")
    for name, aliases in cb.actors.items():
        print(f"  actor {name}: {', '.join(aliases)}")
    return 0


def cmd_kwic(args) -> int:
    from .corpus import check_encoding
    from .framing import compile_pattern, concordance
    from .result import analyze

    if args.window < 1:
        raise AnalysisError(f"--window must be at least 1, not {args.window}")
    compile_pattern(args.pattern)  # a bad pattern is refused before the article is read
    check_encoding(args.encoding)
    result = analyze(args.article, codebook=args.codebook, encoding=args.encoding)
    _print_warnings(result, args.article)
    lines = concordance(result, args.pattern, window=args.window)
    if args.out:
        from .atomic import atomic_file

        with atomic_file(args.out) as tmp:
            lines.to_csv(tmp, index=False, lineterminator="\n")
        print(f"{display_name(args.out)}: {len(lines)} lines")
        return 0
    print(_aligned(lines))
    return 0


def _aligned(lines) -> str:
    """A concordance as text: numbers and the left context right-aligned, the rest left-aligned."""
    columns = list(lines.columns)
    cells = [columns] + [[str(v) for v in row] for row in lines.itertuples(index=False)]
    widths = [max(len(row[k]) for row in cells) for k in range(len(columns))]
    right = {"para", "sent", "start", "end", "left"}
    out = []
    for row in cells:
        parts = [c.rjust(w) if name in right else c.ljust(w) for c, w, name in zip(row, widths, columns)]
        out.append("  ".join(parts).rstrip())
    return "\n".join(utf8_text(line) for line in out)


def cmd_validate_sentiment(args) -> int:
    from .atomic import atomic_file
    from .paths import EXTERNAL
    from .tone_validity import format_report, run_study, store_study

    if not 1 <= args.bootstrap <= MAX_BOOTSTRAP:
        raise AnalysisError(f"--bootstrap must be from 1 to {MAX_BOOTSTRAP:,}, not {args.bootstrap}")
    if min(args.sizes) < 1:
        raise AnalysisError(f"--sizes must be at least 1, not {min(args.sizes)}")
    if args.seed < 0:
        raise AnalysisError(f"--seed must be 0 or more, not {args.seed}")
    data = Path(args.data) if args.data else EXTERNAL / "vader_icwsm2014"
    if not data.is_dir():
        raise AnalysisError(f"{display_name(data)}: no such folder (the VADER ground-truth files)")
    out = Path(args.out) if args.out else None
    if out is not None:  # checked before the study runs, not after
        if not out.parent.is_dir():
            raise AnalysisError(f"{display_name(out)}: the folder {display_name(out.parent)} does not exist")
        if not os.access(out.parent, os.W_OK):
            raise AnalysisError(f"{display_name(out)}: cannot write here (the folder is read-only)")
    study = run_study(data, sizes=args.sizes, n_resamples=args.bootstrap, seed=args.seed)
    if out is not None:
        with atomic_file(out) as tmp:
            study["aggregation"].to_csv(tmp, index=False, float_format="%.4f", lineterminator="\n")
    if args.store:
        for path in store_study(study):
            print(f"{path}: stored")
    print(format_report(study))
    if out is not None:
        print(f"{display_name(out)}: {len(study['aggregation'])} rows")
    return 0


def cmd_corpus(args) -> int:
    from .corpus import run_corpus

    manifest = run_corpus(
        args.inputs,
        args.out,
        codebook=args.codebook,
        jobs=args.jobs,
        fmt=args.format,
        engine=args.engine,
        scheduler=args.scheduler,
        encoding=args.encoding,
        extended_min=args.extended_min,
        skip_bad=args.skip_bad,
        pattern=args.pattern,
        scheduler_timeout=args.scheduler_timeout,
    )
    inputs = manifest["inputs"]
    print(f"{display_name(args.out)}: {inputs['analysed']} articles analysed, {len(inputs['skipped'])} skipped")
    return 0


def _check_top(top: int) -> None:
    if top < 0:
        raise AnalysisError(f"--top must be 0 (all rows) or more, not {top}")


def _write_table(df, out: str | None) -> None:
    """Print a table; with ``out``, also write it as CSV (atomically) and say so."""
    import pandas as pd

    from .atomic import atomic_file

    if out is not None:
        with atomic_file(out) as tmp:
            df.to_csv(tmp, index=False, lineterminator="\n")
    with pd.option_context("display.width", 120, "display.max_rows", None, "display.max_columns", 20):
        print(df.to_string(index=False) if len(df) else "(no rows)")
    if out is not None:
        print(f"{display_name(out)}: {len(df)} rows")


def _article_tokens(article: str, encoding: str):
    """The token table of an article, read and analysed as ``analyze`` does (warnings printed)."""
    from .corpus import check_encoding
    from .result import analyze

    check_encoding(encoding)
    result = analyze(article, encoding=encoding)
    _print_warnings(result, article)
    return result


def cmd_keywords(args) -> int:
    from .keyness import article_counts, keyness, load_reference

    _check_top(args.top)
    result = _article_tokens(args.article, args.encoding)
    reference = load_reference(args.reference, encoding=args.encoding)
    counts = article_counts(result.tokens)
    table = keyness(counts, reference, top=args.top)
    print(f"{sum(counts.values())} words of the article against {reference.name}: {reference.total} words")
    _write_table(table, args.out)
    return 0


def cmd_collocations(args) -> int:
    from .vocabulary import collocations

    _check_top(args.top)
    if args.min_freq < 1:
        raise AnalysisError(f"--min-freq must be at least 1, not {args.min_freq}")
    result = _article_tokens(args.article, args.encoding)
    table = collocations(result.tokens, top=args.top, min_freq=args.min_freq, body_only=False, n=args.n)
    _write_table(table, args.out)
    return 0


def cmd_convert_codebook(args) -> int:
    from .atomic import atomic_file
    from .corpus import check_encoding
    from .dictionaries import convert_dictionary

    check_encoding(args.encoding)
    conversion = convert_dictionary(args.dictionary, encoding=args.encoding)
    with atomic_file(args.out) as tmp:
        tmp.write_text(conversion.yaml, encoding="utf-8")
    print(
        f"{display_name(args.out)}: {conversion.frames} frames, {conversion.entries} entries "
        f"from {display_name(args.dictionary)} ({conversion.kind})"
    )
    for category, entry, reason in conversion.dropped:
        print(f"  left out: {category}: {entry!r}: {reason}")
    for category in conversion.empty:
        print(f"  left out: category {category}: no entry left")
    return 0


def cmd_metaphors(args) -> int:
    from .metaphor import DEFAULT_THRESHOLD
    from .suggest import metaphor_report

    _check_top(args.top)
    result = _article_tokens(args.article, args.encoding)
    table = metaphor_report(result, top=args.top)
    c = result.metaphor_candidates
    header = (
        f"{int(c['flagged'].sum())} flagged of {len(c)} candidate words (flagged: score >= {DEFAULT_THRESHOLD} "
        "of 1; `analyze` writes every candidate to metaphor_candidates.csv)"
    )
    if args.out:
        from .atomic import atomic_file

        with atomic_file(args.out) as tmp:  # written before anything is printed: a bad --out prints nothing
            table.to_csv(tmp, index=False, lineterminator="\n")
    print(header)
    for domain, group in table.groupby("source_domain", sort=False):
        print(f"\n{domain} ({len(group)})")
        print(_aligned(group[["para", "score", "left", "text", "right"]].rename(columns={"text": "match"})))
    if table.empty:
        print("(no flagged candidate)")
    if args.out:
        print(f"{display_name(args.out)}: {len(table)} rows")
    return 0


def cmd_suggest_codebook(args) -> int:
    from .atomic import atomic_file
    from .codebook import parse_codebook
    from .suggest import draft_codebook

    if not args.force and os.path.lexists(args.out):
        raise AnalysisError(
            f"{display_name(args.out)} exists (an edited draft would be lost): give another --out, or --force "
            "to replace it"
        )
    result = _article_tokens(args.article, args.encoding)
    text = draft_codebook(result, name=display_name(args.article))
    with atomic_file(args.out) as tmp:
        tmp.write_text(text, encoding="utf-8")
    draft = parse_codebook(text, source=display_name(args.out))
    print(
        f"{display_name(args.out)}: a draft codebook, {_count(len(draft.frames), 'frame')} and "
        f"{_count(len(draft.actors), 'actor')}; edit it, then run check-codebook"
    )
    return 0


COMMANDS = {
    "analyze": cmd_analyze,
    "evaluate": cmd_evaluate,
    "figures": cmd_figures,
    "report": cmd_report,
    "check-codebook": cmd_check_codebook,
    "kwic": cmd_kwic,
    "corpus": cmd_corpus,
    "validate-sentiment": cmd_validate_sentiment,
    "keywords": cmd_keywords,
    "collocations": cmd_collocations,
    "convert-codebook": cmd_convert_codebook,
    "metaphors": cmd_metaphors,
    "suggest-codebook": cmd_suggest_codebook,
}


def _error(message: str) -> None:
    """``error: MESSAGE`` on stderr, always one line, whatever bytes the file names in it hold."""
    try:
        print("error: " + " ".join(utf8_text(message).split()), file=sys.stderr)
    except OSError:  # no terminal left to tell (SIGHUP)
        pass


def _os_error(exc: OSError) -> str:
    """An unexpected file-system error as one line naming the file."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is None:
        return reason
    return f"{display_name(os.fsdecode(exc.filename))}: {reason}"


def main(argv: list[str] | None = None) -> int:
    try:
        with signals_as_interrupts():  # SIGTERM and SIGHUP stop the run as Ctrl-C does
            parser = build_parser()  # inside: a Ctrl-C while argparse loads is handled too
            args = parser.parse_args(argv)
            if not args.command:
                parser.print_help()
                return 0
            return COMMANDS[args.command](args)
    except AnalysisError as exc:
        _error(str(exc))
        return 2
    except Terminated as exc:
        _error(f"terminated by {exc.name}; nothing was written")
        return 128 + exc.signum
    except KeyboardInterrupt:
        _error("interrupted; nothing was written")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file system that refuses (full, read-only, a name too long), wherever it happens
        _error(_os_error(exc))
        return 2
    except MemoryError:
        _error("out of memory (try fewer --jobs, or smaller inputs)")
        return 2


if __name__ == "__main__":
    sys.exit(main())
