"""The settings of one run, built once (from the command line or a settings file) and passed to every stage.

Each stage reads only its part (:meth:`Settings.part`), and the digest of that part is in the key of the
state the stage keeps in the store, so a changed parameter redoes exactly the stages that read it (and
those after it whose inputs change). A value out of range is refused here with one line
(:class:`SettingsError`), before anything is read or stored.
"""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .copies import CopyParams
from .ingest import MAX_ARTICLE_BYTES
from .stories import StoryParams

EMBED_CHOICES = ("auto", "on", "off")
ENGINES = ("local", "ray")
THREAD_FIELDS = ("thread_threshold", "thread_window_days")
"""The story parameters only thread linking reads: the story stage's state does not depend on them."""


class SettingsError(ValueError):
    """A setting that cannot be used: unknown, of the wrong type or out of range (bad use, exit code 2)."""


@dataclass(frozen=True)
class Settings:
    """Everything a run may be told: the copy and story parameters, the attribution path, claim alignment
    by meaning, where the work runs, and how inputs are read.

    ``nlp`` is "default" (spaCy when installed), None (rules only) or a loaded spaCy pipeline; ``embed``
    is "auto", "on" or "off" (:func:`storyline.pipeline.wants_embeddings`); ``workers`` is, with the local
    engine, how many processes share the attributions and scope analyses (None: one per core when enough
    articles need them; 1: all in this process), with Ray the CPUs of a local Ray instance.
    ``stories.split_days`` is ``--story-windows``.
    """

    copies: CopyParams = field(default_factory=CopyParams)
    stories: StoryParams = field(default_factory=StoryParams)
    nlp: Any = "default"
    embed: str = "auto"
    engine: str = "local"
    address: str | None = None
    workers: int | None = None
    max_article_bytes: int = MAX_ARTICLE_BYTES
    batch_size: int = 200
    replace: bool = False
    reread: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.copies, CopyParams):
            raise SettingsError("copies must be CopyParams")
        if not isinstance(self.stories, StoryParams):
            raise SettingsError("stories must be StoryParams")
        check_story_params(self.stories)
        if self.embed not in EMBED_CHOICES:
            raise SettingsError(f"embed must be one of {', '.join(EMBED_CHOICES)}, not {self.embed!r}")
        if self.engine not in ENGINES:
            raise SettingsError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.address and self.engine != "ray":
            raise SettingsError("an address needs the ray engine")
        if self.workers is not None and (_not_int(self.workers) or self.workers < 1):
            raise SettingsError(f"workers must be a whole number of at least 1, not {self.workers!r}")
        if _not_int(self.max_article_bytes) or self.max_article_bytes < 1:
            raise SettingsError(f"max_article_bytes must be a whole number above 0, not {self.max_article_bytes!r}")
        if _not_int(self.batch_size) or self.batch_size < 1:
            raise SettingsError(f"batch_size must be a whole number above 0, not {self.batch_size!r}")

    @property
    def story_windows(self) -> int:
        """Days of a story placement window (0: one pass), as ``--story-windows`` gives them."""
        return self.stories.split_days

    def story_params(self) -> StoryParams:
        """A copy of the story parameters for a clusterer to own (it adjusts its own for a dense model)."""
        return StoryParams.from_dict(self.stories.to_dict())

    def part(self, stage: str) -> dict[str, Any]:
        """The settings ``stage`` reads, as plain data for its state key: "copies", "stories" (all story
        parameters but the threads' own), "threads", or "sources" (the attribution path)."""
        if stage == "copies":
            return self.copies.to_dict()
        story = self.stories.to_dict()
        if stage == "stories":
            return {k: v for k, v in story.items() if k not in THREAD_FIELDS}
        if stage == "threads":
            return {k: story[k] for k in THREAD_FIELDS}
        if stage == "sources":
            return {"nlp": nlp_name(self.nlp)}
        raise KeyError(f"no settings part for stage {stage!r}")


def nlp_name(nlp: Any) -> str:
    """The attribution path an ``nlp`` setting names, as state keys hold it."""
    return "rules" if nlp is None else "default" if nlp == "default" else repr(nlp)


def _not_int(value: Any) -> bool:
    return isinstance(value, bool) or not isinstance(value, int)


def _is_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float))


def _number(name: str, value: Any, low: float, high: float | None = None, none: bool = False) -> None:
    if value is None and none:
        return
    if not _is_number(value) or math.isnan(value):
        raise SettingsError(f"{name} must be a number, not {value!r}")
    if value < low or (high is not None and value > high):
        raise SettingsError(f"{name} must be in [{low}, {high if high is not None else 'inf'}], not {value!r}")


def _whole(name: str, value: Any, low: int) -> None:
    if _not_int(value) or value < low:
        raise SettingsError(f"{name} must be a whole number of at least {low}, not {value!r}")


