"""Attributions of an article: for each statement, the chain of sources behind it, outermost first.

The chain starts with the article's outlet (``Article.source``) and the wire agencies it credits,
then the sources the text names, outer to inner: in "Yonhap reported, citing a senior official",
Yonhap comes before the official; in "X said Y told him that ...", X comes before Y.
"""

from __future__ import annotations

import logging
import os
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import islice
from typing import Any, Iterable, Iterator

from storyline.languages import article_language, is_english
from storyline.model import Article, Attribution, Source

from ..lexicon import MONTH_NAMES, WEEKDAY_NAMES
from .assertions import is_denial
from .chains import describe_unnamed, link_across_sentences, plausible_source
from .entities import EntityResolver, doc_mentions, rule_mentions
from .foreign import find_foreign
from .kinds import source_kind
from .lexicon import HEARSAY_ADVERBS, HONORIFICS, RANKS, SHORT_RANKS, UNNAMED_HEADS
from .names import name_key, names_own_outlet
from .nlp import load_nlp
from .parse import find_in_doc, quotation_closing_before
from .prefilter import chunks
from .rules import MAX_SENTENCE_CHARS, find_in_sentences, find_in_text, split_sentences
from .spans import Found, SourceMention, Span
from .speaker_lines import with_speaker_lines

_DEFAULT = object()
PARSE_RUNS = os.environ.get("STORYLINE_PARSE_RUNS", "") not in ("", "0")
"""Parse only the runs of sentences that may hold a cue (:func:`parsed_chunks`) instead of whole articles.
Off by default: on the dev articles 85% of the text is in such runs and it saved no CPU (docs/scale.md)."""


def base_chain(article: Article) -> list[Source]:
    """The outer links every statement of an article has: its outlet, then the agencies it credits."""
    chain: list[Source] = []
    if article.source:
        chain.append(Source(article.source, "outlet"))
    for credit in article.credits:
        if any(name_key(credit, "organisation") == name_key(s.name, "organisation") for s in chain):
            continue
        if article.source and names_own_outlet(credit, article.source):
            continue
        kind = source_kind(credit, label="ORG", named=True)
        chain.append(Source(credit, kind if kind in ("outlet", "agency") else "agency"))
    return chain


def find(
    article: Article, nlp: Any = _DEFAULT, doc: Any | None = None
) -> tuple[list[Found], list[Span], EntityResolver]:
    """Attribution spans of one article, its sentences, and a resolver of the names it mentions.

    ``nlp`` None forces the rule-based path; left out, the installed spaCy model is used if any, on the
    whole text, or on the runs of sentences that may hold a cue (:func:`parsed_chunks`) with :data:`PARSE_RUNS`
    or past MAX_WHOLE_PARSE_CHARS; an article with a sentence over MAX_SENTENCE_CHARS is read by rules. Given a
    ``doc`` of the whole text, that is used.
    """
    if doc is None:
        nlp = load_nlp() if nlp is _DEFAULT else nlp
        how = _how_to_parse(article) if nlp is not None and (not PARSE_RUNS or not is_english(article)) else "runs"
        if how == "rules":
            nlp = None
        if nlp is not None and how == "runs":
            _, sentences, parts = next(parsed_chunks([article], nlp))
            return find_in_chunks(article, sentences, parts)
        doc = nlp(article.text) if nlp is not None else None
    resolver = EntityResolver()
    if doc is not None:
        for start, end, text, label in doc_mentions(doc):
            resolver.add(text, label, article.id, start, end)
        sentences = [Span(s.start_char, s.end_char, s.text) for s in doc.sents]
        return find_in_doc(doc), sentences, resolver
    sentences = sentences_of(article)
    if not is_english(article):
        # names as written: the English name finder reads "Menurut MSE" ("according to MSE") as one name
        return find_foreign(article.text, sentences, article_language(article)), sentences, resolver
    for start, end, text, label in rule_mentions(article.text):
        resolver.add(text, label, article.id, start, end)
    return with_speaker_lines(article.text, find_in_sentences(article.text, sentences)), sentences, resolver


MAX_WHOLE_PARSE_CHARS = 25_000
"""A longer article is parsed in runs of sentences (:func:`parsed_chunks`), not whole: spaCy refuses a text of
over 1,000,000 characters (which stopped the analysis), and a hostile 36,000-character list of 2,300 short
lines took a worker 186 MB more parsed whole, 21 MB in runs. The longest of the 3,620 dev articles has 20,522."""


def _how_to_parse(article: Article) -> str:
    """ "rules" for an article with an endless sentence or not in English (the English parser reads neither
    well: a Chinese paragraph is one "sentence" to it), "runs" for a long one, else "whole"."""
    if has_long_sentence(article) or not is_english(article):
        return "rules"
    return "runs" if len(article.text) > MAX_WHOLE_PARSE_CHARS else "whole"


def has_long_sentence(article: Article) -> bool:
    """Whether a sentence of the article is over MAX_SENTENCE_CHARS. The parser reads such an article by rules
    instead: it would see the whole sentence, and its attribution finder slows with the square of a sentence's
    length (a 190,000-character one took 6 minutes and 800 MB)."""
    cut: list[int] = []
    split_sentences(article.text, cut)
    return bool(cut)


def sentences_of(article: Article) -> list[Span]:
    """The article's sentences by rules; a warning names the article when one was too long to read whole."""
    cut: list[int] = []
    sentences = split_sentences(article.text, cut)
    if cut:
        logging.getLogger("storyline").warning(
            "article %r: %d sentence(s) of over %d characters (the first at character %d)"
            " read in pieces for attributions",
            article.id,
            len(cut),
            MAX_SENTENCE_CHARS,
            cut[0],
        )
    return sentences


def parsed_chunks(
    articles: Iterable[Article], nlp: Any, batch_size: int = 64, n_process: int = 1, group: int = 128
) -> Iterator[tuple[Article, list[Span], list[tuple[int, Any]]]]:
    """Each article with its sentences (by rules) and a spaCy Doc of each run of sentences that may hold a
    cue (:func:`storyline.sources.prefilter.chunks`) with the run's offset in the text: the parser sees
    only those runs (about 70% of a news text), the runs of ``group`` articles go through one ``nlp.pipe``."""
    it = iter(articles)
    while True:
        batch = list(islice(it, group))
        if not batch:
            return
        plans = []
        for a in batch:
            sentences = sentences_of(a)
            plans.append((a, sentences, chunks(a.text, sentences)))
        items = ((a.text[x:y], (i, x)) for i, (a, _, runs) in enumerate(plans) for x, y in runs)
        docs: dict[int, list[tuple[int, Any]]] = {}
        for doc, (i, x) in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
            docs.setdefault(i, []).append((x, doc))
        for i, (a, sentences, _) in enumerate(plans):
            yield a, sentences, docs.get(i, [])


def _shifted(span: Any, by: int) -> Any:
    return None if span is None else replace(span, start=span.start + by, end=span.end + by)


