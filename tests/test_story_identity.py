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
    doc = group_features("k", [art("a", "Ex-FBI official Mark Felt dies", "Mark Felt died in Santa Rosa in 2008, aged 95.", "2008-12-19")])
    assert doc.years == frozenset({"y2008"})
    assert "mark felt" in doc.names
    assert event_years({"#95": 1.0}, None) == frozenset()
    assert key_names({"mark felt": 2.0, "felt": 2.0, "santa rosa": 1.0}) == ("mark felt", "santa rosa")


def test_disjoint_years_and_names_are_conflicts_shared_ones_are_not():
    felt = art("a", "Watergate source Mark Felt dies at 95", "Mark Felt, the Watergate source, died in 2008 in Santa Rosa.")
    larue = art("b", "Watergate figure Fred LaRue dies at 75", "Fred LaRue, a Watergate figure, died in 2004 in Biloxi.")
    felt2 = art("c", "Mark Felt, Watergate's Deep Throat, dies", "Mark Felt died on Thursday in Santa Rosa, 2008.")
    y, n = FEATURES.index("year_conflict"), FEATURES.index("name_conflict")
    apart = _rows_of(felt, larue)
    assert apart and apart[0][y] == 1.0 and apart[0][n] == 1.0
    same = _rows_of(felt, felt2)
    assert same and same[0][y] == 0.0 and same[0][n] == 0.0


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


BRIDGE = "The Riverton council closed the Halden Street bridge on {d} after engineers found cracks in its steel supports."
CHESS = "Grandmaster Ilse Varga won the Nordport open on {d}, beating Tomas Brenn in a final round of 61 moves."


def _gold_file(tmp_path):
    rows = []
    for i in range(3):
        rows.append({"id": f"a{i}", "title": f"Halden Street bridge closed ({i})", "text": BRIDGE.format(d="Monday") + f" Report {i}.",
                     "published": "2031-03-03", "gold": {"story": "bridge", "topic": "roads"}})
        rows.append({"id": f"b{i}", "title": f"Varga wins Nordport open ({i})", "text": CHESS.format(d="Sunday") + f" Report {i}.",
                     "published": "2031-03-02", "gold": {"story": "chess", "topic": "chess"}})
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

    subjects = ["eviction moratorium", "vaccine misinformation", "infrastructure talks", "refugee cap",
                "travel restrictions", "privilege waiver", "labor day crises", "tax concession",
                "booster shots", "climate pledge", "border policy", "student loans"]
    people = ["Ada Rimm", "Bo Tesk", "Cy Varn", "Di Olko", "Ed Prast", "Fe Lunde", "Gil Sorn", "Hal Brek",
              "Ivo Mant", "Jo Kress", "Kai Dunn", "Lu Feng"]
    articles, stories = {}, []
    for i, (subject, person) in enumerate(zip(subjects, people)):
        a = art(f"a{i}", f"White House announces federal plan on {subject}",
                f"The White House announced a federal plan on {subject} on Tuesday, officials at the White House "
                f"said. White House aides said the plan would start soon. {person} will lead it.",
                f"2031-05-{i + 1:02d}")
        articles[a.id] = a
        stories.append(Story(id=f"s{i}", title=a.title, article_ids=[a.id], start=a.published, end=a.published))
    threads = link_threads(stories, articles)
    assert max(len(t.story_ids) for t in threads) == 1
