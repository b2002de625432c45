"""Independent origins of a claim: descriptions of one body count once, different bodies and
people described alike stay apart; "the ministry" is the ministry its article named. Text written
for these tests."""

from __future__ import annotations

import pytest

from storyline.model import Article, Attribution, Source
from storyline.sources.bodies import acronym_and_name, issued_before, issuer_of, named_before, same_body, stands_for
from storyline.sources.claims import build_claims

STATEMENT = "The harbour board approved the delay of the crane repairs three times since 2027"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a parliamentary committee", "the parliamentary inquiry"),
        ("a committee of the Veltrian parliament investigating the collapse", "a parliamentary inquiry"),
        ("the ministry", "the Interior Ministry"),
        ("Ministry of the Interior", "Interior Ministry"),
        ("the Defence Ministry", "Defense Ministry"),
        ("The regional port office", "the Tarven regional port office"),
    ],
)
def test_descriptions_of_one_body(a: str, b: str) -> None:
    assert same_body(a, b) and same_body(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("a senior defense official", "a Pentagon spokesman"),
        ("a senior official", "a senior official"),
        ("the committee", "the ministry"),
        ("the Interior Ministry", "the Defense Ministry"),
        ("a parliamentary committee", "a police investigation"),
        ("the harbour office", "the customs office"),
    ],
)
def test_different_bodies_or_people(a: str, b: str) -> None:
    assert not same_body(a, b)


def _claims_of_kinds(*cited: tuple[str, str]):
    """One statement, printed by a different outlet citing each (source, kind) in turn."""
    articles, atts = {}, {}
    for k, (source, kind) in enumerate(cited):
        aid, outlet = f"a{k}", f"Outlet {chr(65 + k)}"
        articles[aid] = Article(
            id=aid, text=f"{STATEMENT}, {source} said.", source=outlet, published=f"2031-03-0{k + 1}"
        )
        chain = [Source(outlet, "outlet"), Source(source, kind)]
        atts[aid] = [Attribution(aid, 0, len(STATEMENT), STATEMENT, chain, "said")]
    claims = build_claims(articles, atts, {a: a for a in articles}, {a: "t" for a in articles})
    [claim] = [c for c in claims if len(c.article_ids) == len(cited)]
    return claim


def _claims(*cited: str):
    """One statement, printed by a different outlet citing each source in turn (a capitalised one named)."""
    return _claims_of_kinds(*((source, "organisation" if source[:1].isupper() else "unnamed") for source in cited))


def test_committee_and_inquiry_are_one_origin() -> None:
    claim = _claims("a committee of the Veltrian parliament investigating the collapse", "a parliamentary inquiry")
    assert len(claim.origins) == 1
    assert "also cited as \"a parliamentary inquiry\"" in claim.origin_reasons[0]


def test_the_ministry_and_the_named_ministry_are_one_origin() -> None:
    claim = _claims("the ministry", "Interior Ministry", "Ministry of the Interior")
    assert claim.origins == ["Interior Ministry"]


@pytest.mark.parametrize(
    "cited",
    [
        ("a senior defense official", "a Pentagon spokesman"),
        ("the committee", "the ministry"),
        ("the Interior Ministry", "the Defense Ministry"),
    ],
)
def test_different_sources_stay_apart(cited: tuple[str, str]) -> None:
    assert len(_claims(*cited).origins) == 2


def test_a_description_that_fits_two_bodies_stays_on_its_own() -> None:
    claim = _claims("Interior Ministry", "Defense Ministry", "the ministry")
    assert len(claim.origins) == 3


def test_the_ministry_is_the_ministry_named_before() -> None:
    text = (
        "The Tarven port closed on Monday, the country's Transport Ministry said. "
        "Forty ships were waiting outside the harbour, the ministry said in a statement."
    )
    assert named_before(text, "the ministry", text.index("Forty")) == "Transport Ministry"
    two = text.replace("Ministry said.", "Ministry said, and the Defense Ministry sent boats.")
    assert named_before(two, "the ministry", two.index("Forty")) is None
    assert named_before(text, "the ministry", text.index("Tarven")) is None


