"""Translated copies: found by the names and numbers a translation keeps, one-to-one per language,
never between two articles of one topic on different events (text written for the project)."""

from __future__ import annotations

from storyline.copies import add_translations, diff_copy, find_copies, find_translations
from storyline.languages import language_of
from storyline.model import Article

FERRY_EN = (
    "The Ostrava ferry Vela Luka ran aground near Korlat island on Tuesday with 212 passengers on board.\n"
    "Captain Ivo Brenner said the ship hit a sandbank in fog at 6:40 in the morning.\n"
    "All passengers were taken to the port of Sedna by two coast guard boats and a fishing trawler.\n"
    "The operator, Adria Lines, said the Vela Luka had passed an inspection in March 2024.\n"
    "Investigators from the maritime safety agency will question the crew on Wednesday.\n"
    "It is the second grounding on the Korlat route since 2019, when the Sv. Nikola lost power."
)
FERRY_ES = (
    "El ferry Vela Luka de Ostrava encalló el martes cerca de la isla de Korlat con 212 pasajeros a bordo.\n"
    "El capitán Ivo Brenner dijo que el barco chocó con un banco de arena entre la niebla a las 6:40 de la mañana.\n"
    "Todos los pasajeros fueron llevados al puerto de Sedna por dos lanchas de la guardia costera y un pesquero.\n"
    "La naviera, Adria Lines, dijo que el Vela Luka había pasado una inspección en marzo de 2024.\n"
    "Los investigadores de la agencia de seguridad marítima interrogarán a la tripulación el miércoles.\n"
    "Es el segundo encallamiento en la ruta de Korlat desde 2019, cuando el Sv. Nikola se quedó sin motor."
)
STRIKE_EN = (
    "Crews of Adria Lines walked out on Friday in a dispute over pay, cancelling 48 sailings from Ostrava.\n"
    "The union leader Marta Oreb said the company had offered a rise of 3 percent against the 9 percent demanded.\n"
    "Adria Lines said the strike would cost it 1.2 million euros a day and asked the labour ministry to mediate.\n"
    "Passengers bound for Korlat and Sedna were moved to buses and a chartered catamaran, the Brza Vila.\n"
    "Talks are due to resume on Monday at the harbour authority in Ostrava."
)
STRIKE_ES = (
    "Las tripulaciones de Adria Lines hicieron huelga el viernes por un conflicto salarial y cancelaron 48 salidas "
    "desde Ostrava.\n"
    "La líder sindical Marta Oreb dijo que la empresa había ofrecido una subida del 3 por ciento frente al 9 por "
    "ciento exigido.\n"
    "Adria Lines dijo que la huelga le costaría 1,2 millones de euros al día y pidió al ministerio de trabajo que "
    "mediara.\n"
    "Los pasajeros con destino a Korlat y Sedna fueron trasladados a autobuses y a un catamarán fletado, el Brza "
    "Vila.\n"
    "Las negociaciones se reanudarán el lunes en la autoridad portuaria de Ostrava."
)


def _articles() -> list[Article]:
    return [
        Article("ferry-en", FERRY_EN, published="2025-04-08"),
        Article("ferry-es", FERRY_ES, published="2025-04-08"),
        Article("strike-en", STRIKE_EN, published="2025-04-11"),
        Article("strike-es", STRIKE_ES, published="2025-04-12"),
    ]


def test_languages_are_told_from_stop_words():
    assert [language_of(a.text) for a in _articles()] == ["en", "es", "en", "es"]
    assert language_of("Too short to tell.") is None


def test_each_article_pairs_with_its_translation_only():
    pairs = find_translations(_articles())
    assert [(p.a, p.b, p.languages) for p in pairs] == [
        ("ferry-en", "ferry-es", ("en", "es")),
        ("strike-en", "strike-es", ("en", "es")),
    ]


def test_translations_join_copy_groups_with_their_languages_and_an_aligned_diff():
    articles = _articles()
    groups = add_translations(find_copies(articles), articles)
    assert len(groups) == 2
    strike = next(g for g in groups if "strike-en" in g.article_ids)
    assert strike.origin == "strike-en" and not strike.origin_undetermined, "the earlier version is the origin"
    [member] = [m for m in strike.members if m.relation == "translated"]
    assert member.article_id == "strike-es" and member.languages == ["en", "es"]
    ferry = next(g for g in groups if "ferry-en" in g.article_ids)
    assert ferry.origin_undetermined and sorted(ferry.origin_candidates) == ["ferry-en", "ferry-es"]
    by_id = {a.id: a for a in articles}
    diff = diff_copy(by_id["strike-es"], by_id["strike-en"])
    aligned = [(e.origin, e.copy) for e in diff.edits if e.kind == "edited"]
    assert len(aligned) == 5 and all("translated" in e.kinds for e in diff.edits)
    assert aligned[1][0].startswith("The union leader") and aligned[1][1].startswith("La líder sindical")


def test_one_language_costs_no_pairs():
    english = [a for a in _articles() if a.id.endswith("-en")]
    assert find_translations(english) == []
