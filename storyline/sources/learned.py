"""A learned attribution finder: linear models over spaCy parse features, trained on PolNeAR.

Four small logistic-regression models share one feature hashing scheme:

- ``cue``: is this token the head of a cue ("said", "according", "wants")?
- ``cue_ext``: does this token near a cue head belong to the cue span ("has said", "called for")?
- ``source``: is this token, for this cue, the head of its source phrase ("the minister")?
- ``src_ext``: does the source phrase take in this dependent after its head ("Smith, a spokesman
  for X" keeps the apposition; "Trump, speaking in Ohio" drops the participle)?
- ``content``: is this candidate span the cue's content (a clausal complement, the clause around
  the cue, a quotation)?

A source span is the head's subtree; content candidates come from the parse and from quotation
marks. The weights (``attribution_model.npz``) are trained by ``scripts/train_attribution.py``;
they hold hashed feature weights only, no training text. Everything here works on one sentence at
a time, so a caller may parse only the sentences that matter.
"""

from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .lexicon import HEARSAY_ADVERBS, POLL_WORDS, REPORT_LEMMAS, STANCE_LEMMAS
from .spans import Found, Span

MODEL_PATH = Path(__file__).with_name("attribution_model.npz")
N_BITS = 20
MASK = (1 << N_BITS) - 1
MODELS: tuple[str, ...] = ("cue", "cue_ext", "source", "src_ext", "content")
DENSE_MODELS: tuple[str, ...] = ("cue", "source")
SAYING_SLACK = -3.5
"""How far below the source threshold the best candidate may score for "say" and "tell": such a cue nearly always
has a speaker, and the parser's errors ("Large majorities of voters ... said", "About 4 in 10 say") put its
subject on paths the model rarely saw. Read off PolNeAR train (source overlap F1 0.837 -> 0.838, 18 spans won,
2 lost), measured on dev (overlap 0.802 -> 0.804, exact unchanged)."""
_SAYING = frozenset({"say", "tell"})

CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADP", "ADJ", "ADV", "PROPN", "PUNCT"})
SOURCE_POS = frozenset({"PROPN", "NOUN", "PRON", "NUM", "ADJ", "X", "DET"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "''", "``", "«", "»"})
_OPEN = frozenset({"“", "``", "«"})
_CLOSE = frozenset({"”", "''", "»"})
_DASHES = frozenset({":", "-", "--", "—", "–", "―", "”―"})
_PAIR_DASHES = frozenset({"--", "—", "–", "―"})


class _Hashes(dict):
    """Feature string -> hashed index, remembered (up to a bound) so that repeated features cost a lookup."""

    def __missing__(self, feature: str) -> int:
        value = zlib.crc32(feature.encode("utf-8")) & MASK
        if len(self) < 1 << 20:
            self[feature] = value
        return value


_HASHES = _Hashes()


def fid(feature: str) -> int:
    """Stable hashed index of a feature string (crc32, the same in every process)."""
    return _HASHES[feature]


class SentInfo:
    """What the cue features need of a sentence, computed once: lower-cased words and quote marks."""

    def __init__(self, sent: Any) -> None:
        self.start = sent.start
        self.end = sent.end
        self.lower = [t.lower_ for t in sent]
        self.quotes = [t.text in _QUOTES for t in sent]
        self.any_quote = any(self.quotes)
        self.before = list(accumulate(self.quotes, initial=0))
        self.commas = list(accumulate((t.text == "," for t in sent), initial=0))


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 6:
        return "4-6"
    if n <= 10:
        return "7-10"
    if n <= 20:
        return "11-20"
    return "20+"


def _lem(tok: Any) -> str:
    return tok.lemma_.lower()


def _lex(tok: Any) -> str:
    lemma = _lem(tok)
    if lemma in REPORT_LEMMAS:
        return "report"
    if lemma in STANCE_LEMMAS:
        return "stance"
    if tok.lower_ in HEARSAY_ADVERBS:
        return "hearsay"
    return "-"