def _article_citing(aid: str, outlet: str, before: str, source: str) -> tuple[Article, list[Attribution]]:
    text = f"{before} {STATEMENT}, {source} said."
    start = text.index(STATEMENT)
    kind = "organisation" if source[:1].isupper() else "unnamed"
    att = Attribution(
        aid, start, start + len(STATEMENT), STATEMENT, [Source(outlet, "outlet"), Source(source, kind)], "said"
    )
    return Article(id=aid, text=text, source=outlet, published="2031-03-01"), [att]


@pytest.mark.parametrize(("other", "origins"), [("Transport Ministry", 1), ("Defense Ministry", 2)])
def test_the_ministry_counts_as_the_ministry_its_article_named(other: str, origins: int) -> None:
    a, atts_a = _article_citing(
        "a", "Outlet A", "The port closed, the country's Transport Ministry said.", "the ministry"
    )
    b, atts_b = _article_citing("b", "Outlet B", "Ships waited.", other)
    claims = build_claims({"a": a, "b": b}, {"a": atts_a, "b": atts_b}, {"a": "a", "b": "b"}, {"a": "t", "b": "t"})
    [claim] = [c for c in claims if len(c.article_ids) == 2]
    assert len(claim.origins) == origins
    assert [s.chain[-1].name for s in claim.statements if s.article_id == "a"] == ["the ministry"]
    if origins == 1:
        assert claim.origins == ["Transport Ministry"] and "the ministry" in claim.origin_reasons[0]


def test_a_rank_before_a_persons_name_is_not_part_of_who_they_are():
    """ "Constable Tim Fanning" and "Tim Fanning" are one person, "Police Chief Ed Flynn" is Ed Flynn;
    a body headed by a rank keeps its name ("Sheriff's Office" is no "Office")."""
    from storyline.sources.names import name_key

    assert name_key("Constable Tim Fanning", "person") == name_key("Tim Fanning", "person")
    assert name_key("Milwaukee Police Chief Ed Flynn", "person") == name_key("Ed Flynn", "person")
    assert name_key("Sheriff's Office", "organisation") == "sheriffoffice"
    assert name_key("Coroner's Office", "organisation") != name_key("Sheriff's Office", "organisation")


def test_a_person_named_by_surname_alone_is_the_one_named_in_full():
    """One outlet cites "Tim Fanning", another "Fanning": one origin; with two full names that end
    alike ("Tim Fanning", "Ann Fanning") the surname alone stays its own."""
    said = "The party-goers were taken by bus to police headquarters in Velm."

    def claim_of(names: list[str]):
        articles, atts = {}, {}
        for k, name in enumerate(names):
            aid, outlet = f"a{k}", f"Outlet {k}"
            articles[aid] = Article(id=aid, text=said, source=outlet)
            atts[aid] = [
                Attribution(aid, 0, len(said), said, [Source(outlet, "outlet"), Source(name, "person")], "said")
            ]
        claims = build_claims(articles, atts, {a: a for a in articles}, {a: "t" for a in articles})
        return next(c for c in claims if len(c.statements) == len(names))

    assert len(claim_of(["Tim Fanning", "Fanning"]).origins) == 1
    assert len(claim_of(["Tim Fanning", "Ann Fanning", "Fanning"]).origins) == 3


def _one_outlet_claims(outlets: list[str], cited: str | None = None):
    """One statement in articles that are not copies of one another (each its own copy group), by
    the given outlets, in their own voice or citing ``cited``."""
    articles, atts = {}, {}
    for k, outlet in enumerate(outlets):
        aid = f"a{k}"
        lead = f"Report {k}: the ferry service resumes next week.\n\n"
        text = lead + STATEMENT + (f", {cited} said." if cited else ".")
        articles[aid] = Article(id=aid, text=text, source=outlet, published=f"2031-03-0{k + 1}")
        start = len(lead)
        chain = [Source(outlet, "outlet")] + ([Source(cited, "unnamed")] if cited else [])
        atts[aid] = [Attribution(aid, start, start + len(STATEMENT), STATEMENT, chain, "said" if cited else None)]
    claims = build_claims(articles, atts, {a: a for a in articles}, {a: "t" for a in articles})
    [claim] = [c for c in claims if len(c.article_ids) == len(outlets)]
    return claim