def find_in_chunks(
    article: Article, sentences: list[Span], parts: list[tuple[int, Any]]
) -> tuple[list[Found], list[Span], EntityResolver]:
    """:func:`find` from the parsed runs of an article (offset, Doc), spans mapped back to the article's text.

    Sentences outside the runs are the rule splitter's, and their names are found by rules, so the resolver
    still knows every name the article gives in full; a pronoun source with no name before it in its run
    takes the last person (for "it", organisation) named before it in the article.
    """
    text = article.text
    found: list[Found] = []
    spans: list[Span] = []
    mentions: list[tuple[int, int, str, str]] = []
    runs: list[tuple[int, int]] = []
    for x, doc in parts:
        base = len(found)
        for f in find_in_doc(doc):
            found.append(
                Found(
                    _shifted(f.cue, x),
                    _shifted(f.content, x),
                    _shifted(f.source, x),
                    _shifted(f.sentence, x),
                    None if f.outer is None else f.outer + base,
                )
            )
        spans.extend(Span(x + s.start_char, x + s.end_char, s.text) for s in doc.sents if s.text.strip())
        mentions.extend((x + a, x + b, t, label) for a, b, t, label in doc_mentions(doc))
        runs.append((x, x + len(doc.text)))
    starts = [a for a, _ in runs]

    def outside(a: int, b: int) -> bool:
        i = bisect_right(starts, a) - 1
        return not (i >= 0 and a < runs[i][1]) and not (i + 1 < len(runs) and runs[i + 1][0] < b)

    spans.extend(s for s in sentences if outside(s.start, s.end))
    mentions.extend(m for m in rule_mentions(text) if outside(m[0], m[1]))
    spans.sort(key=lambda s: (s.start, s.end))
    mentions.sort(key=lambda m: m[0])
    resolver = EntityResolver()
    for start, end, name, label in mentions:
        resolver.add(name, label, article.id, start, end)
    for f in found:
        f.source = _named_pronoun(f.source, mentions)
    return found, spans, resolver


_SPEAKER_PRONOUNS = {"he": "m", "she": "f"}
_PERSON_NOUNS = {
    **dict.fromkeys("mother wife sister daughter aunt grandmother woman girlfriend niece stepmother".split(), "f"),
    **dict.fromkeys("father husband brother son uncle grandfather man boyfriend nephew stepfather".split(), "m"),
    **dict.fromkeys("neighbor neighbour witness friend resident relative cousin spokesperson spokesman".split(), ""),
}
"""Heads of a described person who can be the "he" or "she" of the next sentence ("Alford's mother"), with the
gender they give ("" for none)."""
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _pronoun_to_last_speaker(text: str, found: list[Found], reach: int = 600) -> None:
    """A "he" or "she" source named after a person whom the speaker before it only spoke about is that speaker
    ("Kim Barnett said her nephew was Manuel O'Neal. She insisted he wasn't in a gang": Barnett, not O'Neal),
    unless the speaker is known by the other pronoun or title; not for a denial ("He denied the charges" is the
    accused's). Changed in place."""
    gender: dict[str, str] = {}
    last: Found | None = None
    for f in sorted(found, key=lambda f: f.cue.start):
        src = f.source
        if src is None:
            continue
        said = src.text.strip().lower()
        if (
            said in _SPEAKER_PRONOUNS
            and src.kind == "person"
            and last is not None
            and last.source is not None
            and last.content is not None
            and src.name != last.source.name
            and gender.get(last.source.name, _SPEAKER_PRONOUNS[said]) == _SPEAKER_PRONOUNS[said]
            and not is_denial(f.cue.text)
            and 0 <= src.start - last.content.end <= reach
        ):
            at = text.rfind(src.name, 0, src.start)
            if last.content.start <= at < last.content.end:
                f.source = src = replace(src, name=last.source.name)
        known = _SPEAKER_PRONOUNS.get(said) or _gender_of(src.text)
        if known:
            gender.setdefault(src.name, known)
        if (
            f.content is not None
            and said not in ("we", "i", "you")
            and (src.kind == "person" or _gender_of(src.text) is not None)
        ):
            last = f  # "We talked with Prosecutor David Leyton": the outlet, no speaker


_DESCRIPTION = re.compile(r"(?i)the\s+(?:[\w'’.-]+\s+){0,4}?(?P<head>[A-Za-z][\w'’-]*)")
_AGED = re.compile(r"(?i)the\s+(\d{1,3})-year-old\b")
_TITLED_ROLES: dict[str, tuple[str, ...]] = {
    "senator": ("sen.", "senator"),
    "congressman": ("rep.", "congressman", "representative"),
    "congresswoman": ("rep.", "congresswoman", "representative"),
    "governor": ("gov.", "governor"),
    "mayor": ("mayor",),
    "judge": ("judge",),
    "coach": ("coach",),
}
"""Offices a description names, with the words that give a person that office: "the senator" is the last
speaker only if the text calls that speaker "Sen." or "senator" where it names them first."""
_PARTIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "democrat": (("democrat", "(d-", "(d.", "(d,"), ("republican", "(r-", "(r.", "(r,")),
    "republican": (("republican", "(r-", "(r.", "(r,"), ("democrat", "(d-", "(d.", "(d,")),
}
"""A party a description names ("the New York Democrat"): the words that give a person that party, and those
that give the other; the last speaker fits if the text gives them that party, or names no other party for
them and the description follows close on (``_CLOSE``): "the Republican" after a Democrat spoke is the rival."""
_CLOSE = 400
_DESCRIBED_ROLES = frozenset(
    """candidate nominee actress actor star singer rapper billionaire mogul businessman
    businesswoman veteran founder lawmaker""".split()
)
"""Descriptions that stand for the person the text just quoted ("the actress", "the former candidate")."""


def _fits_speaker(said: str, head: str, around: str, gap: int) -> bool:
    """Whether a description ``said`` (head noun ``head``) fits the last speaker, given the text ``around`` where
    the text first names them and the ``gap`` since they spoke."""
    if "'s" in said or "’s" in said:
        return False
    aged = _AGED.match(said)
    if aged is not None:  # "The 52-year-old man" is the speaker the text gave that age ("Jose Zuniga, 52,")
        return re.search(rf"\b{aged.group(1)}\b", around) is not None
    if head in _TITLED_ROLES:
        return any(word in around for word in _TITLED_ROLES[head])
    if head in _PARTIES:
        party, other = _PARTIES[head]
        return any(word in around for word in party) or (not any(word in around for word in other) and gap <= _CLOSE)
    return head in _DESCRIBED_ROLES


