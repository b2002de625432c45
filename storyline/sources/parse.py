"""Find attributions in a spaCy Doc from its dependency parse: cue verb, its subject, its clause."""

from __future__ import annotations

import re
from typing import Any, Iterable

from .kinds import source_kind
from .learned import dateline_end
from .lexicon import HEARSAY_ADVERBS, PRONOUN_PERSON, PRONOUN_RELATIVE, REPORT_LEMMAS, STANCE_LEMMAS, WEAK_LEMMAS
from .spans import Found, SourceMention, Span
from .speaker_lines import with_speaker_lines

_QUOTES = set("\"'“”‘’«»") | {"''", "``"}
_CONTENT_DEPS = ("ccomp", "xcomp")
_SUBJ_DEPS = ("nsubj", "nsubjpass")
_DOBJ_CONTENT = frozenset(
    "deny accuse confirm announce report claim reveal disclose allege dispute reject reiterate".split()
)
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


_OPEN = {"“", "‘", "``", "«"}
_CLOSE = {"”", "’", "''", "»"}


def _is_punct(tok: Any) -> bool:
    return tok.is_punct and tok.text not in _QUOTES


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop punctuation and conjunctions at the edges of a token run; quote marks only where they cannot
    belong to it (a closing mark first, an opening mark last)."""
    while tokens and (_is_punct(tokens[0]) or tokens[0].is_space or tokens[0].dep_ == "cc" or tokens[0].text in _CLOSE):
        tokens = tokens[1:]
    while tokens and (
        _is_punct(tokens[-1]) or tokens[-1].is_space or tokens[-1].dep_ == "cc" or tokens[-1].text in _OPEN
    ):
        tokens = tokens[:-1]
    return tokens


def _span(doc: Any, tokens: Iterable[Any]) -> Span | None:
    toks = _trim(sorted(tokens, key=lambda t: t.i))
    if not toks:
        return None
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1]), doc[toks[0].i : toks[-1].i + 1].text)


def _quote_balance(toks: list[Any]) -> int:
    """Opening minus closing quote marks; straight double quotes count as opening when odd."""
    straight = sum(t.text == '"' for t in toks)
    return sum(t.text in _OPEN for t in toks) - sum(t.text in _CLOSE for t in toks) + straight % 2


def _content_span(doc: Any, tokens: Iterable[Any]) -> Span | None:
    """A content span, widened to take in the punctuation and quote mark that close an open quote."""
    toks = _trim(sorted(tokens, key=lambda t: t.i))
    if not toks:
        return None
    balance = _quote_balance(toks)
    if balance > 0:
        for j in range(toks[-1].i + 1, min(len(doc), toks[-1].i + 4)):
            if doc[j].text in _CLOSE or doc[j].text == '"':
                toks = toks + list(doc[toks[-1].i + 1 : j + 1])
                break
            if not doc[j].is_punct:
                break
    elif balance < 0 and toks[0].i > 0 and doc[toks[0].i - 1].text in _OPEN | {'"'}:
        toks = [doc[toks[0].i - 1]] + toks
    return Span(toks[0].idx, toks[-1].idx + len(toks[-1]), doc[toks[0].i : toks[-1].i + 1].text)


def _inverted_subject(verb: Any) -> Any | None:
    """The source after the cue in "..., reported Yonhap," or "“...,” said Mr Kim": no subject before it."""
    if verb.i == 0 or any(c.dep_ in _SUBJ_DEPS and c.i < verb.i for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.text not in (",", "”", "\"", "''") and not (prev.is_punct and prev.text in _QUOTES):
        return None
    deps = ("nsubj", "attr") if verb.lemma_.lower() == "tell" else ("nsubj", "dobj", "attr")
    for child in verb.children:
        if child.i > verb.i and child.dep_ in deps and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return child  # "..., reported Yonhap"; not "..., told AFP": whom he told
    return _speaker_after_quote(verb)


def _speaker_after_quote(verb: Any) -> Any | None:
    """The name between a closing quote and its cue, with an aside between commas or none ("“...,” Ramos, 58,
    told AFP", "“...,” Texas delegate Bill Eastland, wearing a cowboy hat, said"), which the parser often
    hangs elsewhere (a conjunct, an adverb)."""
    doc = verb.doc
    i = verb.i - 1
    if doc[i].text == ",":
        j = i - 1
        while j > verb.sent.start and doc[j].text != "," and i - j <= 25:
            j -= 1
        if doc[j].text != ",":
            return None
        i = j
    name_end = i - 1 if doc[i].text == "," else i
    k = name_end
    while k > verb.sent.start and doc[k].pos_ == "PROPN":
        k -= 1
    if k == name_end or doc[name_end].pos_ != "PROPN":
        return None
    while k > verb.sent.start and doc[k].pos_ in ("NOUN", "ADJ", "PROPN") and doc[k].text[:1].isupper() is False:
        k -= 1  # "Texas delegate Bill Eastland": the title words before the name
    k = k if doc[k].text in (",", "”") else k - 1
    if not (doc[k].text == "”" or doc[k].text == "," and k > 0 and doc[k - 1].text in ("”", '"')):
        return None
    return doc[name_end]


def _subject(verb: Any) -> Any | None:
    """The subject of a cue verb, looking through conjunctions ("He smiled and said")."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJ_DEPS and child.lower_ != "there":
                return child
        climb = verb.dep_ == "conj" or (verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG")
        if verb.dep_ == "xcomp" and verb.head.lemma_ != "be":
            climb = True
        if climb:
            verb = verb.head
        else:
            return None
    return None


def _content_tokens(cue: Any, sent: Any) -> list[Any]:
    """The tokens a cue reports: its clausal complement, or the clause it is attached to."""
    for child in cue.children:
        if child.dep_ in _CONTENT_DEPS and not (child.dep_ == "xcomp" and child.i < cue.i):
            toks = list(child.subtree)
            if child.dep_ == "xcomp":
                toks = [t for t in cue.subtree if t.i > cue.i and t.i >= min(x.i for x in toks)]
            return toks
    for child in cue.children:  # "cited X as saying ...", "quoted X as saying"
        if child.dep_ in ("prep", "advcl") and child.lower_ == "as":
            for sub in child.subtree:
                if sub.lower_ == "saying":
                    for c in sub.children:
                        if c.dep_ in _CONTENT_DEPS:
                            return list(c.subtree)
    head = cue.head
    if head is not cue and cue.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
        inner = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in inner]
        if cue.dep_ in ("advcl", "conj") or head.i < cue.i:
            toks = [t for t in toks if t.i < min(inner)]
        if len(_trim(toks)) > 1:
            return toks
    lemma = cue.lemma_.lower()
    if lemma in _DOBJ_CONTENT or lemma in STANCE_LEMMAS:
        for child in cue.children:
            if child.dep_ in ("dobj", "prep", "xcomp", "oprd") and child.i > cue.i:
                if lemma not in STANCE_LEMMAS and child.dep_ != "dobj":
                    continue
                return [t for t in cue.subtree if t.i >= child.left_edge.i]
    return []


def _fallback_content(cue: Any, sent: Any) -> list[Any]:
    """Content when the parse gives none: a quote after "said:", else the rest of the sentence
    around the cue clause, else an adjacent quoted sentence ("“...,” Ms. Moore said.")."""
    clause = {t.i for t in cue.subtree}
    after = [t for t in sent if t.i > cue.i]
    if after and after[0].text in (":", ",") and len(after) > 2 and any(t.text in _QUOTES for t in after[:3]):
        return after[1:]
    side = _trim(_outside(sent, clause))
    if len(side) > 2:
        return side
    doc = cue.doc
    before = [t for t in sent if t.i < min(clause)]
    if not _trim(before) and sent.start > 0:
        prev = doc[sent.start - 1].sent
        if any(t.text in _QUOTES for t in prev[-3:]):
            return list(prev)
    if after and after[0].text == ":" and sent.end < len(doc):
        return list(doc[sent.end].sent)
    return []


def _outside(sent: Any, phrase: set[int]) -> list[Any]:
    """The longer side of a sentence around a phrase ("According to X, ..." / "..., according to X")."""
    left = [t for t in sent if t.i < min(phrase)]
    right = [t for t in sent if t.i > max(phrase)]
    return left if len(_trim(left)) > len(_trim(right)) else right


def _entity_of(tok: Any) -> Any | None:
    doc = tok.doc
    if tok.ent_iob_ == "O":
        return None
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _last_entity(doc: Any, before: int, labels: tuple[str, ...]) -> Any | None:
    """The last entity of these labels ending before ``before``; a person named only as a modifier ("the Bush
    administration") is no one a pronoun can stand for."""
    best = None
    for ent in doc.ents:
        if ent.end_char > before:
            break
        if ent.label_ in labels and not (ent.label_ == "PERSON" and ent.root.dep_ == "compound"):
            best = ent
    return best


_PRIVATE_WORDS = frozenset(
    """company firm drugmaker automaker carmaker retailer airline bank lender insurer manufacturer startup platform
    publisher network broadcaster newspaper charity union""".split()
)
_OUTLET_WORDS = frozenset("network broadcaster newspaper publisher".split())
_AGENCY_WORDS = frozenset("bureau agency department ministry regulator watchdog".split())
_BOARD_WORDS = frozenset("court panel committee council".split())
_PUBLIC_NAME_WORDS = frozenset(
    """agency organization organisation department ministry committee administration bureau commission court council
    sector service office police university institute centers center nations government senate house congress
    board panel authority""".split()
)
"""Words of a public body's name: a company is none of these, an agency is one of these (or its initials)."""


def _fits_description(head: str, name: str) -> bool:
    """Whether a body named ``name`` is what a description headed by ``head`` can stand for: "the company" (or
    "the charity") is no public body ("World Health Organization"), "the agency" is a public body ("CDC",
    "Customs and Border Protection", not "Del Rio Sector"; "the department" a department or the police, not
    "South Georgia Medical Center"), "the panel" a board of some kind, "the court" a court, "the newspaper" an
    outlet."""
    words = {w.strip(".,'’").lower() for w in name.split()}
    initials = re.fullmatch(r"(?:[A-Z]\.?){2,6}", name.replace(" ", "")) is not None
    if head in _OUTLET_WORDS:
        return source_kind(name, None, "ORG") == "outlet"
    if head in _PRIVATE_WORDS:
        return not words & _PUBLIC_NAME_WORDS
    if source_kind(name, None, "ORG") in ("outlet", "agency"):
        return False  # "AP" has initials, but "the department" is no news agency
    if head == "department":
        return initials or bool(words & {"department", "dept", "police"})
    if head == "ministry":
        return "ministry" in words
    if head in _AGENCY_WORDS:
        return initials or bool(
            words & (_PUBLIC_NAME_WORDS - {"sector", "court", "panel", "board"}) or "protection" in words
        )
    if head == "court":
        return "court" in words
    if head in _BOARD_WORDS:
        return bool(words & {"committee", "panel", "council", "commission", "board"})
    return True


_BODY_REACH = 1500
_NAMED_AND = re.compile(r"(?<![\w.&'’-])([A-Z][\w.&'’-]*+(?:\s[A-Z][\w.&'’-]*+){0,3})\s(?:and|&)\s$")


def _described_body(doc: Any, head: Any, span: Span) -> SourceMention | None:
    """A source that only describes a body ("the company", "the bureau", "the companies") as the body the text
    named last before it ("Moderna", "the F.B.I.", "Pfizer and BioNTech"), so that its words and the
    body's own count as one origin; None for anything else ("the Labor Department" is a name, "a company" new)."""
    words = [t for t in head.subtree if t.i <= head.i]
    if not words or words[0].lower_ != "the" or len(words) > 3 or any(t.pos_ == "PROPN" for t in words):
        return None
    plural = head.tag_ in ("NNS", "NNPS")
    lemma = head.lemma_.lower()
    if lemma not in _PRIVATE_WORDS | _AGENCY_WORDS | _BOARD_WORDS or any(t.i > head.i for t in head.subtree):
        return None
    named = [
        (e.start_char, e.end_char, _strip_possessive(e.text))
        for e in doc.ents
        if e.label_ == "ORG" and span.start - _BODY_REACH <= e.end_char <= span.start and e.root.dep_ != "compound"
    ]
    if lemma in _PRIVATE_WORDS:
        named = sorted(named + _untyped_names(doc, span.start - _BODY_REACH, span.start), key=lambda n: n[1])
    found = next(((a, name) for a, _, name in reversed(named) if _fits_description(lemma, name)), None)
    if found is None:
        return None
    at, name = found
    if plural and " and " not in name and " & " not in name:
        m = _NAMED_AND.search(doc.text, max(0, at - 60), at)
        if m is None:
            return None  # "the companies" stand for two or more named together, or for no one known
        name = f"{m.group(1)} and {name}"
    kind = source_kind(name, name.split()[-1].lower(), "ORG", named=True)
    return SourceMention(span.start, span.end, span.text, kind, name)


def _untyped_names(doc: Any, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Capitalised names between characters ``lo`` and ``hi`` that the entity recogniser gave no type (the
    small English model misses company names, and may tag them as nouns: "Pfizer and BioNTech asked ..."), as
    (start, end, name); two joined by "and" are one name. A capitalised noun counts where its capital is no
    sentence's first letter (inside a sentence, "BioNTech", or capitalised again inside another one)."""
    inside = {t.text for t in doc if t.i != t.sent.start and t.text[:1].isupper()}

    def named(tok: Any) -> bool:
        if tok.ent_type_ or not tok.text[:1].isupper() or tok.dep_ in ("compound", "flat"):
            return False
        return tok.pos_ == "PROPN" or (
            tok.pos_ == "NOUN" and (tok.text in inside or any(ch.isupper() for ch in tok.text[1:]))
        )

    out: list[tuple[int, int, str]] = []
    for tok in doc:
        if tok.idx < lo or tok.idx + len(tok) > hi or not named(tok):
            continue
        left = tok
        while left.i > 0 and doc[left.i - 1].pos_ == "PROPN" and not doc[left.i - 1].ent_type_:
            left = doc[left.i - 1]
        start, end = left.idx, tok.idx + len(tok)
        name = doc.text[start:end]
        if tok.dep_ == "conj" and (head := tok.head).text[:1].isupper() and not head.ent_type_:
            if doc.text[head.idx + len(head) : start].strip() in ("and", "&"):
                if out and out[-1][0] == head.idx:
                    out.pop()
                start, name = head.idx, f"{head.text} and {name}"
        out.append((start, end, name))
    return out


def _coordinated_subject(it: Any) -> str | None:
    """What "it" stands for when its clause is coordinated with one whose subject is a thing, not a person
    ("The board upheld the ban, but it criticized the network": the board), else None."""
    verb = it.head
    if it.dep_ not in _SUBJ_DEPS or verb.dep_ != "conj":
        return None
    first = verb.head
    subjects = [c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < it.i]
    if not subjects or subjects[0].pos_ not in ("NOUN", "PROPN") or subjects[0].ent_type_ == "PERSON":
        return None
    toks = [t for t in subjects[0].subtree if t.i <= subjects[0].i]
    return _strip_possessive(it.doc[toks[0].i : subjects[0].i + 1].text) if toks else None


def _strip_possessive(text: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def quotation_closing_before(text: str, at: int, lo: int) -> tuple[int, int] | None:
    """Where the opening and the closing mark are of the quotation whose closing mark ends ``text[lo:at]`` (spaces
    aside), the opening searched back to ``lo``; None when no quotation closes there."""
    head = text[lo:at].rstrip()
    if not head.endswith(("\u201d", '"')):
        return None
    close = lo + len(head) - 1
    opening = text.rfind("\u201c" if text[close] == "\u201d" else '"', lo, close)
    return (opening, close) if opening >= 0 else None


def _before_quotation(text: str, at: int, reach: int = 1500) -> int:
    """Where to look back from for whom "he" or "she" at ``at`` is: before the quotation that closes just before
    it ('"... Louis XIV. And so that's a common history," he told Reuters' is not Louis XIV's), else ``at``."""
    quotation = quotation_closing_before(text, at, max(0, at - reach))
    return quotation[0] if quotation is not None else at


def _mention(doc: Any, head: Any) -> SourceMention | None:
    """A source mention from the head of a subject or object phrase, with kind and display name."""
    if head.dep_ in _SUBJ_DEPS and head.head.dep_ == "relcl" and head.lower_ in PRONOUN_RELATIVE:
        span = _span(doc, [head])
        antecedent = head.head.head
        named = _entity_of(antecedent)
        name_toks = [t for t in antecedent.subtree if t.i <= antecedent.i and t.dep_ != "det"]
        name = named.text if named is not None else doc[name_toks[0].i : antecedent.i + 1].text
        label = named.label_ if named is not None else None
        kind = source_kind(name, antecedent.lower_, label, named=antecedent.pos_ == "PROPN")
        return SourceMention(span.start, span.end, span.text, kind, _strip_possessive(name)) if span else None
    closed = [t.i for t in head.subtree if t.i < head.i and t.text in _CLOSE]
    start = max(closed[-1] + 1 if closed else 0, dateline_end(head.sent))
    span = _span(doc, [t for t in head.subtree if t.i >= start] or [head])
    if span is None:
        return None
    lower = head.lower_
    if head.pos_ == "PRON":
        if lower in PRONOUN_PERSON - {"i", "we", "you"}:
            ent = _last_entity(doc, _before_quotation(doc.text, span.start), ("PERSON",))
            return SourceMention(span.start, span.end, span.text, "person", ent.text if ent is not None else span.text)
        if lower == "it":
            body = _coordinated_subject(head)
            if body is not None:
                kind = source_kind(body, body.split()[-1].lower(), None)
                return SourceMention(span.start, span.end, span.text, kind, body)
            ent = _last_entity(doc, span.start, ("ORG",))
            kind = "organisation" if ent is not None else "unnamed"
            return SourceMention(span.start, span.end, span.text, kind, ent.text if ent is not None else span.text)
        kind = "person" if lower in ("i", "we") else "unnamed"
        return SourceMention(span.start, span.end, span.text, kind, span.text)
    described = _described_body(doc, head, span)
    if described is not None:
        return described
    ent = _entity_of(head)
    label = ent.label_ if ent is not None else None
    if label is None:
        labels = [e.label_ for e in doc.ents if span.start <= e.start_char and e.end_char <= span.end]
        label = "PERSON" if "PERSON" in labels else None
    named = any(t.pos_ == "PROPN" for t in head.subtree)
    kind = source_kind(span.text, lower, label, named=named)
    name = span.text
    coordinated = any(c.dep_ == "conj" for c in head.children)
    if ent is not None and ent.label_ in _NAME_LABELS and kind not in ("unnamed", "document") and not coordinated:
        name = _strip_possessive(ent.text)
        if kind in ("outlet", "agency") and source_kind(name, None, ent.label_) not in ("outlet", "agency"):
            # the outlet is in a modifier ("Centers for Disease Control and Prevention data received by NBC News")
            kind = source_kind(name, None, ent.label_)
    return SourceMention(span.start, span.end, span.text, kind, name)


def _cue_span(doc: Any, tokens: list[Any]) -> Span:
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]), doc[tokens[0].i : tokens[-1].i + 1].text)


