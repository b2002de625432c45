"""The subject input: two undated look-alike events of one kind (a death, a casting) told apart by
the person each report is about, named in its lead and again and again by surname."""

from storyline.model import Article
from storyline.stories import StoryClusterer, cluster_stories
from storyline.stories.decision import FEATURES
from storyline.stories.features import group_features

VOSS = [
    (
        "v1",
        "Harlan Voss, the bureau official behind the Lantern leaks, dies at 91",
        "Harlan Voss, the former bureau official who became the Lantern source, has died at 91. Voss kept the secret "
        "for thirty years. Voss told his family in 2005. Reporters at the Capital Courier said Voss never sought "
        "praise.",
    ),
    (
        "v2",
        "Lantern source Harlan Voss dead at 91",
        "Harlan Voss died in his sleep at home, his daughter said. Voss was 91. The Lantern affair made Voss a hero to "
        "some at the Capital Courier and a traitor to others.",
    ),
]
MARSH = [
    (
        "m1",
        "Odell Marsh, a figure of the Lantern affair, dies at 88",
        "Odell Marsh, the former campaign aide jailed over the Lantern leaks, has died at 88. Marsh kept quiet "
        "for thirty years. Marsh spoke to the Capital Courier once. Reporters said Marsh never sought praise.",
    ),
]


def docs(rows):
    return [group_features(i, [Article(id=i, title=t, text=b)]) for i, t, b in rows]


def test_the_subject_is_the_lead_person_named_again_by_surname():
    assert [d.subject for d in docs(VOSS + MARSH)] == ["voss", "voss", "marsh"]
    plain = group_features(
        "p", [Article(id="p", title="House passes the budget", text="The House of Kellby passed it.")]
    )
    assert plain.subject is None


def test_subject_conflict_fires_only_between_different_people():
    col = FEATURES.index("subject_conflict")
    rows = {}

    def trace(feats, cands, chosen):
        rows[len(rows)] = [f[col] for f in feats]

    c = StoryClusterer(threshold=0.0, short_threshold=None)
    c.add([Article(id=i, title=t, text=b) for i, t, b in VOSS[:1]])
    c.add([Article(id=i, title=t, text=b) for i, t, b in VOSS[1:]], trace=trace)
    c.add([Article(id=i, title=t, text=b) for i, t, b in MARSH], trace=trace)
    assert rows == {0: [0.0], 1: [1.0]}  # v2, then m1, against Voss's story


def test_undated_look_alike_deaths_of_two_people_are_two_stories():
    """Without dates, two obituaries on one affair share every word but the person; before the subject
    input they were one story."""
    arts = [Article(id=i, title=t, text=b) for i, t, b in VOSS + MARSH]
    assert sorted(sorted(s.article_ids) for s in cluster_stories(arts)) == [["m1"], ["v1", "v2"]]
