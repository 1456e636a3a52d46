"""Framing codebooks: the YAML format, loading and validation.

A codebook (YAML, ``docs/codebook-format.md``) names frames, each with
single-word ``terms`` and multi-word ``phrases``, and actors with their
aliases. Only PyYAML's safe loader is used; duplicate keys, alias bombs and
oversized files are refused, and every rule broken is reported with the file
and the place in it (``my.yml: frames.food.terms[2]: empty entry``). How the
entries match text is :mod:`analysis.matching`.

Every limit below is checked by :func:`parse_codebook`, so a codebook read
from a file (:func:`load_codebook`) and one given as bytes (a corpus worker)
are held to the same rules; the work is bounded before it is done: the file
is read up to the byte limit only, and the YAML nodes (aliases expanded) and
the nesting are counted while the document is composed, so a hostile file is
refused after at most :data:`MAX_YAML_NODES` nodes, in time linear in its
size, and validation is linear in the number of entries.
"""

from __future__ import annotations

import hashlib
import os
import re
import reprlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .caches import BoundedCache
from .errors import AnalysisError
from .matching import GAP, Matcher, bare_lower, compile_entry, quote_problem, token_units, word_problem

#: bytes of a codebook file (more is refused, and not read)
MAX_CODEBOOK_BYTES = 5_000_000
#: YAML aliases (``*name``) in a codebook
MAX_YAML_ALIASES = 100
#: YAML nodes (mappings, lists, keys and values), an alias counting as the nodes it repeats
MAX_YAML_NODES = 100_000
#: levels of YAML nesting, aliases expanded (a codebook needs 5: the top, frames, a frame, its terms, a term)
MAX_YAML_DEPTH = 20
#: entries in all (terms, phrases and actor aliases of every frame and actor), YAML aliases expanded
MAX_ENTRIES = 20_000
#: frames of one codebook (each is a row of the tables and figures, for every paragraph)
MAX_FRAMES = 200
#: actors of one codebook (each is a row of the actor tables and figures)
MAX_ACTORS = 200
#: characters of one entry as written
MAX_ENTRY_CHARS = 200
#: words of one entry (each part of a hyphenated word counts), ``*`` not counted
MAX_PHRASE_WORDS = 12
#: ``*`` gaps in one phrase (each skips 0 to 3 words)
MAX_PHRASE_GAPS = 4
#: characters of a frame id, a frame label or an actor name
MAX_NAME_CHARS = 100

_FRAME_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAME_KEYS = {"label", "description", "terms", "phrases"}
_TOP_KEYS = {"frames", "actors", "name", "description"}


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

    def frame_matcher(self) -> Matcher:
        if "frames" not in self._matchers:
            self._matchers["frames"] = Matcher([(f.id, f.entries) for f in self.frames.values()])
        return self._matchers["frames"]

    def actor_matcher(self) -> Matcher:
        # Overlapping aliases of different actors: the longest span wins, then the earlier, then codebook
        # order, so a name inside a longer alias counts only for the longer alias's actor ("Russian" in
        # "Russian president" is Putin's mention, not also Russia's).
        if "actors" not in self._matchers:
            self._matchers["actors"] = Matcher(list(self.actors.items()), exclusive=True)
        return self._matchers["actors"]

    def start_tokens(self) -> BoundedCache:
        """Token string -> whether one of its units can start a frame or actor entry.

        A sentence without such a token has no match, so its matching units
        need not be built (most sentences of a corpus). A unit can start an
        entry by its stem, or by its lower-cased form starting with the prefix
        of an entry that starts with a wildcard.
        """
        if "starts" not in self._matchers:
            frames, actors = self.frame_matcher(), self.actor_matcher()
            first_stems = set(frames.index) | set(actors.index)
            prefixes = frames.first_prefixes | actors.first_prefixes
            exact = frames.first_exact | actors.first_exact
            lengths = sorted({len(p) for p in prefixes})

            def may_start(token: str) -> bool:
                for unit in token_units(token):
                    if unit[0] in first_stems:
                        return True
                    low = unit[4]
                    if exact and bare_lower(low) in exact:
                        return True
                    if any(low[:k] in prefixes for k in lengths if k <= len(low)):
                        return True
                return False

            self._matchers["starts"] = BoundedCache(may_start)
        return self._matchers["starts"]


