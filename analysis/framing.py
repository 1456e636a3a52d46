"""Framing codebooks: loading and validation, matching, counts, extended metaphors.

A codebook (YAML, see DESIGN.md) names frames, each with single-word ``terms``
and multi-word ``phrases``, and actors with their aliases. Matching rules:

* case-insensitive on Snowball stems after mapping irregular forms to their
  base (``send`` matches "sent"; ``squatter`` matches "squatters"; a possessive
  "Washington's" matches ``Washington``);
* an entry whose word is written in capitals (``US``, ``NATO``) matches only
  text in capitals, so ``US`` never matches the pronoun "us";
* a phrase matches its words in order within one sentence; punctuation between
  them is ignored; ``*`` skips 0 to 3 words (``send * back``);
* hyphenated and spaced forms match each other (``real estate`` matches
  "real-estate");
* within one frame (or one actor) a word is counted once: the longest match
  wins, ties go to the earlier match; two frames may count the same words.

Entries are indexed by the stem of their first word, so a sentence is matched
by one dictionary look-up per word, whatever the size of the codebook.

This finds words, not meanings: a reader decides whether a hit is a metaphor
(see ``python -m analysis evaluate`` for precision against human coding).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .errors import AnalysisError
from .tokenize import stem_word, token_spans

if TYPE_CHECKING:  # pandas is imported where a DataFrame is made (corpus runs need none)
    import pandas as pd

GAP = None  #: marks a ``*`` in a compiled pattern
MAX_GAP = 3
CONTEXT_CHARS = 60
MAX_CODEBOOK_BYTES = 5_000_000
MAX_YAML_ALIASES = 100

HIT_COLUMNS = ["para", "sent", "frame", "entry", "start", "end", "matched_text", "left", "right"]
COUNT_COLUMNS = ["para", "frame", "hits", "distinct_entries", "extended"]
MENTION_COLUMNS = ["para", "sent", "actor", "alias", "start", "end", "matched_text"]

_FRAME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_HYPHENS = re.compile(r"[\u2010\u2011-]")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_FRAME_KEYS = {"label", "description", "terms", "phrases"}
_TOP_KEYS = {"frames", "actors", "name", "description"}


# --------------------------------------------------------------------------- codebook


@dataclass(frozen=True)
class Frame:
    """One frame of a codebook."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def entries(self) -> tuple[str, ...]:
        return self.terms + self.phrases


@dataclass
class Codebook:
    """A validated codebook: frames and actors in file order, plus provenance."""

    frames: dict[str, Frame]
    actors: dict[str, tuple[str, ...]]
    source: str = "<memory>"
    sha256: str = ""
    name: str = ""
    description: str = ""
    _matchers: dict = field(default_factory=dict, repr=False, compare=False)

    def frame_matcher(self) -> "Matcher":
        if "frames" not in self._matchers:
            self._matchers["frames"] = Matcher([(f.id, f.entries) for f in self.frames.values()])
        return self._matchers["frames"]

    def actor_matcher(self) -> "Matcher":
        if "actors" not in self._matchers:
            self._matchers["actors"] = Matcher(list(self.actors.items()))
        return self._matchers["actors"]

    def start_tokens(self) -> "_StartTokens":
        """Token string -> whether one of its units is the first stem of a frame or actor entry.

        A sentence without such a token has no match, so its matching units
        need not be built (most sentences of a corpus).
        """
        if "starts" not in self._matchers:
            self._matchers["starts"] = _StartTokens(set(self.frame_matcher().index) | set(self.actor_matcher().index))
        return self._matchers["starts"]


