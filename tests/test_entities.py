"""Entity resolution across spellings and articles, on names and sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.sources import EntityResolver, canonical_entities, load_nlp
from storyline.sources.names import name_key

NLP = load_nlp()
BACKENDS = ["rules"] + (["spacy"] if NLP is not None else [])


@pytest.mark.parametrize(
    "a,b,label",
    [
        ("Shin Won-sik", "Shin Wonsik", "person"),
        ("Ministry of Defence", "the Ministry of Defense", "organisation"),
        ("Mr. Ortega", "Ortega", "person"),
        ("Yonhap News Agency", "Yonhap", "organisation"),
        ("Harbour Labour Council", "Harbor Labor Council", "organisation"),
    ],
)
def test_name_keys_fold_spelling_titles_and_suffixes(a, b, label):
    assert name_key(a, label) == name_key(b, label)


def test_different_people_keep_different_keys():
    assert name_key("Kim Jong Un", "person") != name_key("Kim Yo Jong", "person")


def test_resolver_merges_spelling_variants_across_articles():
    r = EntityResolver()
    first = r.add("Shin Won-sik", "person", "a1")
    assert r.add("Shin Wonsik", "person", "a2") == first
    assert r.add("Volodymyr Zelenskyy", "person", "a1") == r.add("Volodymyr Zelensky", "person", "a2")
    assert r.add("Ministry of Defence", "organisation", "a1") == r.add("Ministry of Defense", "organisation", "a2")
    assert r.add("Kim Yo Jong", "person", "a1") != r.add("Kim Jong Un", "person", "a1")


def test_surname_goes_to_the_latest_full_name_before_it():
    r = EntityResolver()
    leader = r.add("Kim Jong Un", "person", "a1", 0, 11)
    minister = r.add("Kim Yung-ho", "person", "a1", 100, 111)
    assert r.resolve("Kim", "person", "a1", at=50) == leader
    assert r.resolve("Kim", "person", "a1", at=200) == minister
    assert r.resolve("Mr Kim", "person", "a1", at=200) == minister
    assert r.resolve("Kim", "person", "other-article") is None


def test_canonical_form_is_the_fullest_most_frequent_form():
    r = EntityResolver()
    for form in ("Maria Duarte", "Duarte", "Maria Duarte", "Ms Duarte"):
        r.add(form, "person", "a1")
    (entity,) = r.entities().values()
    assert entity.name == "Maria Duarte"
    assert entity.forms["Duarte"] == 1
    assert r.canonical("Duarte", "person", "a1") == "Maria Duarte"


@pytest.mark.parametrize("backend", BACKENDS)
def test_canonical_entities_over_articles(backend):
    one = Article(
        id="a1", text="Defence Minister Shin Won-sik visited Busan on Monday. Mr Shin said the drills would go on.\n"
    )
    two = Article(
        id="a2", text="Shin Wonsik, the defense minister, met officials from the Ministry of Defense in Seoul.\n"
    )
    ents = canonical_entities([one, two], nlp=NLP if backend == "spacy" else None)
    shin = [e for e in ents.values() if "Shin Won-sik" in e["forms"] or "Shin Wonsik" in e["forms"]]
    assert len(shin) == 1
    assert shin[0]["articles"] == ["a1", "a2"]
    assert shin[0]["label"] == "person"
    for e in ents.values():
        for article_id, start, end, form in e["mentions"]:
            text = one.text if article_id == "a1" else two.text
            assert text[start:end] == form


def test_a_mention_cut_inside_a_bracket_it_opens_is_recorded_without_it():
    r = EntityResolver()
    text = "Thanks to all. — Velm Harbour Police (@VelmHarbourPD) May 3"
    start = text.index("Velm")
    eid = r.add("Velm Harbour Police (@VelmHarbourPD", "organisation", "a", start, text.index(")"))
    assert eid is not None and r.canonical("Velm Harbour Police", "organisation", "a") == "Velm Harbour Police"
    (mention,) = r.entities()[eid].mentions
    assert mention == ("a", start, start + len("Velm Harbour Police"), "Velm Harbour Police")