def cue_features(tok: Any, sent: Any, info: SentInfo | None = None) -> list[str]:
    """Features of a token as a possible cue head: word, lemma, parse context, quotes around it."""
    info = info or SentInfo(sent)
    lemma = _lem(tok)
    dep = tok.dep_
    head = tok.head
    f = [
        "b",
        "w=" + tok.lower_,
        "l=" + lemma,
        "p=" + tok.pos_,
        "t=" + tok.tag_,
        "d=" + dep,
        "l|d=" + lemma + "|" + dep,
        "l|t=" + lemma + "|" + tok.tag_,
        "hl=" + _lem(head),
        "hd=" + head.dep_,
        "l|hl=" + lemma + "|" + _lem(head),
        "lex=" + _lex(tok),
        "lex|d=" + _lex(tok) + "|" + dep,
        "hlex=" + _lex(head),
    ]
    kids = set()
    for c in tok.children:
        cd = c.dep_
        kids.add(cd)
        f.append("c=" + cd)
        f.append("l|c=" + lemma + "|" + cd)
        if cd in ("prep", "prt", "dobj", "xcomp", "acomp", "advmod", "neg", "aux", "mark"):
            f.append("c|w=" + cd + "|" + c.lower_)
            f.append("l|c|w=" + lemma + "|" + cd + "|" + c.lower_)
        if cd in ("nsubj", "nsubjpass"):
            subj = c.lower_ if c.pos_ == "PRON" else c.pos_ + ":" + c.ent_type_
            f.append("subj=" + subj)
            f.append("l|subjp=" + lemma + "|" + c.pos_)
            f.append("l|subj=" + lemma + "|" + subj)
            if c.pos_ == "NOUN":
                f.append("subjl=" + _lem(c))
        elif cd in ("dobj", "xcomp", "attr", "acomp", "oprd"):
            f.append(cd + "l=" + _lem(c))
            f.append("l|" + cd + "l=" + lemma + "|" + _lem(c))
        elif cd == "prep":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                f.append("l|prep|pobj=" + lemma + "|" + c.lower_ + "|" + _lem(pobj))
        elif cd == "ccomp":
            f.append("ccomp_subj=" + str(any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)))
            f.append("ccomp_mark=" + next((g.lower_ for g in c.children if g.dep_ == "mark"), "-"))
    f.append(
        "l|kids="
        + lemma
        + "|"
        + ",".join(sorted(k for k in kids if k in ("nsubj", "ccomp", "dobj", "xcomp", "prep", "nsubjpass")))
    )
    k = tok.i - info.start
    n = info.end - info.start
    prev1 = info.lower[k - 1] if k > 0 else "<s>"
    next1 = info.lower[k + 1] if k + 1 < n else "</s>"
    prev2 = info.lower[k - 2] if k > 1 else "<s>"
    f += ["p1=" + prev1, "n1=" + next1, "p2=" + prev2, "l|n1=" + lemma + "|" + next1, "p1|l=" + prev1 + "|" + lemma]
    near_quote = any(info.quotes[max(0, k - 3) : min(n, k + 3)])
    f.append("nq=" + str(near_quote))
    inside = info.before[k] % 2 == 1
    f.append("inq=" + str(inside))
    f.append("suf=" + lemma[-3:])
    f.append("dash=" + str(any(ch in tok.text for ch in "-–—―")))
    f.append("sq=" + str(info.any_quote))
    f.append("l|nq=" + lemma + "|" + str(near_quote))
    return f


def _tensor(doc: Any) -> np.ndarray | None:
    """The parser's context vectors of a Doc (spaCy's ``tok2vec`` output), or None when it has none."""
    t = getattr(doc, "tensor", None)
    if t is None or getattr(t, "ndim", 0) != 2 or t.shape[0] != len(doc) or t.shape[1] == 0:
        return None
    return np.asarray(t, dtype=np.float32)


def cue_vectors(toks: Sequence[Any]) -> np.ndarray | None:
    """Context vectors of possible cue heads: each token's and its syntactic head's, side by side."""
    if not toks:
        return None
    t = _tensor(toks[0].doc)
    if t is None:
        return None
    return np.hstack([t[[x.i for x in toks]], t[[x.head.i for x in toks]]])


def source_vectors(cands: Sequence[Any], cue: Any) -> np.ndarray | None:
    """Context vectors of (cue, candidate source) pairs: the candidate's and the cue's, side by side."""
    if not cands:
        return None
    t = _tensor(cue.doc)
    if t is None:
        return None
    return np.hstack([t[[x.i for x in cands]], np.repeat(t[[cue.i]], len(cands), axis=0)])


def ext_features(tok: Any, cue: Any) -> list[str]:
    """Features of a token near a cue head, for whether it belongs to the cue span."""
    rel = (
        "child"
        if tok.head.i == cue.i
        else ("grand" if tok.head.head.i == cue.i else ("head" if cue.head.i == tok.i else "other"))
    )
    side = "L" if tok.i < cue.i else "R"
    dist = str(min(abs(tok.i - cue.i), 8))
    lemma = _lem(cue)
    return [
        "b",
        "rel=" + rel + side,
        "rel|d=" + rel + side + "|" + tok.dep_,
        "rel|w=" + rel + side + "|" + tok.lower_,
        "d|w=" + tok.dep_ + "|" + tok.lower_,
        "cl|w=" + lemma + "|" + tok.lower_,
        "cl|d=" + lemma + "|" + tok.dep_ + side,
        "dist=" + dist + side,
        "p=" + tok.pos_ + side,
        "hd|d=" + tok.head.dep_ + "|" + tok.dep_,
    ]


def _path(a: Any, b: Any) -> tuple[str, int]:
    """Dependency path from a to b as "up labels / down labels", and its length."""
    up: list[Any] = [a]
    while up[-1].head.i != up[-1].i and len(up) < 12:
        up.append(up[-1].head)
    anc = {t.i: k for k, t in enumerate(up)}
    down: list[Any] = []
    t = b
    while t.i not in anc and len(down) < 12:
        down.append(t)
        if t.head.i == t.i:
            return "far", 99
        t = t.head
    if t.i not in anc:
        return "far", 99
    k = anc[t.i]
    ups = [x.dep_ for x in up[:k]]
    downs = [x.dep_ for x in reversed(down)]
    n = len(ups) + len(downs)
    if n > 5:
        return "long", n
    return "^".join(ups) + "/" + "v".join(downs), n


