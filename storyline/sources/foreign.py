"""Who said it in articles not in English: the commonest attribution forms of the languages storyline
tells apart ("según la policía", "secondo l'Ansa", "selon l'AFP", "laut Polizei", "volgens de politie",
"menurut polis", "..., lapor CNN", "据新华社报道"), read by patterns, since the parser and the cue
words of :mod:`.rules` are English. A source is a name or a short noun phrase up to the punctuation
or conjunction that ends it; what is left of the sentence is the content."""

from __future__ import annotations

import re

from .spans import Found, SourceMention, Span


def _source(stops: str) -> str:
    """A source: up to six words, ending before punctuation, the end, or a word that starts the content."""
    return (
        r"(?P<src>[^\W\d_][\w'’.-]*+(?:[ \t]++[\w'’.-]++){0,5}?)"
        rf"(?=[ \t]*+[,.;:!?”»\"]|[ \t]++(?:{stops})\b|$)"
    )


_STOPS = {
    "es": "que|y|en|el|la|los|las|el\\s+pasado|este|esta",
    "pt": "que|e|em|no|na|neste|nesta",
    "it": "che|e|in|nel|nella|il|lo|la",
    "fr": "que|qui|et|en|dans|le|la|les|ce|cette",
    "de": "dass|und|in|am|im|der|die|das|[a-zäöüß][\\w-]*+",
    "nl": "dat|en|in|op|tegen|aan",
    "id": "bahawa|bahwa|dan|di|pada|yang|itu|ini|sambil|semasa|ketika|kepada|bagi|semalam|kelmarin|hari",
}
_ACCORDING = {
    "es": r"según|de\s+acuerdo\s+con",
    "pt": r"segundo|de\s+acordo\s+com",
    "it": r"secondo|stando\s+a",
    "fr": r"selon|d['’]après",
    "de": r"laut|nach\s+Angaben\s+(?:der|des|von)",
    "nl": r"volgens",
    "id": r"menurut",
}
_SAID_AFTER = {
    "es": r"dijo|afirmó|declaró|señaló|indicó|informó|explicó|aseguró|añadió",
    "pt": r"disse|afirmou|declarou|informou|explicou|acrescentou",
    "it": r"(?:ha\s+)?(?:detto|dichiarato|affermato|spiegato|aggiunto)|dice",
    "fr": r"(?:a\s+)?(?:déclaré|affirmé|indiqué|expliqué|ajouté|dit)",
    "de": r"sagte|erklärte|betonte|teilte\s+mit",
    "nl": r"zei|zegt|verklaarde|meldde",
    "id": r"lapor|kata|katanya|ujar|jelas|tambah|menurut",
}
_NAME_OR_NOUN = {
    "nl": r"(?P<src>(?:de|het)[ \t]++[\w-]++|[A-Z][\w'’.-]*+(?:[ \t]++[A-Z][\w'’.-]*+)*+)",
}
"""Where a verb follows the source with no comma ("Volgens de politie raakten ..."), a source is a noun
after its article or a run of capitalised words."""
_PATTERNS = {
    lang: (
        re.compile(rf"(?i:\b(?P<cue>{_ACCORDING[lang]}))[ \t]++{_NAME_OR_NOUN.get(lang) or _source(_STOPS[lang])}"),
        re.compile(rf"[,”»\"][ \t]*+(?i:(?P<cue>{_SAID_AFTER[lang]}))[ \t]++{_source(_STOPS[lang])}"),
    )
    for lang in _ACCORDING
}
_CHINESE_WHEN = re.compile(
    r"(?:\d{1,2}月\d{1,2}日|\d{1,2}日|此前|早前|日前|近日|当天|今天|今日|昨天|昨日|周[一二三四五六日])+$"
)
"""A date or time word that closes a Chinese source phrase ("韩联社9月20日报道": Yonhap, on September 20)."""
_CHINESE = re.compile(r"(?P<cue>据)(?P<src>[^，。,；;：:\s]{1,20}?)(?:报道|称|说|表示|透露|消息|介绍)")
_DANGLING = frozenset("van von de di del da du des der het la le el of dan dari".split())
"""Words a source cannot end with ("een woordvoerder van" cut before its stop word)."""
_ARTICLES = re.compile(r"^(?:(?:el|la|los|las|o|a|os|as|il|lo|le|les|der|die|das|de|het)\s+|l['’])", re.I)


def find_foreign(text: str, sentences: list[Span], language: str | None) -> list[Found]:
    """Attributions of an article in ``language`` (es, pt, it, fr, de, nl, id; None or another for Chinese
    text), one found cue per pattern match, in text order."""
    patterns = _PATTERNS.get(language or "", (_CHINESE,))
    found: list[Found] = []
    for sent in sentences:
        for pattern in patterns:
            for m in pattern.finditer(sent.text):
                source = _mention(sent, m, said=pattern is not patterns[0])
                if source is not None:
                    cue = Span(sent.start + m.start("cue"), sent.start + m.end("cue"), m.group("cue"))
                    found.append(Found(cue, _content(sent, m.start(), m.end()), source, sent))
    found.sort(key=lambda f: (f.cue.start, f.cue.end))
    return found


def _mention(sent: Span, m: re.Match[str], said: bool) -> SourceMention | None:
    """The source a match names: a capitalised name (a person after a verb of saying, else a body), or a
    described one ("la policía"); a Chinese source without the date or time word after it ("韩联社9月20日")."""
    if m.re is _CHINESE:
        name = _CHINESE_WHEN.sub("", m.group("src"))
        start = sent.start + m.start("src")
        return SourceMention(start, start + len(name), name, "organisation", name) if name else None
    words = m.group("src").strip(" .,'’").split(" ")
    while len(words) > 1 and words[-1].lower() in _DANGLING:
        words.pop()
    raw = " ".join(words)
    if not raw:
        return None
    start = sent.start + m.start("src")
    bare = _ARTICLES.sub("", raw)
    named = bare[:1].isupper() or not bare[:1].isascii()
    kind = ("person" if said and len(bare.split()) in (2, 3) else "organisation") if named else "unnamed"
    return SourceMention(start, start + len(raw), raw, kind, raw)


def _content(sent: Span, a: int, b: int) -> Span | None:
    """The longer side of the sentence around the attribution phrase at ``a``..``b``."""
    left, right = sent.text[:a], sent.text[b:]
    side, offset = (left, 0) if len(left.strip(" ,;:，")) >= len(right.strip(" ,;:，")) else (right, b)
    body = side.strip(" ,;:\t\n，：；")
    if not body:
        return None
    start = sent.start + offset + side.index(body)
    return Span(start, start + len(body), body)
