r"""Run a grammar rule only where its matches can be: around the keywords every match holds.

Every match of a rule contains one of a few literal keywords (``century``, a unit word, a
month name; :data:`storyline.timeline.grammar.KEYS`). A rule whose keywords are absent from
a text is skipped; otherwise it runs only in windows around its keyword occurrences, which
is also what lets a present keyword cost little. A window reaches back and forward from the
keyword's token over the neighbouring tokens that the rule could consume whole. Tokens are
split at whitespace (as ``\s`` has it), hyphens, and punctuation that no rule has as a
literal; a token lying whole inside a match is a concatenation of the rule's literal pieces
(its literal runs, split at whitespace and hyphens), single characters of its classes and
runs of digits, so the first token on each side that is not cannot lie inside a match and
bounds the window. Whitespace runs, long numbers and repeated adjectives ("the latest
comparable fiscal ... quarter") therefore need no fixed length bound. The far edge adds one
more token and a character for look-aheads and ``\b``.

Searching with ``pattern.finditer(text, start, end)`` sees the text before ``start``
(``\b`` and look-behinds behave as on the whole text) but ends the string at ``end``; each
match found in a window that ends before the text does is therefore checked with
``pattern.match(text, start)`` on the whole text, and the rule falls back to a whole-text
scan if the two differ. The match objects returned are those of the whole-text check, so
spans and groups are the ones a plain ``finditer`` over the whole text gives.

Texts holding characters that ``re.IGNORECASE`` equates with an ASCII letter while
``str.lower()`` does not (dotted and dotless I, long s) are left to the plain scan
(:func:`safe_to_lower`).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache

# Token separators in the latin-1 image of the lower-cased text (other characters become "?"):
# whitespace as ``\s`` has it, the hyphen, and punctuation that no rule has as a literal.
# Vocabulary() checks that no literal piece of a windowed rule holds one.
_SEPARATORS = "".join(chr(c) for c in range(256) if chr(c).isspace()) + "-?\"()[]{};!*|<>`\xab\xbb"
_FLATTEN = bytes.maketrans(_SEPARATORS.encode("latin-1"), b" " * len(_SEPARATORS))
# characters that re's IGNORECASE equates with an ASCII letter although str.lower() does not
# give that letter (U+0130 lower-cases to two characters, which would shift every offset)
_FOLD_ODD = ("\u0130", "\u0131", "\u017f")
_LONG_TOKEN = 64  # longer tokens are taken as possibly inside a match without checking
_CACHE_LIMIT = 50_000
_MANY_KEYS = 20  # more keywords than this are found with one alternation, not str.find each


@dataclass(frozen=True)
class Keys:
    """Literals of which every match of a rule contains at least one.

    ``low`` is searched in the lower-cased text (for case-insensitive parts of a rule);
    ``exact`` as written (for words inside ``(?-i:...)``).
    """

    low: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()


@cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def safe_to_lower(text: str) -> bool:
    """True when ``text.lower()`` keeps every offset and finds every case-insensitive keyword."""
    return text.isascii() or not any(c in text for c in _FOLD_ODD)


class TextView:
    """Per-text lookups shared by the rules: lower-cased text, keyword offsets, tokens."""

    __slots__ = ("_found", "_hits", "flat", "low", "parts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self._found: dict[tuple[str, bool], list[int]] = {}
        self._hits: dict[int, list[int]] = {}  # by id() of the Keys, which live as long as the rules
        self.flat: bytes | None = None
        self.parts: list[bytes] | None = None

    def hits(self, keys: Keys) -> list[int]:
        """Sorted offsets of keyword occurrences (one of two overlapping ones may be left out:
        both lie in one token, so they give the same window)."""
        got = self._hits.get(id(keys))
        if got is None:
            if len(keys.low) + len(keys.exact) > _MANY_KEYS:
                got = []
                if keys.low:
                    got += [m.start() for m in _alternation(keys.low).finditer(self.low)]
                if keys.exact:
                    got += [m.start() for m in _alternation(keys.exact).finditer(self.text)]
            else:
                got = []
                for kw in keys.low:
                    got += self._find(kw, True)
                for kw in keys.exact:
                    got += self._find(kw, False)
            got.sort()
            self._hits[id(keys)] = got
        return got

    def _find(self, kw: str, lower: bool) -> list[int]:
        key = (kw, lower)
        got = self._found.get(key)
        if got is None:
            s = self.low if lower else self.text
            got = []
            i = s.find(kw)
            while i >= 0:
                got.append(i)
                i = s.find(kw, i + 1)
            self._found[key] = got
        return got

    def tokens(self) -> tuple[bytes, list[bytes]]:
        """The latin-1 image of the lower-cased text with every separator a space, and its
        tokens: the pieces between single separators (a run of separators leaves empty
        tokens); token ``i`` is the one after the ``i``-th separator."""
        if self.flat is None:
            self.flat = self.low.encode("latin-1", "replace").translate(_FLATTEN)
            self.parts = self.flat.split(b" ")
        return self.flat, self.parts  # type: ignore[return-value]


@dataclass
class Vocabulary:
    """Which tokens a rule's pattern could consume whole (lower-cased latin-1 bytes)."""

    pieces: frozenset[str]
    digits: bool
    anything: bool
    _words: _Concatenations | None = None
    _cache: dict[bytes, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = [p for p in self.pieces if any(c in _SEPARATORS for c in p) or not p.isascii()]
        if bad:
            raise ValueError(f"literal pieces holding a token separator: {bad}")
        # digits count as whole runs of any length (a superset of the digits the pieces hold)
        words = {w for p in self.pieces for w in re.split(r"\d+", p) if w}
        digits = self.digits or any(c.isdigit() for p in self.pieces for c in p)
        self._words = _Concatenations(sorted(words), digits)

    def accepts(self, token: bytes) -> bool:
        """Whether ``token`` could lie whole inside a match (the empty token between two
        separators always can)."""
        got = self._cache.get(token)
        if got is None:
            if self.anything or not token or len(token) > _LONG_TOKEN:
                got = True
            else:
                got = self._words.accepts(token)  # type: ignore[union-attr]
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[token] = got
        return got


class _Concatenations:
    """Recognises concatenations of words and runs of ASCII digits, in time linear in the
    input (a deterministic automaton built lazily from the words' trie; a backtracking
    regular expression can take exponential time on tokens such as ".m.m.m.m.m.m.m")."""

    def __init__(self, words: list[str], digits: bool) -> None:
        self.children: list[dict[int, int]] = [{}]  # trie node -> byte -> node; 0 is the root
        self.final: list[bool] = [False]
        if digits:
            self.children.append({})
            self.final.append(True)
            for b in b"0123456789":
                self.children[0][b] = 1
                self.children[1][b] = 1
        for w in words:
            node = 0
            for b in w.encode("ascii"):
                nxt = self.children[node].get(b)
                if nxt is None:
                    nxt = len(self.children)
                    self.children.append({})
                    self.final.append(False)
                    self.children[node][b] = nxt
                node = nxt
            self.final[node] = True
        self.ids: dict[frozenset[int], int] = {}
        self.sets: list[frozenset[int]] = []
        self.accepting: list[bool] = []
        self.moves: dict[tuple[int, int], int] = {}
        self._lock = threading.Lock()
        self._state(frozenset((0,)))

    def _move(self, state: int, b: int) -> int:
        with self._lock:  # states are numbered as they are made; one maker at a time
            nxt = self.moves.get((state, b))
            if nxt is None:
                nodes = frozenset(c for n in self.sets[state] if (c := self.children[n].get(b)) is not None)
                nxt = self.moves[(state, b)] = self._state(nodes) if nodes else -1
            return nxt

    def _state(self, nodes: frozenset[int]) -> int:
        if any(self.final[n] for n in nodes):
            nodes = nodes | {0}  # a word ended: the next may start
        sid = self.ids.get(nodes)
        if sid is None:
            sid = self.ids[nodes] = len(self.sets)
            self.sets.append(nodes)
            self.accepting.append(any(self.final[n] for n in nodes))
        return sid

    def accepts(self, token: bytes) -> bool:
        state = 0
        moves = self.moves
        for b in token:
            nxt = moves.get((state, b))
            if nxt is None:
                nxt = self._move(state, b)
            if nxt < 0:
                return False
            state = nxt
        return self.accepting[state]


_ESCAPED_CHAR = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ZERO_WIDTH = frozenset("bBAZ")
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*,?\d*\})[?+]?")
_GROUP_OPEN = re.compile(r"\((?:\?(?:(?P<ahead>[=!])|<(?P<behind>[=!])|P<\w+>|>|:|[aiLmsux]*-?[imsx]*:|(?P<other>.)))?")