def source_features(cand: Any, cue: Any, sent: Any, info: SentInfo | None = None) -> list[str]:
    """Features of a (cue head, candidate source head) pair."""
    info = info or SentInfo(sent)
    path, n = _path(cue, cand)
    lemma = _lem(cue)
    side = "L" if cand.i < cue.i else "R"
    word = cand.lower_ if cand.pos_ in ("PRON", "DET") or cand.is_stop else cand.pos_
    a, b = min(cand.i, cue.i) + 1 - info.start, max(cand.i, cue.i) - info.start
    commas = info.commas[b] - info.commas[a] if b > a else 0
    quotes = info.before[b] - info.before[a] if b > a else 0
    f = [
        "b",
        "path=" + path,
        "path|p=" + path + "|" + cand.pos_,
        "path|l=" + path + "|" + lemma,
        "path|w=" + path + "|" + word,
        "len=" + str(n),
        "side|dist=" + side + _bucket(abs(cand.i - cue.i)),
        "p=" + cand.pos_,
        "t=" + cand.tag_,
        "d=" + cand.dep_,
        "d|hd=" + cand.dep_ + "|" + cand.head.dep_,
        "ent=" + cand.ent_type_,
        "w=" + word,
        "cl=" + lemma,
        "cl|d=" + lemma + "|" + cand.dep_ + side,
        "lex|d=" + _lex(cue) + "|" + cand.dep_ + side,
        "cd=" + cue.dep_,
        "cd|path=" + cue.dep_ + "|" + path,
        "commas=" + str(min(commas, 3)) + side,
        "quotes=" + str(min(quotes, 2)) + side,
        "kids="
        + ",".join(
            sorted(
                {
                    c.dep_
                    for c in cand.children
                    if c.dep_ in ("poss", "compound", "det", "amod", "appos", "relcl", "prep", "acl")
                }
            )
        ),
    ]
    if cand.ent_type_:
        f.append("path|ent=" + path + "|" + cand.ent_type_)
    return f


def subtree_tokens(head: Any, limit: Any | None = None) -> list[Any]:
    """The tokens of a head's subtree, trimmed of edge punctuation and conjunctions."""
    toks = [t for t in head.subtree]
    if limit is not None:
        toks = [t for t in toks if limit.start <= t.i < limit.end]
    return trim(toks)


def _droppable(tok: Any, toks: list[Any]) -> bool:
    if tok.is_space or tok.dep_ == "cc":
        return True
    if not tok.is_punct or tok.text in _QUOTES:
        return False
    if tok.text == "%" or (tok is toks[-1] and _pair_dash(tok) and any(_pair_dash(t) for t in toks[1:-1])):
        return False
    if tok.text == ")":
        return not any(t.text == "(" for t in toks)
    if tok.text == "(":
        return not any(t.text == ")" for t in toks)
    return True


def trim(toks: list[Any]) -> list[Any]:
    """Drop punctuation (not quote marks, not matched brackets), spaces and conjunctions at the edges."""
    a, b = 0, len(toks)
    while a < b and _droppable(toks[a], toks[a:b]):
        a += 1
    while b > a and _droppable(toks[b - 1], toks[a:b]):
        b -= 1
    return toks[a:b]


def src_ext_features(child: Any, head: Any, k: int) -> list[str]:
    """Features of the k-th dependent after a source head, for whether the source phrase takes it in."""
    doc = head.doc
    prev = doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
    comma = prev is not None and prev.text == ","
    n = child.right_edge.i - child.left_edge.i + 1
    return [
        "b",
        "d=" + child.dep_,
        "d|w=" + child.dep_ + "|" + child.lower_,
        "d|first=" + child.dep_ + "|" + child.left_edge.lower_,
        "d|comma=" + child.dep_ + "|" + str(comma),
        "d|len=" + child.dep_ + "|" + _bucket(n),
        "d|k=" + child.dep_ + "|" + str(min(k, 3)),
        "d|hp=" + child.dep_ + "|" + head.pos_ + "|" + head.ent_type_,
        "d|hd=" + child.dep_ + "|" + head.dep_,
        "d|t=" + child.dep_ + "|" + child.tag_,
        "d|ent=" + child.dep_ + "|" + child.ent_type_,
    ]


def source_children(head: Any) -> list[Any]:
    """The dependents after a source head that the phrase may or may not take in."""
    return [c for c in head.children if c.i > head.i and c.dep_ != "punct"]


def source_span(models: "LinearModels", head: Any, sent: Any) -> tuple[int, int] | None:
    """A source phrase's token range: the head, what precedes it, and the dependents after it the model keeps."""
    kids = source_children(head)
    end = head.i
    if kids:
        s = models.scores("src_ext", [src_ext_features(c, head, k) for k, c in enumerate(kids)])
        for c, v in zip(kids, s):
            if v <= models.thresholds["src_ext"] or _of_the_telling(c):
                break
            end = c.right_edge.i
    toks = [t for t in head.subtree if t.i <= end and sent.start <= t.i < sent.end]
    toks += _closing_marks(toks, head.doc, min(sent.end, len(head.doc)))
    toks = trim(_source_edges(trim(toks)))
    return (toks[0].i, toks[-1].i + 1) if toks else None


_CHANNELS = frozenset(
    {
        "interview",
        "statement",
        "speech",
        "letter",
        "email",
        "e-mail",
        "tweet",
        "post",
        "release",
        "op-ed",
        "appearance",
        "remarks",
        "call",
        "conference",
        "briefing",
        "address",
        "particular",
    }
)


