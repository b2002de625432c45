"""Headline stories: stories made only of headlines are merged after placement by centroid cosine,
so one event's headlines meet even when the first few shared no word when they were placed."""

import random

from storyline.model import Article
from storyline.stories import StoryClusterer, cluster_stories

HEADLINES = [
    ("h1", "Mayor Ruth Anso resigns"),
    ("h2", "Kellby budget row deepens as council splits"),
    ("h3", "Ruth Anso quits amid Kellby budget row"),
    ("h4", "Anso exit leaves Kellby council split over budget"),
    ("h5", "Ilse Varga wins Nordport chess open"),
    ("h6", "Varga takes Nordport title in 61 moves"),
]


def heads(rows=HEADLINES):
    return [Article(id=i, title=t, text=t) for i, t in rows]


def partition(stories):
    return sorted(sorted(s.article_ids) for s in stories)


def test_headline_stories_of_one_event_merge_after_placement():
    first = partition(cluster_stories(heads(), short_merge=None))
    assert len(first) > 2 and ["h5", "h6"] in first  # the first pass leaves Anso's resignation in pieces
    assert partition(cluster_stories(heads())) == [["h1", "h2", "h3", "h4"], ["h5", "h6"]]


def test_merged_stories_keep_one_id_everywhere_in_any_order():
    c = StoryClusterer()
    placed = c.add(heads())
    assert placed == c.placed()
    assert set(c.story_of_group.values()) == set(c.stories_by_id)
    for seed in range(3):
        shuffled = heads()
        random.Random(seed).shuffle(shuffled)
        assert StoryClusterer().add(shuffled) == placed
    again = StoryClusterer.from_bytes(c.to_bytes())
    assert (
        again.add(
            [
                Article(
                    id="h7",
                    title="Kellby names acting mayor after Anso resigns",
                    text="Kellby names acting mayor after Anso resigns",
                )
            ]
        )["h7"]
        == placed["h1"]
    )


def test_a_story_holding_a_full_article_is_not_merged():
    body = (
        "The council of Kellby met on Monday to split the budget. " * 3 + "Members argued over roads, schools, "
        "parks, lighting, the harbour wall and the new library for most of the evening, and no vote was taken."
    )
    rows = heads()
    rows[1] = Article(id="h2", title="Kellby budget row deepens as council splits", text=body)
    got = partition(cluster_stories(rows))
    assert not any({"h1", "h2"} <= set(s) for s in got), got


def test_the_merge_cosine_is_a_regime_setting_of_the_fit():
    from storyline.evaluate.clusters import REGIME_GRID, model_params, regime_model

    model = {"bias": -4.0, "weights": [0.0] * 15, "threshold": 0.2}
    assert model_params(regime_model(model, {"short_merge": 0.3}))["short_merge"] == 0.3
    assert None in REGIME_GRID["short_merge"]
