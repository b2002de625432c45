import dataclasses
import json
import pickle
import random
import sys
import zlib
from collections.abc import Callable

import pytest
from conftest import SHARED, events_over_months

from storyline.model import Article
from storyline.stories import StoryClusterer, article_counts, cluster_stories, link_threads, story_terms
from storyline.stories import text as T
from storyline.stories.clusterer import StoryState, unpack
from storyline.stories.decision import FEATURES


def art(i, title, body, day, source=None):
    return Article(id=i, title=title, text=body, published=day, source=source)


CORPUS = [
    art(
        "fire1",
        "Warehouse fire in Kellby destroys 40 trucks",
        "A fire broke out overnight at the Orsund Logistics warehouse in Kellby, destroying 40 delivery trucks. "
        "Fire chief Marta Olen said 120 firefighters fought the blaze for six hours.",
        "2031-04-10",
        "Kellby Post",
    ),
    art(
        "fire2",
        "Kellby warehouse blaze: 120 firefighters battle flames",
        "Firefighters in Kellby spent six hours fighting a blaze at the Orsund Logistics warehouse. "
        "Chief Marta Olen told reporters that 40 trucks were lost.",
        "2031-04-10",
        "Daily Ledger",
    ),
    art(
        "fire3",
        "Orsund Logistics counts cost of Kellby fire",
        "Orsund Logistics said the Kellby warehouse fire destroyed 40 trucks; Marta Olen, the fire chief, "
        "praised the 120 firefighters.",
        "2031-04-11",
        "Coast Wire",
    ),
    art(
        "vote1",
        "Brenland parliament passes fishing quota law",
        "Brenland's parliament voted 88 to 61 to cap cod fishing quotas, a bill pushed by minister Aki Loft. "
        "Fishermen in Port Aldo protested outside.",
        "2031-04-10",
        "Coast Wire",
    ),
    art(
        "vote2",
        "Fishing quota bill clears Brenland parliament 88-61",
        "Minister Aki Loft's cod quota bill passed Brenland's parliament by 88 votes to 61 as fishermen "
        "from Port Aldo protested.",
        "2031-04-10",
        "Kellby Post",
    ),
    art(
        "chess",
        "Varga takes Nordport chess title",
        "Grandmaster Ilse Varga won the Nordport open, beating Tomas Brenn in 61 moves in the final round.",
        "2031-04-11",
        "Daily Ledger",
    ),
]


def partition(stories):
    return sorted(sorted(s.article_ids) for s in stories)


def test_words_handle_cjk_and_stems():
    assert T.words("Launches launched") == ["launch", "launch"]
    assert T.words("卫星发射") == ["卫星", "星发", "发射"]
    assert "the" not in T.words("the satellite")


def test_entities_numbers_and_dates():
    ents = T.entities("Officials said Kim Jong Un met the Ministry of Defence in Seoul.")
    assert "kim jong un" in ents and "seoul" in ents and "ministry of defence" in ents
    assert "officials" not in ents
    assert T.numbers("It cost 1,200 dollars in 2024, or 3 each") == ["#1200"]
    assert T.dates("On May 26, 2024") == ["y2024", "md05-26"]
    assert "md09-22" in T.dates("Khamis (22 Sept) lalu") and "md09-22" in T.dates("在9月22日宣判")
    assert T.dateline("Report | May 2 , 2013 1 : 35 pm | text") == (2013, 5, 2)


def test_events_form_separate_stories():
    got = partition(cluster_stories(CORPUS))
    assert got == [["chess"], ["fire1", "fire2", "fire3"], ["vote1", "vote2"]]


def test_input_order_does_not_change_stories():
    base = cluster_stories(CORPUS)
    for seed in range(5):
        shuffled = CORPUS[:]
        random.Random(seed).shuffle(shuffled)
        again = cluster_stories(shuffled)
        assert {s.id: sorted(s.article_ids) for s in again} == {s.id: sorted(s.article_ids) for s in base}


def test_copy_group_lands_in_one_story():
    odd = art(
        "odd", "Local choir sings at harbour festival", "The Kellby choir sang sea songs at the harbour.", "2031-04-10"
    )
    stories = cluster_stories(CORPUS + [odd], copy_group_of={"odd": "g-fire", "fire1": "g-fire"})
    home = [s for s in stories if "fire1" in s.article_ids][0]
    assert "odd" in home.article_ids
    assert "g-fire" in home.copy_group_ids


def test_story_ids_are_stable_as_articles_join():
    c = StoryClusterer()
    first = c.add(CORPUS[:2])
    later = c.add(CORPUS[2:])
    assert later["fire3"] == first["fire1"] == first["fire2"]
    story = [s for s in c.stories() if s.id == first["fire1"]][0]
    assert story.start == "2031-04-10" and story.end == "2031-04-11"
    assert story.sources == ["Coast Wire", "Daily Ledger", "Kellby Post"]
    assert "Kellby" in story.title