def _description_to_last_speaker(text: str, found: list[Found], reach: int = 1500) -> None:
    """A source that only describes a person ("the senator", "the moderate West Virginia Democrat", "the
    52-year-old man") is the named person who spoke last, within ``reach`` characters, when the description fits
    (an office or an age only if the text gives that speaker the office or the age where it names them first:
    "the 15-year-old girl" after a police spokesman spoke is the victim); so one person's words count as one
    origin. A possessive ("the 17-year-old's brother") describes someone else. Changed in place."""
    last: SourceMention | None = None
    for f in sorted(found, key=lambda f: f.cue.start):
        src = f.source
        if src is None:
            continue
        said = src.text.strip()
        m = _DESCRIPTION.fullmatch(said)
        if m is not None and last is not None and 0 <= src.start - last.end <= reach:
            first = text.find(last.name)
            around = text[max(0, first - 60) : min(first + len(last.name) + 60, src.start)].lower()
            fits = first >= 0 and _fits_speaker(said, m.group("head").lower(), around, src.start - last.end)
            if fits:
                f.source = replace(src, kind="person", name=last.name)
                continue
        if src.kind == "person" and m is None and any(w[:1].isupper() for w in src.name.split()):
            last = src


def _gender_of(source: str) -> str | None:
    """The gender a source's words give ("Mrs. Ortiz", "Alford's mother": "f"; "a neighbor": ""), or None when
    they name no single person."""
    words = [w.strip(".,").lower().removesuffix("'s").removesuffix("\u2019s") for w in source.split()]
    if words and words[0] in _TITLE_GENDER:
        return _TITLE_GENDER[words[0]]
    return _PERSON_NOUNS.get(words[-1]) if words else None


_PRONOUN_LABEL = {"he": "person", "she": "person", "it": "organisation"}


def _named_pronoun(source: SourceMention | None, mentions: list[tuple[int, int, str, str]]) -> SourceMention | None:
    """A pronoun source its run could not name, named after the last person (or organisation) before it."""
    if source is None or source.name != source.text or source.text.lower() not in _PRONOUN_LABEL:
        return source
    label = _PRONOUN_LABEL[source.text.lower()]
    before = [m for m in mentions if m[1] <= source.start and m[3] == label]
    if not before:
        return source
    return replace(source, name=before[-1][2], kind="person" if label == "person" else "organisation")


_CITED_BY_CUE = re.compile(r"(?:cited|quoted)\s+by\b", re.I)
"""The participle of "data ... cited by Bloomberg": the channel of another cue's source (:func:`_channel`),
no cue of its own."""
_HEARER_AFTER = re.compile(
    r"[ \t]{1,8}((?:the[ \t]+)?(?:(?:state|public|national|local|private)[ \t]+)?"
    r"(?:(?:broadcaster|newspaper|news agency|agency|radio|television|daily|channel|station)[ \t]+)?"
    r"[A-Z][\w&'\u2019-]*(?:[ \t]+[A-Z][\w&'\u2019-]*){0,4})"
)
_SOURCE_CITED_BY = re.compile(
    r"^(.+?)\s+(?:cited|quoted|reported|published|seen|obtained|reviewed|received|acquired)\s+by\s+(.+?)"
    r"(?:\s+(?:through|via|under|in response|as part|after)\b.*)?$",
    re.S,
)
"""A source named with the outlet that passed it on: "data ... cited by Bloomberg", "port data seen by
Meridian News", "documents obtained by Reuters"."""
_BARE_CLAUSE = re.compile(r"(?<!\s)\s+((?:they|he|she|it|we|there|the|a|an|their|his|her|its|our)\s+\S)", re.I)
"""A told clause without "that" ("Residents told local media | they heard explosions")."""
_TELLS = frozenset({"told", "tells", "tell", "telling"})


def _channel(text: str, f: Found, link: Source | None) -> tuple[Source | None, Source | None]:
    """The agency or outlet a source spoke through, and the source without it: "two people ... told Reuters"
    is Reuters, then the two people; "data from the port authority cited by Bloomberg" is Bloomberg, then
    the data."""
    if link is None:
        return None, None
    if f.cue.text.lower() in _TELLS:
        heard = _HEARER_AFTER.match(text, f.cue.end)
        kind = source_kind(heard.group(1)) if heard is not None else None
        if heard is not None and kind in ("agency", "outlet"):
            return Source(_OUTLET_DESCRIPTOR.sub("", heard.group(1)).removeprefix("the ").strip(), kind), None
        return None, None
    cited = _SOURCE_CITED_BY.match(link.name)
    kind = source_kind(cited.group(2)) if cited is not None else None
    if cited is not None and kind in ("agency", "outlet"):
        name = _TRAILING_WORDS.sub("", cited.group(1).strip()).strip() or cited.group(1).strip()
        return Source(cited.group(2).strip(), kind), Source(name, source_kind(name))
    return None, None


def _told_content(text: str, f: Found) -> Found:
    """ "Berg told AFP in an interview that he had been pushed out": a telling cue whose content is only whom it
    was told to says what follows "that", or the quotation its sentence opens with."""
    c = f.content
    if f.cue.text.lower() not in _TELLS or c is None or c.start < f.cue.end or len(c.text.split()) > 6:
        return f
    rest = text[c.end : f.sentence.end]
    end = f.sentence.start + len(text[f.sentence.start : f.sentence.end].rstrip().rstrip(".!"))
    said = re.search(r"\bthat\s+(?=\S)", rest)
    if said is not None:
        begin = c.end + said.end()
        f.content = Span(begin, end, text[begin:end]) if end > begin else c
        return f
    clause = _BARE_CLAUSE.match(rest)
    if clause is not None and end > c.end + clause.start(1):
        begin = c.end + clause.start(1)
        f.content = Span(begin, end, text[begin:end])
        return f
    quoted = re.match(r"\s*[\"\u201c]([^\"\u201c\u201d]{3,}?)[,.!?]?[\"\u201d]", text[f.sentence.start : f.cue.start])
    closing = _quotation_closed_before(text, f)
    if closing is not None:
        f.content = closing
        return f
    if quoted is not None:
        begin = f.sentence.start + quoted.start()
        begin += len(text[begin:]) - len(text[begin:].lstrip())
        end = f.sentence.start + quoted.end()
        f.content = Span(begin, end, text[begin:end])
    return f


_CLOSED_BEFORE_SOURCE = re.compile(r"[,.!?][\"\u201d][ \t]*$")


def _quotation_closed_before(text: str, f: Found, reach: int = 600) -> Span | None:
    """The quotation that closes right before a telling cue's source ('"They are our neighbours. Whatever they
    need, they will have," she told LPR'), from its opening mark, within the paragraph; else None."""
    src = f.source
    if src is None or src.end > f.cue.start:
        return None
    lo = max(0, src.start - reach, text.rfind("\n\n", 0, src.start) + 1)
    if _CLOSED_BEFORE_SOURCE.search(text, lo, src.start) is None:
        return None
    quotation = quotation_closing_before(text, src.start, lo)
    if quotation is None:
        return None
    opening, close = quotation
    if text[opening + 1 : close].count(text[close]):
        return None
    return Span(opening, close + 1, text[opening : close + 1])