def find_in_doc(doc: Any, model: Any = "default") -> list[Found]:
    """All attributions of a parsed document, in text order; ``outer`` links nested citations.

    With the learned model (``storyline.sources.learned``, used unless ``STORYLINE_ATTRIBUTION=rules``
    or ``model=None``) it decides cues, sources and contents; the rules below add what it does not
    model: "citing X" and "cited X as saying" links, sourceless hearsay ("reportedly") and nested "told"; and
    the speakers a line names by its layout (:mod:`.speaker_lines`: "“...” ― Name", "PENCE: ...").
    """
    from . import learned

    models = learned.active_model() if model == "default" else model
    rules = _without_reported_things(doc, find_by_rules(doc))
    if models is None:
        return with_speaker_lines(doc.text, rules)
    found = _merge([f for f in learned.find_learned(doc, models) if not _reported_thing(doc, f)], rules)
    return with_speaker_lines(doc.text, found)


def _without_reported_things(doc: Any, found: list[Found]) -> list[Found]:
    """``found`` less the cues whose source is only what was reported (:func:`_reported_thing`), the
    ``outer`` links of the rest renumbered; a cue another one passes on through is kept."""
    outers = {f.outer for f in found if f.outer is not None}
    kept = [i for i, f in enumerate(found) if i in outers or not _reported_thing(doc, f)]
    if len(kept) == len(found):
        return found
    at = {old: new for new, old in enumerate(kept)}
    out = [found[i] for i in kept]
    for f in out:
        if f.outer is not None:
            f.outer = at[f.outer]
    return out