def test_state_round_trips_through_bytes():
    c = StoryClusterer()
    c.add(CORPUS[:3])
    restored = StoryClusterer.from_bytes(c.to_bytes())
    a = c.add(CORPUS[3:])
    b = restored.add(CORPUS[3:])
    assert a == b
    assert partition(c.stories()) == partition(restored.stories())


def test_same_kind_of_event_months_apart_stays_apart():
    later = art(
        "fire9",
        "Warehouse fire in Kellby destroys trucks",
        "A fire at a Kellby warehouse destroyed delivery trucks, fire chief Marta Olen said.",
        "2031-09-02",
    )
    stories = cluster_stories(CORPUS[:3] + [later])
    assert ["fire9"] in partition(stories)


def test_threads_link_one_subject_across_months():
    arts = [
        art(
            "q1",
            "Brenland minister Aki Loft proposes cod quota cap",
            "Minister Aki Loft proposed a cap on cod fishing quotas in Brenland, angering fishermen in Port Aldo.",
            "2031-01-15",
        ),
        art(
            "q2",
            "Brenland parliament passes Aki Loft's cod quota law",
            "Brenland's parliament passed minister Aki Loft's cod quota cap; Port Aldo fishermen protested.",
            "2031-04-10",
        ),
        art(
            "q3",
            "Port Aldo fishermen sue over Brenland cod quota",
            "Fishermen from Port Aldo sued Brenland over the cod quota cap brought in by minister Aki Loft.",
            "2031-06-20",
        ),
        CORPUS[5],
    ]
    stories = cluster_stories(arts)
    assert len(stories) == 4
    threads = link_threads(stories, {a.id: a for a in arts})
    by_story = {s.id: s.thread for s in stories}
    quota = {by_story[s.id] for s in stories if s.article_ids[0].startswith("q")}
    assert len(quota) == 1
    chess = [s for s in stories if s.article_ids == ["chess"]][0]
    assert chess.thread not in quota
    main = [t for t in threads if t.id in quota][0]
    assert main.start == "2031-01-15" and main.end == "2031-06-20"
    assert len(main.story_ids) == 3


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not available")
def test_seed_articles_two_stories_one_thread():
    dates = {"000": "2024-05-27", "001": "2024-05-26", "002": "2023-11-08"}
    arts = []
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        arts.append(Article(id=p.name[:3], title=title.strip(), text=body, published=dates[p.name[:3]]))
    stories = cluster_stories(arts)
    assert partition(stories) == [["000", "001"], ["002"]]
    threads = link_threads(stories, {a.id: a for a in arts})
    assert len(threads) == 1 and threads[0].story_ids[0] == [s.id for s in stories if "002" in s.article_ids][0]


def test_cluster_rows_carry_copy_relation():
    from storyline.model import CopyGroup, CopyMember
    from storyline.stories import cluster_rows

    stories = cluster_stories(CORPUS)
    link_threads(stories, {a.id: a for a in CORPUS})
    group = CopyGroup(
        id="g1", origin="vote1", members=[CopyMember("vote1", "origin", 1.0), CopyMember("vote2", "edited", 0.9)]
    )
    rows = {r["id"]: r for r in cluster_rows(stories, [group])}
    assert set(rows) == {a.id for a in CORPUS}
    assert rows["vote2"]["copy_of"] == "vote1" and rows["vote2"]["copy_group"] == "g1"
    assert rows["vote1"]["copy_of"] is None
    assert rows["vote1"]["story"] == rows["vote2"]["story"] != rows["chess"]["story"]
    assert rows["chess"]["thread"] is not None


def test_groups_are_placed_a_chunk_at_a_time():
    sizes = []

    def counts(articles):
        sizes.append(len(articles))
        return [article_counts(a) for a in articles]

    c = StoryClusterer(chunk_groups=2)
    progress = []
    c.add(CORPUS, counts=counts, on_chunk=lambda done, total: progress.append((done, total)))
    assert sizes == [2, 2, 2]
    assert progress == [(2, 6), (4, 6), (6, 6)]
    assert partition(c.stories()) == partition(cluster_stories(CORPUS))


def test_headline_cosine_is_a_merge_feature():
    rows = []
    c = StoryClusterer()
    c.add(
        [
            art(
                "h1",
                "Tarrow dam gates opened after record rain",
                "Engineers acted at night, the water board said.",
                "2031-03-02",
            )
        ]
    )
    c.add(
        [
            art(
                "h2",
                "Tarrow dam gates opened after record rain",
                "Residents downstream were told to move cars.",
                "2031-03-02",
            ),
            art("h3", "Water board names new chair", "The water board said engineers acted at night.", "2031-03-02"),
        ],
        trace=lambda feats, cands, chosen: rows.append(feats),
    )
    col = FEATURES.index("max_t")
    best = [max(r[col] for r in feats) for feats in rows if feats]
    assert best[0] > 0.99 and best[-1] < 0.5


