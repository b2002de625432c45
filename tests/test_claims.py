"""Claim alignment: dates as evidence, copies counted once in word weights, and the embedding rule."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from storyline.model import Article, Attribution, Source
from storyline.sources.claims import _idf, _Unit, build_claims, content_stems, time_terms
from storyline.stories.embed import embedding_available
from storyline.timeline import find_times
from storyline.timeline.order import calendar_periods

FAILED = "Earlier that year two attempts by the Veltrian navy to float the new dock failed in storms off the coast."
FAILED_OTHER = "The navy of Veltria tried to float its dock in May and in August, and both attempts ended in failure."


def _article(aid: str, sentences: list[str], published: str, outlet: str) -> tuple[Article, list[Attribution]]:
    text = " ".join(sentences)
    atts, at = [], 0
    for s in sentences:
        start = text.index(s, at)
        atts.append(Attribution(aid, start, start + len(s), s, [Source(outlet, "outlet")]))
        at = start + len(s)
    return Article(id=aid, text=text, source=outlet, published=published), atts


def test_calendar_periods_nest_coarsest_first():
    assert calendar_periods("2023-05-26") == ["2023", "2023-05", "2023-05-26"]
    assert calendar_periods("2023-W07") == ["2023", "2023-W07"]
    assert calendar_periods("P2Y") == [] and calendar_periods(None) == []


def test_month_and_anaphoric_year_share_the_year_term():
    first = "The dock was launched in November at the northern yard. " + FAILED
    second = FAILED_OTHER
    t1 = find_times(first, "2031-12-02")
    t2 = find_times(second, "2031-11-20")
    at = first.index(FAILED)
    one = time_terms(t1, at, at + len(FAILED))
    two = time_terms(t2, 0, len(second))
    assert "@2031" in one and "@2031" in two
    assert {"@2031-05", "@2031-08"} <= two
    assert "@2031-11" not in one, "the November of the sentence before is not in this one"


def test_calendar_and_count_words_are_not_content_words():
    stems = content_stems(FAILED_OTHER)
    assert not stems & {"may", "august", "two"}
    assert {"navy", "dock", "fail"} <= stems


def test_copies_of_one_sentence_do_not_make_its_words_common():
    def unit(aid: str, group: str, text: str) -> _Unit:
        return _Unit(aid, group, "t", text, [], "k", "l", content_stems(text))

    alone = [unit("a", "g1", FAILED), unit("b", "g2", FAILED_OTHER), unit("c", "g3", "The harbour master resigned.")]
    reprinted = alone + [unit(f"r{k}", "g1", FAILED) for k in range(4)]
    assert _idf(reprinted) == pytest.approx(_idf(alone))
    counted_apart = [*alone, *(unit(f"r{k}", f"x{k}", FAILED) for k in range(4))]
    assert _idf(counted_apart)["dock"] < _idf(alone)["dock"]


def _corpus(dates: tuple[str, str], second_sentence: str | None = None):
    """Two outlets, each with one sentence on the same failure (worded apart) and one unrelated."""
    a, atts_a = _article("a", ["The dock was launched in November at the northern yard.", FAILED], dates[0], "Courier")
    b, atts_b = _article("b", [second_sentence or FAILED_OTHER, "The mayor opened a school."], dates[1], "Ledger")
    articles = {"a": a, "b": b}
    attributions = {"a": atts_a, "b": atts_b}
    times = {aid: find_times(art.text, art.published) for aid, art in articles.items()}
    return articles, attributions, times


def _together(claims, needle_a: str, needle_b: str) -> bool:
    return any(needle_a in c.text or needle_b in c.text for c in claims if c.article_ids == ["a", "b"])


def _meaning(texts: list[str]) -> list[list[float]]:
    """A stand-in embedder: sentences about the dock failure point one way, everything else another."""
    return [[1.0, 0.0] if ("dock" in t and "fail" in t) else [0.0, 1.0] for t in texts]


def test_embedding_rule_needs_shared_words_and_the_same_time():
    articles, attributions, times = _corpus(("2031-12-02", "2031-11-20"))
    scope = {"a": "t", "b": "t"}
    groups = {"a": "ga", "b": "gb"}
    plain = build_claims(articles, attributions, groups, scope, times=times)
    assert not _together(plain, "Veltrian", "Veltria"), "the words alone are too far apart"
    meant = build_claims(articles, attributions, groups, scope, times=times, embedder=_meaning)
    [failure] = [c for c in meant if "dock" in c.text and "fail" in c.text]
    assert failure.article_ids == ["a", "b"] and len(failure.origins) == 2

    # Another year: "in May and in August" of 2030 do not lie in the 2031 of "earlier that year".
    articles, attributions, times = _corpus(("2031-12-02", "2030-11-20"))
    apart = build_claims(articles, attributions, groups, scope, times=times, embedder=_meaning)
    assert all(c.article_ids != ["a", "b"] for c in apart)

    # Same meaning by the stand-in but no informative word in common: not joined.
    articles, attributions, times = _corpus(
        ("2031-12-02", "2031-11-20"), "Both tries in May and August came to nothing at sea."
    )
    unrelated = build_claims(
        articles, attributions, groups, scope, times=times, embedder=lambda ts: [[1.0, 0.0] for _ in ts]
    )
    assert all(c.article_ids != ["a", "b"] for c in unrelated)


def test_seed_failed_launches_have_two_independent_origins_with_embeddings(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    if not embedding_available():
        pytest.skip("no embedding model installed (see scripts/unpack_embed_model.sh)")
    import json

    from storyline.cli import main

    out = tmp_path / "seeds.json"
    assert main(["analyze", str(SEEDS), "--db", str(tmp_path / "s.db"), "--json", str(out), "--embed", "on", "-q"]) == 0
    claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
    failed = [c for c in claims if "attempts" in c["text"] and "fail" in c["text"]]
    assert len(failed) == 1, [c["text"] for c in failed]
    ids = sorted(p.stem[:3] for p in SEEDS.glob("*.txt") if p.stem in failed[0]["article_ids"])
    assert ids == ["000", "001", "002"] and len(failed[0]["origins"]) == 2
    experts = next(c for c in claims if "Russian experts went to North Korea" in c["text"])
    assert len(experts["origins"]) == 1
    assert any(c["text"].startswith("Russia dispatched the experts") and len(c["origins"]) == 1 for c in claims)


def test_a_headline_is_a_statement_of_its_own_lead_and_adds_no_origin():
    """The headline restates what the article's lead reports from its source; the two are one claim,
    and the outlet's voice in the headline is no second origin beside the source it reports."""
    text = (
        "Harbour dock fails in storm\n\n"
        "The new harbour dock at Veltria failed in a storm on Friday, the port authority said, "
        "and repairs will take months.\n\nThe mayor opened a new school on the same day."
    )
    lead = text.index("The new harbour")
    lead_end = text.index(", the port authority said")
    atts = [
        Attribution(
            "a", 0, len("Harbour dock fails in storm"), "Harbour dock fails in storm", [Source("Courier", "outlet")]
        ),
        Attribution(
            "a",
            lead,
            lead_end,
            text[lead:lead_end],
            [Source("Courier", "outlet"), Source("port authority", "organization")],
            "said",
        ),
        Attribution(
            "a", text.index("The mayor"), len(text), text[text.index("The mayor") :], [Source("Courier", "outlet")]
        ),
    ]
    article = Article(id="a", text=text, title="Harbour dock fails in storm", source="Courier", published="2031-12-02")
    claims = build_claims({"a": article}, {"a": atts}, {"a": "ga"}, {"a": "t"})
    [dock] = [c for c in claims if "dock" in c.text]
    assert len(dock.statements) == 2 and dock.statements[0].text.startswith("Harbour dock")
    assert dock.origins == ["port authority"], dock.origins


