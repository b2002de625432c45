"""Event identity in the merge decision, and the one clustering path that `cluster` and `evaluate` share."""

import json

from storyline import commands
from storyline.evaluate.clusters import baseline_file, evaluate_file, evaluate_threads, score_clusters
from storyline.model import Article
from storyline.stories import StoryClusterer
from storyline.stories.decision import FEATURES
from storyline.stories.features import event_years, group_features, key_names


def art(i, title, body, day=None):
    return Article(id=i, title=title, text=body, published=day)


def _rows_of(first, second):
    rows = []
    c = StoryClusterer()
    c.add([first])
    c.add([second], trace=lambda feats, cands, chosen: rows.append(feats))
    return rows[-1]


def test_years_and_names_of_a_group():
    doc = group_features(
        "k",
        [art("a", "Ex-FBI official Mark Felt dies", "Mark Felt died in Santa Rosa in 2008, aged 95.", "2008-12-19")],
    )
    assert doc.years == frozenset({"y2008"})
    assert "mark felt" in doc.names
    assert event_years({"#95": 1.0}, None) == frozenset()
    assert key_names({"mark felt": 2.0, "felt": 2.0, "santa rosa": 1.0}) == ("mark felt", "santa rosa")


def test_disjoint_years_and_names_are_conflicts_shared_ones_are_not():
    felt = art(
        "a", "Watergate source Mark Felt dies at 95", "Mark Felt, the Watergate source, died in 2008 in Santa Rosa."
    )
    larue = art(
        "b", "Watergate figure Fred LaRue dies at 75", "Fred LaRue, a Watergate figure, died in 2004 in Biloxi."
    )
    felt2 = art("c", "Mark Felt, Watergate's Deep Throat, dies", "Mark Felt died on Thursday in Santa Rosa, 2008.")
    y, n = FEATURES.index("year_conflict"), FEATURES.index("name_conflict")
    apart = _rows_of(felt, larue)
    assert apart and apart[0][y] == 1.0 and apart[0][n] == 1.0
    same = _rows_of(felt, felt2)
    assert same and same[0][y] == 0.0 and same[0][n] == 0.0


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


BRIDGE = (
    "The Riverton council closed the Halden Street bridge on {d} after engineers found cracks in its steel supports."
)
CHESS = "Grandmaster Ilse Varga won the Nordport open on {d}, beating Tomas Brenn in a final round of 61 moves."


def _gold_file(tmp_path):
    rows = []
    for i in range(3):
        rows.append(
            {
                "id": f"a{i}",
                "title": f"Halden Street bridge closed ({i})",
                "text": BRIDGE.format(d="Monday") + f" Report {i}.",
                "published": "2031-03-03",
                "gold": {"story": "bridge", "topic": "roads"},
            }
        )
        rows.append(
            {
                "id": f"b{i}",
                "title": f"Varga wins Nordport open ({i})",
                "text": CHESS.format(d="Sunday") + f" Report {i}.",
                "published": "2031-03-02",
                "gold": {"story": "chess", "topic": "chess"},
            }
        )
    path = tmp_path / "g.jsonl"
    _write(path, rows)
    return path


def test_evaluation_scores_what_the_cluster_command_writes(tmp_path):
    gold = _gold_file(tmp_path)
    assert commands.cluster([str(gold), "-o", str(tmp_path / "pred.jsonl"), "--encoder", "off"]) == 0
    from_command = score_clusters(gold, tmp_path / "pred.jsonl")
    from_evaluation = evaluate_file(gold)
    assert from_command["bcubed_f1"] == from_evaluation["bcubed_f1"] == 1.0
    assert from_command["pred_stories"] == from_evaluation["pred_stories"] == 2


def test_threads_are_scored_against_subjects(tmp_path):
    gold = _gold_file(tmp_path)
    s = evaluate_threads(gold)
    assert s["bcubed_p"] == 1.0
    mixed = evaluate_threads(gold, labels={f"{k}{i}": "one" for k in "ab" for i in range(3)})
    assert mixed["bcubed_r"] < 1.0