def check_story_params(p: StoryParams) -> None:
    """Refuse story parameters the clusterer cannot use (thresholds outside [0, 1], counts below 1, weights of
    the wrong length), with one line naming the parameter."""
    from .stories.decision import FEATURES

    for name in ("threshold", "thread_threshold"):
        _number(name, getattr(p, name), 0.0, 1.0)
    for name in ("short_threshold", "short_merge"):
        _number(name, getattr(p, name), 0.0, 1.0, none=True)
    for name in (
        "short_terms",
        "window_days",
        "max_idle_groups",
        "max_candidates",
        "nearest_candidates",
        "keep_members",
        "chunk_groups",
        "thread_window_days",
    ):
        _whole(name, getattr(p, name), 1)
    _whole("split_days", p.split_days, 0)
    if not isinstance(p.top_terms, dict) or set(p.top_terms) != {"w", "e", "n"}:
        raise SettingsError("top_terms must give counts for exactly 'w', 'e' and 'n'")
    for space, n in p.top_terms.items():
        _whole(f"top_terms.{space}", n, 1)
    if not isinstance(p.dense, bool):
        raise SettingsError(f"dense must be true or false, not {p.dense!r}")
    _number("bias", p.bias, -math.inf)
    lengths = (len(FEATURES), len(FEATURES) + 1)
    if len(p.weights) not in lengths:
        raise SettingsError(f"weights must hold {lengths[0]} numbers ({lengths[1]} with dense), not {len(p.weights)}")
    for w in p.weights:
        _number("weights", w, -math.inf)


def _known_only(values: dict[str, Any], params: type, table: str) -> None:
    """SettingsError naming the first of ``values`` that is no field of ``params`` (and the known ones)."""
    known = {f.name for f in fields(params)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"unknown {table} setting {unknown[0]!r} (known: {', '.join(sorted(known))})")


def story_params(values: dict[str, Any], base: StoryParams | None = None) -> StoryParams:
    """``base`` (default: the shipped parameters) with ``values`` in place, checked."""
    base = base or StoryParams()
    _known_only(values, StoryParams, "story")
    try:
        params = StoryParams.from_dict({**base.to_dict(), **values})
    except TypeError as exc:
        raise SettingsError(f"story settings: {exc}") from None
    check_story_params(params)
    return params


def copy_params(values: dict[str, Any], base: CopyParams | None = None) -> CopyParams:
    """``base`` (default: the shipped parameters) with ``values`` in place, checked by :class:`CopyParams`."""
    base = base or CopyParams()
    _known_only(values, CopyParams, "copy")
    for name, value in values.items():
        expected = type(getattr(CopyParams(), name))
        if name == "window_days":
            if value is not None and _not_int(value):
                raise SettingsError(f"window_days must be a whole number of days, not {value!r}")
        elif expected is int and _not_int(value) or expected is float and not _is_number(value):
            raise SettingsError(f"{name} must be a {'whole number' if expected is int else 'number'}, not {value!r}")
    try:
        return replace(base, **values)
    except ValueError as exc:
        raise SettingsError(f"copy settings: {exc}") from None


RUN_KEYS = ("nlp", "embed", "engine", "address", "workers", "max_article_bytes", "batch_size")


def from_mapping(data: dict[str, Any], base: Settings | None = None) -> Settings:
    """Settings from plain data, as a settings file holds them: ``copies`` and ``stories`` tables of
    parameters, and the run keys of :data:`RUN_KEYS` at the top ("nlp" is "default" or "rules")."""
    base = base or Settings()
    if not isinstance(data, dict):
        raise SettingsError("a settings file holds a table (TOML) or an object (JSON) of settings")
    unknown = sorted(set(data) - {"copies", "stories", *RUN_KEYS})
    if unknown:
        raise SettingsError(f"unknown setting {unknown[0]!r} (known: copies, stories, {', '.join(RUN_KEYS)})")
    changes: dict[str, Any] = {k: v for k, v in data.items() if k in RUN_KEYS}
    for table in ("copies", "stories"):
        if table in data and not isinstance(data[table], dict):
            raise SettingsError(f"{table} must be a table of parameters")
    try:
        if "copies" in data:
            changes["copies"] = copy_params(data["copies"], base.copies)
        if "stories" in data:
            changes["stories"] = story_params(data["stories"], base.stories)
    except SettingsError as exc:
        table = "copies" if "copies" in data and "copies" not in changes else "stories"
        raise SettingsError(f"{table}: {exc}") from None
    if "nlp" in changes:
        if changes["nlp"] not in ("default", "rules"):
            raise SettingsError(f"nlp must be 'default' or 'rules', not {changes['nlp']!r}")
        changes["nlp"] = None if changes["nlp"] == "rules" else "default"
    return replace(base, **changes)


def assignments(items: list[str]) -> dict[str, Any]:
    """``TABLE.NAME=VALUE`` (or ``NAME=VALUE`` for a run key) strings as the mapping :func:`from_mapping`
    takes; each value is read as JSON (numbers, true/false, null, lists), else kept as text."""
    data: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise SettingsError(f"--set takes TABLE.NAME=VALUE, not {item!r}")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        table, dot, field_name = name.strip().rpartition(".")
        if dot:
            if table not in ("copies", "stories"):
                raise SettingsError(f"--set {item!r}: the tables are copies and stories, not {table!r}")
            data.setdefault(table, {})[field_name] = value
        else:
            data[field_name] = value
    return data


def load(path: str | Path, base: Settings | None = None) -> Settings:
    """Settings from a ``.toml`` or ``.json`` file (:func:`from_mapping`); a file that cannot be read or
    parsed is a :class:`SettingsError` naming it."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        kind = "JSON" if p.suffix.lower() == ".json" else "TOML"
        raise SettingsError(f"settings file {path} is not valid {kind}: {exc}") from None
    try:
        return from_mapping(data, base)
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from None