def _of_the_telling(child: Any) -> bool:
    """Whether a dependent after a named source tells when or how it spoke rather than who it is
    ("Trump | last week", "Obama | on Thursday", "Durbin | in an interview"). A poll's or a study's date
    stays: "a CNN poll in February" is which poll."""
    head = child.head
    if not (head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
        return False
    if child.dep_ in ("npadvmod", "advmod"):
        return child.ent_type_ in ("DATE", "TIME")
    if child.dep_ != "prep":
        return False
    objects = [t for t in child.children if t.dep_ == "pobj"]
    if any(t.ent_type_ in ("DATE", "TIME") for t in objects):
        return True
    return child.lower_ in ("in", "during") and any(t.lemma_.lower() in _CHANNELS for t in objects)


def _pair_dash(tok: Any) -> bool:
    """A dash that sets off a phrase: a long dash, or a hyphen with a space on both sides ("Smith - a lawyer -")."""
    if tok.text in _PAIR_DASHES:
        return True
    return tok.text == "-" and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _closing_marks(toks: list[Any], doc: Any, limit: int) -> list[Any]:
    """The marks right after a source phrase that close what it opened: a dash pair ("Democrats -- including
    Clinton --"), a quotation ("the host of ''Today,''"), a bracket ("Sen. Sanders (I-Vt.)")."""
    if not toks:
        return []
    nxt = toks[-1].i + 1
    ahead = [doc[j] for j in range(nxt, min(nxt + 2, limit))]
    if not ahead:
        return []
    texts = [t.text for t in toks]
    dashes = sum(1 for t in toks[1:] if _pair_dash(t))
    if dashes % 2 and _pair_dash(ahead[0]):
        return ahead[:1]
    n_open, n_close = sum(1 for t in texts if t in _OPEN), sum(1 for t in texts if t in _CLOSE or t == '"')
    opened = n_open > n_close or (not n_open and n_close % 2 == 1)
    bracket = texts.count("(") > texts.count(")")
    for closing, is_open in ((_CLOSE | {'"'}, opened), ({")"}, bracket)):
        if not is_open:
            continue
        if ahead[0].text in closing:
            return ahead[:1]
        if len(ahead) == 2 and ahead[0].text in (",", ".") and ahead[1].text in closing:
            return ahead
    return []


def _source_edges(toks: list[Any]) -> list[Any]:
    """A source phrase less a dateline before it ("WASHINGTON -- | President Obama") and a quote mark at
    its edge that nothing in it closes or opens (the end of the quotation before the name: '" | Sen. Smith')."""
    for k, t in enumerate(toks[:-1]):
        if t.text in _DATELINE_DASHES and k and toks[k - 1].whitespace_ and _dateline(toks[:k]):
            toks = toks[k + 1 :]
            break
    if len(toks) > 1 and toks[0].lower_ == "even":
        toks = toks[1:]
    quotes = [t for t in toks if t.text in _QUOTES]
    if len(quotes) == 1 and toks and (toks[0] is quotes[0] or toks[-1] is quotes[0]):
        toks = [t for t in toks if t is not quotes[0]]
    return toks


_DATELINE_DASHES = _PAIR_DASHES | {"-"}


def _participles_subject(head: Any, after: int) -> Any | None:
    """The subject of the verb a participle cue hangs from ("Romney went after Trump ..., calling it
    'disqualifying'": Romney), when it names someone (a name or a personal pronoun) after any dateline."""
    if head.tag_ != "VBG" or head.dep_ not in ("advcl", "xcomp", "conj") or head.head.i == head.i:
        return None
    verb = head.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < after or subject.i > head.i:
        return None
    if subject.pos_ == "PROPN" or subject.lower_ in ("he", "she", "they"):
        return subject
    return None


def _past_dateline(tok: Any, after: int) -> Any | None:
    """A source head, or for a dateline's place the speaker the parser hung on it ("VELM -- President Marsh,
    ... said": Marsh, an apposition of VELM); None for a dateline's place with none."""
    if tok.i >= after:
        return tok
    return next((c for c in tok.children if c.dep_ == "appos" and c.i >= after), None)


def dateline_end(sent: Any) -> int:
    """The index of the first token after a dateline that opens the sentence ("CLEVELAND, July 19 (UPI) —"),
    else the sentence's start: a dateline's place is never a source, though the parser may make it a subject."""
    toks = list(sent[:12])
    for k, t in enumerate(toks[:-1]):
        if t.text in _DATELINE_DASHES and k and _dateline(toks[:k]):
            return t.i + 1
    return sent.start


def _dateline(toks: list[Any]) -> bool:
    """Whether tokens before a dash are a dateline: a place in capitals, then only names, abbreviations,
    figures, punctuation and an agency in brackets ("RENO, Nev. (AP)", "CLEVELAND, July 19 (UPI)")."""
    first = toks[0].text
    if not (first.isupper() and sum(ch.isalpha() for ch in first) >= 2) or len(toks) > 9:
        return False
    return all(x.is_punct or x.like_num or x.text[:1].isupper() for x in toks)


@dataclass(frozen=True)
class Candidate:
    """A content candidate: token range [start, end) of the doc and how it was made."""

    start: int
    end: int
    kind: str


def _quote_end(doc: Any, start: int, limit: int) -> int | None:
    """Index after the quote mark that closes a quotation opened at ``start``, within ``limit`` tokens."""
    for j in range(start + 1, min(len(doc), start + limit)):
        t = doc[j].text
        if t in _CLOSE or t == '"':
            return j + 1
        if t in _OPEN:
            return None
    return None


def _sentence_at(doc: Any, i: int) -> Any:
    """The sentence holding token i, found from the sentence starts near it (``Token.sent`` scans the Doc)."""
    a = i
    while a > 0 and not doc[a].is_sent_start:
        a -= 1
    b = i + 1
    while b < len(doc) and not doc[b].is_sent_start:
        b += 1
    return doc[a:b]


def content_candidates(cue: Any, cue_span: tuple[int, int], source: Any | None, sent: Any) -> list[Candidate]:
    """Spans that could be a cue's content: its dependents, the clause around it, nearby quotations."""
    doc = cue.doc
    a, b = cue_span
    src = set()
    if source is not None:
        src = {t.i for t in source.subtree}
    out: dict[tuple[int, int], str] = {}

    def add(toks: Iterable[Any], kind: str) -> None:
        toks = trim(sorted((t for t in toks if t.i not in src and not (a <= t.i < b)), key=lambda t: t.i))
        if not toks:
            return
        s, e = toks[0].i, toks[-1].i + 1
        if (s, e) not in out:
            out[(s, e)] = kind
        # widen to a closing quote mark just after, or an opening one just before
        if e < len(doc) and doc[e].is_punct and e + 1 < len(doc) and doc[e + 1].text in _QUOTES | _CLOSE:
            out.setdefault((s, e + 2), kind + "+q")
        if e < len(doc) and doc[e].text in _CLOSE | {'"'}:
            out.setdefault((s, e + 1), kind + "+q")
        if s > 0 and doc[s - 1].text in _OPEN | {'"'}:
            out.setdefault((s - 1, e), kind + "+oq")

    right_kids = [c for c in cue.children if c.i >= b]
    left_kids = [c for c in cue.children if c.i < a]
    for c in cue.children:
        if c.dep_ in ("punct", "aux", "auxpass", "neg", "cc"):
            continue
        if c.i not in src:
            add(c.subtree, "kid:" + c.dep_)
    if right_kids:
        add((t for c in right_kids for t in c.subtree), "right")
        first = (
            min(c.i for c in right_kids if c.dep_ not in ("punct",))
            if any(c.dep_ != "punct" for c in right_kids)
            else None
        )
        if first is not None:
            add((t for t in cue.subtree if t.i >= first), "rightall")
    if left_kids:
        add(
            (
                t
                for c in left_kids
                for t in c.subtree
                if c.dep_ not in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod")
            ),
            "left",
        )
    inner = {t.i for t in cue.subtree}
    head = cue.head
    if head.i != cue.i:
        rest = [t for t in head.subtree if t.i not in inner]
        add((t for t in rest if t.i < min(inner)), "head_left")
        add((t for t in rest if t.i > max(inner)), "head_right")
        add(rest, "head_all")
    add((t for t in sent if t.i < min(inner)), "sent_left")
    add((t for t in sent if t.i > max(inner)), "sent_right")
    add((t for t in sent if t.i < a), "sent_before_cue")
    add((t for t in sent if t.i >= b), "sent_after_cue")
    # quotations that start in this sentence or the next one, possibly running over several sentences
    straight = 0
    for j in range(sent.start, min(len(doc), sent.end + 3)):
        t = doc[j].text
        opens = t in _OPEN or (t == '"' and straight % 2 == 0)
        straight += t == '"'
        if opens:
            e = _quote_end(doc, j, 250)
            if e is not None and not (j < a < e):
                out.setdefault((j, e), "quote")
    if sent.start > 0:
        prev = _sentence_at(doc, sent.start - 1)
        if not _paragraph_break(doc, sent.start) or prev.text.rstrip()[-1:] in _CLOSING_MARKS:
            add(prev, "prev_sent")
    if sent.end < len(doc) and (not _paragraph_break(doc, sent.end) or sent.text.rstrip().endswith(":")):
        nxt = _sentence_at(doc, sent.end)
        add(nxt, "next_sent")
    return [Candidate(s, e, k) for (s, e), k in out.items() if e - s >= 1]


_CLOSING_MARKS = frozenset({"”", '"', "'", "’"})


def _paragraph_break(doc: Any, i: int) -> bool:
    """Whether a line break lies between token i - 1 and token i: a report takes its content from another
    paragraph only when it introduces it ("Psaki said:") or follows a quotation ("“...” | She said."), not
    otherwise ("Trump ordered ... that" is not about the paragraph before)."""
    return "\n" in doc.text[doc[i - 1].idx : doc[i].idx] or doc[i - 1].is_space and "\n" in doc[i - 1].text


def content_features(c: Candidate, cue: Any, cue_span: tuple[int, int], sent: Any) -> list[str]:
    """Features of a content candidate for a cue."""
    doc = cue.doc
    lemma = _lem(cue)
    first, last = doc[c.start], doc[c.end - 1]
    before = doc[c.start - 1] if c.start > 0 else None
    after = doc[c.end] if c.end < len(doc) else None
    side = "R" if c.start >= cue_span[1] else ("L" if c.end <= cue_span[0] else "X")
    in_sent = sent.start <= c.start and c.end <= sent.end
    n = c.end - c.start
    kind = c.kind
    return [
        "b",
        "k=" + kind,
        "k|l=" + kind + "|" + lemma,
        "k|lex=" + kind + "|" + _lex(cue),
        "k|cd=" + kind + "|" + cue.dep_,
        "side=" + side,
        "insent=" + str(in_sent),
        "k|insent=" + kind + "|" + str(in_sent),
        "len=" + _bucket(n),
        "k|len=" + kind + "|" + _bucket(n),
        "first=" + first.lower_ if first.is_punct or first.is_stop else "firstp=" + first.pos_,
        "last=" + last.text if last.is_punct else "lastp=" + last.pos_,
        "before=" + (before.text if before is not None and (before.is_punct or before.is_stop) else "-"),
        "after=" + (after.text if after is not None and after.is_punct else "-"),
        "qf=" + str(first.text in _QUOTES) + str(last.text in _QUOTES),
        "k|qf=" + kind + str(first.text in _QUOTES) + str(last.text in _QUOTES),
        "gap=" + _bucket(max(0, c.start - cue_span[1], cue_span[0] - c.end)),
        "fd=" + first.dep_,
        "k|fd=" + kind + "|" + first.dep_,
        "sentend=" + str(c.end == sent.end or (after is not None and after.is_punct and c.end + 1 == sent.end)),
        "k|first=" + kind + "|" + (first.lower_ if first.is_punct or first.is_stop else first.pos_),
        "k|side|cd=" + kind + "|" + side + "|" + cue.dep_,
        "k|mark=" + kind + "|" + _mark(doc, c),
        "lex|side|cd=" + _lex(cue) + "|" + side + "|" + cue.dep_,
    ]


def _mark(doc: Any, c: Candidate) -> str:
    """The subordinating word of a candidate's root clause ("as", "because", "that"), or "-"."""
    piece = doc[c.start : c.end]
    root = piece.root
    return next((t.lower_ for t in root.children if t.dep_ == "mark"), "-")


class LinearModels:
    """Hashed-feature logistic regressions, one weight vector and bias per model."""

    def __init__(
        self,
        weights: dict[str, np.ndarray],
        bias: dict[str, float],
        thresholds: dict[str, float],
        cue_lemmas: tuple[str, ...] = (),
        cue_vocab: frozenset[str] = frozenset(),
        dense: dict[str, np.ndarray] | None = None,
        dense_mean: dict[str, float] | None = None,
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.thresholds = thresholds
        self.cue_lemmas = cue_lemmas
        self.cue_vocab = cue_vocab
        self.dense = dense or {}
        self.dense_mean = dense_mean or {}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "LinearModels":
        """Load the weights file written by the training script."""
        weights = {}
        with np.load(path) as z:
            for m in MODELS:
                w = np.zeros(1 << N_BITS, dtype=np.float32)
                w[z["i_" + m]] = z["w_" + m].astype(np.float32)
                weights[m] = w
            bias = {m: float(z["b_" + m]) for m in MODELS}
            thresholds = {m: float(z["t_" + m]) for m in MODELS}
            lemmas = tuple(str(x) for x in z["cue_lemmas"]) if "cue_lemmas" in z else ()
            vocab = frozenset(str(x) for x in z["cue_vocab"]) if "cue_vocab" in z else frozenset()
            dense = {m: z["d_" + m].astype(np.float32) for m in DENSE_MODELS if "d_" + m in z}
            dense_mean = {m: float(z["o_" + m]) for m in DENSE_MODELS if "o_" + m in z}
        return cls(weights, bias, thresholds, lemmas, vocab, dense, dense_mean)

    def save(self, path: Path, prune: float = 1e-3) -> None:
        """Write the weights compactly: indices and float16 values of the weights above ``prune``."""
        arrays: dict[str, Any] = {}
        for m in MODELS:
            keep = np.flatnonzero(np.abs(self.weights[m]) > prune).astype(np.int32)
            arrays["i_" + m] = keep
            arrays["w_" + m] = self.weights[m][keep].astype(np.float16)
            arrays["b_" + m] = np.float32(self.bias[m])
            arrays["t_" + m] = np.float32(self.thresholds[m])
        arrays["cue_lemmas"] = np.asarray(sorted(self.cue_lemmas), dtype=str)
        arrays["cue_vocab"] = np.asarray(sorted(self.cue_vocab), dtype=str)
        for m, w in self.dense.items():
            arrays["d_" + m] = w.astype(np.float32)
            arrays["o_" + m] = np.float32(self.dense_mean.get(m, 0.0))
        np.savez_compressed(path, **arrays)

    def scores(
        self,
        model: str,
        feats: Sequence[list[str]],
        vectors: Callable[[], np.ndarray | None] | None = None,
    ) -> np.ndarray:
        """Logit of each feature list under one model, plus the context vectors' part where the model has one
        (``vectors`` is called only then: the shipped weights have none, and the parse is the hot path)."""
        if not feats:
            return np.zeros(0, dtype=np.float32)
        w = self.weights[model]
        idx = np.fromiter(map(_HASHES.__getitem__, chain.from_iterable(feats)), dtype=np.int64)
        offs = np.cumsum([0] + [len(f) for f in feats[:-1]])
        out = np.add.reduceat(w[idx], offs) + self.bias[model]
        d = self.dense.get(model)
        if d is not None:
            got = vectors() if vectors is not None else None
            if got is not None and got.shape[1] == d.shape[0]:
                out = out + got @ d
            else:  # a Doc without context vectors: their training mean, so the decision stays centred
                out = out + self.dense_mean.get(model, 0.0)
        return out


@lru_cache(maxsize=1)
def load_model() -> LinearModels | None:
    """The packaged model, or None when the weights file is missing."""
    if not MODEL_PATH.exists():
        return None
    return LinearModels.load(MODEL_PATH)


@dataclass
class Predicted:
    """One attribution as token indices: cue range, source head and range (or None), content range (or None)."""

    cue_head: int
    cue: tuple[int, int]
    source: int | None
    source_span: tuple[int, int] | None
    content: tuple[int, int] | None


def cue_candidates(sent: Any, vocab: frozenset[str] = frozenset()) -> list[Any]:
    """Tokens of a sentence that may head a cue; given the lemmas seen heading a cue in training
    (``vocab``), words other than verbs must be one of them (the rest never score as cues)."""
    out = [t for t in sent if t.pos_ in CUE_POS and not t.is_space and (t.pos_ != "PUNCT" or t.text in _DASHES)]
    if vocab:
        out = [t for t in out if t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in vocab]
    return out


def source_candidates(sent: Any) -> list[Any]:
    """Tokens of a sentence that may head a source phrase."""
    return [t for t in sent if t.pos_ in SOURCE_POS]


def cue_span(models: LinearModels, head: Any, sent: Any) -> tuple[int, int]:
    """The cue's token range: the head and the adjacent tokens the extension model takes in."""
    window = [t for t in sent if t.i != head.i and abs(t.i - head.i) <= 6 and not t.is_space]
    if not window:
        return head.i, head.i + 1
    s = models.scores("cue_ext", [ext_features(t, head) for t in window])
    keep = {t.i for t, v in zip(window, s) if v > models.thresholds["cue_ext"]}
    a = head.i
    while a - 1 in keep and a - 1 >= sent.start:
        a -= 1
    b = head.i + 1
    while b in keep and b < sent.end:
        b += 1
    return a, b


_POLL_TAKERS = frozenset({"participate", "include", "respond", "ask", "question", "interview", "take", "sample"})


def _edge_content(clause: Any, aside: Any, sent: Any) -> tuple[int, int] | None:
    """The clause ``clause`` heads, less the phrase ``aside`` where it opens or closes it."""
    toks = [t for t in clause.subtree if sent.start <= t.i < sent.end]
    inner = {t.i for t in aside.subtree}
    if aside.left_edge.i <= toks[0].i:
        toks = [t for t in toks if t.i > aside.right_edge.i]
    elif aside.right_edge.i >= toks[-1].i:
        toks = [t for t in toks if t.i < aside.left_edge.i]
    toks = [t for t in toks if t.i not in inner]
    toks = trim(toks)
    return (toks[0].i, toks[-1].i + 1) if toks else None


def poll_cues(models: LinearModels, sent: Any, taken: set[int]) -> list[Predicted]:
    """Findings credited to a poll by "in" ("In a poll released Monday, Trump led by 5"; "Trump led by 5 in a
    CNN poll"): the cue is "in", the source the poll's phrase (its date kept), the content the clause. A poll
    after its verb must be named: "he rose in the polls" is a standing."""
    out: list[Predicted] = []
    for tok in sent:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.i in taken:
            continue
        poll = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in POLL_WORDS), None)
        clause = tok.head
        if poll is None or clause.pos_ not in ("VERB", "AUX") or clause.lemma_.lower() in _POLL_TAKERS:
            continue
        if tok.i > clause.i and not any(t.pos_ == "PROPN" for t in poll.subtree):
            continue  # "he rose in the polls": a standing, not a finding credited to a poll
        content = _edge_content(clause, tok, sent)
        out.append(Predicted(tok.i, (tok.i, tok.i + 1), poll.i, source_span(models, poll, sent), content))
    return out