def _reported_thing(doc: Any, f: Found) -> bool:
    """Whether a cue's source is what a passive cue says was reported ("... by 8 p.m., when the shooting was
    reported"): the subject of "was reported" is its topic, not who reported it. ("The boy was reported to be
    shot" is read in the claims, :func:`.claims._raised_subject`.)"""
    if f.source is None:
        return False
    cue = doc.char_span(f.cue.start, f.cue.end, alignment_mode="expand") or ()
    source = doc.char_span(f.source.start, f.source.end, alignment_mode="expand")
    if source is None:
        return False
    return any(
        c.dep_ == "nsubjpass"
        and c.i in range(source.start, source.end)
        and any(a.dep_ == "auxpass" for a in t.children)
        and not any(a.dep_ == "xcomp" for a in t.children)
        for t in cue
        for c in t.children
    )


_TELL = frozenset({"told", "tell", "tells", "telling"})


def _holds(content: Span | None, cue: Span) -> bool:
    return content is not None and content.start <= cue.start and cue.end <= content.end


def _merge(found: list[Found], rules: list[Found]) -> list[Found]:
    """The learned attributions plus the rules' citation links, hearsay cues and "told" inside another
    attribution's content ("X said Y told her ..."), which the model scores low; a cue the model gives
    no source takes the rules' reading when they find one ("..., reported Yonhap"); in text order."""

    def same_cue(a: Found, b: Found) -> bool:
        return a.cue.start < b.cue.end and b.cue.start < a.cue.end

    out = [
        f
        if f.source is not None
        else next((r for r in rules if r.source is not None and r.outer is None and same_cue(f, r)), f)
        for f in found
    ]
    outer_of: dict[int, Found] = {}
    for r in rules:
        if r.outer is not None:
            parent = rules[r.outer]
            host = next((f for f in out if same_cue(f, parent)), None)
            if host is None:
                host = parent
                out.append(parent)
            out = [f for f in out if not same_cue(f, r) or f is host]
            out.append(r)
            outer_of[id(r)] = host
        elif r.source is None and not any(same_cue(f, r) for f in out):
            out.append(r)
        elif (
            r.cue.text.lower() in _TELL
            and not any(same_cue(f, r) for f in out)
            and any(_holds(f.content, r.cue) for f in found)
        ):
            out.append(r)
    for f in out:
        f.outer = None
    out.sort(key=lambda f: (f.sentence.start, f.cue.start, id(f) in outer_of))
    position = {id(f): i for i, f in enumerate(out)}
    for f in out:
        if id(f) in outer_of:
            f.outer = position[id(outer_of[id(f)])]
    return out


