"""Framing codebooks: the YAML format, loading and validation.

A codebook (YAML, ``docs/codebook-format.md``) names frames, each with
single-word ``terms`` and multi-word ``phrases``, and actors with their
aliases. Only PyYAML's safe loader is used; duplicate keys, alias bombs and
oversized files are refused, and every rule broken is reported with the file
and the place in it (``my.yml: frames.food.terms[2]: empty entry``). How the
entries match text is :mod:`analysis.matching`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .caches import BoundedCache
from .errors import AnalysisError
from .matching import Matcher, compile_entry, token_units

MAX_CODEBOOK_BYTES = 5_000_000
MAX_YAML_ALIASES = 100

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
        if "actors" not in self._matchers:
            self._matchers["actors"] = Matcher(list(self.actors.items()))
        return self._matchers["actors"]

    def start_tokens(self) -> BoundedCache:
        """Token string -> whether one of its units is the first stem of a frame or actor entry.

        A sentence without such a token has no match, so its matching units
        need not be built (most sentences of a corpus).
        """
        if "starts" not in self._matchers:
            first_stems = set(self.frame_matcher().index) | set(self.actor_matcher().index)
            self._matchers["starts"] = BoundedCache(
                lambda token: any(unit[0] in first_stems for unit in token_units(token))
            )
        return self._matchers["starts"]


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
                    f"line {key_node.start_mark.line + 1}: duplicate key {key!r} (first at line {seen[key] + 1})"
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
                raise _fail(
                    source, f"{where}.phrases[{i}]", f"{p!r} matches the same words as {where}.{seen[compile_entry(p)]}"
                )
        frames[fid] = Frame(
            fid, body.get("label") or fid.replace("_", " "), body.get("description") or "", terms, phrases
        )
    actors: dict[str, tuple[str, ...]] = {}
    for name, aliases in actors_doc.items():
        where = f"actors.{name}"
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, where, "an actor name must be a non-empty string")
        if aliases is None or aliases == []:
            raise _fail(source, where, "no aliases")
        actors[name] = _check_list(aliases, source=source, where=where, phrase=True)
    return Codebook(
        frames, actors, source=source, sha256=sha256, name=doc.get("name", ""), description=doc.get("description", "")
    )
