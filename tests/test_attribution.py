"""Attribution chains, on text written for these tests, by both the spaCy and the rule-based path."""

from __future__ import annotations

import json

import pytest

from storyline.model import Article, Source
from storyline.pipeline import read_articles
from storyline.sources import attribute, attribute_many, base_chain, load_nlp, source_kind, sources_jsonl

TEXT = (
    "Reuters reported on Monday that the harbour bridge in Veltria would close for repairs, "
    "citing a transport official who asked not to be named.\n\n"
    "Mayor Anna Lindqvist said the closure would last two weeks.\n\n"
    "Lindqvist added that buses would replace the trams.\n\n"
    "According to a city budget document, the repairs will cost four million euros.\n\n"
    "The bridge has reportedly been closed twice before.\n\n"
    "The weather in Veltria was mild all week.\n"
)

NLP = load_nlp()
BACKENDS = ["rules"] + (["spacy"] if NLP is not None else [])
from conftest import SEEDS  # noqa: E402


def run(backend: str, article: Article, **kw):
    return attribute(article, nlp=NLP if backend == "spacy" else None, **kw)


def _read_by_parser(text: str):
    """The parser's attributions of a Velm Daily article."""
    return run("spacy", Article(id="t", text=text, source="Velm Daily"))


def containing(attrs, words: str):
    hits = [a for a in attrs if words in a.text]
    assert hits, f"no attribution holds {words!r}: {[a.text for a in attrs]}"
    return min(hits, key=lambda a: a.end - a.start)


@pytest.fixture
def article() -> Article:
    return Article(id="t1", text=TEXT, source="The Veltria Courier")


@pytest.mark.parametrize("backend", BACKENDS)
def test_citing_gives_outlet_agency_then_unnamed_source(backend, article):
    a = containing(run(backend, article), "would close for repairs")
    assert [s.kind for s in a.chain] == ["outlet", "agency", "unnamed"]
    assert a.chain[0] == Source("The Veltria Courier", "outlet")
    assert a.chain[1].name == "Reuters"
    assert "transport official" in a.chain[2].name


@pytest.mark.parametrize("backend", BACKENDS)
def test_named_person_and_surname_resolve_to_one_name(backend, article):
    attrs = run(backend, article)
    said = containing(attrs, "last two weeks")
    added = containing(attrs, "buses would replace")
    assert said.chain[-1] == Source("Anna Lindqvist", "person")
    assert added.chain[-1] == Source("Anna Lindqvist", "person")