class _Unreadable(Exception):
    """Syntax the reader does not know: the rule's tokens are then all taken as possible."""


def vocabulary(pattern: re.Pattern[str]) -> Vocabulary:
    """Pieces of ``pattern``: literal runs split at whitespace and hyphens, class characters, digits.

    The pattern's source is read here (Python's own regular-expression parser is private): groups,
    alternatives, classes, escapes and quantifiers, as the grammar writes them. Look-behinds are left
    out (they read before a match); look-aheads add their pieces (they read beyond a match's end) but
    no wildcard. Anything the reader does not know makes every token possible: windows grow, matches
    stay the same.
    """
    if pattern.flags & re.VERBOSE:
        return Vocabulary(frozenset(), False, True)
    reader = _SourceReader(pattern.pattern)
    try:
        reader.read()
    except _Unreadable:
        return Vocabulary(frozenset(), False, True)
    return Vocabulary(frozenset(reader.pieces), reader.digits, reader.anything)


class _SourceReader:
    """One pass over a pattern's source, collecting what :func:`vocabulary` returns."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.pieces: set[str] = set()
        self.digits = False
        self.anything = False
        self._run: list[str] = []
        self._groups: list[str] = []  # "", "ahead" or "behind" for each open group

    def _skipped(self) -> bool:
        return "behind" in self._groups

    def _in_assert(self) -> bool:
        return "ahead" in self._groups

    def _flush(self) -> None:
        if self._run and not self._skipped():
            self.pieces.add("".join(self._run))
        self._run.clear()

    def _wildcard(self) -> None:
        if not self._skipped() and not self._in_assert():
            self.anything = True

    def _digit(self) -> None:
        if not self._skipped():
            self.digits = True

    def _char(self, ch: str) -> None:
        if ch.isspace() or ch == "-":
            self._flush()
        else:
            self._run.append(ch.lower())

    def read(self) -> None:
        src, i, n = self.src, 0, len(self.src)
        last_char = False  # whether the atom just read is one literal character (a quantifier takes it alone)
        while i < n:
            ch = src[i]
            q = _QUANTIFIER.match(src, i) if ch in "?*+{" else None
            if q and (ch != "{" or any(c.isdigit() for c in q.group())):
                if last_char:
                    alone = self._run.pop()
                    self._flush()
                    if not self._skipped():
                        self.pieces.add(alone)
                self._flush()
                i, last_char = q.end(), False
                continue
            last_char = False
            if ch == "(":
                self._flush()
                g = _GROUP_OPEN.match(src, i)
                assert g is not None
                if g.group("other") is not None:
                    raise _Unreadable(src[i : i + 4])
                self._groups.append("ahead" if g.group("ahead") else "behind" if g.group("behind") else "")
                i = g.end()
            elif ch == ")":
                self._flush()
                if not self._groups:
                    raise _Unreadable(")")
                self._groups.pop()
                i += 1
            elif ch == "[":
                self._flush()
                i = self._read_class(i + 1)
            elif ch == "\\":
                i, lit = self._read_escape(i + 1, in_class=False)
                if lit is not None:
                    self._char(lit)
                    last_char = not (lit.isspace() or lit == "-")
            elif ch in "|^$":
                self._flush()
                i += 1
            elif ch == ".":
                self._flush()
                self._wildcard()
                i += 1
            else:
                self._char(ch)
                last_char = not (ch.isspace() or ch == "-")
                i += 1
        self._flush()
        if self._groups:
            raise _Unreadable("(")

    def _read_escape(self, i: int, in_class: bool) -> tuple[int, str | None]:
        """Read the escape after a backslash at ``i``: its literal character, or None for a class or
        an assertion (recorded here)."""
        src = self.src
        if i >= len(src):
            raise _Unreadable("\\")
        ch = src[i]
        if ch == "d":
            self._flush()
            self._digit()
            return i + 1, None
        if ch in "wWSD":
            self._flush()
            self._wildcard()
            return i + 1, None
        if ch == "s" or (ch in _ZERO_WIDTH and not in_class):
            self._flush()
            return i + 1, None
        if ch in _ESCAPED_CHAR:
            return i + 1, _ESCAPED_CHAR[ch]
        for letter, size in (("x", 2), ("u", 4), ("U", 8)):
            if ch == letter:
                return i + 1 + size, chr(int(src[i + 1 : i + 1 + size], 16))
        if ch.isascii() and ch.isalnum():  # back-references, octal and named escapes
            raise _Unreadable("\\" + ch)
        return i + 1, ch

    def _read_class(self, i: int) -> int:
        """Read a character class whose ``[`` ends before ``i``; return the index after its ``]``."""
        src = self.src
        if src.startswith("^", i):
            self._wildcard()
            i += 1
        chars: list[str] = []
        first = True
        while i < len(src) and (src[i] != "]" or first):
            first = False
            if src[i] == "\\":
                i, lit = self._read_escape(i + 1, in_class=True)
                if lit is None:
                    continue
            else:
                lit, i = src[i], i + 1
            if src.startswith("-", i) and i + 1 < len(src) and src[i + 1] != "]":
                if src[i + 1] == "\\":
                    i, hi = self._read_escape(i + 2, in_class=True)
                    if hi is None:
                        raise _Unreadable("range to a class")
                else:
                    hi, i = src[i + 1], i + 2
                if ord(hi) - ord(lit) > 64:
                    self._wildcard()
                else:
                    chars += [chr(c) for c in range(ord(lit), ord(hi) + 1)]
                continue
            chars.append(lit)
        if i >= len(src):
            raise _Unreadable("[")
        if not self._skipped():
            self.pieces.update(c.lower() for c in chars if not (c.isspace() or c == "-"))
        return i + 1


@dataclass
class Plan:
    """A rule's pattern with its keywords (None: always scan the whole text) and vocabulary."""

    pattern: re.Pattern[str]
    keys: Keys | None
    vocab: Vocabulary | None = None

    def __post_init__(self) -> None:
        if self.keys is not None:
            self.vocab = vocabulary(self.pattern)


