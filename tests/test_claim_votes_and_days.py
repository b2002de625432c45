"""Two votes are two facts however alike their words; words alone do not join statements about different days."""

from __future__ import annotations

from storyline.model import Article, Attribution, Source
from storyline.sources.claims import build_claims, figures
from storyline.sources.match import explained_pairs
from storyline.timeline import find_times


def test_a_tally_is_one_figure_in_a_sentence_about_a_vote():
    assert figures("The Lindale council voted 7-2 on the harbour levy and 254 to 175 on the pier.") == {
        "7-2",
        "254-175",
    }
    assert figures("The 285-120 vote sent the harbour bill to the governor.") == {"285-120"}
    assert figures("The harbour bill passed the assembly 285 to 120.") == {"285-120"}
    assert figures("Pupils aged 12 to 17 and 18-25 will be offered the course.") == {"12", "17", "18", "25"}


def test_two_votes_sharing_one_sides_count_are_not_one_claim():
    pairs = [
        (
            "Senators voted 54-35 on the House-passed harbour bill, short of the votes needed to advance it.",
            "Senators voted 65-35 on the House-passed harbour bill, short of the votes needed to advance it.",
        ),
        (
            "Senators voted 54-35 on the House-passed harbour bill, short of the votes needed to advance it.",
            "The Senate's 54-35 vote on the House-passed harbour bill fell short of the votes needed to advance it.",
        ),
    ]
    (two, _, why), (one, _, _) = explained_pairs(pairs, None)
    assert not two and why is not None and "figures" in why
    assert one


def _outlet(aid: str, sentence: str, published: str, outlet: str) -> tuple[Article, list[Attribution]]:
    article = Article(id=aid, text=sentence, source=outlet, published=published)
    return article, [Attribution(aid, 0, len(sentence), sentence, [Source(outlet, "outlet")])]


def test_words_alone_do_not_join_statements_about_different_days():
    """Two votes a fortnight apart: without the encoder (as for any corpus of more than 200 articles by
    default) the days keep them apart, as the encoder path does. A reprint that runs a week later and
    keeps "on Friday" is still the same statement: near-identical sentences are tied whatever their dates."""
    first = "The Velm harbour board voted unanimously on Friday to close the north pier to ferries."
    cases = (
        (
            "On Thursday, the Velm harbour board voted unanimously to close the north pier to all ferries and barges.",
            "2031-03-21",
            False,
        ),
        (
            "On Friday, the Velm harbour board voted unanimously to close the north pier to all ferries and barges.",
            "2031-03-08",
            True,
        ),
        ("The Velm harbour board voted unanimously on Friday to close the north pier to ferries.", "2031-03-15", True),
    )
    for other, published, together in cases:
        a, atts_a = _outlet("a", first, "2031-03-08", "Courier")
        b, atts_b = _outlet("b", other, published, "Ledger")
        articles = {"a": a, "b": b}
        times = {aid: find_times(art.text, art.published) for aid, art in articles.items()}
        claims = build_claims(
            articles, {"a": atts_a, "b": atts_b}, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"}, times=times
        )
        assert any(c.article_ids == ["a", "b"] for c in claims) is together, (other, published)


def test_a_week_and_a_day_in_it_are_the_same_time():
    """Weekly jobless claims "last week" and "in the week ended July 3" are one figure of one week."""
    a, atts_a = _outlet(
        "a",
        "Initial jobless claims rose by 2,000 last week to 373,000, the Labor Department said.",
        "2031-07-10",
        "Courier",
    )
    b, atts_b = _outlet(
        "b",
        "Initial jobless claims rose to 373,000 in the week ended July 5, the Labor Department said.",
        "2031-07-10",
        "Ledger",
    )
    articles = {"a": a, "b": b}
    times = {aid: find_times(art.text, art.published) for aid, art in articles.items()}
    claims = build_claims(
        articles, {"a": atts_a, "b": atts_b}, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"}, times=times
    )
    assert any(c.article_ids == ["a", "b"] for c in claims)