def _one_speaker_a_quotation(found: list[Found]) -> list[Found]:
    """A quotation read both as a telling cue's (named at its close, '"...," she told LPR') and as the content
    of a cue before it (a next-sentence reading of "as soon as Karsovia asked") is the telling cue's."""
    told = [f.content for f in found if f.cue.text.lower() in _TELLS and f.content is not None]
    for f in found:
        c = f.content
        if c is None or f.cue.text.lower() in _TELLS or c.start < f.cue.end:
            continue
        if any(q.start <= c.start and c.end <= q.end and q.text[:1] in "\"\u201c" for q in told):
            f.content = None
    return found


_ANNOUNCING = frozenset({"said", "says", "announced", "announces", "reported", "reports", "stated", "confirmed"})


def _trailing_clause(text: str, f: Found) -> Found:
    """ "<clause>, according to the hauliers' association" and "<clause>, the two governments announced":
    the statement is the clause before the comma, where the model took a smaller piece of it (an
    appositive) for the content, or took the source itself for the content of a sourceless cue."""
    cue, sent, c = f.cue, f.sentence, f.content
    low = cue.text.lower()
    if low == "according to":
        edge = cue.start
    elif low in _ANNOUNCING and f.source is None and c is not None and c.end <= cue.start:
        if text[c.end : cue.start].strip() or len(c.text.split()) > 6:
            return f
        edge = c.start
    elif low in _ANNOUNCING and c is not None and c.start >= cue.end and _TIME_OR_PLACE.match(c.text):
        return _source_set_off(text, f)
    elif (
        low in _ANNOUNCING
        and c is not None
        and f.source is not None
        and c.start <= f.source.start
        and f.source.end <= c.end <= cue.start
        and not text[c.end : cue.start].strip(", ")
    ):
        return _source_set_off(text, f)  # the source read inside the very clause it states
    elif low in _WRITING and f.source is None and c is not None and c.start >= cue.end:
        return _speaker_set_off(text, f)
    else:
        return f
    before = text[sent.start : edge].rstrip()
    if not before.endswith(","):
        return f
    comma = sent.start + len(before) - 1
    begin = sent.start + len(text[sent.start : comma]) - len(text[sent.start : comma].lstrip())
    if len(text[begin:comma].split()) < 4:
        return f
    if low == "according to":
        if c is not None and (c.start <= begin or c.start >= cue.start):
            return f
    elif c is not None:
        name = c.text.strip()
        f.source = SourceMention(c.start, c.end, c.text, source_kind(name), name)
    f.content = Span(begin, comma, text[begin:comma])
    return f


_TIME_OR_PLACE = re.compile(
    r"^(?:on|in|at|late|early|this|last|yesterday|today|tonight|earlier|later)\b(?:\s+[\w,-]+){0,3}\W*$", re.I
)
_SET_OFF = re.compile(
    r"^(?:(?:her|his|their|its|the|a|an)\s+[\w-]+(?:\s+[\w-]+)?|[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3})$"
)


_WRITING = frozenset({"wrote", "writes", "said", "says", "posted", "tweeted", "added", "told", "announced"})


def _speaker_set_off(text: str, f: Found) -> Found:
    """ "In a post on X, the transport minister, Ivo Brandt, wrote that ...": a cue the model found no
    source for, right after a short phrase set off by commas, has that phrase as its source."""
    sent, cue = f.sentence, f.cue
    before = text[sent.start : cue.start].rstrip()
    if not before.endswith(","):
        return f
    parts = before[:-1].split(",")
    short: list[str] = []
    while len(parts) > 1 and len(short) < 2 and _SET_OFF.match(parts[-1].strip()):
        short.insert(0, parts.pop().strip())
    if not short:
        return f
    written = ", ".join(short)
    at = text.find(short[0], sent.start + len(",".join(parts)), cue.start)
    if at < 0:
        return f
    kind = "person" if len(short) == 2 and short[-1][:1].isupper() else source_kind(written)
    f.source = SourceMention(at, at + len(written), written, kind, written)
    return f


def _source_set_off(text: str, f: Found) -> Found:
    """ "Mira Vale has checked into a clinic, her publicist, Jon Adler, said on Tuesday": the model took
    a time phrase (or the whole clause) for the content and a name inside the clause for the source; the
    source is the short phrase set off by commas before the cue ("her publicist, Jon Adler"), the content the
    clause before it."""
    sent, cue = f.sentence, f.cue
    before = text[sent.start : cue.start].rstrip()
    if not before.endswith(","):
        return f
    parts = before[:-1].split(",")
    short: list[str] = []
    while len(parts) > 1 and len(short) < 2 and _SET_OFF.match(parts[-1].strip()):
        short.insert(0, parts.pop().strip())
    clause = ",".join(parts)
    if not short or len(clause.split()) < 4:
        return f
    begin = sent.start + len(clause) - len(clause.lstrip())
    end = sent.start + len(clause)
    written = ", ".join(short)
    at = text.find(short[0], end, cue.start)
    if at < 0:
        return f
    kind = "person" if len(short) == 2 and short[-1][:1].isupper() else source_kind(written)
    f.source = SourceMention(at, at + len(written), written, kind, written)
    f.content = Span(begin, end, text[begin:end])
    return f


_SAID_INSIDE = re.compile(
    r"(?<![\w'\u2019.-])(?P<src>(?:[A-Z][\w'\u2019.-]*|the|a|an|two|three|several|some)(?:\s+[\w'\u2019.-]+){0,7}?)\s+"
    r"(?:said|says|told\s+(?:reporters|journalists))\s+(?:that\s+)?(?=\S)"
)


def _said_inside(content: Span, cues: list[Span]) -> tuple[Source, Span] | None:
    """ "Doctors at Velm General Hospital said they had treated 40 children, the Lesna Daily reported": a report
    whose content opens with who said it, where the model took no cue, says what those it names said."""
    m = _SAID_INSIDE.match(content.text)
    if m is None or any(content.start <= k.start < content.end for k in cues):
        return None
    name = m.group("src")
    if name.split()[-1].lower() in ("it", "they", "he", "she", "which", "who"):
        return None
    begin = content.start + m.end()
    return Source(name, source_kind(name)), Span(begin, content.end, content.text[m.end() :])


_RESUMED = re.compile(r"[^\"\u201c\u201d]{0,120}?,\s*([\"\u201c][^\"\u201c\u201d]{3,}[\"\u201d])")


def _quote_resumed(text: str, content: Span, f: Found) -> Span | None:
    """The second half of a quotation the attribution splits ('"We are ready to talk," Holm said, "but only if
    the shelling stops."'): the same speaker's words, a statement of its own."""
    if not re.search(r",[\"\u201d]\s*$", content.text) or f.cue.start < content.end:
        return None
    m = _RESUMED.match(text, f.cue.end, f.sentence.end)
    if m is None:
        return None
    return Span(m.start(1), m.end(1), m.group(1))