_SETTINGS = frozenset({"during", "in", "at", "on", "after", "before", "following", "outside", "from"})


def _quoted_over_setting(cands: list[Candidate], scores: np.ndarray, cue: Any, sent: Any) -> int:
    """The best content candidate, unless it is only where or when the cue's speaker spoke ("said | during a news
    conference Sunday") while a quotation closes just before the source ('"A sad day for law enforcement," Chief
    Ada Marsh said during ...'): then the best candidate that ends with that closing mark."""
    k = int(np.argmax(scores))
    doc = sent.doc
    first = doc[cands[k].start]
    if first.i <= cue.i or first.dep_ != "prep" or first.head.i != cue.i or first.lower_ not in _SETTINGS:
        return k
    quoted = [
        j
        for j, c in enumerate(cands)
        if c.end <= cue.i
        and doc[c.end - 1].text in _CLOSE | {'"'}
        and any(t.is_alpha for t in doc[c.start : c.end])
        and not any(t.pos_ in ("VERB", "AUX") for t in doc[c.end : cue.i])
    ]
    return max(quoted, key=lambda j: scores[j]) if quoted else k


def predict_sentence(models: LinearModels, sent: Any) -> list[Predicted]:
    """Attributions of one parsed sentence (a spaCy Span), each as token indices."""
    found = _predict_cues(models, sent)
    taken = {i for p in found for i in range(p.cue[0], p.cue[1])}
    return sorted(found + poll_cues(models, sent, taken), key=lambda p: p.cue[0])


