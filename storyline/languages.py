"""Which language an article is in: as given, else told from its text (stop words, or the script of
CJK text), so that language-bound steps (the English parser, translated copies) know what they read."""

from __future__ import annotations

import re
from collections import Counter

from .model import Article

_WORD = re.compile(r"\w+")
_CJK_CLASS = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
"""Kana, Han and Hangul."""
_CJK = re.compile(_CJK_CLASS)
_CJK_RUN = re.compile(_CJK_CLASS + "+")

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is that for it with as was on are by this be from at have has had were which said",
        "es": "el la de que y en los se del las por un una con para es al lo como más su pero sus le ha fue",
        "it": "il di che e la per un in del della è non una sono le si con da al gli dei ha nel anche",
        "nl": "de het een van en in is dat op te zijn voor met die niet aan er ook als bij door werd heeft",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es wurde",
        "fr": "le la de et les des en un une du est que pour dans qui pas sur au par plus ne se été",
        "pt": "o a de que e do da em um para com não uma os no se na por mais as dos foi",
        "id": "yang dan di dari untuk dengan ini itu dalam tidak akan pada juga ke oleh ada adalah bahwa",
    }.items()
}


_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _stop in _STOPWORDS.items():
    for _w in _stop:
        _LANGS_OF[_w] = _LANGS_OF.get(_w, ()) + (_lang,)


def language_of(text: str, sample: int = 600) -> str | None:
    """The language a text's stop words point to (en, es, it, nl, de, fr, pt, id), or None when unclear
    (read from its first ``sample`` characters)."""
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 20:
        return None
    hits: Counter[str] = Counter()
    for w, c in Counter(words).items():
        for lang in _LANGS_OF.get(w, ()):
            hits[lang] += c
    ranked = hits.most_common(2) + [("", 0), ("", 0)]
    (lang, best), (_, second) = ranked[0], ranked[1]
    return lang if best >= 0.08 * len(words) and best >= 1.5 * second else None


def article_language(article: Article) -> str | None:
    """An article's language: as given (its primary subtag), else told from its text."""
    return (article.language or "").split("-")[0].lower() or language_of(article.text)


def word_count(text: str) -> int:
    """Words in a text: its space-separated tokens, with a run of CJK script counted as a word every two
    characters (Chinese and Japanese put no spaces between words)."""
    count = 0
    for token in text.split():
        cjk = len(_CJK.findall(token))
        count += max(1, cjk // 2) if cjk else 1
    return count


def cjk_bigrams(text: str, runs: re.Pattern[str] = _CJK_RUN) -> list[str]:
    """The character bigrams of a text's CJK runs (a run of one character alone), for comparing texts
    without a segmenter; ``runs``: what a run is (default kana, Han and Hangul)."""
    out: list[str] = []
    for run in runs.findall(text):
        out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return out


def in_cjk_script(text: str, sample: int = 600) -> bool:
    """Whether a text is mostly in Chinese, Japanese or Korean script (read from its first ``sample`` characters)."""
    head = text[:sample]
    letters = sum(ch.isalpha() for ch in head)
    return bool(letters) and len(_CJK.findall(head)) > letters / 2


def is_english(article: Article) -> bool:
    """Whether the English parser and cue words can read an article: English, or a language not told that is
    not written in CJK script."""
    return article_language(article) in (None, "en") and not in_cjk_script(article.text)
