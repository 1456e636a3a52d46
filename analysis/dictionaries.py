"""Dictionaries of other tools as codebooks: LIWC ``.dic`` files and quanteda YAML dictionaries.

One category becomes one frame (``docs/codebook-format.md``, "Importing
dictionaries"): its single words become ``terms``, its multi-word entries
``phrases``, a trailing ``*`` (``regulat*``, a prefix wildcard in LIWC and
quanteda alike) is written through as it is. Entries are lower-cased, as
both tools match without regard to case. An entry the codebook cannot hold
(no word to match, a wildcard not at a word's end, ``?``, a duplicate of an
earlier entry of the category under the codebook's matching) is left out
and counted in :attr:`Conversion.dropped`; a category left without entries
is left out too. What comes out is checked by
:func:`analysis.codebook.parse_codebook` before it is returned.

A malformed file is one :class:`~analysis.errors.AnalysisError` naming the
file and the line: a LIWC header that does not open or close with ``%``, a
category id that is not a number or appears twice, an entry with an unknown
category id or none, a YAML value that is not a pattern, a list or a
mapping, or a dictionary without entries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .codebook import (
    MAX_CODEBOOK_BYTES,
    MAX_NAME_CHARS,
    _check_entry,
    _Refused,
    _UniqueKeyLoader,
    parse_codebook,
    read_limited,
)
from .errors import AnalysisError

_ID_CHARS = re.compile(r"[^a-z0-9_]+")
_LIWC_ID = re.compile(r"^\d+$")


@dataclass
class Category:
    """One category of a dictionary: its name (nested keys joined by ``.``), where it starts, its patterns."""

    name: str
    line: int
    patterns: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Conversion:
    """A converted dictionary: the codebook YAML and what was left out."""

    yaml: str
    kind: str
    frames: int
    entries: int
    #: ``(category, entry, reason)`` of every entry left out
    dropped: list[tuple[str, str, str]] = field(default_factory=list)
    #: categories left out for want of an entry the codebook can hold
    empty: list[str] = field(default_factory=list)


def _fail(source: str, line: int | None, problem: str) -> AnalysisError:
    return AnalysisError(f"{source}: line {line}: {problem}" if line else f"{source}: {problem}")


# --------------------------------------------------------------------------- LIWC


def parse_liwc(text: str, *, source: str) -> list[Category]:
    """Categories of a LIWC ``.dic`` file, in header order.

    The format: a ``%`` line, one ``ID<TAB>NAME`` line per category, a ``%``
    line, then one ``PATTERN<TAB>ID<TAB>ID...`` line per entry (ids may be
    separated by spaces; a pattern of several words is a phrase; ``word*`` a
    prefix wildcard). Blank lines are ignored.
    """
    lines = text.splitlines()
    numbered = [(i, line.strip()) for i, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        raise _fail(source, None, "empty dictionary")
    first_line, first = numbered[0]
    if first != "%":
        raise _fail(
            source, first_line, f"a LIWC dictionary starts with a '%' line (its category header), not {first!r}"
        )
    categories: dict[str, Category] = {}
    k = 1
    while k < len(numbered) and numbered[k][1] != "%":
        line_no, line = numbered[k]
        fields = line.split("\t") if "\t" in line else line.split(None, 1)
        fields = [f.strip() for f in fields if f.strip()]
        if len(fields) < 2 or not _LIWC_ID.match(fields[0]):
            raise _fail(source, line_no, f"a category line is 'ID<TAB>NAME' with a numeric ID, not {line!r}")
        cid = str(int(fields[0]))
        if cid in categories:
            raise _fail(source, line_no, f"category id {fields[0]} twice (first at line {categories[cid].line})")
        categories[cid] = Category(fields[1], line_no, description=f"LIWC category {fields[0]}")
        k += 1
    if k == len(numbered):
        raise _fail(source, first_line, "the category header opened here has no closing '%' line")
    if not categories:
        raise _fail(source, numbered[k][0], "the category header names no category")
    entries = 0
    for line_no, line in numbered[k + 1 :]:
        if "\t" in line:
            fields = line.split("\t")
            pattern, ids = fields[0].strip(), " ".join(fields[1:]).split()
        else:
            words = line.split()
            cut = len(words)
            while cut > 0 and _LIWC_ID.match(words[cut - 1]):
                cut -= 1
            pattern, ids = " ".join(words[:cut]), words[cut:]
        if not pattern:
            raise _fail(source, line_no, f"an entry line is 'PATTERN<TAB>ID...', not {line!r}")
        if not ids:
            raise _fail(source, line_no, f"{pattern!r} has no category id")
        for cid in ids:
            if not _LIWC_ID.match(cid):
                raise _fail(
                    source,
                    line_no,
                    f"category id {cid!r} of {pattern!r} is not a number (LIWC's conditional categories "
                    "such as '02 134/125' are not supported: give plain ids)",
                )
            key = str(int(cid))
            if key not in categories:
                raise _fail(source, line_no, f"unknown category id {cid} for {pattern!r} (not in the header)")
            categories[key].patterns.append(pattern)
        entries += 1
    if not entries:
        raise _fail(source, numbered[k][0], "empty dictionary: no entry after the category header")
    return list(categories.values())


# --------------------------------------------------------------------------- quanteda YAML


def parse_quanteda_yaml(text: str, *, source: str) -> list[Category]:
    """Categories of a quanteda YAML dictionary, in file order.

    Keys are categories; a value is a pattern, a list of patterns, or a
    mapping of nested keys (a list may hold nested mappings too). Nested keys
    become categories named ``parent.child``, as quanteda names them; a key
    holding only nested keys gives no category of its own.
    """
    loader = _UniqueKeyLoader(text)
    try:
        root = loader.get_single_node()
    except _Refused as exc:
        raise _fail(source, exc.line, exc.problem) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise _fail(source, mark.line + 1 if mark else None, f"not valid YAML ({exc.problem or exc.context})") from None
    except yaml.YAMLError as exc:
        raise _fail(source, None, f"not valid YAML ({exc})") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fail(source, None, "empty dictionary")
    if not isinstance(root, yaml.MappingNode):
        raise _fail(source, root.start_mark.line + 1, "a quanteda dictionary is a mapping of keys to patterns")
    out: list[Category] = []
    _walk_mapping(root, "", out, source)
    if not any(c.patterns for c in out):
        raise _fail(source, None, "empty dictionary: no pattern under any key")
    return out


def _scalar(node, source: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _fail(source, node.start_mark.line + 1, f"{what} must be plain text")
    return node.value


def _walk_mapping(node: yaml.MappingNode, prefix: str, out: list[Category], source: str) -> None:
    seen: dict[str, int] = {}
    for key_node, value in node.value:
        line = key_node.start_mark.line + 1
        key = _scalar(key_node, source, "a key").strip()
        if not key:
            raise _fail(source, line, "an empty key")
        if key in seen:
            raise _fail(source, line, f"duplicate key {key!r} (first at line {seen[key]})")
        seen[key] = line
        _walk_value(value, f"{prefix}{key}", line, out, source)


def _walk_value(node, name: str, line: int, out: list[Category], source: str) -> None:
    category = Category(name, line, description="quanteda dictionary key")
    out.append(category)
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:null" and node.value.strip():
            category.patterns.append(node.value)
    elif isinstance(node, yaml.MappingNode):
        _walk_mapping(node, f"{name}.", out, source)
    else:
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                if item.value.strip():
                    category.patterns.append(item.value)
            elif isinstance(item, yaml.MappingNode):
                _walk_mapping(item, f"{name}.", out, source)
            else:
                raise _fail(source, item.start_mark.line + 1, f"{name}: a list inside a list (give patterns or keys)")


# --------------------------------------------------------------------------- to a codebook


def _frame_id(name: str, taken: set[str]) -> str:
    """A frame id from a category name: lower-case ASCII letters, digits and ``_``, unique."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    base = _ID_CHARS.sub("_", ascii_name.lower()).strip("_") or "category"
    if not base[0].isalpha():
        base = f"c_{base}"
    base = base[: MAX_NAME_CHARS - 4]
    fid, k = base, 2
    while fid in taken:
        fid, k = f"{base}_{k}", k + 1
    taken.add(fid)
    return fid