def test_tfidf_baseline_finds_the_two_stories(tmp_path):
    s = baseline_file(_gold_file(tmp_path))
    assert s["bcubed_f1"] == 1.0 and 0 < s["threshold"] < 1


def test_one_common_name_does_not_make_a_thread():
    from storyline.model import Story
    from storyline.stories import link_threads

    subjects = [
        "eviction moratorium",
        "vaccine misinformation",
        "infrastructure talks",
        "refugee cap",
        "travel restrictions",
        "privilege waiver",
        "labor day crises",
        "tax concession",
        "booster shots",
        "climate pledge",
        "border policy",
        "student loans",
    ]
    people = [
        "Ada Rimm",
        "Bo Tesk",
        "Cy Varn",
        "Di Olko",
        "Ed Prast",
        "Fe Lunde",
        "Gil Sorn",
        "Hal Brek",
        "Ivo Mant",
        "Jo Kress",
        "Kai Dunn",
        "Lu Feng",
    ]
    articles, stories = {}, []
    for i, (subject, person) in enumerate(zip(subjects, people)):
        a = art(
            f"a{i}",
            f"White House announces federal plan on {subject}",
            f"The White House announced a federal plan on {subject} on Tuesday, officials at the White House "
            f"said. White House aides said the plan would start soon. {person} will lead it.",
            f"2031-05-{i + 1:02d}",
        )
        articles[a.id] = a
        stories.append(Story(id=f"s{i}", title=a.title, article_ids=[a.id], start=a.published, end=a.published))
    threads = link_threads(stories, articles)
    assert max(len(t.story_ids) for t in threads) == 1


def _story_of(c, article_id):
    return c.placed()[article_id]


def test_an_undated_report_is_dated_by_its_dateline():
    doc = group_features(
        "k",
        [art("a", "Quarry blast shakes Hollin", "Hollin\nMarch 4, 2029\nA blast at the Hollin quarry broke windows.")],
    )
    assert doc.day is None and doc.text_day is not None and doc.when == doc.text_day
    dated = group_features("k", [art("a", "Quarry blast", "March 4, 2029\nA blast at the quarry.", "2029-03-05")])
    assert dated.text_day is None and dated.when == dated.day


LAUNCH = (
    "{when}\nHarlow Devices unveiled the new {name} tablet at its {hall} event on Tuesday, chief executive "
    "{boss} said on stage. The tablet ships with a larger screen, a faster chip and a longer battery life, and "
    "goes on sale next month."
)


def _launch(i, when, name, hall, boss):
    return art(i, "Harlow unveils new tablet", LAUNCH.format(when=when, name=name, hall=hall, boss=boss))


def test_datelines_a_year_apart_count_against_a_merge_a_week_apart_do_not():
    col = FEATURES.index("text_gap")
    first = _launch("a", "June 2, 2027", "Pebble", "Brisk Hall", "Uma Kestrel")
    next_year = _launch("b", "June 9, 2028", "Slate", "Gorse Arena", "Ivo Tamm")
    next_week = _launch("c", "June 9, 2027", "Pebble", "Brisk Hall", "Uma Kestrel")
    apart = _rows_of(first, next_year)
    assert apart and apart[0][col] > 0
    close = _rows_of(first, next_week)
    assert close and close[0][col] == 0.0


def test_a_dateline_gap_keeps_look_alike_launches_apart_with_its_weight():
    weights = list(StoryClusterer().params.weights)
    weights += [0.0] * (len(FEATURES) - len(weights))
    first = _launch("a", "June 2, 2027", "Pebble", "Brisk Hall", "Uma Kestrel")
    next_year = _launch("b", "June 9, 2028", "Slate", "Gorse Arena", "Ivo Tamm")
    weights[FEATURES.index("text_gap")] = 0.0
    without = StoryClusterer(weights=tuple(weights))
    without.add([first, next_year])
    weights[FEATURES.index("text_gap")] = -3.0
    with_gap = StoryClusterer(weights=tuple(weights))
    with_gap.add([first, next_year])
    assert _story_of(without, "a") == _story_of(without, "b")
    assert _story_of(with_gap, "a") != _story_of(with_gap, "b")