def _to_last_speaker(text: str, found: list[Found], links: list[Source | None], reach: int = 600) -> None:
    """ "The interior minister told parliament ... . He said divers had recovered two bodies.": a "he" or "she"
    is the person who spoke just before (within ``reach`` characters) when that speaker is named after the
    person the parser took the pronoun for (a passenger quoted earlier). Changed in place."""
    last: int | None = None
    for i, f in enumerate(found):
        src, link = f.source, links[i]
        if src is None or link is None:
            continue
        if src.text.lower() in ("he", "she"):
            if last is not None and f.cue.start - found[last].cue.end <= reach:
                named_at = text.rfind(link.name, 0, src.start) if link.name.lower() not in ("he", "she") else -1
                speaker = found[last].source
                if speaker is not None and speaker.start > named_at:
                    links[i] = links[last]
            continue
        head = link.name.lower().split()[-1] if link.name.split() else ""
        if f.outer is None and (link.kind == "person" or link.kind == "unnamed" and head in _PERSON_ROLES):
            last = i


def _untitled(name: str) -> str:
    """A person's name without the titles before it ("Foreign Minister Choe Son Hui" -> "Choe Son Hui")."""
    words = name.split()
    titled = [i for i, w in enumerate(words) if w.lower().strip(".") in HONORIFICS]
    if titled and titled[-1] + 1 < len(words) and words[titled[-1] + 1][:1].isupper():
        return " ".join(words[titled[-1] + 1 :])
    return name


def _link(f: Found, resolver: EntityResolver, article_id: str) -> Source | None:
    if f.source is None:
        return Source("unspecified reports", "unnamed") if f.cue.text.lower() in HEARSAY_ADVERBS else None
    name = f.source.name.strip().lstrip("\"'\u201c\u201d\u2018\u2019, ").strip()
    name = _FLOATING_QUANTIFIER.sub("", name) or name
    name = _OUTLET_DESCRIPTOR.sub("", name) or name
    name = _ORG_DESCRIPTOR.sub("", name) or name
    issued = _ISSUED_BY.match(name)
    if issued is not None:
        # "a statement from the mayor's office" is the mayor's office; "a report by the Financial Times" the paper
        name = issued.group(1) or issued.group(2)
        kind = source_kind(name)
        return Source(name, kind if kind != "unnamed" else "organisation")
    if not plausible_source(name, f.cue.text):
        return None
    if f.source.kind == "unnamed":
        return Source(describe_unnamed(_SETTING.sub("", name).strip() or name), "unnamed")
    kind = f.source.kind
    trimmed = _ASIDE.sub("", name).strip()
    if trimmed and trimmed != name:
        name, kind = trimmed, source_kind(trimmed)
    trimmed = _TRAILING_WORDS.sub("", name).strip()
    if trimmed and trimmed != name:
        name, kind = trimmed, kind if kind == "person" else source_kind(trimmed)
    ranked = _RANK_THEN_NAME.match(name)
    if ranked is not None and all(w[:1].isupper() or w.lower() in _OFFICE_WORDS for w in ranked.group(1).split()):
        name, kind = ranked.group(2), "person"  # "Kannapolis Police Chief Woody Chavis": the chief
        resolver.add(name, "person", article_id, f.source.end - len(name), f.source.end)
    named = _ROLE_THEN_NAME.match(name)
    role = name[: named.start(1)].lower() if named is not None else ""
    if named is not None and (
        kind == "person" or _PERSON_ROLES & set(re.findall(r"\w+", role)) or role.startswith("one of")
    ):
        name, kind = named.group(1), "person"
        resolver.add(name, "person", article_id, f.source.end - len(name), f.source.end)
    elif named is not None and kind == "organisation" and name.lower().startswith(("the ", "its ", "a ", "an ")):
        name = named.group(1)  # "The ferry's operator, Nordvik Lines": a description, then the company's name
    if kind == "organisation" and resolver.names_person(name, article_id, at=f.source.start):
        kind = "person"
    if kind in ("person", "organisation", "agency", "outlet"):
        label = "person" if kind == "person" else "organisation"
        name = resolver.canonical(_untitled(name) if label == "person" else name, label, article_id, at=f.source.start)
    return Source(name, kind)


_RANK_WORDS = "|".join(sorted(RANKS | {r.lower() for r in SHORT_RANKS} | {"chief", "sheriff"}, key=len, reverse=True))
_RANK_THEN_NAME = re.compile(
    rf"^((?:[\w.,'\u2019&-]+\s+){{0,5}}?)(?i:{_RANK_WORDS})\.?\s+"
    r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,2}\s+[A-Z][\w'\u2019-]+)$"
)
"""A person named after a body and a rank, with no comma ("Kannapolis Police Chief Woody Chavis", "LMPD
Spokesperson Dwight Mitchell", "Mesa police Detective Esteban Flores"): the source is the person."""
_OFFICE_WORDS = frozenset("police county city state fire the of sheriff's".split())
_ROLE_THEN_NAME = re.compile(
    r"(?:[\w'\u2019.-]+\s+){0,6}[\w'\u2019.-]+,\s+([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3})$"
)
"""A role and then the person ("Her spokesman, Tom Reyes"): the source is the person."""
_SETTING = re.compile(r",\s*(?:speaking|writing)\b(?!\s+(?:on|under) (?:the )?condition).*$", re.I | re.S)
"""Where an unnamed source spoke ("The transport minister, speaking on state television"), unless it is the
condition it spoke on, which says it is unnamed."""


def _heard(text: str, f: Found) -> bool:
    """A passive "was told"/"had been asked": its subject heard something and said nothing ("the operator was
    told to repair the hull"), so it is no attribution; the sentence stays with whoever reports it."""
    return f.cue.text.lower() in _HEARD and _PASSIVE.search(text, max(0, f.cue.start - 20), f.cue.start) is not None


