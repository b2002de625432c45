"""CopyIndex: copies found, origin and relations, order and batch independence, persistence, expiry."""

import random

import pytest
from test_copies_texts import LOCAL, OTHER, REPRINT, TRIMMED, WIRE

from storyline.copies import CopyIndex, CopyParams, find_copies, group_id, sketch
from storyline.model import Article


def articles() -> list[Article]:
    return [
        Article("wire", WIRE, source="Harbor Wire", published="2024-06-02"),
        Article("reprint", REPRINT, source="Lenford Post", published="2024-06-03", credits=["Harbor Wire"]),
        Article("trimmed", TRIMMED, source="Valley Times", published="2024-06-02"),
        Article("local", LOCAL, source="Mill Lane News", published="2024-06-04"),
        Article("other", OTHER, source="Farm Weekly", published="2024-06-01"),
    ]


def summary(groups):
    return sorted((g.id, g.origin, sorted((m.article_id, m.relation) for m in g.members)) for g in groups)


def test_copies_are_grouped_under_the_wire_story():
    groups = find_copies(articles())
    assert len(groups) == 1
    g = groups[0]
    assert g.origin == "wire"
    assert g.id == group_id("wire")
    relations = {m.article_id: m.relation for m in g.members}
    assert relations == {"wire": "origin", "reprint": "edited", "trimmed": "partial", "local": "contains"}
    assert "other" not in g.article_ids
    sims = {m.article_id: m.similarity for m in g.members}
    assert sims["wire"] == 1.0
    assert 0.3 < sims["reprint"] < 1.0


def test_exact_copy_is_exact():
    a = articles()
    twin = Article("twin", WIRE, published="2024-06-05")
    g = find_copies([a[0], twin])[0]
    assert g.origin == "wire"
    assert [(m.article_id, m.relation) for m in g.members] == [("wire", "origin"), ("twin", "exact")]


def test_wire_credit_beats_an_earlier_date():
    wire = Article("w", WIRE, source="Harbor Wire", published="2024-06-05")
    reprint = Article("r", REPRINT, source="Lenford Post", published="2024-06-01", credits=["Harbor Wire"])
    assert find_copies([reprint, wire])[0].origin == "w"


def test_earliest_publication_names_the_origin_without_credits():
    early = Article("b-late-id", REPRINT, published="2024-06-01")
    late = Article("a-early-id", WIRE, published="2024-06-03")
    assert find_copies([late, early])[0].origin == "b-late-id"


def test_same_groups_whatever_the_order_and_batch_size():
    base = articles()
    extra = [Article(f"twin{i}", WIRE) for i in range(3)] + [Article("other2", OTHER + " More rain is due.")]
    expected = summary(find_copies(base + extra))
    rng = random.Random(3)
    for batch_size in (1, 2, 3, 100):
        shuffled = base + extra
        rng.shuffle(shuffled)
        index = CopyIndex()
        index.add(shuffled, batch_size=batch_size)
        assert summary(index.groups()) == expected


def test_sketches_made_elsewhere_give_the_same_groups():
    a = articles() + [Article("tiny", "Too short."), Article("twin", WIRE)]
    index = CopyIndex()
    index.add(a[:2])
    rest = a[1:]
    index.add_sketched(rest, sketch([x.text for x in rest], index.params))
    assert len(index) == len(a)
    assert summary(index.groups()) == summary(find_copies(a))
    assert any("twin" in g.article_ids for g in index.groups())


def test_persisted_index_continues_like_one_built_at_once():
    a = articles()
    first = CopyIndex()
    first.add(a[:2])
    restored = CopyIndex.from_bytes(first.to_bytes())
    restored.add(a[2:])
    assert summary(restored.groups()) == summary(find_copies(a))
    assert len(restored) == 5 and "local" in restored


def test_index_written_in_parts_reads_back_as_written_whole():
    """The index is written part by part (its shingle sets one after another, never joined in memory); the
    parts make the same blob, and the blob restores the same index."""
    index = CopyIndex()
    index.add(articles())
    parts = list(index.to_parts(size=64))
    assert len(parts) > 10 and max(map(len, parts[:-1])) < 64 + 4096
    blob = b"".join(parts)
    assert blob == index.to_bytes()
    restored = CopyIndex.from_bytes(blob)
    assert summary(restored.groups()) == summary(index.groups())
    assert [s.tolist() for s in restored.sets] == [s.tolist() for s in index.sets]


def test_adding_an_id_twice_keeps_the_first():
    index = CopyIndex()
    index.add([Article("x", WIRE)])
    index.add([Article("x", OTHER), Article("y", WIRE)])
    assert len(index) == 2
    assert index.groups()[0].article_ids == ["x", "y"] or index.groups()[0].article_ids == ["y", "x"]


def test_date_window_expires_old_articles_from_the_search():
    old = Article("old", WIRE, published="2024-01-01")
    new = Article("new", REPRINT, published="2024-06-01")
    index = CopyIndex(window_days=30)
    index.add([old])
    index.add([new])
    assert index.groups() == []
    kept = CopyIndex(window_days=365)
    kept.add([old])
    kept.add([new])
    assert len(kept.groups()) == 1


def test_unrelated_and_tiny_texts_make_no_groups():
    assert find_copies([Article("a", OTHER), Article("b", WIRE), Article("c", ""), Article("d", "")]) == []


def test_thresholds_are_settings():
    a = articles()
    strict = find_copies(a, containment=0.95, resemblance=0.95)
    assert [sorted(g.article_ids) for g in strict] == [["local", "trimmed", "wire"]]
    with pytest.raises(ValueError):
        CopyParams(num_perm=128, bands=48)


def test_band_index_finds_shared_keys_and_forgets_expired_rows():
    import numpy as np

    from storyline.copies.lsh import BandIndex

    index = BandIndex(bands=2)
    keys = np.array([[1, 2], [3, 2], [5, 6], [7, 8]], dtype=np.uint32)
    for row in range(4):
        index.add(keys[row : row + 1], np.array([row]))
    assert len(index.runs) < 4  # runs were merged
    assert index.query(np.array([[1, 9]], dtype=np.uint32), np.array([9])).tolist() == [[9, 0]]
    assert index.query(np.array([[0, 2]], dtype=np.uint32), np.array([9])).tolist() == [[9, 0], [9, 1]]
    index.expire(np.array([0]))
    assert index.query(np.array([[0, 2]], dtype=np.uint32), np.array([9])).tolist() == [[9, 1]]
    for row in range(4, 12):
        index.add(np.array([[100 + row, 200 + row]], dtype=np.uint32), np.array([row]))
    assert len(index) == 11  # the expired row was dropped when its run was merged
    restored = BandIndex.from_state(2, index.state())
    assert restored.query(np.array([[0, 2]], dtype=np.uint32), np.array([9])).tolist() == [[9, 1]]