def test_state_keeps_weights_exactly_and_reads_the_version_1_layout():
    c = StoryClusterer()
    c.add(CORPUS[:3])
    d = json.loads(zlib.decompress(c.to_bytes()))
    assert d["version"] == 2
    restored = StoryClusterer.from_dict(d)
    for sid, st in c.stories_by_id.items():
        again = restored.stories_by_id[sid]
        assert again.sums == st.sums and again.recent == st.recent
    legacy = c.to_dict()
    for s in legacy["stories"]:
        s["sums"] = {k: dict(zip(*unpack(v))) for k, v in s["sums"].items()}
        s["recent"] = [{k: dict(zip(*unpack(v))) for k, v in m.items() if k != "t"} for m in s["recent"]]
    old = StoryClusterer.from_dict(legacy)
    assert old.add(CORPUS[3:]) == StoryClusterer.from_dict(d).add(CORPUS[3:])


def test_story_terms_cross_processes_interned_and_link_the_same():
    arts = CORPUS[:5]
    stories = cluster_stories(arts)
    by_id = {a.id: a for a in arts}
    terms = {s.id: pickle.loads(pickle.dumps(story_terms(s, by_id))) for s in stories}
    one = next(iter(terms.values())).counts["w"][0][0]
    assert one is sys.intern(one)
    plain = [t.story_ids for t in link_threads([dataclasses.replace(s) for s in stories], by_id)]
    given = [t.story_ids for t in link_threads([dataclasses.replace(s) for s in stories], by_id, features=terms)]
    assert given == plain


def test_title_case_headlines_give_only_names_the_body_confirms():
    assert T.title_case("Kellby Council Delays Vote on Harbour Bridge")
    assert not T.title_case("Kellby council delays vote on harbour bridge")
    a = art(
        "tc",
        "Kellby Council Delays Vote on Harbour Bridge",
        "The vote on the bridge was put off by the Kellby council, mayor Ruth Amsel said.",
        "2031-05-01",
    )
    e = article_counts(a)["e"]
    assert "kellby" in e and e["kellby"] > 1
    assert "delays" not in e and "harbour bridge" not in e
    plain = article_counts(art("sc", "Kellby council delays vote on Harbour Bridge", a.text, "2031-05-01"))["e"]
    assert "harbour bridge" in plain