_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+$", re.I)
_HEARD = frozenset({"told", "asked", "ordered", "urged", "warned", "informed", "advised", "instructed"})
_OUTLET_DESCRIPTOR = re.compile(
    r"^(?:the\s+)?(?:state\s+)?(?:newspaper|daily|weekly|broadcaster|news agency|agency|news website|website|magazine|"
    r"station|network|public broadcaster)\s+(?=[A-Z])",
    re.I,
)
"""The description before an outlet's name ("the newspaper Lesna Daily", "state news agency KNA")."""
_ORG_DESCRIPTOR = re.compile(
    r"^the\s+(?:[a-z-]+\s+){0,2}(?:firm|company|group|airline|bank|carmaker|maker|operator|retailer|insurer|"
    r"party|union|charity|club|utility|developer|manufacturer)\s+(?=[A-Z])"
)
"""The description before an organisation's name ("the construction firm Harbour Build")."""
_ISSUED_BY = re.compile(
    r"^(?:a|an|the)\s+(?:statement|release|letter|note|post|bulletin)\s+(?:from|by|issued by)\s+(.+)$"
    r"|^(?:a|an|the)\s+(?:\w+\s+)?(?:report|study|survey|analysis|article|story|investigation)\s+(?:by|from|in)\s+"
    r"(?:the\s+)?([A-Z].+)$",
    re.I,
)
_FLOATING_QUANTIFIER = re.compile(r"(?<!\s)\s+(?:both|all|alike|each|too)$", re.I)
"""The quantifier after a source ("Mayor Petra Novak and the governor both said"): not part of its name."""
_PERSON_ROLES = (
    HONORIFICS
    | UNNAMED_HEADS
    | frozenset("lawyer attorney head chief founder owner coach captain curator professor editor manager".split())
)
_MONTHS_AND_DAYS = "|".join(
    [m.capitalize() for m in MONTH_NAMES] + [d.capitalize() for d in WEEKDAY_NAMES] + [r"\d{4}"]
)
_TRAILING_WORDS = re.compile(
    r"(?:,?[ \t]{1,3}(?:first|also|initially|later|previously|earlier|again|then)\b){1,3}$"
    r"|[ \t]{1,3}(?:wrote|said|says|told|added)$"
    r"|(?:,?[ \t]{1,3}(?:published|released|issued|dated|made public))?[ \t]{1,3}(?:in|on|last)[ \t]{1,3}"
    rf"(?:{_MONTHS_AND_DAYS})\b[\w ,]{{0,40}}$"
)
"""Words the parser left at the end of a source's phrase: an adverb ("The summary, first | reported by"), a
doubled cue ("the Democrat wrote | wrote in an op-ed"), a date ("Gov. Greg Abbott in May")."""
_ASIDE = re.compile(
    r",\s*(?:who|whom|whose|which|speaking|writing|(?:seen|obtained|reviewed|read)\s+by)\b.*$", re.I | re.S
)
"""A clause set off after a source's name ("The mayor, who spoke to reporters on Tuesday,"): not part of the
name, and its words ("reporters") must not decide the source's kind."""


def _parents(found: list[Found]) -> list[int | None]:
    """For each attribution, the one it is nested in: its ``outer``, or the smallest content holding its cue."""
    parents: list[int | None] = []
    for i, f in enumerate(found):
        if f.outer is not None:
            parents.append(f.outer)
            continue
        best: int | None = None
        for j, g in enumerate(found):
            if j == i or g.content is None or g.outer is not None and g.outer == i:
                continue
            c = g.content
            if f.content is not None and f.content.start <= g.cue.start and g.cue.end <= f.content.end:
                continue
            if c.start <= f.cue.start and f.cue.end <= c.end and (c.end - c.start) > 0:
                if f.content is not None and (c.start, c.end) == (f.content.start, f.content.end):
                    continue
                if best is None or (c.end - c.start) < (found[best].content.end - found[best].content.start):  # type: ignore[union-attr]
                    best = j
        parents.append(best)
    return parents


_ASIDE_PRONOUNS = frozenset({"it", "he", "she", "they"})
_GAP_AFTER_CUE = re.compile(r"[ \t]{1,3}(?:is|was|are|were|will|would|could|can|may|might|should|has|have|had)\b")


def _relative_gap(text: str, f: Found) -> bool:
    """ "..., which epidemiologists said | is a strong signal", "legislation that Democrats said | is crucial":
    a source before its cue and a verb with no subject after it, a relative clause the writer adds about a
    thing of the sentence, not a report passed on by the attribution around it."""
    src = f.source
    return src is not None and src.end <= f.cue.start and _GAP_AFTER_CUE.match(text, f.cue.end) is not None


_AFTER_REPORT = re.compile(
    r"^(?:\s+(?:on|in|at|late|early|last|this|earlier|yesterday|today|tonight|overnight|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b[^,;:\"\u201c\u201d]{0,40})?"
    r"(?:\s*,\s*(?:citing|quoting)\s(?:(?!\bthat\b|\bas (?:saying|telling)\b)[^;:\"\u201c\u201d])+|[\s.!]*)$",
    re.I,
)
"""What may follow a trailing report: a short time or place phrase, and a source it cites, but no
statement of its own ("..., quoting her lawyer as saying that ..." is not a trailing report)."""
_NOT_REPORTS = frozenset({"according", "citing", "quoting", "cited", "quoted"})
_BETWEEN_SOURCE_AND_CUE = re.compile(r"^\s*(?:(?:has|have|had)\s+)?$", re.I)


def _trailing_report(text: str, f: Found) -> tuple[int, int] | None:
    """For a report that trails its sentence ("<clause>, KNA reported on March 10[, citing ...]." or
    "<clause>, reported Yonhap."), where the clause it states ends (its comma) and where its source
    and cue end; else None."""
    src, cue, sent = f.source, f.cue, f.sentence
    if src is None or f.outer is not None or cue.text.lower().split()[0] in _NOT_REPORTS:
        return None
    if src.end <= cue.start and _BETWEEN_SOURCE_AND_CUE.match(text[src.end : cue.start]):
        begin, end = src.start, cue.end
    elif cue.end <= src.start and not text[cue.end : src.start].strip():
        begin, end = cue.start, src.end
    else:
        return None
    before = text[sent.start : begin].rstrip()
    if not before.endswith(",") or len(before.split()) < 4 or not _AFTER_REPORT.match(text[end : sent.end]):
        return None
    return sent.start + len(before) - 1, end


_CITED_TAIL = re.compile(r",\s*(citing|quoting)\s+([^;:\"\u201c\u201d]+?)[\s.!]*$", re.I)
_HEAD_END = re.compile(r"(?<!\s)\s++(?:in|of|on|at|from|for|with|over|about|who|that|it|they)\s+", re.I)


def _cut(text: str, span: Span, at: int) -> Span | None:
    """``span`` ended before ``at`` (and its trailing spaces), or None when nothing is left."""
    if span.start >= at:
        return None
    if span.end <= at:
        return span
    kept = text[span.start : at].rstrip()
    return Span(span.start, span.start + len(kept), kept) if kept.strip() else None


def _cited_by(text: str, report: Found, end: int, outer: int) -> Found | None:
    """The "citing X" at the end of a trailing report, as an attribution passed on by it, for when
    the parse left it unlinked ("..., Horizon TV reported on March 7, citing officials ...")."""
    m = _CITED_TAIL.search(text, end, report.sentence.end)
    if m is None or not plausible_source(m.group(2), m.group(1)):
        return None
    name, at = m.group(2), m.start(2)
    head = _HEAD_END.split(name)[0].split()[-1]
    return Found(
        Span(m.start(1), m.end(1), m.group(1)),
        report.content,
        SourceMention(at, at + len(name), name, source_kind(name, head), name),
        report.sentence,
        outer=outer,
    )


