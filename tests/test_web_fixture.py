"""Stores of the bundled example corpus for the web tests and benchmarks.

:func:`analysed_examples` is what the pipeline itself makes of examples/ (the store most web tests run
on, so real output is what they render). :func:`build_store` puts hand-written results beside the same
articles, for the few cases the examples do not produce (a copy whose diff the copies stage did not
store, fixed ids and counts for the browser tests); they follow examples/README.md (copy group CG1,
stories S1 and S2, thread T1, a few claims and timeline events).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

W, R1, R2 = "text/01_wire_meridian", "text/02_reprint_northern_ledger", "text/03_reprint_brightwater_gazette"
I1, E2 = "text/04_independent_dravenna_daily_post", "text/05_second_event_vantage_daily"
H1, H2 = "html/eastport_chronicle_reprint", "html/continental_observer_followup"
J1, J2, J3, J4 = "j1_sport_amsel_rovers", "j2_court_eastport_clerk", "j3_rki_dravec_resigns", "j4_business_nordvik_air"
_LPR, _AEP = "https://news.lpr.example", "https://www.amselpost.example"
F1 = f"{_LPR}/world/2025/03/10/karsovia-dam-bursts"
F2 = f"{_LPR}/culture/2025/03/11/amsel-museum-reopens"
F3 = f"{_LPR}/business/2025/03/12/night-trains-return"
A1 = f"{_AEP}/world/2025/04/15/karsovian-minister-quits-over-dam-disaster"
A2 = f"{_AEP}/arts/2025/04/15/book-festival-lineup"


def _src(name: str, kind: str) -> dict[str, str]:
    return {"name": name, "kind": kind}


MERIDIAN, KNA = _src("Meridian News", "agency"), _src("KNA", "agency")
INTERIOR, CIVIL = (
    _src("Interior Ministry", "organisation"),
    _src("Lesna regional civil protection office", "organisation"),
)

COPY_GROUPS: list[dict[str, Any]] = [
    {
        "id": "CG1",
        "origin": W,
        "members": [
            {"article_id": W, "relation": "origin", "similarity": 1.0},
            {"article_id": R1, "relation": "edited", "similarity": 0.86},
            {"article_id": R2, "relation": "edited", "similarity": 0.88},
            {"article_id": H1, "relation": "edited", "similarity": 0.91},
        ],
        "diffs": {
            R1: [
                {
                    "kind": "edited",
                    "origin_text": "Sarkany told reporters the program would grow.",
                    "copy_text": "Mr Sarkany told reporters the programme would grow.",
                    "edits": ["honorific", "spelling"],
                },
                {
                    "kind": "edited",
                    "origin_text": "The dam failed on Sunday.",
                    "copy_text": "The dam failed on March 9.",
                    "edits": ["date"],
                },
                {
                    "kind": "removed",
                    "origin_text": "Power cuts hit about 60,000 homes on Monday.",
                    "copy_text": "",
                    "edits": ["trim"],
                },
            ]
        },
    }
]

STORIES: list[dict[str, Any]] = [
    {
        "id": "S1",
        "title": "Upper Lesna dam collapse",
        "article_ids": [W, R1, R2, H1, I1, H2, F1],
        "copy_group_ids": ["CG1"],
        "start": "2025-03-09",
        "end": "2025-03-11",
        "sources": [],
        "thread": "T1",
    },
    {
        "id": "S2",
        "title": "Water minister Dravec resigns",
        "article_ids": [E2, J3, A1],
        "copy_group_ids": [],
        "start": "2025-04-14",
        "end": "2025-04-15",
        "sources": [],
        "thread": "T1",
    },
] + [
    {
        "id": f"S{n}",
        "title": "",
        "article_ids": [aid],
        "copy_group_ids": [],
        "start": None,
        "end": None,
        "sources": [],
        "thread": None,
    }
    for n, aid in enumerate([J1, J2, J4, F2, F3, A2], start=3)
]

THREADS: list[dict[str, Any]] = [
    {
        "id": "T1",
        "title": "Lesna dam disaster, Karsovia",
        "story_ids": ["S1", "S2"],
        "start": "2025-03-09",
        "end": "2025-04-15",
    },
]

CLAIMS: list[dict[str, Any]] = [
    {
        "id": "C1a",
        "story": "S1",
        "text": "Fourteen people were killed.",
        "article_ids": [W, R1, R2, H1, F1],
        "origins": ["Interior Ministry"],
        "chains": [[MERIDIAN, INTERIOR], [_src("Lindmark Public Radio", "outlet"), INTERIOR]],
        "contradicts": ["C1b"],
    },
    {
        "id": "C1b",
        "story": "S1",
        "text": "Seventeen people died.",
        "article_ids": [I1, H2],
        "origins": ["Lesna regional civil protection office"],
        "chains": [[_src("Dravenna Daily Post", "outlet"), CIVIL]],
        "contradicts": ["C1a"],
    },
    {
        "id": "C2",
        "story": "S1",
        "text": "About 3,400 residents were evacuated.",
        "article_ids": [W, R1, R2, H1, F1, I1],
        "origins": ["Interior Ministry", "Lesna regional civil protection office"],
        "chains": [[MERIDIAN, INTERIOR], [_src("Dravenna Daily Post", "outlet"), CIVIL]],
        "contradicts": [],
    },
    {
        "id": "C3",
        "story": "S1",
        "text": "Engineers warned the Water Ministry about spillway cracks after an inspection in September 2024.",
        "article_ids": [W, R1, R2, H1, I1],
        "origins": ["KNA (unnamed ministry official)"],
        "chains": [
            [MERIDIAN, KNA, _src("senior ministry official", "unnamed")],
            [_src("Dravenna Daily Post", "outlet"), KNA, _src("a ministry official", "unnamed")],
        ],
        "contradicts": [],
    },
    {
        "id": "C4",
        "story": "S1",
        "text": "Two attempts to repair the spillway in 2024 failed.",
        "article_ids": [W, R1, R2, H1, I1],
        "origins": ["Meridian News", "Dravenna Daily Post"],
        "chains": [[MERIDIAN], [_src("Dravenna Daily Post", "outlet"), _src("Lesna Hydro documents", "document")]],
        "contradicts": [],
    },
    {
        "id": "C6",
        "story": "S1",
        "text": "The reservoir was at 98% of capacity after a week of rain.",
        "article_ids": [W, R1, R2, H1],
        "origins": ["Horizon TV (unnamed weather officials)"],
        "chains": [[MERIDIAN, _src("Horizon TV", "outlet"), _src("state weather service officials", "unnamed")]],
        "contradicts": [],
    },
    {
        "id": "D1",
        "story": "S2",
        "text": "Anika Dravec resigned as water minister.",
        "article_ids": [E2, J3, A1],
        "origins": ["Vantage Daily", "Radio Karsovia International", "Amsel Evening Post"],
        "chains": [],
        "contradicts": [],
    },
    {
        "id": "D3",
        "story": "S2",
        "text": "Sarkany asked Dravec to step down.",
        "article_ids": [E2, J3],
        "origins": ["Dravenna Daily Post (unnamed government official)"],
        "chains": [
            [
                _src("Vantage Daily", "outlet"),
                _src("Dravenna Daily Post", "outlet"),
                _src("government official", "unnamed"),
            ]
        ],
        "contradicts": [],
    },
]

TIMELINE: list[dict[str, Any]] = [
    {
        "date": "1978",
        "text": "The Upper Lesna dam is built.",
        "article_id": W,
        "reported": "2025-03-10",
        "sources": ["Meridian News"],
        "story": "S1",
    },
    {
        "date": "2024-09",
        "text": "An inspection finds cracks in the spillway.",
        "article_id": W,
        "reported": "2025-03-10",
        "sources": ["KNA"],
        "story": "S1",
    },
    {
        "date": "2024-11",
        "text": "Last attempt to reinforce the spillway.",
        "article_id": W,
        "reported": "2025-03-10",
        "sources": [],
        "story": "S1",
    },
    {
        "date": "2025-03-07",
        "text": "Horizon TV reports the reservoir at 98%.",
        "article_id": W,
        "reported": "2025-03-10",
        "sources": ["Horizon TV"],
        "story": "S1",
    },
    {
        "date": "2025-03-09",
        "text": "The dam fails.",
        "article_id": R1,
        "reported": "2025-03-10",
        "sources": [],
        "story": "S1",
    },
    {
        "date": "2025-03-10",
        "text": "The prime minister pledges an emergency fund.",
        "article_id": H2,
        "reported": "2025-03-11",
        "sources": [],
        "story": "S1",
    },
    {
        "date": "2025-03-11",
        "text": "Rescuers reach the cut-off villages.",
        "article_id": H2,
        "reported": "2025-03-11",
        "sources": [],
        "story": "S1",
    },
    {
        "date": "2025-W15",
        "text": "The compensation fund is raised.",
        "article_id": E2,
        "reported": "2025-04-15",
        "sources": [],
        "story": "S2",
    },
    {
        "date": "2025-04-11",
        "text": "The inquiry publishes its interim report.",
        "article_id": E2,
        "reported": "2025-04-15",
        "sources": [],
        "story": "S2",
    },
    {
        "date": "2025-04-14",
        "text": "Dravec resigns.",
        "article_id": J3,
        "reported": "2025-04-15",
        "sources": [],
        "story": "S2",
    },
    {
        "date": "2025-06",
        "text": "The inquiry's final report is due.",
        "article_id": J3,
        "reported": "2025-04-15",
        "sources": [],
        "story": "S2",
    },
]

RESULTS = {"copy_groups": COPY_GROUPS, "stories": STORIES, "threads": THREADS, "claims": CLAIMS, "timeline": TIMELINE}


def build_store(path: str | Path) -> Path:
    """Ingest the examples into a new store at ``path`` and put the hand-written results beside them."""
    path = Path(path)
    with open_store(str(path)) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        for kind, items in RESULTS.items():
            store.put_results(kind, items)
    return path


@functools.cache
def analysed_examples() -> Path:
    """A store of examples/ analysed by the pipeline (attributions by rules, sentence encoder off: the fast
    path of ``storyline analyze examples/ --no-spacy --embed off``), made once per test process; read it
    only (tests that write take a :func:`copy_store`)."""
    folder = Path(tempfile.mkdtemp(prefix="storyline-examples-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = folder / "examples.db"
    with open_store(str(db)) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None, embed="off")
    return db


def copy_store(src: Path, dst: Path) -> Path:
    """A private copy of a built store (for tests that write)."""
    shutil.copyfile(src, dst)
    return dst


def test_fixture_refers_only_to_stored_articles(tmp_path: Path) -> None:
    with open_store(str(build_store(tmp_path / "f.db"))) as store:
        ids = {a.id for a in store.iter_articles()}
        assert len(ids) == 16
        referenced = {m["article_id"] for g in COPY_GROUPS for m in g["members"]}
        referenced |= {a for s in STORIES for a in s["article_ids"]}
        referenced |= {a for c in CLAIMS for a in c["article_ids"]} | {e["article_id"] for e in TIMELINE}
        assert referenced <= ids, referenced - ids
        assert store.get_results("claims")[0]["id"] == "C1a"