@pytest.mark.parametrize("backend", BACKENDS)
def test_document_and_hearsay_sources(backend, article):
    attrs = run(backend, article)
    doc = containing(attrs, "four million euros")
    assert doc.chain[-1].kind == "document" and "budget document" in doc.chain[-1].name
    hearsay = containing(attrs, "closed twice before")
    assert hearsay.chain[1:] == [Source("unspecified reports", "unnamed")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_sentence_without_cue_stands_on_the_outlet(backend, article):
    attrs = run(backend, article)
    plain = containing(attrs, "weather in Veltria")
    assert plain.cue is None and plain.chain == [Source("The Veltria Courier", "outlet")]
    reported = run(backend, article, all_sentences=False)
    assert all(a.cue for a in reported)
    assert not any("weather" in a.text for a in reported)


@pytest.mark.parametrize("backend", BACKENDS)
def test_spans_point_into_the_text(backend, article):
    for a in run(backend, article):
        assert article.text[a.start : a.end] == a.text


@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_speech_puts_the_speaker_first(backend):
    art = Article(id="t2", text="Senator Joan Okafor said that Paul Meyer told her the vote would be delayed.\n")
    a = containing(run(backend, art), "vote would be delayed")
    names = [s.name for s in a.chain]
    assert names.index("Joan Okafor") < names.index("Paul Meyer")


def test_base_chain_adds_credited_agencies_once():
    art = Article(id="x", text="", source="The Harbour Post", credits=["AFP", "The Harbour Post"])
    assert base_chain(art) == [Source("The Harbour Post", "outlet"), Source("AFP", "agency")]
    assert base_chain(Article(id="y", text="")) == []


@pytest.mark.parametrize(
    ("outlet", "credit"),
    [("wvlm.com", "WVLM"), ("wvlmtv.com", "WVLM"), ("kvel.com", "KVEL 10"), ("kvel.com", "KVEL 2 News")],
)
def test_a_stations_own_call_letters_are_not_a_second_link(outlet, credit):
    """A TV station's page credits its own call letters ("(WVLM)"): that is the outlet, not an agency it cites."""
    art = Article(id="x", text="", source=outlet, credits=[credit, "AP"])
    assert base_chain(art) == [Source(outlet, "outlet"), Source("AP", "agency")]
    other = Article(id="y", text="", source="harbourpost.com", credits=[credit])
    assert [s.name for s in base_chain(other)] == ["harbourpost.com", credit]


@pytest.mark.parametrize(
    ("byline", "credit"),
    [
        ("By Breaking News Staff", None),
        ("By Staff Reports", None),
        ("By WVLM Web Staff", None),
        ("By ANA BERGAssociated Press", "AP"),
        ("By Ana Berg, Reuters", "Reuters"),
        ("By Meridian News", "Meridian News"),
        ("By Ana Berg", None),
    ],
)
def test_a_byline_credits_a_wire_or_an_outlet_not_the_outlets_own_staff(byline, credit):
    from storyline.clean.metadata import infer_metadata
    from storyline.model import Removed

    art = Article(id="x", text="The ferry sank.", source="harbourpost.com", removed=[Removed(byline, "byline")])
    assert infer_metadata(art).credits == ([credit] if credit else [])


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Yonhap News Agency", "agency"),
        ("Japanese TV network NHK", "outlet"),
        ("a senior defense official it did not name", "unnamed"),
        ("The report", "document"),
        ("he", "person"),
        ("VHPD", "organisation"),
        ("Tiggs", "person"),
    ],
)
def test_source_kind(text, kind):
    assert source_kind(text) == kind


def test_attribute_many_matches_one_by_one(article):
    other = Article(id="t3", text="The council said the park would reopen in May.\n", source="Courier")
    nlp = NLP if NLP is not None else None
    batched = {a.id: r for a, r in attribute_many([article, other], nlp=nlp, batch_size=2)}
    assert batched["t1"] == attribute(article, nlp=nlp)
    assert batched["t3"] == attribute(other, nlp=nlp)