@pytest.mark.parametrize("cited", [None, "neighbors"])
def test_one_outlet_in_two_of_its_articles_is_one_origin(cited) -> None:
    """A first report and its update by one outlet (not copies of one text) state it: one origin,
    named once, with the reason; another outlet stating it too is a second origin."""
    claim = _one_outlet_claims(["velmcourier.com", "velmcourier.com"], cited)
    assert len(claim.origins) == 1
    assert "more than one of its articles" in claim.origin_reasons[0]
    claim = _one_outlet_claims(["velmcourier.com", "velmcourier.com", "harbourpost.com"], cited)
    assert len(claim.origins) == 2


@pytest.mark.parametrize(
    ("document", "issuer"),
    [
        ("figures released Monday by the Tarven Port Authority", "Tarven Port Authority"),
        ("Tarven Port Authority data", "Tarven Port Authority"),
        ("The Tarven Port Authority's report", "Tarven Port Authority"),
        ("Friday's report from the Tarven Port Authority", "Tarven Port Authority"),
        ("data from the Veltrian Bureau of Harbour Safety (VBHS)", "Veltrian Bureau of Harbour Safety"),
        ("The study, by the Institute for Coastal Research", "Institute for Coastal Research"),
        ("a report released by the Harbour Council on Monday", "Harbour Council"),
        ("A 2030 Kessel Research Center poll", "Kessel Research Center"),
        ("official VBHS statistics released Monday", "VBHS"),
        ("a new study", None),
        ("Initial reports", None),
        ("documents obtained by Meridian News", None),
    ],
)
def test_who_issued_a_document(document: str, issuer: str | None) -> None:
    assert issuer_of(document) == issuer


def test_acronyms() -> None:
    assert stands_for("VBHS", "Veltrian Bureau of Harbour Safety")
    assert stands_for("V.B.H.S.", "Veltrian Bureau of Harbour Safety")
    assert stands_for("CDC", "Centers for Disease Control and Prevention")  # the last word left out
    assert stands_for("MOT", "Transport Ministry") and stands_for("MOT", "Ministry of Transport")  # "Ministry Of"
    assert not stands_for("VBRS", "Veltrian Bureau of Harbour Safety")
    assert not stands_for("Veltria", "Veltrian Bureau of Harbour Safety")
    assert acronym_and_name("the Veltrian Bureau of Harbour Safety (VBHS") == (
        "VBHS",
        "the Veltrian Bureau of Harbour Safety",
    )


def test_a_body_and_the_documents_it_issued_are_one_origin() -> None:
    claim = _claims_of_kinds(
        ("Tarven Port Authority data", "document"),
        ("figures released Monday by the Tarven Port Authority", "document"),
        ("Tarven Port Authority", "organisation"),
    )
    assert claim.origins == ["Tarven Port Authority"]
    assert "figures released Monday" in claim.origin_reasons[0]


def test_a_body_and_its_acronym_are_one_origin() -> None:
    claim = _claims_of_kinds(
        ("data from the Veltrian Bureau of Harbour Safety (VBHS)", "document"), ("VBHS", "organisation")
    )
    assert len(claim.origins) == 1


@pytest.mark.parametrize(
    "cited",
    [
        (("Tarven Port Authority data", "document"), ("Kessel Port Authority", "organisation")),
        (("data from the Veltrian Bureau of Harbour Safety (VBHS)", "document"), ("VBRS", "organisation")),
        (("a new study", "document"), ("a new report", "document")),
        (("Marta K. Oduya", "person"), ("Petra Oduya", "person")),
        (("Marta K. Oduya", "person"), ("Marta J. Oduya", "person")),
    ],
)
def test_different_issuers_and_people_stay_apart(cited: tuple[tuple[str, str], ...]) -> None:
    assert len(_claims_of_kinds(*cited).origins) == 2