def _entry_problem(pattern: str) -> str | None:
    """Why a dictionary pattern cannot be a codebook entry as written, or None."""
    if "?" in pattern:
        return "'?' wildcards are not supported"
    for word in pattern.split():
        if "*" in word.rstrip("*") or word.startswith("*"):
            return "a '*' wildcard is supported at the end of a word only"
        if word.endswith("**"):
            return "a '*' wildcard is supported at the end of a word only"
    return None


def to_codebook(categories: list[Category], *, source: str, kind: str) -> Conversion:
    """The codebook YAML of a dictionary's categories, checked by :func:`analysis.codebook.parse_codebook`."""
    frames: dict[str, dict] = {}
    dropped: list[tuple[str, str, str]] = []
    empty: list[str] = []
    taken: set[str] = set()
    n_entries = 0
    for cat in categories:
        terms: list[str] = []
        phrases: list[str] = []
        keys: dict[tuple, str] = {}
        for raw in cat.patterns:
            entry = " ".join(raw.lower().split())
            problem = _entry_problem(entry)
            if problem is None:
                phrase = " " in entry
                try:
                    entry, key = _check_entry(entry, source=source, where=cat.name, phrase=phrase)
                except AnalysisError as exc:
                    problem = str(exc).removeprefix(f"{source}: {cat.name}: ")
                else:
                    if key in keys:
                        problem = f"matches the same words as {keys[key]!r}"
                    else:
                        keys[key] = entry
                        (phrases if phrase else terms).append(entry)
            if problem is not None:
                dropped.append((cat.name, raw, problem))
        if not terms and not phrases:
            if cat.patterns:
                empty.append(cat.name)
            continue
        body: dict = {"label": cat.name[:MAX_NAME_CHARS], "description": f"{cat.description} {cat.name!r}".strip()}
        if terms:
            body["terms"] = terms
        if phrases:
            body["phrases"] = phrases
        frames[_frame_id(cat.name, taken)] = body
        n_entries += len(terms) + len(phrases)
    if not frames:
        raise _fail(source, None, "no category has an entry the codebook can hold")
    name = Path(source).name
    doc = {
        "name": f"{name} ({kind})",
        "description": f"converted from {name} ({kind}) by python -m analysis convert-codebook",
        "frames": frames,
    }
    header = [f"# Converted from {name} ({kind}) by `python -m analysis convert-codebook`."]
    if dropped:
        header.append(f"# {len(dropped)} entries left out (see the command's output).")
    text = "\n".join(header) + "\n" + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    try:
        parse_codebook(text, source=f"{source} (converted)")
    except AnalysisError as exc:
        raise AnalysisError(f"the converted codebook is refused: {exc}") from None
    return Conversion(text, kind, len(frames), n_entries, dropped, empty)


