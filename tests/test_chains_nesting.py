"""Nesting of a report that trails its sentence ("<clause>, KNA reported on March 10, citing an
official"): the report is the outer attribution, the clause's own cue the inner one. Text written
for these tests."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.sources import attribute, load_nlp
from storyline.sources.attribution import build, outer_reports
from storyline.sources.entities import EntityResolver
from storyline.sources.spans import Found, SourceMention, Span

SENTENCE = (
    "Inspectors from the harbour safety board warned the Port Authority about rust on the north crane "
    "after a visit in May 2023, the Tarven Courier reported on June 4, citing a board member it did not name."
)
NLP = load_nlp()


def span(text: str, part: str, after: int = 0) -> Span:
    at = text.index(part, after)
    return Span(at, at + len(part), part)


def names(chain) -> list[str]:
    return [s.name for s in chain]


def parser_reading(text: str) -> list[Found]:
    """What the learned model made of such a sentence: "warned" with a content running over the
    trailing report, "reported" with an adjunct for content, "citing" hung on the report."""
    sentence = Span(0, len(text), text)
    warned = Found(
        span(text, "warned"),
        span(text, text[text.index("the Port Authority") : -1]),
        SourceMention(0, 40, text[:40], "unnamed", text[:40]),
        sentence,
    )
    courier = span(text, "the Tarven Courier")
    reported = Found(
        span(text, "reported"),
        span(text, "on June 4"),
        SourceMention(courier.start, courier.end, courier.text, "outlet", "Tarven Courier"),
        sentence,
    )
    member = span(text, "a board member it did not name")
    citing = Found(
        span(text, "citing"),
        span(text, text[: text.index(", the Tarven")]),
        SourceMention(member.start, member.end, member.text, "unnamed", member.text),
        sentence,
        outer=1,
    )
    return [warned, reported, citing]


def test_trailing_report_is_the_outer_attribution() -> None:
    article = Article(id="t1", text=SENTENCE, source="Velmar Post")
    found = parser_reading(SENTENCE)
    atts = build(article, found, [Span(0, len(SENTENCE), SENTENCE)], EntityResolver())
    cited = next(a for a in atts if a.cue == "citing")
    assert names(cited.chain) == ["Velmar Post", "Tarven Courier", "an unnamed board member"]
    assert cited.text.startswith("Inspectors from the harbour safety board warned")
    warned = next(a for a in atts if a.cue == "warned")
    assert names(warned.chain)[:2] == ["Velmar Post", "Tarven Courier"]
    assert "Tarven" not in warned.text
    assert all("Inspectors" not in s.name for a in atts if a.cue != "warned" for s in a.chain)
    assert found[0].content.text.endswith("Tarven Courier reported on June 4, citing a board member it did not name")


def test_a_report_with_a_clause_after_it_is_not_trailing() -> None:
    text = "The ferry left late on Friday, the captain said the engine had failed twice that week."
    article = Article(id="t2", text=text, source="Velmar Post")
    sentence = Span(0, len(text), text)
    captain = span(text, "the captain")
    said = Found(
        span(text, "said"),
        span(text, "the engine had failed twice that week"),
        SourceMention(captain.start, captain.end, captain.text, "unnamed", captain.text),
        sentence,
    )
    atts = build(article, [said], [sentence], EntityResolver())
    assert [a.text for a in atts if a.cue == "said"] == ["the engine had failed twice that week"]


@pytest.mark.skipif(NLP is None, reason="spaCy pipeline not installed")
def test_trailing_report_nests_with_the_parser() -> None:
    text = (
        "Teachers at the Holm school told parents about mould in the gym in April, the Holm Herald reported on "
        "Friday, citing two parents."
    )
    atts = attribute(Article(id="t3", text=text, source="Velmar Post"), nlp=NLP)
    told = [a for a in atts if a.cue == "told"]
    for a in told:
        assert names(a.chain)[:2] == ["Velmar Post", "Holm Herald"], names(a.chain)
        assert "Herald" not in a.text
    cited = [a for a in atts if a.cue == "citing"]
    assert [names(a.chain) for a in cited] == [["Velmar Post", "Holm Herald", "two parents"]]
    assert cited[0].text.startswith("Teachers at the Holm school told parents")


def test_unlinked_citing_of_a_trailing_report_joins_its_chain() -> None:
    text = (
        "The canal had risen to 4 metres above its summer level after ten days of storms, "
        "regional broadcaster Lune TV reported on May 2, citing engineers at the canal authority it did not name."
    )
    sentence = Span(0, len(text), text)
    tv = span(text, "regional broadcaster Lune TV")
    reported = Found(
        span(text, "reported"),
        span(text, text[text.index("on May 2") : -1]),
        SourceMention(tv.start, tv.end, tv.text, "outlet", "Lune TV"),
        sentence,
    )
    citing = Found(span(text, "citing"), span(text, "engineers at the canal authority"), None, sentence)
    atts = build(Article(id="t4", text=text, source="Velmar Post"), [reported, citing], [sentence], EntityResolver())
    assert [(a.text, names(a.chain)) for a in atts] == [
        (text[: text.index(", regional")], ["Velmar Post", "Lune TV", "unnamed engineers at the canal authority"])
    ]


def test_a_report_quoting_a_statement_after_it_is_left_as_parsed() -> None:
    text = (
        "It is unclear whether the council will approve the ferry plan, the Velmar Post reported, "
        "quoting its lawyer as saying that the mayor had not signed it."
    )
    sentence = Span(0, len(text), text)
    post = span(text, "the Velmar Post")
    reported = Found(
        span(text, "reported"),
        span(text, "the mayor had not signed it"),
        SourceMention(post.start, post.end, post.text, "outlet", "Velmar Post"),
        sentence,
    )
    [kept] = outer_reports(text, [reported])
    assert kept.content.text == "the mayor had not signed it"