def test_a_name_with_and_without_its_middle_initial_is_one_origin() -> None:
    claim = _claims_of_kinds(("Marta K. Oduya", "person"), ("Marta Oduya", "person"))
    assert len(claim.origins) == 1


def test_officials_of_a_named_body_are_that_body() -> None:
    claim = _claims_of_kinds(("Harbour Council officials", "unnamed"), ("Harbour Council", "organisation"))
    assert claim.origins == ["Harbour Council"]
    apart = _claims_of_kinds(("two senior officials", "unnamed"), ("Harbour Council", "organisation"))
    assert len(apart.origins) == 2


def test_two_outlets_citing_an_unnamed_report_are_two_origins() -> None:
    claim = _claims_of_kinds(("a new report", "document"), ("a new report", "document"))
    assert len(claim.origins) == 2
    assert all(label.startswith(("Outlet A, citing", "Outlet B, citing")) for label in claim.origins)


def test_an_outlets_qualifier_does_not_make_it_another_outlet() -> None:
    """Outlet B prints the statement citing "Outlet A"; Outlet A's own page is credited as "Outlet A (Online
    News)": one report, one origin."""
    articles, atts = {}, {}
    for aid, outlet, chain in (
        (
            "a",
            "Outlet A (Online News)",
            [Source("Outlet A (Online News)", "outlet"), Source("the port office", "unnamed")],
        ),
        ("b", "Outlet B", [Source("Outlet B", "outlet"), Source("Outlet A", "outlet")]),
    ):
        articles[aid] = Article(id=aid, text=f"{STATEMENT}.", source=outlet, published="2031-03-01")
        atts[aid] = [Attribution(aid, 0, len(STATEMENT), STATEMENT, chain, "said")]
    claims = build_claims(articles, atts, {"a": "a", "b": "b"}, {"a": "t", "b": "t"})
    [claim] = [c for c in claims if len(c.article_ids) == 2]
    assert len(claim.origins) == 1


def test_a_bodys_own_report_is_that_body() -> None:
    assert issuer_of("The inquiry's interim report") == "inquiry"
    claim = _claims_of_kinds(
        ("a committee of the Veltrian parliament investigating the collapse", "unnamed"),
        ("The inquiry's interim report", "document"),
    )
    assert len(claim.origins) == 1


def test_the_data_counts_under_the_body_its_article_said_issued_it() -> None:
    text = (
        "Ferry crossings fell by a third in March, according to new figures released Monday by the Tarven Port "
        "Authority. The data show that cargo traffic fell too."
    )
    assert issued_before(text, "The data", text.index("The data")) == "Tarven Port Authority"
    assert issued_before(text, "The report", text.index("The data")) is None, "figures are no report"
    two = "Figures from the Velm Harbour Office and data from the Tarven Port Authority differ. The data show a rise."
    assert issued_before(two, "The data", two.index("The data show")) is None, "two issuers: which one?"
    first = (
        "Crossings fell by a third, according to official Tarven Port Authority statistics released Monday. "
        "The data show more."
    )
    assert issued_before(first, "The data", first.index("The data")) == "Tarven Port Authority", (
        "the issuer named first"
    )
    both = "Velm Harbour Office data and Tarven Port Authority figures differ. The data show a rise."
    assert issued_before(both, "The data", both.index("The data")) is None

    statement = "cargo traffic fell by a third in March"
    a_text = f"Figures released Monday by the Tarven Port Authority cover March. The data show {statement}."
    start = a_text.index(statement)
    a = Article(id="a", text=a_text, source="Outlet A", published="2031-03-01")
    b = Article(id="b", text=f"{statement}, the Tarven Port Authority said.", source="Outlet B", published="2031-03-01")
    atts = {
        "a": [
            Attribution(
                "a",
                start,
                start + len(statement),
                statement,
                [Source("Outlet A", "outlet"), Source("The data", "document")],
                "show",
            )
        ],
        "b": [
            Attribution(
                "b",
                0,
                len(statement),
                statement,
                [Source("Outlet B", "outlet"), Source("Tarven Port Authority", "organisation")],
                "said",
            )
        ],
    }
    claims = build_claims({"a": a, "b": b}, atts, {"a": "a", "b": "b"}, {"a": "t", "b": "t"})
    [claim] = [c for c in claims if len(c.article_ids) == 2]
    assert claim.origins == ["Tarven Port Authority"]