def _predict_cues(models: LinearModels, sent: Any) -> list[Predicted]:
    cands = cue_candidates(sent, models.cue_vocab)
    if not cands:
        return []
    info = SentInfo(sent)
    cs = models.scores("cue", [cue_features(t, sent, info) for t in cands], lambda: cue_vectors(cands))
    heads = [t for t, v in zip(cands, cs) if v > models.thresholds["cue"]]
    out: list[Predicted] = []
    if not heads:
        return out
    srcs = source_candidates(sent)
    after_dateline = dateline_end(sent)
    for head in heads:
        span = cue_span(models, head, sent)
        source = None
        options = [t for t in srcs if not (span[0] <= t.i < span[1])]
        if options:
            ss = models.scores(
                "source",
                [source_features(t, head, sent, info) for t in options],
                lambda: source_vectors(options, head),
            )
            for k in np.argsort(-ss, kind="stable")[:3].tolist():
                if ss[k] <= models.thresholds["source"] + (SAYING_SLACK if head.lemma_.lower() in _SAYING else 0.0):
                    break
                source = _past_dateline(options[k], after_dateline)
                if source is not None:
                    break
        if source is None:
            source = _participles_subject(head, after_dateline)
        content = None
        cc = content_candidates(head, span, source, sent)
        if cc:
            vs = models.scores("content", [content_features(c, head, span, sent) for c in cc])
            k = _quoted_over_setting(cc, vs, head, sent)
            if vs[k] > models.thresholds["content"]:
                content = (cc[k].start, cc[k].end)
        src_span = source_span(models, source, sent) if source is not None else None
        if source is not None and src_span is not None and src_span[0] < after_dateline <= source.i:
            src_span = (after_dateline, src_span[1])  # "RANGOON, Burma - | Aung San Suu Kyi's political allies"
        out.append(Predicted(head.i, span, source.i if source is not None else None, src_span, content))
    return out