def test_a_cue_without_source_over_a_fragment_states_its_sentence():
    """\"The fire | was reported at dawn\": a passive cue with no source and a fragment for content is
    not an attribution; the sentence, in the outlet's voice, is the statement."""
    text = "The fire at the old grain warehouse was reported at dawn by passing drivers on the ring road."
    att = Attribution("a", 0, len("The fire"), "The fire", [Source("Courier", "outlet")][:0], "was reported")
    article = Article(id="a", text=text, source="Courier", published="2031-12-02")
    [claim] = build_claims({"a": article}, {"a": [att]}, {"a": "ga"}, {"a": "t"})
    assert claim.statements[0].start == 0 and claim.statements[0].end == len(text)


def test_a_denial_after_a_headline_that_is_no_claim_does_not_fail():
    """The headline before "has denied the accusations" is dropped (it aligns with nothing); the
    denial must still be built, not look up the dropped headline's claim."""
    text = (
        "Mayor Accused Of Rigging Harbour Tender\n\nThe mayor of Velmont has denied the accusations made by the union."
    )
    head_end = text.index("\n")
    body = text.index("The mayor")
    atts = [
        Attribution("a", 0, head_end, text[:head_end], [Source("Courier", "outlet")]),
        Attribution("a", body, len(text), text[body:], [Source("Courier", "outlet")]),
    ]
    article = Article(
        id="a", text=text, title="Mayor Accused Of Rigging Harbour Tender", source="Courier", published="2031-12-02"
    )
    claims = build_claims({"a": article}, {"a": atts}, {"a": "ga"}, {"a": "t"})
    assert [c.denies for c in claims] == [True]