def test_two_outlets_citing_the_same_named_companies_are_one_origin() -> None:
    claim = _claims_of_kinds(("Kessel and Marran", "unnamed"), ("Kessel and Marran", "unnamed"))
    assert len(claim.origins) == 1
    for described in ("Officials", "Curators"):
        apart = _claims_of_kinds((described, "unnamed"), (described, "unnamed"))
        assert len(apart.origins) == 2, "two outlets' officials may be other people"


def test_a_document_of_a_body_counts_under_it_whatever_kind_it_was_read_as() -> None:
    claim = _claims_of_kinds(("official VBHS statistics released Monday", "organisation"), ("VBHS", "organisation"))
    assert len(claim.origins) == 1


@pytest.mark.parametrize(
    "sentence, content, doer, cue",
    [
        (
            "The Velm council passed a bill extending the ferry subsidy through March 3",
            "a bill extending the ferry subsidy through March 3",
            "Velm council",
            "passed",
        ),
        (
            "The Velm council added just 194,000 ferry passes in September to the subsidy",
            "just 194,000 ferry passes in September to the subsidy",
            "Velm council",
            "added",
        ),
        (
            "The Velm council posted a record number of ferry jobs for the second month",
            "a record number of ferry jobs for the second month",
            "Velm council",
            "posted",
        ),
        (
            "The Velm council logged its worst weekly drop in ferry passes since June",
            "its worst weekly drop in ferry passes since June",
            "Velm council",
            "logged",
        ),
    ],
)
def test_a_deed_reported_by_two_outlets_is_theirs_not_the_doers(
    sentence: str, content: str, doer: str, cue: str
) -> None:
    articles, atts = {}, {}
    for k, outlet in enumerate(("Velm Daily", "Harbour Post")):
        aid = f"d{k}"
        articles[aid] = Article(id=aid, text=sentence + ".", source=outlet, published=f"2031-03-0{k + 1}")
        at = sentence.index(content)
        chain = [Source(outlet, "outlet"), Source(doer, "organisation")]
        atts[aid] = [Attribution(aid, at, at + len(content), content, chain, cue)]
    claims = build_claims(articles, atts, {a: a for a in articles}, {a: "t" for a in articles})
    [claim] = [c for c in claims if len(c.article_ids) == 2]
    assert sorted(claim.origins) == ["Harbour Post", "Velm Daily"]
    assert all(s.chain[-1].kind == "outlet" for s in claim.statements)
    assert all(s.text.startswith(f"The Velm council {cue}") for s in claim.statements)


@pytest.mark.parametrize(
    "subject, content",
    [("one woman, 27,", "is in serious condition"), ("Ek and Marsh, both 17,", "died from gunshot wounds")],
)
def test_a_subject_the_parser_took_into_an_according_to_source_is_the_statements(subject: str, content: str) -> None:
    """'According to a news release from the Velm Police Department, one woman, 27, | is in serious condition':
    the statement gets its subject back and the source's name loses it."""
    text = f"According to a news release from the Velm Police Department, {subject} {content}.\n"
    at = text.index(content)
    source = Source(f"a news release from the Velm Police Department, {subject.rstrip(',')}", "document")
    articles = {"s": Article(id="s", text=text, source="Velm Daily", published="2031-03-01")}
    atts = {
        "s": [
            Attribution("s", at, at + len(content), content, [Source("Velm Daily", "outlet"), source], "According to")
        ]
    }
    claims = build_claims(articles, atts, {"s": "s"}, {"s": "t"})
    (statement,) = [s for c in claims for s in c.statements if content in s.text]
    assert statement.text.startswith(f"{subject} {content}")
    assert text[statement.start : statement.end] == statement.text
    assert statement.chain[-1].name == "a news release from the Velm Police Department"