class _Refused(yaml.YAMLError):
    """A rule of the loader broken at a line of the file."""

    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line}: {problem}")
        self.line, self.problem = line, problem


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing duplicate keys, alias bombs, recursive aliases and deep nesting.

    Nodes are counted as they are composed, an alias as many nodes as the
    node it names (expanded), so a few aliases cannot multiply a list past
    :data:`MAX_YAML_NODES`; nesting is measured the same way.
    """

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0
        self._nodes = 0  # nodes composed so far, aliases expanded
        self._depth = 0  # lists and mappings open around the node being composed, plus itself
        self._deepest = 0  # the deepest level reached inside the node being composed
        self._expanded: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, levels) of its node, aliases expanded

    def _reach(self, nodes: int, depth: int, mark) -> None:
        self._nodes += nodes
        if self._nodes > MAX_YAML_NODES:
            raise _Refused(mark.line + 1, f"more than {MAX_YAML_NODES} YAML nodes (keys and values, aliases expanded)")
        if depth > MAX_YAML_DEPTH:
            raise _Refused(mark.line + 1, f"nested deeper than {MAX_YAML_DEPTH} levels (aliases expanded)")
        self._deepest = max(self._deepest, depth)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            line = event.start_mark.line + 1
            if self._aliases > MAX_YAML_ALIASES:
                raise _Refused(line, f"more than {MAX_YAML_ALIASES} YAML aliases")
            if event.anchor in self.anchors and event.anchor not in self._expanded:
                raise _Refused(line, f"the alias *{_name(event.anchor)} is inside its own anchor (a recursive value)")
            nodes, levels = self._expanded.get(event.anchor, (1, 1))  # an undefined alias: PyYAML's error
            self._reach(nodes, self._depth + levels, event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        depth, before, outer = self._depth, self._nodes, self._deepest
        self._deepest = depth
        self._reach(1, depth, event.start_mark)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        levels = self._deepest - depth + 1
        self._deepest = max(outer, self._deepest)
        if event.anchor is not None:
            self._expanded[event.anchor] = (self._nodes - before, levels)
        return node

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                raise _Refused(line, "a key must be a plain value") from None
            if key in seen:
                raise _Refused(line, f"duplicate key {_show(key)} (first at line {seen[key]})")
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def default_codebook_path() -> Path:
    """The codebook shipped with the package (``analysis/codebooks/default.yml``)."""
    return Path(str(resources.files("analysis").joinpath("codebooks/default.yml")))


def read_limited(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a file, refused past ``limit`` bytes without reading further.

    A device or an endless pipe is read up to ``limit + 1`` bytes only, and a
    named pipe without a writer reads as empty instead of waiting for one.

    Args:
        path: the file.
        limit: the most bytes accepted.
        what: what the file is, for the messages ("codebook", "gold file").

    Raises:
        AnalysisError: ``PATH: no such codebook file``, ``PATH: is a directory,
            not a codebook file``, ``PATH: cannot be read (...)`` or ``PATH:
            codebook larger than 5000000 bytes``.
    """
    path = Path(path)
    kind = what.removesuffix(" file")
    if path.is_dir():
        raise AnalysisError(f"{path}: is a directory, not a {kind} file")
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, os.O_RDONLY | nonblock)  # O_NONBLOCK: opening a FIFO does not wait for a writer
        with open(fd, "rb") as fh:
            if nonblock:
                os.set_blocking(fd, True)
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise AnalysisError(f"{path}: no such {kind} file") from None
    except OSError as exc:
        raise AnalysisError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise AnalysisError(f"{path}: {what} larger than {limit} bytes")
    return data


