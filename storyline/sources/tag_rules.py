"""spaCy's attribute ruler (the tag map that gives each token its part of speech and morphology) applied
through a table of token keys instead of spaCy's ``Matcher``.

The English pipelines' ruler holds some 180 patterns, nearly all of one token (a fine tag, a word, a
dependency label); the ``Matcher`` tries every pattern on every token, which took about 10% of the parse
(1.4 of 14 CPU s on 300 dev articles). Whether a one-token pattern matches depends only on the token's
text, fine tag and dependency label, so the patterns each such key matches are computed once and kept;
the few patterns of several tokens are checked where their first token matches. The attributes set are
the ruler's own, in its order (a later pattern wins), so the annotations are the same token for token.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

TOKEN_RULES = "storyline_token_rules"

_FIELDS = ("TAG", "LOWER", "ORTH", "TEXT", "DEP", "IS_SPACE")
_OPS = ("IN", "NOT_IN", "REGEX")

Test = tuple[str, str, Any]
"""One key of a ``Matcher`` token pattern: the token field, the operator ("==", "IN", "NOT_IN", "REGEX")
and its argument."""


class Unsupported(ValueError):
    """A ruler pattern this table cannot evaluate exactly (the ruler is then kept as it is)."""


def _tests(spec: Any) -> tuple[Test, ...]:
    """The tests of one token pattern, or Unsupported for a key or operator not handled here."""
    if not isinstance(spec, dict) or "OP" in spec:
        raise Unsupported(f"token pattern {spec!r}")
    out = []
    for key, value in spec.items():
        if key not in _FIELDS:
            raise Unsupported(f"pattern key {key!r}")
        if not isinstance(value, dict):
            out.append((key, "==", value))
            continue
        if len(value) != 1 or next(iter(value)) not in _OPS:
            raise Unsupported(f"pattern value {value!r}")
        op, arg = next(iter(value.items()))
        out.append((key, op, re.compile(arg) if op == "REGEX" else frozenset(arg)))
    return tuple(out)


def _field(tok: Any, key: str) -> Any:
    if key == "TAG":
        return tok.tag_
    if key == "LOWER":
        return tok.lower_
    if key == "DEP":
        return tok.dep_
    if key == "IS_SPACE":
        return tok.is_space
    return tok.text


def _passes(tok: Any, tests: tuple[Test, ...]) -> bool:
    for key, op, arg in tests:
        value = _field(tok, key)
        if op == "==":
            ok = value == arg
        elif op == "IN":
            ok = value in arg
        elif op == "NOT_IN":
            ok = value not in arg
        else:
            ok = arg.search(value) is not None
        if not ok:
            return False
    return True


class TokenRules:
    """The attribute ruler ``ruler`` as a spaCy component: the same attributes on the same tokens."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.specs: list[tuple[Test, ...]] = []
        self.single: list[tuple[int, int]] = []  # (spec, attr id)
        self.multi: list[tuple[int, list[int], int]] = []  # (attr id, specs, index of the token set)
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                ids = []
                for spec in pattern:
                    self.specs.append(_tests(spec))
                    ids.append(len(self.specs) - 1)
                if len(ids) == 1:
                    self.single.append((ids[0], attr_id))
                else:
                    index = ruler.indices[attr_id]
                    if not -len(ids) <= index < len(ids):
                        raise Unsupported(f"index {index} of a pattern of {len(ids)} tokens")
                    self.multi.append((attr_id, ids, index % len(ids)))
        self._by_tag: dict[str, list[int]] = {}
        self._any_tag: list[int] = []
        for i, tests in enumerate(self.specs):
            tag = next((arg for key, op, arg in tests if key == "TAG" and op == "=="), None)
            if tag is None:
                self._any_tag.append(i)
            else:
                self._by_tag.setdefault(tag, []).append(i)
        self._keys: dict[tuple[int, int, int], tuple[tuple[int, ...], frozenset[int], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def _of(self, tok: Any) -> tuple[tuple[int, ...], frozenset[int], tuple[int, ...]]:
        """The ruler's view of a token: the attribute ids of the one-token patterns it matches, the specs it
        matches, and the patterns of several tokens it may start."""
        key = (tok.orth, tok.tag, tok.dep)
        got = self._keys.get(key)
        if got is None:
            maybe = [*self._by_tag.get(tok.tag_, ()), *self._any_tag]
            matched = frozenset(i for i in maybe if _passes(tok, self.specs[i]))
            single = tuple(sorted({a for s, a in self.single if s in matched}))
            starts = tuple(k for k, (_, ids, _) in enumerate(self.multi) if ids[0] in matched)
            got = self._keys[key] = (single, matched, starts)
        return got

    def _attrs(self, ids: tuple[int, ...]) -> dict[Any, Any]:
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for attr_id in ids:
                merged.update(self.ruler.attrs[attr_id])
            self._merged[ids] = merged
        return merged

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        seen = [self._of(tok) for tok in doc]
        hits: list[set[int] | None] = [None] * len(doc)
        for i, (_, _, starts) in enumerate(seen):
            for k in starts:
                attr_id, ids, index = self.multi[k]
                if i + len(ids) <= len(doc) and all(s in seen[i + j][1] for j, s in enumerate(ids)):
                    target = hits[i + index]
                    if target is None:
                        target = hits[i + index] = set()
                    target.add(attr_id)
        for i, (single, _, _) in enumerate(seen):
            extra = hits[i]
            applied = single if extra is None else tuple(sorted(extra.union(single)))
            if applied:
                set_token_attrs(doc[i], self._attrs(applied))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def _make(nlp: Any, name: str) -> TokenRules:
    return TokenRules(nlp.get_pipe("attribute_ruler"))


def with_token_rules(nlp: Any) -> Any:
    """Put :class:`TokenRules` in place of a pipeline's attribute ruler (once); a ruler with patterns the
    table cannot evaluate exactly stays as it is."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names or TOKEN_RULES in nlp.pipe_names:
        return nlp
    if not Language.has_factory(TOKEN_RULES):
        Language.factory(TOKEN_RULES, func=_make)
    try:
        nlp.add_pipe(TOKEN_RULES, after="attribute_ruler")
    except Unsupported:
        return nlp
    nlp.remove_pipe("attribute_ruler")
    return nlp