def word_events(
    seed: int, events: int, reports: int, common: int, shared: int, day: Callable[[int, int], str]
) -> list[Article]:
    """``reports`` articles on each of ``events`` events of made-up words: 8 of the event's 10 topic words
    and ``shared`` of ``common`` words every event uses; ``day(event, report)`` dates them."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    pool = [word() for _ in range(common)]
    arts = []
    for ev in range(events):
        topic = [word() for _ in range(10)]
        for k in range(reports):
            body = " ".join(rng.sample(topic, 8) + rng.sample(pool, shared)) + "."
            arts.append(art(f"e{ev}-{k}", " ".join(rng.sample(topic, 4)), body, day(ev, k)))
    return arts


def test_bounded_rows_decide_as_exact_rows_and_skip_work(monkeypatch):
    arts = word_events(3, 12, 3, 300, 20, lambda ev, k: f"2031-02-{1 + ev % 3:02d}")
    calls = []
    real = StoryState.nearest
    monkeypatch.setattr(
        StoryState, "nearest", lambda self, vec, spaces=("w", "e"): calls.append(spaces) or real(self, vec, spaces)
    )
    bounded = StoryClusterer()
    bounded.add(arts)
    pruned = calls.count(("w", "e"))
    calls.clear()
    exact = StoryClusterer()
    monkeypatch.setattr(exact, "_bound_is_safe", lambda: False)
    exact.add(arts)
    assert partition(bounded.stories()) == partition(exact.stories())
    assert len(bounded.stories()) < len(arts)
    assert pruned < calls.count(("w", "e"))


def test_expiry_drops_exactly_the_postings_of_retired_stories():
    def day(ev: int, k: int) -> str:
        n = 1 + ev * 3 + k
        return f"2031-{1 + n // 28:02d}-{1 + n % 28:02d}"

    arts = word_events(5, 40, 2, 200, 15, day)
    c = StoryClusterer(window_days=5)
    c.add(arts)
    postings = {s: {t: set(ids) for t, ids in idx.items()} for s, idx in c.index.items()}
    retired = c.expire()
    # what the index must hold: the postings before, less every story no longer active
    expected = {
        s: {t: live for t, ids in idx.items() if (live := {i for i in ids if c.stories_by_id[i].active})}
        for s, idx in postings.items()
    }
    assert retired > 0 and sum(not st.active for st in c.stories_by_id.values()) > 10
    assert c.index == expected
    assert all(c.stories_by_id[i].active for idx in c.index.values() for ids in idx.values() for i in ids)


def test_a_thread_stays_open_for_the_window_after_its_latest_story():
    quota = (
        "Minister Aki Loft and the Brenland parliament argued over the cod quota cap "
        "that angered fishermen in Port Aldo."
    )
    arts = [
        art("q1", "Aki Loft proposes cod quota cap", quota, "2031-01-01"),
        art("q2", "Brenland debates Aki Loft's cod quota cap", quota, "2031-03-01"),
        CORPUS[5],  # another subject, 2031-04-11
        art("q3", "Port Aldo fishermen sue over Aki Loft's cod quota cap", quota, "2031-04-20"),
        art("q4", "Aki Loft's cod quota cap returns to the Brenland parliament", quota, "2031-07-15"),
    ]
    stories = cluster_stories(arts, window_days=5)
    assert len(stories) == 5
    link_threads(stories, {a.id: a for a in arts}, window_days=60)
    thread = {s.article_ids[0]: s.thread for s in stories}
    # q3 comes 50 days after q2 (80 after q1, the thread's first end): it joins; q4 comes 86 days after q3
    assert thread["q1"] == thread["q2"] == thread["q3"] != thread["chess"]
    assert thread["q4"] != thread["q1"]


def test_story_windows_join_stories_that_cross_a_window_boundary():
    arts, gold = events_over_months()
    group_of = {a.id: "g-" + a.id.split("-")[0] if a.id in ("e4-0", "e4-1") else "g-" + a.id for a in arts}
    one_pass = StoryClusterer()
    one_pass.add(arts, group_of)
    windowed = StoryClusterer(split_days=30)
    windowed.add(arts, group_of)
    assert [s.copy_group_ids for s in windowed.stories()] == [s.copy_group_ids for s in one_pass.stories()]
    assert windowed.story_of_group == one_pass.story_of_group
    expected = sorted(sorted(a for a, ev in gold.items() if ev == e) for e in set(gold.values()))
    assert partition(one_pass.stories()) == expected
    assert partition(windowed.stories()) == expected
    assert {s.id for s in windowed.stories()} == {s.id for s in one_pass.stories()}
    crossing = next(s for s in windowed.stories() if "e4-0" in s.article_ids)
    assert (crossing.start, crossing.end) == ("2031-01-29", "2031-02-03")


def test_windowed_placement_goes_on_incrementally_and_through_a_process_boundary():
    arts, gold = events_over_months()
    late = [a for a in arts if a.id.startswith("e13-")]

    def pickled_imap(fn, items):
        return (pickle.loads(pickle.dumps(fn(pickle.loads(pickle.dumps(item))))) for item in items)

    windowed = StoryClusterer(split_days=30)
    windowed.add([a for a in arts if a not in late[1:]], imap=pickled_imap)
    again = StoryClusterer.from_bytes(windowed.to_bytes())
    placed = again.add(late[1:])
    assert placed[late[1].id] == placed[late[2].id] == again.placed()[late[0].id]
    one_pass = StoryClusterer()
    one_pass.add(arts)
    assert partition(again.stories()) == partition(one_pass.stories())


def test_a_story_the_last_window_saw_only_in_its_warm_up_takes_later_articles():
    arts, gold = events_over_months()
    # event 4's first two reports (2031-01-29 and 01-31) are in the first 30-day window and in the
    # warm-up of the second and last one (from 2031-02-02), which holds nothing else of it
    first = [a for a in arts if a.published <= "2031-03-01" and a.id != "e4-2"]
    windowed = StoryClusterer(split_days=30)
    windowed.add(first)
    assert windowed.story_of_group  # placed window by window: 2031-01-03 .. 2031-03-01 spans over 30 days
    placed = windowed.add([next(a for a in arts if a.id == "e4-2")])
    assert placed["e4-2"] == windowed.placed()["e4-0"]


def test_windowed_placement_reports_progress_as_each_window_arrives():
    arts, _ = events_over_months()
    windows_run: list[int] = []

    def counting_imap(fn, items):
        for item in items:
            windows_run.append(item.index)
            yield fn(item)

    progress: list[tuple[int, int]] = []
    windowed = StoryClusterer(split_days=30)
    windowed.add(arts, on_chunk=lambda done, total: progress.append((done, total)), imap=counting_imap)
    assert len(progress) >= 3, "one report per window, not one at the end"
    assert [d for d, _ in progress] == sorted(d for d, _ in progress) and progress[0][0] > 0
    assert progress[-1] == (len(arts), len(arts))
    assert len(windows_run) == len(progress)