class _StartTokens(dict):
    """See :meth:`Codebook.start_tokens` (cached per token string, bounded)."""

    def __init__(self, first_stems: set[str]):
        super().__init__()
        self.first_stems = first_stems

    def __missing__(self, token: str) -> bool:
        if len(self) >= 1 << 18:
            self.clear()
        starts = self[token] = any(unit[0] in self.first_stems for unit in token_units(token))
        return starts


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing duplicate keys and alias bombs."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"line {mark.line + 1}: more than {MAX_YAML_ALIASES} YAML aliases")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.YAMLError(f"line {key_node.start_mark.line + 1}: a key must be a plain value") from None
            if key in seen:
                raise yaml.YAMLError(
                    f"line {key_node.start_mark.line + 1}: duplicate key {key!r} "
                    f"(first at line {seen[key] + 1})"
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def default_codebook_path() -> Path:
    """The codebook shipped with the package (``analysis/codebooks/default.yml``)."""
    return Path(str(resources.files("analysis").joinpath("codebooks/default.yml")))


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a YAML codebook.

    Args:
        path: a codebook file; None for the default codebook.

    Returns:
        The validated :class:`Codebook`.

    Raises:
        AnalysisError: the file is missing, not YAML, or breaks a rule; the
            message names the file and the place, e.g.
            ``my.yml: frames.food.terms[2]: empty entry``.
    """
    path = Path(path) if path is not None else default_codebook_path()
    if path.is_dir():
        raise AnalysisError(f"{path}: is a directory, not a codebook file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AnalysisError(f"{path}: no such codebook file") from None
    except OSError as exc:
        raise AnalysisError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return parse_codebook(data, source=str(path))


def parse_codebook(data: bytes | str, *, source: str = "<codebook>") -> Codebook:
    """Validate codebook YAML given as bytes or text (see :func:`load_codebook`)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > MAX_CODEBOOK_BYTES:
        raise AnalysisError(f"{source}: codebook larger than {MAX_CODEBOOK_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{source}: not valid UTF-8 at byte {exc.start}") from None
    try:
        doc = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise AnalysisError(f"{source}: {where}not a valid codebook ({problem})") from None
    except yaml.YAMLError as exc:
        raise AnalysisError(f"{source}: not a valid codebook ({exc})") from None
    sha = hashlib.sha256(raw).hexdigest()
    return _validate(doc, source=source, sha256=sha)


def _fail(source: str, where: str, problem: str) -> AnalysisError:
    return AnalysisError(f"{source}: {where}: {problem}" if where else f"{source}: {problem}")


def _check_entry(value, *, source: str, where: str, phrase: bool) -> str:
    if not isinstance(value, str):
        raise _fail(source, where, f"must be a string, not {type(value).__name__} {value!r}")
    entry = " ".join(value.split())
    if not entry:
        raise _fail(source, where, "empty entry")
    words = entry.split(" ")
    if all(w == "*" for w in words):
        raise _fail(source, where, "a phrase cannot be only '*'")
    if words[0] == "*" or words[-1] == "*":
        raise _fail(source, where, f"a phrase cannot start or end with '*' ({entry!r})")
    if not phrase and (len(words) > 1 or "*" in words):
        raise _fail(source, where, f"a term is a single word; put {entry!r} under phrases")
    if not compile_entry(entry):
        raise _fail(source, where, f"no word to match in {entry!r}")
    return entry


def _check_list(value, *, source: str, where: str, phrase: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(source, where, f"must be a list, not {type(value).__name__}")
    entries = []
    keys: dict[tuple, int] = {}
    for i, item in enumerate(value):
        entry = _check_entry(item, source=source, where=f"{where}[{i}]", phrase=phrase)
        key = compile_entry(entry)
        if key in keys:
            raise _fail(source, f"{where}[{i}]", f"{entry!r} matches the same words as {where}[{keys[key]}]")
        keys[key] = i
        entries.append(entry)
    return tuple(entries)


def _validate(doc, *, source: str, sha256: str) -> Codebook:
    if doc is None:
        raise _fail(source, "", "empty codebook")
    if not isinstance(doc, dict):
        raise _fail(source, "", f"a codebook is a mapping with 'frames' and 'actors', not {type(doc).__name__}")
    unknown = sorted(str(k) for k in doc if k not in _TOP_KEYS)
    if unknown:
        raise _fail(source, unknown[0], f"unknown key (expected one of {', '.join(sorted(_TOP_KEYS))})")
    for key in ("name", "description"):
        if key in doc and not isinstance(doc[key], str):
            raise _fail(source, key, "must be a string")
    frames_doc = doc.get("frames") or {}
    actors_doc = doc.get("actors") or {}
    if not isinstance(frames_doc, dict):
        raise _fail(source, "frames", "must be a mapping of frame ids")
    if not isinstance(actors_doc, dict):
        raise _fail(source, "actors", "must be a mapping of actor names to aliases")
    if not frames_doc and not actors_doc:
        raise _fail(source, "", "no frames and no actors")
    frames: dict[str, Frame] = {}
    for fid, body in frames_doc.items():
        where = f"frames.{fid}"
        if not isinstance(fid, str) or not _FRAME_ID.match(fid):
            raise _fail(source, where, "bad id (use lowercase letters, digits and _, starting with a letter)")
        if not isinstance(body, dict):
            raise _fail(source, where, "must be a mapping with terms and/or phrases")
        extra = sorted(str(k) for k in body if k not in _FRAME_KEYS)
        if extra:
            raise _fail(source, f"{where}.{extra[0]}", f"unknown key (expected {', '.join(sorted(_FRAME_KEYS))})")
        for key in ("label", "description"):
            if key in body and not isinstance(body[key], str):
                raise _fail(source, f"{where}.{key}", "must be a string")
        terms = _check_list(body.get("terms"), source=source, where=f"{where}.terms", phrase=False)
        phrases = _check_list(body.get("phrases"), source=source, where=f"{where}.phrases", phrase=True)
        if not terms and not phrases:
            raise _fail(source, where, "no terms and no phrases")
        seen = {compile_entry(t): f"terms[{i}]" for i, t in enumerate(terms)}
        for i, p in enumerate(phrases):
            if compile_entry(p) in seen:
                raise _fail(source, f"{where}.phrases[{i}]", f"{p!r} matches the same words as {where}.{seen[compile_entry(p)]}")
        frames[fid] = Frame(fid, body.get("label") or fid.replace("_", " "), body.get("description") or "", terms, phrases)
    actors: dict[str, tuple[str, ...]] = {}
    for name, aliases in actors_doc.items():
        where = f"actors.{name}"
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, where, "an actor name must be a non-empty string")
        if aliases is None or aliases == []:
            raise _fail(source, where, "no aliases")
        actors[name] = _check_list(aliases, source=source, where=where, phrase=True)
    return Codebook(frames, actors, source=source, sha256=sha256,
                    name=doc.get("name", ""), description=doc.get("description", ""))


# --------------------------------------------------------------------------- matching


@lru_cache(maxsize=1 << 18)
def token_units(token: str) -> tuple[tuple[str, bool, int, int], ...]:
    """What matching sees of one token: ``(stem, capitals, start, end)`` per word part.

    Punctuation gives nothing (it is transparent to phrases); a hyphenated
    word gives one unit per part, so "real-estate" matches ``real estate``;
    offsets are relative to the token. Cached by token string.
    """
    if not any(ch.isalnum() for ch in token):
        return ()
    units = []
    pos = 0
    for part in _HYPHENS.split(token) if _HYPHENS.search(token) else (token,):
        if part:
            bare = _POSSESSIVE.sub("", part) or part
            units.append((stem_word(part), bare.isupper() and len(bare) > 1, pos, pos + len(part)))
        pos += len(part) + 1
    return tuple(units)


def sentence_units(text: str, spans) -> list[tuple[str, bool, int, int]]:
    """Matching units of one sentence, offsets into ``text``."""
    return [(key, upper, s + a, s + b) for s, e in spans for key, upper, a, b in token_units(text[s:e])]


def compile_entry(entry: str) -> tuple:
    """An entry as a pattern: a tuple of ``(stem, capitals_only)`` or :data:`GAP`."""
    pattern: list = []
    for word in entry.split():
        if word == "*":
            pattern.append(GAP)
            continue
        for key, upper, _, _ in sentence_units(word, token_spans(word)):
            pattern.append((key, upper))
    # a pattern of gaps only, or gaps at the ends, is refused by validation
    return tuple(pattern) if any(p is not GAP for p in pattern) else ()


class Matcher:
    """Entries of several groups (frames, or actors) indexed by first stem.

    Args:
        groups: ``(group name, entries)`` pairs in codebook order.
    """

    def __init__(self, groups: list[tuple[str, tuple[str, ...]]]):
        self.groups = [g for g, _ in groups]
        self.index: dict[str, list[tuple[int, str, tuple]]] = {}
        for gi, (_, entries) in enumerate(groups):
            for entry in entries:
                pattern = compile_entry(entry)
                self.index.setdefault(pattern[0][0], []).append((gi, entry, pattern))

    @staticmethod
    def _match_at(units: list, i: int, pattern: tuple) -> int | None:
        """Index just past the match of ``pattern`` starting at unit ``i``, shortest gaps first."""

        def step(ui: int, pi: int) -> int | None:
            if pi == len(pattern):
                return ui
            item = pattern[pi]
            if item is GAP:
                for skip in range(MAX_GAP + 1):
                    end = step(ui + skip, pi + 1)
                    if end is not None:
                        return end
                return None
            if ui >= len(units):
                return None
            key, upper = item
            unit = units[ui]
            if unit[0] != key or (upper and not unit[1]):
                return None
            return step(ui + 1, pi + 1)

        return step(i, 0)

    def find_units(self, units: list) -> list[tuple[int, str, int, int]]:
        """Matches among one sentence's units: ``(group index, entry, start, end)``.

        Args:
            units: ``(stem, capitals, start, end)`` tuples (:func:`sentence_units`).
        """
        index = self.index
        candidates = []
        for i, unit in enumerate(units):
            entries = index.get(unit[0])
            if entries:
                for gi, entry, pattern in entries:
                    j = self._match_at(units, i, pattern) if len(pattern) > 1 else i + 1
                    if j is not None and (len(pattern) > 1 or not pattern[0][1] or unit[1]):
                        candidates.append((gi, i, j, entry))
        if not candidates:
            return []
        # longest match first, then earlier, then codebook order; a unit is counted once per group
        candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
        taken: dict[int, set[int]] = {}
        out = []
        for gi, i, j, entry in candidates:
            used = taken.setdefault(gi, set())
            if used.isdisjoint(range(i, j)):
                used.update(range(i, j))
                out.append((gi, entry, units[i][2], units[j - 1][3]))
        out.sort(key=lambda m: (m[2], -m[3], m[0]))
        return out

    def find(self, text: str, spans) -> list[tuple[int, str, int, int]]:
        """Matches in one sentence given its token spans (offsets into ``text``)."""
        return self.find_units(sentence_units(text, spans))


# --------------------------------------------------------------------------- helpers for notebooks


def _hits_of(hits_or_result) -> pd.DataFrame:
    return hits_or_result.frame_hits if hasattr(hits_or_result, "frame_hits") else hits_or_result


def kwic(hits_or_result, frame: str | None = None, *, window: int = 40) -> pd.DataFrame:
    """Keyword-in-context lines of frame hits.

    Args:
        hits_or_result: an Analysis or a frame_hits table.
        frame: keep only this frame (None: all).
        window: characters of context on each side (at most 60, the stored context).

    Returns:
        para, sent, frame, entry, left, match, right; the left context is
        right-aligned to ``window`` characters, white space collapsed.
    """
    hits = _hits_of(hits_or_result)
    if frame is not None:
        hits = hits[hits["frame"] == frame]
    squash = lambda s: " ".join(str(s).split())  # noqa: E731
    import pandas as pd

    return pd.DataFrame({
        "para": hits["para"].to_numpy(),
        "sent": hits["sent"].to_numpy(),
        "frame": hits["frame"].to_numpy(),
        "entry": hits["entry"].to_numpy(),
        "left": [squash(s)[-window:].rjust(window) for s in hits["left"]],
        "match": hits["matched_text"].to_numpy(),
        "right": [squash(s)[:window] for s in hits["right"]],
    })


def frame_matrix(counts_or_result, *, value: str = "hits") -> pd.DataFrame:
    """Frames (rows, codebook order) by paragraphs (columns) of ``hits`` or ``distinct_entries``."""
    counts = counts_or_result.frame_counts if hasattr(counts_or_result, "frame_counts") else counts_or_result
    frames = list(dict.fromkeys(counts["frame"]))
    return counts.pivot(index="frame", columns="para", values=value).reindex(frames)


def codebook_table(codebook: Codebook) -> pd.DataFrame:
    """One row per frame: id, label, number of terms and phrases, and the entries themselves."""
    import pandas as pd

    return pd.DataFrame([
        {"frame": f.id, "label": f.label, "terms": len(f.terms), "phrases": len(f.phrases),
         "entries": ", ".join(f.entries)}
        for f in codebook.frames.values()
    ], columns=["frame", "label", "terms", "phrases", "entries"])
