"""Derive ``analysis/resources/general_english.tsv.gz`` from wordfreq: run once, never at run time.

The package reads the derived table only; wordfreq is not a dependency.
To rebuild the table (the same bytes for the same wordfreq release)::

    python -m venv /tmp/wordfreq && /tmp/wordfreq/bin/pip install wordfreq==3.1.1
    /tmp/wordfreq/bin/python tools/general_english.py

What it keeps: wordfreq's ``large`` English list, words with at least one
letter and no digit (wordfreq folds multi-digit numbers into ``0`` shapes),
ranked by frequency (ties by word), the first :data:`TOP`; each with its
frequency in counts per billion words, rounded. A dotted abbreviation that
wordfreq stores without its final full stop ("u.s", "e.g") gets it back
("u.s.", "e.g."), as this package's tokenizer keeps it. The file is gzip with
no name and no time stamp, so its bytes depend on the data only.

Licence: wordfreq's data is CC BY-SA 4.0 (Robyn Speer, wordfreq v3.1.1,
https://github.com/rspeer/wordfreq); the derived table is shared under the
same licence, with the credit written into its header.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
from pathlib import Path

TOP = 50_000
OUT = Path(__file__).resolve().parents[1] / "analysis" / "resources" / "general_english.tsv.gz"
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")


def derive(freqs: dict[str, float], *, top: int = TOP) -> list[tuple[str, int]]:
    """``(word, counts per billion)`` of the ``top`` most frequent words with a letter and no digit."""
    words = [(w, f) for w, f in freqs.items() if _LETTER.search(w) and not _DIGIT.search(w) and w.split() == [w]]
    words.sort(key=lambda wf: (-wf[1], wf[0]))
    out = []
    for word, freq in words[:top]:
        out.append((word + "." if _DOTTED.match(word) else word, round(freq * 1e9)))
    return out


def main() -> int:
    import wordfreq

    version = getattr(wordfreq, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("wordfreq")
    rows = derive(wordfreq.get_frequency_dict("en", wordlist="large"))
    header = [
        f"# General English word frequencies: the {len(rows):,} most frequent words of wordfreq {version}",
        "# (Robyn Speer, https://github.com/rspeer/wordfreq, doi:10.5281/zenodo.7199437), 'large' English list,",
        "# words with a letter and no digit, in counts per billion words (rounded). Derived by",
        "# tools/general_english.py. Licence: CC BY-SA 4.0, as wordfreq's data",
        "# (https://creativecommons.org/licenses/by-sa/4.0/); see analysis/resources/SOURCE-general_english.txt.",
        "# total: 1000000000",
        "word\tper_billion",
    ]
    text = "\n".join(header + [f"{w}\t{n}" for w, n in rows]) + "\n"
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{OUT}: {len(rows)} words, {len(buf.getvalue()):,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