def read_codebook_bytes(path: str | Path | None = None) -> bytes:
    """The bytes of a codebook file (None: the default), at most :data:`MAX_CODEBOOK_BYTES`, not validated."""
    return read_limited(path if path is not None else default_codebook_path(), MAX_CODEBOOK_BYTES, "codebook")


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a YAML codebook.

    Args:
        path: a codebook file; None for the default codebook.

    Returns:
        The validated :class:`Codebook`.

    Raises:
        AnalysisError: the file is missing, not YAML, too large, or breaks a
            rule; the message names the file and the place, e.g.
            ``my.yml: frames.food.terms[2]: empty entry``.
    """
    path = Path(path) if path is not None else default_codebook_path()
    return parse_codebook(read_codebook_bytes(path), source=str(path))


def parse_codebook(data: bytes | str, *, source: str = "<codebook>") -> Codebook:
    """Validate codebook YAML given as bytes or text (see :func:`load_codebook`; the same limits)."""
    if isinstance(data, str) and len(data) > MAX_CODEBOOK_BYTES:  # more characters than bytes allowed
        raise AnalysisError(f"{source}: codebook larger than {MAX_CODEBOOK_BYTES} bytes")
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > MAX_CODEBOOK_BYTES:
        raise AnalysisError(f"{source}: codebook larger than {MAX_CODEBOOK_BYTES} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnalysisError(f"{source}: not valid UTF-8 at byte {exc.start}") from None
    try:
        doc = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise AnalysisError(f"{source}: line {exc.line}: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise AnalysisError(f"{source}: {where}not a valid codebook ({problem})") from None
    except yaml.YAMLError as exc:
        raise AnalysisError(f"{source}: not a valid codebook ({exc})") from None
    except RecursionError:  # the nesting limit comes first; this is a guard
        raise AnalysisError(f"{source}: not a valid codebook (nested too deeply)") from None
    sha = hashlib.sha256(raw).hexdigest()
    try:
        return _validate(doc, source=source, sha256=sha)
    except RecursionError:
        raise AnalysisError(f"{source}: not a valid codebook (nested too deeply)") from None


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 30
_REPR.maxlist = _REPR.maxdict = _REPR.maxtuple = _REPR.maxset = 3
_REPR.maxlevel = 2


def _show(value) -> str:
    """``repr(value)``, cut short: a message stays one short line whatever the codebook holds."""
    return _REPR.repr(value)


def _name(value) -> str:
    """A key as a place in a message (``frames.NAME``): as written if short and printable, else its repr cut short."""
    return value if isinstance(value, str) and len(value) <= 60 and value.isprintable() else _show(value)


def _fail(source: str, where: str, problem: str) -> AnalysisError:
    return AnalysisError(f"{source}: {where}: {problem}" if where else f"{source}: {problem}")


def _check_entry(value, *, source: str, where: str, phrase: bool) -> tuple[str, tuple]:
    """The entry, white space normalised, and its pattern (:func:`~analysis.matching.compile_entry`)."""
    if not isinstance(value, str):
        raise _fail(source, where, f"must be a string, not {type(value).__name__} {_show(value)}")
    if len(value) > MAX_ENTRY_CHARS:
        raise _fail(source, where, f"an entry has at most {MAX_ENTRY_CHARS} characters, not {len(value)}")
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
    for word in words:
        problem = word_problem(word)
        if problem:
            raise _fail(source, where, problem)
    problem = quote_problem(entry)
    if problem:
        raise _fail(source, where, problem)
    gaps = words.count("*")
    if gaps > MAX_PHRASE_GAPS:
        raise _fail(source, where, f"a phrase has at most {MAX_PHRASE_GAPS} '*' gaps, not {gaps} ({entry!r})")
    pattern = compile_entry(entry)
    if not pattern:
        raise _fail(source, where, f"no word to match in {entry!r}")
    if pattern[0] is GAP or pattern[-1] is GAP:
        raise _fail(
            source, where, f"a phrase cannot start or end with '*' ({entry!r}: {_edge_word(entry)!r} is no word)"
        )
    n_words = len(pattern) - gaps
    if n_words > MAX_PHRASE_WORDS:
        raise _fail(
            source,
            where,
            f"an entry has at most {MAX_PHRASE_WORDS} words (each part of a hyphenated word counts), "
            f"not {n_words} ({entry!r})",
        )
    return entry, pattern


def check_phrase(value, *, source: str) -> str:
    """One entry checked as a codebook phrase is (a concordance pattern), white space normalised.

    Raises:
        AnalysisError: ``SOURCE: PROBLEM``, the message validation gives for the entry.
    """
    return _check_entry(value, source=source, where="", phrase=True)[0]


def _edge_word(entry: str) -> str:
    """The first or last word of ``entry`` that gives nothing to match (punctuation), next to a ``*``."""
    words = entry.split(" ")
    for word in (words[0], words[-1]):
        if word != "*" and not compile_entry(word):
            return word
    return "*"


def _check_list(value, *, source: str, where: str, phrase: bool, seen: dict | None = None) -> tuple[str, ...]:
    """The entries of one list, each checked; ``seen`` (pattern -> place) finds two that match the same words."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(source, where, f"must be a list, not {type(value).__name__}")
    entries = []
    keys: dict[tuple, str] = {} if seen is None else seen
    for i, item in enumerate(value):
        place = f"{where}[{i}]"
        entry, key = _check_entry(item, source=source, where=place, phrase=phrase)
        if key in keys:
            raise _fail(source, place, f"{entry!r} matches the same words as {keys[key]}")
        keys[key] = place
        entries.append(entry)
    return tuple(entries)