def _two_outlets(head_a: str, head_b: str, as_headline: bool):
    """Two outlets' articles with unrelated bodies; their lines ``head_a``/``head_b`` are the
    headlines, or (``as_headline`` false) closing body sentences."""
    bodies = {
        "a": (
            "Courier",
            [
                "The mayor opened a new school on the same day.",
                "Ferry services to the islands were cancelled until Sunday.",
            ],
        ),
        "b": (
            "Ledger",
            [
                "Rail workers ended their strike after a pay offer.",
                "A choir from the capital toured the western islands.",
            ],
        ),
    }
    articles, attributions = {}, {}
    for aid, head in (("a", head_a), ("b", head_b)):
        outlet, body = bodies[aid]
        lines = [head, *body] if as_headline else [*body, head + "."]
        text = (head + "\n\n" + " ".join(body)) if as_headline else " ".join(lines)
        atts = []
        for s in lines:
            at = text.index(s)
            atts.append(Attribution(aid, at, at + len(s), s, [Source(outlet, "outlet")]))
        articles[aid] = Article(
            id=aid, text=text, title=head if as_headline else None, source=outlet, published="2031-12-02"
        )
        attributions[aid] = atts
    return build_claims(articles, attributions, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"})


def test_two_outlets_headlines_join_below_the_body_threshold():
    """Headlines are worded for space: two that share only a few words join; the same lines as body
    sentences stay apart."""
    head_a, head_b = (
        "Storm Sinks Veltria Harbour Dock Before Launch",
        "Navy Loses Its New Dock To Heavy Seas Off Veltria",
    )
    assert any(c.article_ids == ["a", "b"] for c in _two_outlets(head_a, head_b, as_headline=True))
    assert not any(c.article_ids == ["a", "b"] for c in _two_outlets(head_a, head_b, as_headline=False))


def test_a_topic_for_content_gives_way_to_the_whole_sentence():
    """\\"The coastguard issued a warning | regarding the dock's moorings\\": the topic is no statement;
    the sentence, with its source, is."""
    text = "Amid rising seas, the Veltria coastguard has issued a warning regarding the new dock's moorings."
    topic = text.index("regarding")
    att = Attribution(
        "a",
        topic,
        len(text) - 1,
        text[topic:-1],
        [Source("Courier", "outlet"), Source("Veltria coastguard", "organisation")],
        "issued a warning",
    )
    article = Article(id="a", text=text, source="Courier", published="2031-12-02")
    [claim] = build_claims({"a": article}, {"a": [att]}, {"a": "ga"}, {"a": "t"})
    assert claim.statements[0].start == 0 and claim.statements[0].text.startswith("Amid rising seas")
    assert claim.origins == ["Veltria coastguard"]


def test_an_accusation_states_its_whole_sentence():
    """\\"The union accused | the ministry of ignoring warnings\\": the object alone reads as nonsense;
    the statement is the sentence."""
    text = "The harbour union has accused the Velmont ministry of ignoring warnings about the dock for years."
    obj = text.index("the Velmont")
    att = Attribution(
        "a",
        obj,
        len(text) - 1,
        text[obj:-1],
        [Source("Courier", "outlet"), Source("harbour union", "organisation")],
        "has accused",
    )
    article = Article(id="a", text=text, source="Courier", published="2031-12-02")
    [claim] = build_claims({"a": article}, {"a": [att]}, {"a": "ga"}, {"a": "t"})
    assert claim.statements[0].text.startswith("The harbour union has accused")


def test_a_cue_object_gives_way_to_its_sentence_unless_another_attribution_states_it():
    """ "The mayor named | deputy harbour master Ilse Varn as acting master": the object is no
    statement; the sentence is. Where the sentence is already another source's statement, the
    widened one is dropped, so the nested cue adds no second origin."""
    text = (
        "The mayor named deputy harbour master Ilse Varn as acting master on Monday. "
        "The council sent inspectors after the mayor met the port board and pledged to fix the dock, an aide said."
    )
    first_obj = text.index("deputy")
    second = text.index("The council")
    aide_content = text[second : text.index(", an aide said")]
    pledge = text.index("to fix the dock")
    outlet = Source("Courier", "outlet")
    atts = [
        Attribution(
            "a",
            first_obj,
            text.index(" on Monday"),
            text[first_obj : text.index(" on Monday")],
            [outlet, Source("the mayor", "person")],
            "named",
        ),
        Attribution(
            "a", second, second + len(aide_content), aide_content, [outlet, Source("an aide", "unnamed")], "said"
        ),
        Attribution(
            "a",
            pledge,
            pledge + len("to fix the dock"),
            "to fix the dock",
            [outlet, Source("the mayor", "person")],
            "pledged",
        ),
    ]
    article = Article(id="a", text=text, source="Courier", published="2031-12-02")
    claims = build_claims({"a": article}, {"a": atts}, {"a": "ga"}, {"a": "t"})
    named = next(c for c in claims if "Ilse Varn" in c.text)
    assert named.text.startswith("The mayor named")
    council = next(c for c in claims if "inspectors" in c.text)
    assert len(council.origins) == 1 and council.origins[0].endswith("an aide"), council.origins


def test_whom_a_source_told_and_what_about_is_no_statement_of_its_own():
    """ "Engineers told | the council about the leak in March, Velm Radio reported, citing two
    councillors": the nested "told" has only a hearer and a topic; the sentence is the councillors'
    statement, and the engineers add no origin. "told the council that ..." keeps its content."""
    text = (
        "Engineers told the council about the leak in March, Velm Radio reported, citing two councillors. "
        "An engineer told the council that the main pipe had split twice, the radio said."
    )
    outlet, radio = Source("Courier", "outlet"), Source("Velm Radio", "outlet")
    first = text[: text.index(", Velm Radio")]
    heard = text.index("the council about")
    split = text.index("the main pipe")
    split_text = text[split : text.index(", the radio")]
    atts = [
        Attribution("a", 0, len(first), first, [outlet, radio, Source("two councillors", "unnamed")], "reported"),
        Attribution(
            "a",
            heard,
            len(first),
            text[heard : len(first)],
            [outlet, radio, Source("Engineers", "organisation")],
            "told",
        ),
        Attribution(
            "a", split, split + len(split_text), split_text, [outlet, Source("an engineer", "unnamed")], "told"
        ),
    ]
    article = Article(id="a", text=text, source="Courier", published="2031-12-02")
    claims = build_claims({"a": article}, {"a": atts}, {"a": "ga"}, {"a": "t"})
    assert not any(c.text.startswith("the council about") for c in claims)
    leak = next(c for c in claims if "leak" in c.text)
    assert leak.text.startswith("Engineers told") and len(leak.origins) == 1 and "councillors" in leak.origins[0]
    assert any(c.text.startswith("the main pipe had split") for c in claims)


def test_claim_ids_are_unique_when_an_article_says_one_sentence_twice():
    """Two speakers of one article each say 'the shooting was an accident': two claims, two ids (the id was
    made of the article and the text alone, so 283 GVA dev claims shared an id with another)."""
    from storyline.model import Article, Attribution, Source
    from storyline.sources.claims import build_claims

    said = "the shooting on the Velm ferry was an accident"
    text = f"Ana Berg said {said}. The ferry sailed on. Tomas Reid later said {said}."
    first, second = text.index(said), text.rindex(said)
    article = Article(id="a", text=text, source="Velm Daily")
    atts = [
        Attribution(
            "a", first, first + len(said), said, [Source("Velm Daily", "outlet"), Source("Ana Berg", "person")], "said"
        ),
        Attribution(
            "a",
            second,
            second + len(said),
            said,
            [Source("Velm Daily", "outlet"), Source("Tomas Reid", "person")],
            "said",
        ),
    ]
    claims = build_claims({"a": article}, {"a": atts}, {"a": "a"}, {"a": "t"})
    ids = [c.id for c in claims]
    assert len(ids) == len(set(ids))


def test_one_span_read_twice_is_one_statement_with_its_best_source():
    """'Faust then allegedly shot three more people' read once as hearsay and once as the police's: one
    statement, the police's (two claims of one statement had been made, sharing an id)."""
    from storyline.model import Article, Attribution, Source
    from storyline.sources.claims import build_claims

    said = "Marek Faust then allegedly shot three more people at the Velm ferry terminal"
    text = f"{said}, police said."
    article = Article(id="a", text=text, source="Velm Daily")
    outlet = Source("Velm Daily", "outlet")
    atts = [
        Attribution("a", 0, len(said), said, [outlet, Source("unspecified reports", "unnamed")], "allegedly"),
        Attribution("a", 0, len(said), said, [outlet, Source("police", "unnamed")], "said"),
    ]
    claims = build_claims({"a": article}, {"a": atts}, {"a": "a"}, {"a": "t"})
    assert len(claims) == 1 and len(claims[0].statements) == 1
    assert claims[0].statements[0].chain[-1].name == "police"