SHOOTING = (
    "Police in {town} said {victim} was shot on {street} late on Friday and died at the hospital. "
    "Officers are asking witnesses to call the {town} police."
)


def _name_gap(victim, street):
    col = FEATURES.index("name_gap")
    first = art(
        "a",
        "Man shot in Delby",
        SHOOTING.format(town="Delby", victim="Aldo Venn", street="Corran Avenue"),
        "2030-05-03",
    )
    # ten days on: its 'Friday' is a week after the first report, so a publication gap remains
    later = art("b", "Shooting victim named", SHOOTING.format(town="Delby", victim=victim, street=street), "2030-05-13")
    rows = _rows_of(first, later)
    assert rows
    return rows[0][col]


def test_a_publication_gap_bridged_by_a_rare_shared_name_is_an_input():
    assert _name_gap("Aldo Venn", "Corran Avenue") > 0
    assert _name_gap("Pim Rusk", "Osler Road") == 0.0


def test_a_name_many_groups_use_does_not_bridge_a_publication_gap():
    col = FEATURES.index("name_gap")
    common = [
        art(f"c{i}", f"City Hall item {i}", f"The Delby City Hall board met on item {i} of {w}.", "2030-05-01")
        for i, w in enumerate(["roads", "parks", "water", "taxes", "schools"])
    ]
    rows = []
    c = StoryClusterer()
    c.add(
        common
        + [art("a", "Delby City Hall budget vote", "Delby City Hall voted on the budget for roads.", "2030-05-02")]
    )
    c.add(
        [
            art(
                "b",
                "Delby City Hall budget vote again",
                "Delby City Hall voted on the budget for roads again.",
                "2030-05-05",
            )
        ],
        trace=lambda feats, cands, chosen: rows.append(feats),
    )
    assert rows[-1] and all(r[col] == 0.0 for r in rows[-1])


def test_short_groups_use_their_own_threshold():
    a = art("h1", "Kessler Motors recalls Vanta vans", "Kessler Motors recalls Vanta vans")
    b = art("h2", "Vanta van recall widens at Kessler", "Vanta van recall widens at Kessler")
    base = StoryClusterer(short_threshold=None, threshold=0.99, short_merge=None)
    base.add([a, b])
    loose = StoryClusterer(short_threshold=0.01, threshold=0.99)
    loose.add([a, b])
    assert _story_of(base, "h1") != _story_of(base, "h2")
    assert _story_of(loose, "h1") == _story_of(loose, "h2")
    body = (
        "Kessler Motors is recalling thousands of Vanta delivery vans after inspectors found brake hoses that "
        "crack in cold weather; owners will get letters this month and dealers will replace the parts free."
    )
    long_text = art("l", "Kessler Motors recalls Vanta vans", body)
    assert loose._threshold(group_features("k", [long_text])) == 0.99
    assert loose._threshold(group_features("k", [a])) == 0.01


def test_bounded_rows_use_the_short_threshold():
    heads = [
        art(f"h{i}", t, t)
        for i, t in enumerate(
            [
                "Kessler Motors recalls Vanta vans",
                "Vanta van recall widens at Kessler",
                "Kessler shares fall on Vanta recall",
                "Regulator questions Kessler over Vanta",
                "Tarrow dam gates opened",
                "Dam gates at Tarrow open after rain",
            ]
        )
    ]
    bounded = StoryClusterer(short_threshold=0.02)
    bounded.add(heads)
    exact = StoryClusterer(short_threshold=0.02)
    exact._bound_is_safe = lambda: False
    exact.add(heads)
    assert sorted(map(sorted, (s.article_ids for s in bounded.stories()))) == sorted(
        map(sorted, (s.article_ids for s in exact.stories()))
    )


def test_the_core_fit_leaves_the_regime_inputs_for_their_grid(tmp_path):
    from storyline.evaluate.clusters import fit_files

    gold = _gold_file(tmp_path)
    _bias, weights = fit_files([gold])
    assert weights[FEATURES.index("text_gap")] == 0.0 and weights[FEATURES.index("name_gap")] == 0.0
    assert len(weights) == len(FEATURES)