def test_sources_jsonl_writes_one_record_per_article(tmp_path, article):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "t1", "text": TEXT, "source": "The Veltria Courier"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert sources_jsonl(read_articles([src])[0], out, rules=True) == 1
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["id"] == "t1"
    first = record["attributions"][0]
    assert set(first) == {"start", "end", "text", "cue", "chain"}
    assert TEXT[first["start"] : first["end"]] == first["text"]
    assert {"name": "The Veltria Courier", "kind": "outlet"} == first["chain"][0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
@pytest.mark.parametrize("backend", BACKENDS)
def test_seed_chains(backend):
    wire = Article(id="001", text=(SEEDS / "001_985fa9bfd35d798b.txt").read_text(encoding="utf-8"), source="Bloomberg")
    attrs = run(backend, wire, all_sentences=False)
    experts = containing(attrs, "Russian experts went to North Korea")
    # The next sentence says whom Yonhap's report cited: the chain runs on to that source.
    assert [(s.name, s.kind) for s in experts.chain] == [
        ("Bloomberg", "outlet"),
        ("Yonhap", "agency"),
        ("an unnamed senior defense official", "unnamed"),
    ]
    dispatched = containing(attrs, "Russia dispatched the experts")
    assert [s.kind for s in dispatched.chain] == ["outlet", "agency", "unnamed"]
    other = Article(id="002", text=(SEEDS / "002_9bca1693036a7fc0.txt").read_text(encoding="utf-8"))
    assisting = containing(run(backend, other), "has reportedly been assisting")
    assert assisting.chain == [Source("unspecified reports", "unnamed")]


def test_the_rules_read_experts_in_a_place_as_the_source_not_the_place():
    """Without spaCy, "experts in Velm say ..." is said by the experts in Velm, not by "Velm"."""
    from storyline.sources.rules import find_in_text

    found = find_in_text("Analysts in Lesna say the ferry plan would fail before the winter storms.")
    assert [f.source.text for f in found if f.source] == ["Analysts in Lesna"]


def test_an_article_not_in_english_is_read_by_sentence_without_the_english_parser():
    """A Chinese article is split at its own full stops (the English parser took a paragraph for one
    sentence), and neither it nor a Malay one goes to the English parser."""
    from storyline.sources.attribution import _how_to_parse

    chinese = Article(
        id="zh", text="维尔姆港的渡轮周一恢复运营。港务局称，三艘船已经修好。乘客表示欢迎。", source="velm.cn"
    )
    malay = Article(
        id="ms",
        text="Feri di pelabuhan Velm kembali beroperasi pada hari Isnin dan pihak berkuasa berkata tiga kapal yang "
        "rosak telah dibaiki untuk digunakan dengan selamat oleh penumpang dari bandar itu ke pulau.",
        source="velm.my",
    )
    english = Article(id="en", text="The ferry at Velm resumed service on Monday, the port authority said.")
    assert [_how_to_parse(a) for a in (chinese, malay, english)] == ["rules", "rules", "whole"]
    sentences = [a.text for a in attribute(chinese)]
    assert sentences == ["维尔姆港的渡轮周一恢复运营。", "港务局称，三艘船已经修好。", "乘客表示欢迎。"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "El puente de Velm se derrumbó el lunes por la mañana, según la policía local. \"Fue terrible, nunca "
            "había visto algo así\", dijo Ana Berg, una vecina del barrio. Las autoridades no han informado de "
            "víctimas y los equipos de rescate siguen trabajando en la zona del río.",
            {"El puente de Velm se derrumbó el lunes por la mañana": "la policía local", "Fue terrible": "Ana Berg"},
        ),
        (
            "Selon l'AFP, le pont de Velm a cédé lundi matin et les secours sont sur place depuis des heures. "
            "« C'était terrible », a déclaré Ana Berg, une voisine. Les autorités n'ont pas encore publié de bilan.",
            {"le pont de Velm a cédé": "l'AFP", "« C'était terrible": "Ana Berg"},
        ),
        (
            "Volgens de politie raakten drie mensen gewond bij de instorting van de brug in Velm op maandag. "
            "De brug is gesloten en het verkeer wordt omgeleid, zei een woordvoerder van de gemeente "
            "in een verklaring.",
            {
                "raakten drie mensen gewond": "de politie",
                "De brug is gesloten": "een woordvoerder van de gemeente",
            },
        ),
        ("据新华社报道，维尔姆大桥周一倒塌。港务局称，三艘船已经修好。", {"维尔姆大桥周一倒塌": "新华社"}),
        ("据韩联社9月20日报道，维尔姆港的渡轮将于下周恢复运营。", {"维尔姆港的渡轮将于下周恢复运营": "韩联社"}),
    ],
)
def test_according_to_and_said_in_other_languages(text, said):
    """The commonest attribution forms of Spanish, French, Dutch and Chinese news name their source, with
    the rest of the sentence as what was said; sentences without one stay the outlet's."""
    atts = attribute(Article(id="x", text=text, source="velm.news"))
    for content, source in said.items():
        [att] = [a for a in atts if a.text.lstrip('"').startswith(content)]
        assert [s.name for s in att.chain] == ["velm.news", source]
    assert sum(len(a.chain) > 1 for a in atts) == len(said)


def test_a_source_cut_to_its_generational_suffix_is_the_name_before_it():
    """The parser may take "Jr." of "Chief Justice Robert P. Holm, Jr. said" for the source: the source is
    the name with its suffix, a person, not a person called "Jr."."""
    from storyline.sources.attribution import _named_before_suffix
    from storyline.sources.spans import Found, SourceMention, Span

    text = "Velm Supreme Court Chief Justice Robert P. Holm, Jr. said the court would reopen on Monday."
    at = text.index("Jr.")
    cue = Span(text.index("said"), text.index("said") + 4, "said")
    found = Found(cue, None, SourceMention(at, at + 3, "Jr.", "person", "Jr."), Span(0, len(text), text))
    source = _named_before_suffix(text, found).source
    assert source is not None and source.name.endswith("Robert P. Holm, Jr.") and source.kind == "person"
    other = Found(cue, None, SourceMention(0, 4, "Velm", "organisation", "Velm"), Span(0, len(text), text))
    assert _named_before_suffix(text, other).source.name == "Velm"