def scan(plan: Plan, view: TextView) -> list[re.Match[str]]:
    """Every match of ``plan.pattern`` in the text, as ``finditer`` over the whole text gives them."""
    text = view.text
    keys = plan.keys
    if keys is None:
        return list(plan.pattern.finditer(text))
    hits = view.hits(keys)
    if not hits:
        return []
    windows = _windows(plan.vocab, hits, view)  # type: ignore[arg-type]
    pattern = plan.pattern
    out: list[re.Match[str]] = []
    size = len(text)
    for ws, we in windows:
        if we >= size:  # nothing cut off: the search sees what a whole-text search sees
            out += pattern.finditer(text, ws)
            continue
        for m in pattern.finditer(text, ws, we):
            full = pattern.match(text, m.start())
            if full is None or full.end() != m.end():
                return list(pattern.finditer(text))
            out.append(full)
    return out


def _windows(vocab: Vocabulary, hits: list[int], view: TextView) -> list[tuple[int, int]]:
    """Merged windows around the tokens that hold ``hits`` (sorted).

    Window starts and ends do not decrease from one hit to the next, so a walk that reaches
    the previous window stops there, and a hit inside the previous walk's tokens adds
    nothing: each token is walked over at most twice.
    """
    flat, parts = view.tokens()
    n = len(parts)
    size = len(flat)
    accepts = vocab.accepts
    out: list[tuple[int, int]] = []
    stop = -1  # the token that ended the previous forward walk
    prev_end = -1
    for k in hits:
        ti = flat.count(b" ", 0, k)
        if ti < stop:
            continue
        # back over tokens that could lie inside a match; the first that cannot may hold
        # the match's start, so the window takes it and the separators before it
        pos = flat.rfind(b" ", 0, k) + 1
        j = ti - 1
        while j >= 0 and pos > prev_end and accepts(parts[j]):
            pos -= len(parts[j]) + 1
            j -= 1
        if pos <= prev_end:
            ws = pos
        elif j >= 0:
            pos -= len(parts[j]) + 1
            while pos > 0 and flat[pos - 1] == 32:
                pos -= 1
            ws = pos
        else:
            ws = 0
        # forward likewise: a match ends inside the first token that cannot lie inside it
        # or before it; look-aheads and \b may read the next token and a character more
        end = flat.find(b" ", k)
        if end < 0:
            end = size
        j = ti + 1
        while j < n and accepts(parts[j]):
            end += len(parts[j]) + 1
            j += 1
        stop = j
        if j < n:
            end += len(parts[j]) + 1
            j += 1
            while j < n and not parts[j]:
                end += 1
                j += 1
            if j < n:
                end += len(parts[j]) + 1
        we = min(end + 1, size)
        if out and ws <= prev_end:
            out[-1] = (out[-1][0], max(we, prev_end))
        else:
            out.append((ws, we))
        prev_end = out[-1][1]
    return out