def _reports(doc: Any, f: Found) -> bool:
    """Whether a found cue is a reporting verb (what a "citing" phrase can hang on), not a stance."""
    return any(
        t.lemma_.lower() in REPORT_LEMMAS for t in doc.char_span(f.cue.start, f.cue.end, alignment_mode="expand") or ()
    )


def _report_before(doc: Any, found: list[Found], by_cue: dict[int, int], tok: Any) -> int | None:
    """The nearest reporting cue before ``tok`` in its sentence, for a "citing" the parse hung on no report."""
    best = None
    for i, k in by_cue.items():
        if tok.sent.start <= i < tok.i and _reports(doc, found[k]) and (best is None or i > best[0]):
            best = (i, k)
    return best[1] if best else None


def find_by_rules(doc: Any) -> list[Found]:
    """All attributions the dependency rules find in a parsed document, in text order."""
    found: list[Found] = []
    by_cue: dict[int, int] = {}
    later: list[tuple[Any, Any]] = []
    for sent in doc.sents:
        sent_span = Span(sent.start_char, sent.end_char, sent.text)
        for tok in sent:
            low = tok.lower_
            if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
                if not objs:
                    continue
                phrase = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
                content = _content_span(doc, _outside(sent, phrase))
                by_cue[tok.i] = len(found)
                found.append(Found(_cue_span(doc, [tok, to]), content, _mention(doc, objs[0]), sent_span))
            elif low in HEARSAY_ADVERBS and tok.dep_ == "advmod":
                content = _content_span(doc, list(tok.head.subtree))
                found.append(Found(_cue_span(doc, [tok]), content, None, sent_span))
            elif tok.pos_ in ("VERB", "AUX") and (
                tok.lemma_.lower() in REPORT_LEMMAS or tok.lemma_.lower() in STANCE_LEMMAS
            ):
                lemma = tok.lemma_.lower()
                if lemma in ("cite", "quote") and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj", "acl"):
                    later.append((tok, sent_span))
                    continue
                if (
                    low == "saying"
                    and tok.head.lemma_ in ("cite", "quote")
                    or (tok.dep_ == "pcomp" and tok.head.lower_ == "as")
                ):
                    continue
                content_toks = _content_tokens(tok, sent)
                weak = lemma in WEAK_LEMMAS and not any(c.dep_ == "ccomp" for c in tok.children)
                if weak or (lemma in STANCE_LEMMAS and lemma not in REPORT_LEMMAS and _subject(tok) is None):
                    continue
                if not content_toks and lemma not in STANCE_LEMMAS and lemma not in WEAK_LEMMAS:
                    content_toks = _fallback_content(tok, sent)
                if not content_toks:
                    continue
                if lemma in ("cite", "quote"):
                    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                    subj = _subject(tok)
                    outer_src = _mention(doc, subj) if subj is not None else None
                    content = _content_span(doc, content_toks)
                    by_cue[tok.i] = len(found)
                    found.append(Found(_cue_span(doc, [tok]), content, outer_src, sent_span))
                    if obj is not None:
                        found.append(
                            Found(_cue_span(doc, [tok]), content, _mention(doc, obj), sent_span, outer=len(found) - 1)
                        )
                    continue
                subj = _subject(tok)
                if subj is None and tok.dep_ not in ("parataxis", "ROOT", "ccomp", "conj", "advcl"):
                    continue
                source = _mention(doc, subj) if subj is not None else None
                by_cue[tok.i] = len(found)
                found.append(Found(_cue_span(doc, [tok]), _content_span(doc, content_toks), source, sent_span))
    for tok, sent_span in later:
        up, outer = tok.head, None
        for _ in range(4):
            outer = by_cue.get(up.i)
            if outer is not None and not _reports(doc, found[outer]):
                outer = None  # "X reported, citing Y, that the firm plans ...": a stance cue the parse hung it on
            if outer is not None or up.head is up:
                break
            up = up.head
        if outer is None:
            outer = _report_before(doc, found, by_cue, tok)
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
        if outer is None or obj is None:
            continue
        found.append(Found(_cue_span(doc, [tok]), found[outer].content, _mention(doc, obj), sent_span, outer=outer))
    outer_of = {id(f): found[f.outer] for f in found if f.outer is not None}
    found.sort(key=lambda f: (f.sentence.start, f.cue.start, f.outer is not None))
    position = {id(f): i for i, f in enumerate(found)}
    for f in found:
        if id(f) in outer_of:
            f.outer = position[id(outer_of[id(f)])]
    return found