def test_a_source_cut_inside_its_bracket_runs_on_to_the_closing_bracket():
    from storyline.sources.attribution import _closed_bracket
    from storyline.sources.spans import Found, SourceMention, Span

    text = "Forty ships waited, according to data from the Veltrian Bureau of Harbour Safety (VBHS). More came."
    at = text.index("data")
    cut = text[at : text.index(")")]
    cue = Span(text.index("according"), text.index("according") + 12, "according to")
    found = Found(cue, None, SourceMention(at, at + len(cut), cut, "document", cut), Span(0, 88, text[:88]))
    source = _closed_bracket(text, found).source
    assert source is not None and source.text.endswith("(VBHS)") and source.name.endswith("(VBHS)")
    assert text[source.start : source.end] == source.text
    whole = Found(cue, None, SourceMention(at, at + 4, "data", "document", "data"), Span(0, 88, text[:88]))
    assert _closed_bracket(text, whole).source.text == "data"


@pytest.mark.skipif(NLP is None, reason="the parser's reading (the rules take the issuer alone)")
def test_data_received_by_an_outlet_is_the_issuers_passed_on_by_the_outlet():
    backend = "spacy"
    text = (
        "More than 40 cargo ships were held at anchor in March, according to Tarven Port Authority data received "
        "by Meridian News through a public records request. The figure rose in May."
    )
    atts = run(backend, Article(id="t", text=text, source="Velm Daily"))
    chain = containing(atts, "held at anchor").chain
    assert [(s.name, s.kind) for s in chain[-2:]] == [
        ("Meridian News", "outlet"),
        ("Tarven Port Authority data", "document"),
    ]


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_a_cue_takes_no_content_from_the_next_paragraph_unless_it_announces_it():
    text = (
        "Velm harbour pilot Tomas Reid was fined 22,500 crowns on Friday afternoon for the collision of the ferry "
        "Lind last May.\n\nHanded down by Velm County District Court Judge Ana Ferro, the fine was greater than what "
        "legal experts predicted.\n\n\u201cDetermining the appropriate fine in any case and in this case is a legal "
        "analysis. It's applying the rule of law to the facts of an individual and specific case,\u201d Ferro said "
        "from the Velm County courthouse just after 2:30 p.m. \u201cThis fine is not based on emotion.\u201d\n"
    )
    atts = _read_by_parser(text)
    quoted = [a for a in atts if "legal analysis" in a.text]
    assert quoted and all(a.chain[-1].name == "Ana Ferro" for a in quoted), [a.chain for a in quoted]
    announced = "The port authority said in a statement:\n\n\u201cAll ferries will sail on Monday.\u201d\n"
    atts = _read_by_parser(announced)
    assert containing(atts, "All ferries will sail").chain[-1].name == "The port authority"


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_a_source_in_a_relative_clause_is_the_writers_aside_not_a_link_of_the_chain_around_it():
    text = (
        "Data from the Velm Harbour Office shows ferry crossings have fallen below the yearly average for more "
        "than a month, which economists said is a strong signal that trade on the coast is slowing again after "
        "a busy summer.\n"
    )
    atts = _read_by_parser(text)
    aside = containing(atts, "strong signal")
    assert [s.name for s in aside.chain] == ["Velm Daily", "economists"]


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_a_pronoun_in_a_relative_clause_of_a_speakers_content_is_that_speaker():
    text = (
        "Karsovia's consulate in Velm said relatives seeking news could call its emergency line, which it said "
        "would stay open around the clock this week.\n"
    )
    atts = _read_by_parser(text)
    aside = containing(atts, "around the clock")
    assert [s.name for s in aside.chain] == ["Velm Daily", "Karsovia's consulate in Velm"]


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_a_source_phrase_loses_the_adverb_the_parser_left_on_it():
    text = (
        "Velm would add 40 ferry crossings a week from September, according to the plan first reported by "
        "Meridian News.\n"
    )
    chain = containing(_read_by_parser(text), "ferry crossings").chain
    assert [(s.name, s.kind) for s in chain[1:]] == [("Meridian News", "outlet"), ("the plan", "document")]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("The summary, first", "The summary"),
        ("the moderate Velm Democrat wrote", "the moderate Velm Democrat"),
        ("Velm Mayor Ana Ferro in May", "Velm Mayor Ana Ferro"),
        ("the Velm council in 2031", "the Velm council"),
        ("the Ministry of Health in Velm", "the Ministry of Health in Velm"),
        ("Mayor Ana Ferro", "Mayor Ana Ferro"),
    ],
)
def test_words_left_at_the_end_of_a_source_phrase(written, name):
    from storyline.sources.attribution import _TRAILING_WORDS

    assert _TRAILING_WORDS.sub("", written).strip() == name


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_hearsay_inside_a_sources_content_adds_no_source_of_its_own():
    text = (
        "Police said two men, who were reportedly shooting at each other near the ferry terminal, were taken to "
        "Velm General.\n"
    )
    atts = _read_by_parser(text)
    hedged = containing(atts, "shooting at each other")
    assert [s.name for s in hedged.chain] == ["Velm Daily", "Police"]


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_a_person_named_after_a_body_and_a_rank_is_that_person():
    """'Kessel Police Chief Woody Marran' was an organisation of that name, so another outlet's 'Chief Woody
    Marran' or 'Marran' counted as a second origin."""
    text = (
        "Two men were shot near the Velm ferry terminal on Friday night, Kessel Police Chief Woody Marran said.\n\n"
        '"We have no suspects," Marran said.\n\n'
        "The men were taken to Velm General, said VHPD Spokesperson Ana Ferro.\n"
    )
    atts = _read_by_parser(text)
    assert containing(atts, "Two men were shot").chain[-1] == Source("Woody Marran", "person")
    assert containing(atts, "no suspects").chain[-1] == Source("Woody Marran", "person")
    spokesperson = containing(atts, "taken to Velm General").chain[-1]
    assert spokesperson.kind == "person" and spokesperson.name.endswith("Ana Ferro")