def test_an_outlet_cited_by_a_short_form_of_its_name_is_no_second_origin():
    """ "VE Post" is the Velmar Evening Post, whose own article gives the mayor as the source: one origin."""
    said = "The north pier will close to ferries from Monday while divers inspect its piles."
    post = Article(id="p", text=said, source="Velmar Evening Post", published="2031-03-08")
    courier = Article(
        id="c", text=said.replace("will close", "is to close"), source="Ostrava Courier", published="2031-03-09"
    )
    atts = {
        "p": [
            Attribution(
                "p", 0, len(said), said, [Source("Velmar Evening Post", "outlet"), Source("Ana Drell", "person")]
            )
        ],
        "c": [
            Attribution(
                "c",
                0,
                len(courier.text),
                courier.text,
                [Source("Ostrava Courier", "outlet"), Source("VE Post", "outlet")],
            )
        ],
    }
    claims = build_claims({"p": post, "c": courier}, atts, {"p": "gp", "c": "gc"}, {"p": "t", "c": "t"})
    [pier] = [c for c in claims if c.article_ids == ["c", "p"]]
    assert pier.origins == ["Ana Drell"], pier.origins


def _two_reports(
    said: str, other: str, cited: tuple[Source, Source], outlets: tuple[str, str] = ("Courier", "Ledger")
) -> list:
    """The claims of two outlets' articles "a" and "b", each one statement the length of its text, credited
    through its outlet to the source ``cited`` gives it."""
    articles, atts = {}, {}
    for aid, text, outlet, source in (("a", said, outlets[0], cited[0]), ("b", other, outlets[1], cited[1])):
        articles[aid] = Article(id=aid, text=text, source=outlet, published="2031-03-10")
        atts[aid] = [Attribution(aid, 0, len(text), text, [Source(outlet, "outlet"), source])]
    return build_claims(articles, atts, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"})


def _joined(claims: list):
    """The one claim both articles state."""
    [claim] = [c for c in claims if c.article_ids == ["a", "b"]]
    return claim


def _organisations(first: str, second: str) -> tuple[Source, Source]:
    return Source(first, "organisation"), Source(second, "organisation")


def test_his_family_cited_by_two_outlets_is_one_origin():
    """A claim about one man: "his family" in the Courier and in the Ledger is one family."""
    said = "Ferry captain Jon Ekdal died on Monday of complications from a fall aboard his vessel."
    other = "Jon Ekdal, the ferry captain, died on Monday of complications from a fall aboard his vessel."
    family = Source("his family", "unnamed")
    death = _joined(_two_reports(said, other, (family, family)))
    assert len(death.origins) == 1, death.origins


def test_an_office_that_publishes_for_its_department_is_the_department():
    """The jobs report is the Bureau of Labor Statistics' and the Labor Department's: one origin. An
    office that does not publish for its department (an inspector general) stays apart."""
    said = "Employers added 194,000 jobs in September and the unemployment rate fell to 4.8%."
    other = "The unemployment rate fell to 4.8% in September as employers added 194,000 jobs."

    def origins(first: str, second: str) -> list[str]:
        return _joined(_two_reports(said, other, _organisations(first, second))).origins

    assert len(origins("Bureau of Labor Statistics", "Labor Department")) == 1
    assert len(origins("the department's Bureau of Labor Statistics", "Department of Labor")) == 1
    assert len(origins("Labor Department inspector general", "Labor Department")) == 2


def test_days_one_apart_may_be_one_time_but_months_are_not():
    from storyline.sources.claims import _one_period

    assert _one_period("2031-09-19", "2031-09-20"), "a time zone or a late night apart"
    assert not _one_period("2031-09-19", "2031-09-21")
    assert not _one_period("2031-07", "2031-08")
    assert _one_period("2031-W27", "2031-07-05")


def test_a_clock_time_with_no_day_dates_nothing():
    """ "around 6 p.m." in a Sunday paper and "6 p.m. Friday" the same weekend are one shooting: the bare
    clock time's day is only the publication's by guess."""
    first = "The first shooting happened around 6 p.m. near Burleigh Street and Sherman Boulevard, police said."
    other = "The first shooting happened at 6 p.m. Friday near Burleigh Street and Sherman Boulevard, police said."
    a, atts_a = _outlet("a", first, "2031-03-09", "Courier")
    b, atts_b = _outlet("b", other, "2031-03-08", "Ledger")
    articles = {"a": a, "b": b}
    times = {aid: find_times(art.text, art.published) for aid, art in articles.items()}
    claims = build_claims(
        articles, {"a": atts_a, "b": atts_b}, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"}, times=times
    )
    assert any(c.article_ids == ["a", "b"] for c in claims)


def test_one_outlet_cited_under_two_names_is_one_origin():
    """ "CBS, citing the Chicago Tribune" and "DNAinfo, citing the Tribune": one newspaper's report."""
    said = "The mother had a state firearms card and appeared to legally own the .40-caliber handgun."
    other = "The mother has a firearms card for a .40-caliber handgun she appeared to own legally."
    cited = (Source("Velm Tribune", "outlet"), Source("Tribune", "outlet"))
    card = _joined(_two_reports(said, other, cited, ("CBS Velm", "DNAinfo")))
    assert card.origins == ["Velm Tribune"], card.origins


def test_two_speakers_words_about_themselves_are_two_statements():
    """ "We will do our utmost ..." by the harbour master and "we will do our utmost ..." by the port's owner are
    two speakers' words, each about their own side; the same words from one speaker, named in full or by
    surname, stay one claim, and so do near-identical words credited to two people (one outlet misattributes)."""
    said = "We will do our utmost to keep the north ferry running through the winter."
    other = "We will keep the north ferry running through the winter, whatever the weather, and we will do our utmost."
    copy = "We will do our utmost to keep the north ferry running through the winter months."

    def origins(first: str, second: str, second_text: str = other) -> list[list[str]]:
        speakers = (Source(first, "person"), Source(second, "person"))
        return sorted(c.origins for c in _two_reports(said, second_text, speakers))

    assert origins("Ana Drell", "Tomas Ek") == [["Ana Drell"], ["Tomas Ek"]]
    assert origins("Ana Drell", "Drell") == [["Ana Drell"]]
    assert origins("Ana Drell", "Tomas Ek", copy) == [["Ana Drell", "Tomas Ek"]]


def test_one_bodys_advisory_panel_is_one_origin_apart_from_the_body():
    """ "Vaccine advisers to the US Velm Medicines Agency" and "A Velm Medicines Agency (VMA) advisory panel" are
    one panel; the agency that takes or leaves the panel's advice is another origin."""
    said = "The panel voted unanimously on Thursday to recommend a booster dose for people over 65."
    other = "The panel voted unanimously Thursday to recommend a booster dose for people over 65 years old."

    def origins(first: str, second: str) -> list[str]:
        return _joined(_two_reports(said, other, _organisations(first, second))).origins

    panel = "Vaccine advisers to the US Velm Medicines Agency"
    assert len(origins(panel, "A Velm Medicines Agency (VMA) advisory panel")) == 1
    assert len(origins(panel, "Velm Medicines Agency")) == 2


def test_times_apart_in_bulk_equal_the_pair_by_pair_rule():
    """The array comparison of day ranges gives what :func:`_same_time` says of every pair."""
    import random

    from storyline.sources.claims import _apart_in_time, _same_time, _Unit

    rnd = random.Random(5)
    kinds = [
        lambda: f"2031-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        lambda: f"2031-{rnd.randint(1, 12):02d}",
        lambda: f"2031-W{rnd.randint(1, 52):02d}",
        lambda: rnd.choice(["2031", "2030", "2031-FA", "2031-WI", "2031-Q2", "2031-H1"]),
    ]
    units = []
    for k in range(120):
        when = set() if rnd.random() < 0.2 else {rnd.choice(kinds)() for _ in range(rnd.randint(1, 3))}
        units.append(_Unit(f"a{k}", "g", "t", "x", [], "k", "l", when=when))
    apart = _apart_in_time(units)
    for i, a in enumerate(units):
        for j, b in enumerate(units):
            assert apart[i, j] == (not _same_time(a, b)), (a.when, b.when)