_QUOTE_CLOSE_AFTER = re.compile(r"[.,!?]?[”\"]")


def _closing_quote_end(text: str, start: int, end: int) -> int:
    """The end of a content that opens a quotation and stops just before its closing mark ('was “true' of
    'was “true.”'): after the mark (and the stop inside it), so the quotation is whole; else ``end``."""
    piece = text[start:end]
    unclosed = piece.count("“") > piece.count("”") or (piece.count('"') % 2 == 1 and "“" not in piece)
    m = _QUOTE_CLOSE_AFTER.match(text, end) if unclosed else None
    return m.end() if m is not None else end


_QUOTE_OPEN_BEFORE = re.compile(r"(?:''|``|“|\")$")
_QUOTE_SHUT_AFTER = re.compile(r"[.,!?]?(?:''|”|\")")


def _quotation_whole(text: str, start: int, end: int) -> tuple[int, int]:
    """A content that is the inside of a quotation, widened to its marks (“We will,” of “We will,” she said),
    so the quotation is quoted whole; a content holding quote marks of its own is left as it is."""
    piece = text[start:end]
    if any(q in piece for q in ("''", "“", "”", '"')):
        return start, end
    m_open = _QUOTE_OPEN_BEFORE.search(text, max(0, start - 2), start)
    m_shut = _QUOTE_SHUT_AFTER.match(text, end)
    if m_open is None or m_shut is None:
        return start, end
    return m_open.start(), m_shut.end()