@pytest.mark.parametrize(
    ("written", "person"),
    [
        ("Mesa police Detective Esteban Flores", "Esteban Flores"),
        ("Gary, Ind. Police Chief Wade Ingram", "Wade Ingram"),
        ("Detective K.L. Adams", "K.L. Adams"),
        ("Velm County Attorney Tom Velardi to Durham Police Chief David Kurz", None),
        ("Velm Police Department", None),
    ],
)
def test_rank_then_name(written, person):
    from storyline.sources.attribution import _OFFICE_WORDS, _RANK_THEN_NAME

    m = _RANK_THEN_NAME.match(written)
    found = m.group(2) if m and all(w[:1].isupper() or w.lower() in _OFFICE_WORDS for w in m.group(1).split()) else None
    assert found == person


@pytest.mark.skipif(NLP is None, reason="the parser's reading")
def test_she_said_after_a_speaker_talks_about_someone_is_the_speaker():
    text = (
        "Dana Whitfield said her nephew was Tomas Reid, who was in his early 20s. "
        "She insisted he was not in a gang.\n\n"
        "Sheriff Petra Novak said deputies had arrested Marek Dvorak. He denied the charges.\n\n"
        "Dana Whitfield said the ferry pilot was Marek Holm. He said he saw nothing.\n"
    )
    atts = _read_by_parser(text)
    assert containing(atts, "not in a gang").chain[-1].name == "Dana Whitfield", "the speaker, not her nephew"
    denial = [a for a in atts if a.cue and "charges" in a.text]
    assert all(a.chain[-1].name != "Petra Novak" for a in denial), "a denial is the accused's"
    saw = containing(atts, "saw nothing").chain[-1].name
    assert saw == "Marek Holm", "she is no 'he'"


