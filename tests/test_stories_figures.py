"""Look-alike events of one kind told apart by the figures their leads give (``number_conflict``)."""

from storyline.model import Article
from storyline.stories import StoryClusterer
from storyline.stories.decision import FEATURES
from storyline.stories.features import lead_numbers


def art(i, title, body):
    return Article(id=i, title=title, text=body, published=None)


FIRST_QUAKE = [
    art(
        "a1",
        "Magnitude 5.8 quake hits Varnel island, 12 dead",
        "A magnitude 5.8 earthquake struck Varnel island off the southern coast on Tuesday, killing 12 people and "
        "injuring 40, the provincial governor Omar Haddi said. Mud-brick houses collapsed in three fishing villages "
        "and rescue teams from the mainland reached the island by ferry. Aftershocks rattled the port town overnight.",
    ),
    art(
        "a2",
        "Quake kills 12 on Varnel island",
        "Twelve people died and 40 were hurt when a magnitude 5.8 earthquake shook Varnel island on Tuesday, governor "
        "Omar Haddi said. Houses of mud brick fell in fishing villages and ferries carried rescue teams from the "
        "mainland to the island.",
    ),
]
REST = (
    "tremor rocked the island on {day}, governor Omar Haddi told state radio. Cracks opened in a school and a "
    "mosque in Port Salem, and power was cut for several hours, Lena Marsh of the Kestrel Seismology Institute "
    "said. The Red Crescent sent tents to Port Salem, Dalva and Kerin Bay, and schools will stay shut until "
    "Thursday while inspectors check every classroom wall and the old lighthouse at Cape Mirren."
)
SECOND_QUAKE = art(
    "b1",
    "Strong tremor shakes Varnel, 3 injured",
    "Three people were injured when a magnitude 6.3 " + REST.format(day="Sunday"),
)
FIRST_AGAIN = art(
    "c1",
    "Strong tremor shakes Varnel, 12 dead",
    "Twelve people were killed when a magnitude 5.8 " + REST.format(day="Tuesday"),
)


def _placed(later):
    rows = []
    c = StoryClusterer()
    c.add(FIRST_QUAKE)
    c.add([later], trace=lambda feats, cands, chosen: rows.append(feats))
    return c, rows[-1]


def test_a_lead_gives_its_figures():
    assert lead_numbers(FIRST_QUAKE[0]) == frozenset({"#5.8", "#12", "#40"})
    assert lead_numbers(art("x", "Council meets", "The council met on Tuesday.")) == frozenset()


def test_other_figures_in_the_lead_keep_a_look_alike_event_apart():
    col = FEATURES.index("number_conflict")
    c, rows = _placed(SECOND_QUAKE)
    assert rows and rows[0][col] == 1.0
    assert len(c.stories()) == 2  # one story before the figures counted: an earthquake is an earthquake


def test_the_same_figures_in_another_wording_join():
    col = FEATURES.index("number_conflict")
    c, rows = _placed(FIRST_AGAIN)
    assert rows and rows[0][col] == 0.0
    assert len(c.stories()) == 1