def active_model() -> LinearModels | None:
    """The packaged model unless ``STORYLINE_ATTRIBUTION=rules`` asks for the dependency rules alone."""
    if os.environ.get("STORYLINE_ATTRIBUTION", "").lower() == "rules":
        return None
    return load_model()


def find_learned(doc: Any, models: LinearModels) -> list[Found]:
    """Attributions of a parsed document by the learned model, as :class:`Found` spans in text order."""
    from .parse import _mention

    found: list[Found] = []
    for sent in doc.sents:
        sent_span = Span(sent.start_char, sent.end_char, sent.text)
        for p in predict_sentence(models, sent):
            source = None
            if p.source is not None and p.source_span is not None:
                mention = _mention(doc, doc[p.source])
                if mention is not None:
                    a, b = p.source_span
                    piece = doc[a:b]
                    source = replace(mention, start=piece.start_char, end=piece.end_char, text=piece.text)
            content = None
            if p.content is not None:
                piece = doc[p.content[0] : p.content[1]]
                start, end = _quotation_whole(doc.text, piece.start_char, piece.end_char)
                end = _closing_quote_end(doc.text, start, end)
                content = Span(start, end, doc.text[start:end])
            cue = doc[p.cue[0] : p.cue[1]]
            found.append(Found(Span(cue.start_char, cue.end_char, cue.text), content, source, sent_span))
    return found