def outer_reports(text: str, found: list[Found]) -> list[Found]:
    """A report that trails its sentence ("Engineers warned the ministry about cracks, KNA reported
    on March 10, citing an official") states the whole clause before it, and so holds every cue in
    that clause: KNA -> the official is the chain, the engineers are what the report is about. The
    parser may instead read the report as an adjunct of the first verb (content "on March 10") and
    stretch that verb's content over "KNA reported ...", which nested KNA under the engineers. Here
    such a report's content becomes the clause, the other cues' contents stop at its comma, a
    "citing" hung on them (or on nothing) moves to the report, and what the reporting clause holds
    is no statement. Returns new Found objects (the given ones unchanged), in the given order, any
    "citing" added at the end."""
    found = [replace(f) for f in found]
    added: list[Found] = []
    for b, f in enumerate(list(found)):
        where = _trailing_report(text, f)
        if where is None:
            continue
        comma, end = where
        clause = text[f.sentence.start : comma]
        begin = f.sentence.start + len(clause) - len(clause.lstrip())
        stated = Span(begin, begin + len(clause.strip()), clause.strip())
        if (
            f.content is None
            or f.content.start >= f.cue.end
            or f.content.end > comma
            or stated.start < f.content.start
            and f.content.end >= stated.end - 1
        ):
            f.content = stated
        same = [a for a, g in enumerate(found) if a != b and g.sentence.start == f.sentence.start]
        for a in same:
            g = found[a]
            if g.outer is not None and g.outer != b and g.cue.start > comma and found[g.outer].cue.start < comma:
                g.outer = b
        for a in same:
            g = found[a]
            if g.content is None:
                continue
            if g.outer == b:
                g.content = f.content
            elif g.cue.start > comma:
                g.content = None if g.content.start > comma else g.content
            else:
                g.content = _cut(text, g.content, comma)
        if not any(found[a].outer == b for a in same):
            cited = _cited_by(text, f, end, b)
            if cited is not None:
                added.append(cited)
    return found + added


def build(
    article: Article, found: list[Found], sentences: list[Span], resolver: EntityResolver, all_sentences: bool = True
) -> list[Attribution]:
    """Attributions with full chains from found spans; sentences with no cue get the outer chain only."""
    base = base_chain(article)
    text = article.text
    _pronoun_to_last_speaker(text, found)
    _description_to_last_speaker(text, found)
    found = [
        _closed_bracket(text, _name_after_rank(text, _named_before_suffix(text, _within_line(text, f))))
        for f in outer_reports(text, found)
    ]
    found = _one_speaker_a_quotation(
        [
            _trailing_clause(article.text, _told_content(article.text, f))
            for f in found
            if not _CITED_BY_CUE.match(article.text, f.cue.start) and not _heard(article.text, f)
        ]
    )
    parents = _parents(found)
    links = [_link(f, resolver, article.id) for f in found]
    for i, f in enumerate(found):
        up = parents[i]
        if up is not None and f.source is None and f.cue.text.lower() in HEARSAY_ADVERBS:
            links[i] = None  # "Police said two men, who were reportedly shooting ...": the police's, no other source
        if up is not None and found[up].outer is None and f.outer is None and _relative_gap(text, f):
            # an aside in a relative clause inside another's content: the writer's ("..., which economists said
            # is a strong signal"), or, for a pronoun, the speaker's own ("the consulate said ..., which it said
            # would stay open")
            if f.source is not None and f.source.text.lower() in _ASIDE_PRONOUNS:
                links[i], parents[i] = links[up], parents[up]
            else:
                parents[i] = None
    _to_last_speaker(article.text, found, links)
    channels = [_channel(article.text, f, links[i]) for i, f in enumerate(found)]
    own_outlet = {w.lower() for s in base for w in s.name.split()}
    channels = [
        (None, bare) if c is not None and set(c.name.lower().split()) <= own_outlet else (c, bare)
        for c, bare in channels
    ]
    for i, (channel, bare) in enumerate(channels):
        if bare is not None:
            links[i] = bare

    def chain(i: int, depth: int = 0) -> list[Source]:
        up = parents[i]
        head = chain(up, depth + 1) if up is not None and depth < 8 else list(base)
        own = [x for x in (channels[i][0], links[i]) if x is not None]
        for x in own:
            if not head or head[-1] != x:
                head = head + [x]
        return head

    passed_on = {f.outer for f in found if f.outer is not None}
    out: list[Attribution] = []
    cues = [f.cue for f in found]
    for i, f in enumerate(found):
        if f.content is None or i in passed_on:
            continue
        c = f.content
        inner = _said_inside(c, cues)
        if inner is not None:
            said_by, c = inner
            out.append(Attribution(article.id, c.start, c.end, c.text, chain(i) + [said_by], cue="said"))
            continue
        for piece in _per_sentence(article.text, c, sentences):
            out.append(Attribution(article.id, piece.start, piece.end, piece.text, chain(i), cue=f.cue.text))
        rest = _quote_resumed(article.text, c, f)
        if rest is not None:
            out.append(Attribution(article.id, rest.start, rest.end, rest.text, chain(i), cue=f.cue.text))
    if all_sentences:
        covered = _Covered([(f.sentence.start, f.sentence.end) for f in found if f.content is not None])
        stated = {(a.start, a.end) for a in out}
        for s in sentences:
            lead = len(s.text) - len(s.text.lstrip())
            if (s.start + lead, s.start + len(s.text.rstrip())) in stated:
                continue  # a sentence of a quotation already stated with its speaker
            if not covered.touches(s.start, s.end) and any(ch.isalnum() for ch in s.text):
                end = s.start + len(s.text.rstrip())
                cut = _unopened_close(article.text, s.start + lead, end)
                if cut < end:  # the last sentence of a quotation: its closing mark goes with its opening
                    out.append(Attribution(article.id, s.start, cut, article.text[s.start : cut], list(base), cue=None))
                else:
                    out.append(Attribution(article.id, s.start, s.end, s.text, list(base), cue=None))
    out.sort(key=lambda a: (a.start, a.end))
    return link_across_sentences(article.text, out)


def _per_sentence(text: str, content: Span, sentences: list[Span]) -> list[Span]:
    """A content of several sentences (a quotation, an embedded post) as one span per sentence, each a statement
    of its own with the same chain; a content within one sentence as itself."""
    starts = [s.start for s in sentences]
    k = max(0, bisect_right(starts, content.start) - 1)
    pieces: list[Span] = []
    while k < len(sentences) and sentences[k].start < content.end:
        a, b = max(content.start, sentences[k].start), min(content.end, sentences[k].end)
        k += 1
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        b = _unopened_close(text, a, b)
        if b > a and any(ch.isalnum() for ch in text[a:b]):
            pieces.append(Span(a, b, text[a:b]))
    return pieces if len(pieces) > 1 else [content]


_PAIRED_MARKS = {"'": "'", "’": "‘", "”": "“", '"': '"'}