def test_a_source_read_inside_the_clause_it_states_gives_way_to_the_phrase_before_the_cue():
    """'Mira Vale has checked into a clinic, her publicist, Jon Adler, said': where a reading takes the clause
    (with the publicist in it) for the content and the singer for the source, the source is the phrase set
    off before the cue and the content the clause before it."""
    from storyline.sources.attribution import _trailing_clause
    from storyline.sources.spans import Found, SourceMention, Span

    text = "Singer Mira Vale has checked into a rehabilitation clinic in Dresna, her publicist, Jon Adler, said.\n"

    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    content = Span(0, at("Jon Adler")[1], text[: at("Jon Adler")[1]])
    singer = SourceMention(*at("Singer Mira Vale"), "Singer Mira Vale", "person", "Mira Vale")
    f = Found(Span(*at("said"), "said"), content, singer, Span(0, len(text) - 1, text[:-1]))
    f = _trailing_clause(text, f)
    assert f.source is not None and f.source.text == "her publicist, Jon Adler"
    assert (
        f.content is not None
        and f.content.text == "Singer Mira Vale has checked into a rehabilitation clinic in Dresna"
    )


NEIGHBOURS = (
    "Velm's foreign minister, Ola Brandt, said on Monday that she had spoken to her Karsovian counterpart and "
    'that Velm was ready to send ferries and pilots as soon as Karsovia asked. "They are our friends. Whatever '
    'they need, they will get," she told the Velm Daily.\n'
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_quotation_named_at_its_close_is_the_tellers_sentence_by_sentence(backend):
    """'"A. B," she told the Velm Daily' after "... as soon as Karsovia asked": the quotation is the minister's
    (not Karsovia's, which the parser may read as the content of "asked"), one statement per sentence."""
    attrs = run(backend, Article(id="n", text=NEIGHBOURS, source="Velm Daily"))
    quoted = [a for a in attrs if "our friends" in a.text or "they will get" in a.text]
    assert [a.text.strip('",. ') for a in quoted] == ["They are our friends", "Whatever they need, they will get"]
    assert all([s.name for s in a.chain][1:] == ["Ola Brandt"] for a in quoted), [a.chain for a in quoted]


MONARCH = (
    "In Velm, ferry captain Tomas Ek hung a portrait of the old queen in his wheelhouse.\n"
    '"She was not our queen, but she reigned over the coast for 60 years.\n'
    "The only other one who reigned longer was Arvid Lund.\n"
    'And so that is a history we share," he told the Velm Daily.\n'
    "Crowds gathered at the harbour.\n"
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_he_after_a_quotation_is_not_a_person_the_quotation_names():
    """'"... was Arvid Lund. And so ...," he told the Velm Daily': "he" is the captain named before the
    quotation, not the king it names; every sentence of it is the captain's."""
    attrs = _read_by_parser(MONARCH)
    quoted = [a for a in attrs if any(w in a.text for w in ("our queen", "Arvid Lund", "history we share"))]
    assert len(quoted) == 3
    assert all(a.chain[-1].name.endswith("Tomas Ek") for a in quoted), [a.chain for a in quoted]


APOSTROPHE = (
    "Mayor Ada Marsh said the ferries would run until Friday, warning of storms, as the harbour union said it "
    "would keep dockers away from Velm’s piers to protect them.\n\n"
    "“The sooner we finish, the better. Each day of delay brings added risk to the crews,” Ms. Marsh said "
    "at the town hall on Tuesday.\n"
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_a_quotation_named_at_its_close_is_not_handed_on_from_the_sentence_before():
    """The paragraph's quotation names its speaker where it closes ('," Ms. Marsh said'), so its first sentence
    is the mayor's, not passed on from the union of the paragraph before (chained "Marsh -> the union")."""
    attrs = _read_by_parser(APOSTROPHE)
    quoted = [a for a in attrs if "The sooner" in a.text or "Each day of delay" in a.text]
    assert len(quoted) == 2
    assert all([s.name for s in a.chain][1:] == ["Ada Marsh"] for a in quoted), [a.chain for a in quoted]


GRIFO = (
    "Lena Ortiz, director of the Velm Harbour Trust, said lifting the rule was one of the ways the Johnson "
    "administration weakened the harbour act, and more work remains to be done.\n"
    '"Several last-minute Johnson administration changes have undermined the harbour act, and today the city '
    'has begun to repair the damage," she said.\n'
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_she_is_not_a_person_named_only_as_a_modifier():
    """'"... Johnson administration changes ...," she said': "she" is Lena Ortiz, named before the quotation,
    not Johnson, a person named only in "the Johnson administration"."""
    attrs = _read_by_parser(GRIFO)
    quoted = [a for a in attrs if "last-minute" in a.text]
    assert quoted and all(a.chain[-1].name == "Lena Ortiz" for a in quoted), [a.chain for a in quoted]


SINGLE_QUOTED = (
    "The ferry strike entered its third week.\n\n"
    "Harbour Minister Ada Marsh commented, 'It is hard to say when the ferry will run again. "
    "But there are signs of progress in the talks.'\n\n"
    "Marsh added that the talks would resume on Monday.\n"
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_sentence_of_a_quotation_reads_alike_without_the_mark_it_does_not_open(backend):
    """The second sentence of a quotation in single marks is the minister's, without the closing mark the first
    sentence opened."""
    attrs = run(backend, Article(id="q", text=SINGLE_QUOTED, source="Velm Daily"))
    (second,) = [a for a in attrs if "signs of progress" in a.text]
    assert second.text.rstrip() == "But there are signs of progress in the talks."
    assert SINGLE_QUOTED[second.start : second.end] == second.text
    assert "Ada Marsh" in [s.name for s in second.chain]


DESCRIBED = (
    "Sen. Ada Marsh, 62, said Sunday she will vote against the ferry bill introduced by her party.\n\n"
    "“I believe this bill will sink the harbour, and for that reason I will vote against it,” the moderate Velm "
    "Democrat wrote in an op-ed published in the Velm Daily.\n\n"
    "“The truth is that the bill is too expensive,” the senator said.\n\n"
    "The 62-year-old former captain added that she would propose her own bill.\n\n"
    "“It is a good bill,” the mayor said.\n\n"
    "The 15-year-old's mother said she had read the bill.\n"
)
RIVALS = (
    "Ada Marsh (D-Velm) said the toll would go.\n\n"
    "“The toll stays,” the Republican said at a rally in the east of the city, where crowds had waited since noon.\n"
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_a_description_of_the_last_speaker_is_that_speaker():
    """'the moderate Velm Democrat', 'the senator', 'the 62-year-old' stand for Sen. Ada Marsh, 62, so her words
    count as one origin; 'the mayor' (the text calls no speaker mayor), someone's mother and 'the Republican'
    after a Democrat do not."""
    attrs = run("spacy", Article(id="d", text=DESCRIBED, source="Velm Post"))
    speaker = {a.text[:12]: a.chain[-1].name for a in attrs if a.chain}
    assert speaker["“I believe t"] == "Ada Marsh"
    assert speaker["“The truth i"] == "Ada Marsh"
    assert speaker["that she wou"] == "Ada Marsh"
    assert speaker["“It is a goo"] != "Ada Marsh"
    assert speaker["she had read"] != "Ada Marsh"
    attrs = run("spacy", Article(id="r", text=RIVALS, source="Velm Post"))
    (stays,) = [a for a in attrs if "toll stays" in a.text]
    assert stays.chain[-1].name != "Ada Marsh"


BODIES = (
    "Velmora said on Monday that its ferry vaccine worked in 94 percent of cases, and the Velm Health "
    "Organization welcomed the news.\n\n"
    "The drugmaker said it would ask the Velm Health Agency for approval this week.\n\n"
    "Harbix and Ostra Labs said their shot was 90 percent effective. The companies said they would publish the "
    "data.\n\n"
    "The agency said it would decide by June.\n\n"
    "The Harbour Court said on Friday that it would not hear the case.\n\n"
    "A cook told the Velm Courier that the victims were relatives of Kam Lo, who owns Harbour Wok Inc.\n\n"
    "Lo owns the house where the victims were found, the newspaper reported.\n"
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_a_description_of_a_body_is_the_body_the_text_named_last_that_fits_it():
    """'the drugmaker' is Velmora (not the health organisation named after it), 'the companies' the two named
    together, 'the agency' the agency; each body's words then count as one origin with its own."""
    attrs = run("spacy", Article(id="b", text=BODIES, source="Velm Post"))
    speaker = {a.text[:12]: a.chain[-1].name for a in attrs if a.chain}
    assert speaker["it would ask"] == "Velmora"
    assert speaker["they would p"] == "Harbix and Ostra Labs"
    assert speaker["it would dec"] == "Velm Health Agency"
    assert speaker["Lo owns the "] != "Harbour Wok Inc", "a newspaper is an outlet, not the restaurant named last"
    text = (
        "A man was shot on Friday, the Velm Police Department said.\n\n"
        "Ek tripped and the gun fired, AP reported.\n\nThe department said the man would live.\n"
    )
    attrs = run("spacy", Article(id="p", text=text, source="Velm Post"))
    (live,) = [a for a in attrs if "would live" in a.text]
    assert live.chain[-1].name == "Velm Police Department", "the department is no news agency's initials"
    text = (
        "Harbix and OstraGen asked regulators on Thursday to approve their ferry vaccine for children.\n\n"
        "The companies say the shot worked in 94 percent of young riders.\n\n"
        "Officials said the ferry was late. The company said it would pay riders back.\n"
    )
    attrs = run("spacy", Article(id="u", text=text, source="Velm Post"))
    speaker = {a.text[:12]: a.chain[-1].name for a in attrs if a.chain}
    assert speaker["the shot wor"] == "Harbix and OstraGen", "names the entity recogniser left untyped count"
    assert speaker["it would pay"] != "Officials", "a sentence's first capital makes no name"


ONE_SENTENCE_A_LINE = (
    "Crowds lined the harbour road for the last ferry.\n"
    '"People who serve the coast are rare," Mayor Ada Marsh said at the pier.\n'
    '"Captains who serve it for forty years are rarer still.\n'
    "Few of us will see another like him.\n"
    'But all of us will remember the last crossing."\n'
    "The ferry left at noon.\n"
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_quotation_over_several_lines_keeps_its_speaker_until_it_closes(backend):
    """One sentence a line: the lines of a quotation that neither open nor close it are still the mayor's, and the
    line after the closing mark is the reporter's."""
    attrs = run(backend, Article(id="l", text=ONE_SENTENCE_A_LINE, source="Velm Daily"))
    speaker = {a.text.strip('"\n ')[:10]: [s.name for s in a.chain][-1] for a in attrs}
    assert speaker["Few of us "] == "Ada Marsh"
    assert speaker["But all of"] == "Ada Marsh"
    assert speaker["The ferry "] == "Velm Daily"


SAID_DURING = (
    "The officer died at the hospital.\n\n"
    "“This is a sad day for everyone in this room. A sad day for the harbour police,” Velm County police Chief "
    "Ada Marsh said during a news conference Sunday. “We extend our condolences to his family.”\n\n"
    "Marsh said the suspect was in custody.\n"
)


@pytest.mark.skipif(NLP is None, reason="needs spaCy's English pipeline")
def test_a_quotation_before_its_speaker_is_the_content_not_where_they_spoke():
    """'"..., A sad day for the harbour police," Chief Ada Marsh said | during a news conference Sunday': the
    quotation is what she said (its sentences, and the one after it, are hers), not the news conference."""
    attrs = run("spacy", Article(id="c", text=SAID_DURING, source="Velm Daily"))
    speaker = {a.text.strip("“”\" ")[:12]: a.chain[-1].name for a in attrs}
    assert speaker["This is a sa"] == "Ada Marsh"
    assert speaker["A sad day fo"] == "Ada Marsh"
    assert speaker["We extend ou"] == "Ada Marsh"
    assert not any(a.text.startswith("during a news conference") for a in attrs)