def _count_entries(frames_doc: dict, actors_doc: dict) -> int:
    """Entries of every frame and actor (list lengths, YAML aliases expanded), before any is checked."""
    lists = [body.get(key) for body in frames_doc.values() if isinstance(body, dict) for key in ("terms", "phrases")]
    lists += actors_doc.values()
    return sum(len(v) for v in lists if isinstance(v, list))


def _validate(doc, *, source: str, sha256: str) -> Codebook:
    if doc is None:
        raise _fail(source, "", "empty codebook")
    if not isinstance(doc, dict):
        raise _fail(source, "", f"a codebook is a mapping with 'frames' and 'actors', not {type(doc).__name__}")
    unknown = sorted(_name(k) for k in doc if k not in _TOP_KEYS)
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
    if len(frames_doc) > MAX_FRAMES:
        raise _fail(source, "frames", f"{len(frames_doc)} frames; at most {MAX_FRAMES}")
    if len(actors_doc) > MAX_ACTORS:
        raise _fail(source, "actors", f"{len(actors_doc)} actors; at most {MAX_ACTORS}")
    total = _count_entries(frames_doc, actors_doc)
    if total > MAX_ENTRIES:
        raise _fail(
            source,
            "",
            f"{total} entries (terms, phrases and actor aliases, YAML aliases expanded); at most {MAX_ENTRIES}",
        )
    frames: dict[str, Frame] = {}
    for fid, body in frames_doc.items():
        where = f"frames.{_name(fid)}"
        if not isinstance(fid, str) or not _FRAME_ID.match(fid):
            raise _fail(source, where, "bad id (use lowercase letters, digits and _, starting with a letter)")
        if len(fid) > MAX_NAME_CHARS:
            raise _fail(source, where, f"an id has at most {MAX_NAME_CHARS} characters, not {len(fid)}")
        if not isinstance(body, dict):
            raise _fail(source, where, "must be a mapping with terms and/or phrases")
        extra = sorted(_name(k) for k in body if k not in _FRAME_KEYS)
        if extra:
            raise _fail(source, f"{where}.{extra[0]}", f"unknown key (expected {', '.join(sorted(_FRAME_KEYS))})")
        for key in ("label", "description"):
            if key in body and not isinstance(body[key], str):
                raise _fail(source, f"{where}.{key}", "must be a string")
        if len(body.get("label") or "") > MAX_NAME_CHARS:
            raise _fail(source, f"{where}.label", f"a label has at most {MAX_NAME_CHARS} characters")
        seen: dict[tuple, str] = {}  # pattern -> place: a term and a phrase may not match the same words either
        terms = _check_list(body.get("terms"), source=source, where=f"{where}.terms", phrase=False, seen=seen)
        phrases = _check_list(body.get("phrases"), source=source, where=f"{where}.phrases", phrase=True, seen=seen)
        if not terms and not phrases:
            raise _fail(source, where, "no terms and no phrases")
        frames[fid] = Frame(
            fid, body.get("label") or fid.replace("_", " "), body.get("description") or "", terms, phrases
        )
    actors: dict[str, tuple[str, ...]] = {}
    for name, aliases in actors_doc.items():
        where = f"actors.{_name(name)}"
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, where, "an actor name must be a non-empty string")
        if len(name) > MAX_NAME_CHARS:
            raise _fail(source, where, f"an actor name has at most {MAX_NAME_CHARS} characters, not {len(name)}")
        if aliases is None or aliases == []:
            raise _fail(source, where, "no aliases")
        actors[name] = _check_list(aliases, source=source, where=where, phrase=True)
    return Codebook(
        frames, actors, source=source, sha256=sha256, name=doc.get("name", ""), description=doc.get("description", "")
    )