def _unopened_close(text: str, a: int, b: int) -> int:
    """The end of a quotation's last sentence less the closing mark the sentence does not open ("... from
    Russia.'" of "'It is hard .... But ... from Russia.'"), so each sentence of a quotation reads alike. A
    single mark opens only at a word's start ("you're" and "I’ve" hold apostrophes, no quotation)."""
    if b - a < 3 or text[b - 1] not in _PAIRED_MARKS or text[b - 2] not in ".!?":
        return b
    close, opening = text[b - 1], _PAIRED_MARKS[text[b - 1]]
    inner = text[a : b - 1]
    if close in "'’":
        opened = any(ch == opening and (k == 0 or not inner[k - 1].isalnum()) for k, ch in enumerate(inner))
    elif opening != close:
        opened = inner.count(opening) > inner.count(close)
    else:
        opened = inner.count(close) % 2 == 1
    return b if opened else b - 1


_SUFFIX = frozenset({"jr", "sr", "ii", "iii", "iv"})


_NAME_NEXT = re.compile(r"\.?[ \t]{1,3}([A-Z][\w'\u2019-]{0,30}(?:[ \t][A-Z][\w'\u2019-]{0,30}){0,2})")


def _name_after_rank(text: str, f: Found) -> Found:
    """A source the parser ended at a rank ("IMPD Sgt" of "said IMPD Sgt. Kendale Adams") runs on to the name
    after it: the person, not the rank."""
    src = f.source
    if src is None or not any(w.removesuffix(".") in SHORT_RANKS for w in src.text.split()[-1:]):
        return f
    m = _NAME_NEXT.match(text, src.end)
    if m is None:
        return f
    name = text[src.start : m.end(1)]
    f.source = SourceMention(src.start, m.end(1), name, "person", name)
    return f


def _named_before_suffix(text: str, f: Found) -> Found:
    """A source the parser cut to a generational suffix ("Chief Justice Robert P. Young, | Jr.") is the name
    before it with the suffix ("Robert P. Young, Jr."), not a person called "Jr."."""
    src = f.source
    if src is None or src.text.strip().strip(".").lower() not in _SUFFIX:
        return f
    lo = max(0, src.start - 80)
    words = text[lo : src.start].rstrip(" \t,").split(" ")
    named = 0
    while named < min(4, len(words)) and words[-1 - named][:1].isupper():
        named += 1
    if named < 2:
        return f
    rest = words[:-named]
    start = lo + len(" ".join(rest)) + (1 if rest else 0)
    name = text[start : src.end].strip()
    f.source = SourceMention(start, src.end, name, "person", name)
    return f


def _closed_bracket(text: str, f: Found) -> Found:
    """A source the parser ended inside a bracket ("the Centers for Disease Control and Prevention (CDC")
    runs on to its closing bracket, when that follows at once; so does the name it shows."""
    src = f.source
    if src is None or "(" not in src.text:
        return f
    end = src.end
    if src.text.count("(") > src.text.count(")"):
        m = re.match(r"[ \t]{0,2}\)", text[end : end + 3])
        if m is None:
            return f
        end += m.end()
    name = src.name
    if name.count("(") > name.count(")") and text[src.start : end].rstrip().endswith(")"):
        name += ")"
    f.source = replace(src, end=end, text=text[src.start : end], name=name)
    return f


def _within_line(text: str, f: Found) -> Found:
    """A content on the cue's side of every line break: a headline or the paragraph before is never part of
    what a source says ("Port strike widens\n\n... extended their strike, the union said"), nor is a paragraph
    after the cue's, unless the cue's paragraph announces it with a colon."""
    c = f.content
    if c is None:
        return f
    between = text[f.cue.end : c.start] if c.start >= f.cue.end else ""
    if "\n" in between and not between.rstrip().endswith(":"):
        f.content = None  # "... than what legal experts predicted.\n\n“Determining ...”": another's quotation
        return f
    if "\n" not in c.text:
        return f
    if c.end <= f.cue.start:
        cut = c.text.rfind("\n") + 1
        lead = len(c.text[cut:]) - len(c.text[cut:].lstrip())
        f.content = Span(c.start + cut + lead, c.end, c.text[cut + lead :]) if c.text[cut:].strip() else c
    elif c.start >= f.cue.end:
        cut = c.text.find("\n")
        f.content = (
            Span(c.start, c.start + len(c.text[:cut].rstrip()), c.text[:cut].rstrip()) if c.text[:cut].strip() else c
        )
    return f


class _Covered:
    """Spans ``[a, b)`` of sentences that hold an attribution, for overlap tests in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the largest end among spans starting at or before each start
        for _, b in spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def touches(self, start: int, end: int) -> bool:
        """Whether some span has ``a <= start < b`` or ``start <= a < end``."""
        i = bisect_right(self.starts, start)  # spans with a <= start are the first i
        if i and self.reach[i - 1] > start:
            return True
        j = bisect_left(self.starts, start)
        return j < len(self.starts) and self.starts[j] < end


def attribute(article: Article, nlp: Any = _DEFAULT, all_sentences: bool = True) -> list[Attribution]:
    """Attributions of one article: each reported statement (or, with ``all_sentences``, each sentence)
    with its source chain, outermost first. ``nlp=None`` forces the rule-based path."""
    found, sentences, resolver = find(article, nlp)
    return build(article, found, sentences, resolver, all_sentences)


def attribute_many(
    articles: Iterable[Article],
    nlp: Any = _DEFAULT,
    batch_size: int = 64,
    n_process: int = 1,
    all_sentences: bool = True,
) -> Iterator[tuple[Article, list[Attribution]]]:
    """Attributions of many articles, parsed in batches with ``nlp.pipe`` when spaCy is installed (with
    :data:`PARSE_RUNS`, only the sentences that may hold a cue: :func:`parsed_chunks`)."""
    nlp = load_nlp() if nlp is _DEFAULT else nlp
    if nlp is None:
        for article in articles:
            yield article, attribute(article, None, all_sentences)
        return
    if not PARSE_RUNS:
        items = ((a.text if how == "whole" else "", (a, how)) for a in articles for how in (_how_to_parse(a),))
        for doc, (article, how) in nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process):
            if how == "whole":
                yield article, build(article, *find(article, nlp, doc=doc), all_sentences)
            else:
                yield article, attribute(article, nlp if how == "runs" else None, all_sentences)
        return
    for article, sentences, parts in parsed_chunks(articles, nlp, batch_size, n_process):
        found, spans, resolver = find_in_chunks(article, sentences, parts)
        yield article, build(article, found, spans, resolver, all_sentences)


def find_spans(
    articles: Iterable[Article], nlp: Any = _DEFAULT, batch_size: int = 64
) -> Iterator[tuple[Article, list[Found]]]:
    """Cue, source and content spans of many articles (no chains), parsed like :func:`attribute_many`."""
    nlp = load_nlp() if nlp is _DEFAULT else nlp
    if nlp is None:
        for article in articles:
            yield article, find_in_text(article.text)
        return
    if not PARSE_RUNS:
        for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=batch_size):
            yield article, find_in_doc(doc)
        return
    for article, sentences, parts in parsed_chunks(articles, nlp, batch_size):
        yield article, find_in_chunks(article, sentences, parts)[0]