def detect_kind(path: Path, text: str) -> str:
    """``liwc`` or ``quanteda``: by the suffix (``.dic``; ``.yml``, ``.yaml``), else by a first line ``%``."""
    suffix = path.suffix.lower()
    if suffix == ".dic":
        return "liwc"
    if suffix in (".yml", ".yaml"):
        return "quanteda"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return "liwc" if first == "%" else "quanteda"


def convert_dictionary(path: str | Path, *, encoding: str = "utf-8") -> Conversion:
    """Read a LIWC ``.dic`` file or a quanteda YAML dictionary and convert it to a codebook.

    Args:
        path: the dictionary file (at most 5,000,000 bytes, as a codebook).
        encoding: its encoding (default UTF-8, a BOM allowed).

    Raises:
        AnalysisError: an unreadable or malformed file, with the file and line.
    """
    path = Path(path)
    source = str(path)
    data = read_limited(path, MAX_CODEBOOK_BYTES, "dictionary")
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _fail(source, None, f"not valid {encoding} at byte {exc.start} (give --encoding)") from None
    except LookupError:
        raise AnalysisError(f"--encoding {encoding!r}: no such codec") from None
    kind = detect_kind(path, text)
    if kind == "liwc":
        return to_codebook(parse_liwc(text, source=source), source=source, kind="LIWC dictionary")
    return to_codebook(parse_quanteda_yaml(text, source=source), source=source, kind="quanteda dictionary")
