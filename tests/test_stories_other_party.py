"""The other party: two undated events of one kind about the same person (a champion's two fights)
told apart by the second person their leads are about (``features.subject_names``)."""

from storyline.model import Article
from storyline.stories import StoryClusterer
from storyline.stories.decision import FEATURES
from storyline.stories.features import group_features


def art(i, title, body):
    return Article(id=i, title=title, text=body, published=None)


MENNE_FIGHT = [
    art(
        "a1",
        "Ivo Strand stops Karl Menne in seventh round",
        "Ivo Strand kept his heavyweight belts on Saturday, stopping Karl Menne in the seventh round before a crowd "
        "at the Osterhall arena. Strand dropped Menne twice with his left hook. Menne, who had not been stopped "
        "before, said he would fight on. Strand now plans a title defence in the spring.",
    ),
    art(
        "a2",
        "Strand too strong for Menne",
        "Heavyweight champion Ivo Strand beat Karl Menne in the seventh round on Saturday. Strand landed a left hook "
        "that sent Menne to the canvas twice, and the referee waved it off. Menne said he would return.",
    ),
]
DORRAN_FIGHT = art(
    "b1",
    "Ivo Strand beats Pell Dorran to keep belts",
    "Ivo Strand defended his titles on Saturday by beating Pell Dorran on points in Lisbeck. Strand kept him at "
    "range, and Dorran, a late replacement, was cut over the eye in the fifth round. Dorran said Strand was the best "
    "he had faced. Promoters in Lisbeck hope to stage a rematch next winter.",
)
MENNE_AGAIN = art(
    "c1",
    "Karl Menne falls to Ivo Strand",
    "Karl Menne was stopped in the seventh round by Ivo Strand on Saturday at the Osterhall arena. Menne went down "
    "twice from left hooks before the referee stepped in, and Strand kept his heavyweight belts. Menne vowed to "
    "fight on.",
)


def _placed(later):
    rows = []
    c = StoryClusterer()
    c.add(MENNE_FIGHT)
    c.add([later], trace=lambda feats, cands, chosen: rows.append(feats))
    return c, rows[-1]


def test_a_lead_is_about_its_actor_and_the_other_party():
    assert group_features("b", [DORRAN_FIGHT]).subjects == ("dorran", "strand")
    # 'Strand' opens every sentence it stands alone in here, so only Menne is named alone three times
    assert group_features("a", MENNE_FIGHT[:1]).subjects == ("menne",)


def test_another_opponent_keeps_the_champions_other_fight_apart():
    col = FEATURES.index("subject_conflict")
    c, rows = _placed(DORRAN_FIGHT)
    assert rows and rows[0][col] == 1.0
    assert len(c.stories()) == 2  # one story while the champion alone was the subject


def test_the_same_two_people_in_other_words_join():
    col = FEATURES.index("subject_conflict")
    c, rows = _placed(MENNE_AGAIN)
    assert rows and rows[0][col] == 0.0
    assert len(c.stories()) == 1
