"""The analysis document indexed for display: lookups by id and the per-page views built from them.

Every list is read through :mod:`storyline.schema`, so each row holds every field of its dataclass
(missing ones at their defaults, for a store written before a field was added); a row that does not fit
is left out and named in :attr:`Corpus.problems` (and the log) rather than guessed at.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from typing import Any

from ..model import CopyMember
from ..schema import DOCUMENT_TYPES, conform_all, to_json
from . import dates


class Corpus:
    """One analysis document (``pipeline.analysis_json``) with the indexes the views need."""

    def __init__(self, doc: dict[str, Any]):
        doc = doc if isinstance(doc, dict) else {}
        self.problems: list[str] = []
        lists = {name: self._read(doc, name) for name in DOCUMENT_TYPES}
        self.articles: dict[str, dict[str, Any]] = {}
        for a in lists["articles"]:
            self.articles.setdefault(a["id"], a)
        self.groups = lists["copy_groups"]
        self.stories = lists["stories"]
        self.threads = lists["threads"]
        self.claims = lists["claims"]
        self.events = lists["timeline"]
        self.anchors = {x["id"]: x for x in lists["anchors"] if x["how"] != "publication date"}
        self.group_by_id = {g["id"]: g for g in self.groups}
        self.group_of: dict[str, dict[str, Any]] = {}
        for g in self.groups:
            if g["origin"] not in {m["article_id"] for m in g["members"]}:
                g["members"].insert(0, to_json(CopyMember(g["origin"], "origin", 1.0)))
            for m in g["members"]:
                self.group_of.setdefault(m["article_id"], g)
        self.story_by_id = {s["id"]: s for s in self.stories}
        self.thread_by_id = {t["id"]: t for t in self.threads}
        self.story_articles: dict[str, list[str]] = {s["id"]: self._articles_of(s) for s in self.stories}
        self.stories_of: dict[str, list[str]] = {}
        for sid, aids in self.story_articles.items():
            for aid in aids:
                self.stories_of.setdefault(aid, []).append(sid)
        self.thread_of: dict[str, str] = {}
        for t in self.threads:
            for sid in t["story_ids"]:
                self.thread_of.setdefault(sid, t["id"])
        for s in self.stories:
            if s["thread"] is not None:
                self.thread_of[s["id"]] = s["thread"]
        self.summaries = {s["id"]: self._summary(s) for s in self.stories}
        self.cache: dict[Any, Any] = {}

    def _read(self, doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
        """The rows of list ``name`` that fit its dataclass; the others are noted in :attr:`problems`."""
        rows, problems = conform_all(DOCUMENT_TYPES[name], doc.get(name))
        for p in problems:
            self.problems.append(f"{name} {p}")
            logging.getLogger("storyline").warning("left out of the pages: %s %s", name, p)
        return rows

    def _articles_of(self, story: dict[str, Any]) -> list[str]:
        ids = list(story["article_ids"])
        for gid in story["copy_group_ids"]:
            g = self.group_by_id.get(gid)
            if g:
                ids.extend(m["article_id"] for m in g["members"])
        return list(dict.fromkeys(ids))

    def origins_of(self, article_ids: list[str]) -> int:
        """Independent origins among articles: each copy group counts once, each other article once."""
        return len({("g", self.group_of[a]["id"]) if a in self.group_of else ("a", a) for a in article_ids})

    def _summary(self, s: dict[str, Any]) -> dict[str, Any]:
        aids = self.story_articles[s["id"]]
        arts = [self.articles[a] for a in aids if a in self.articles]
        sources = list(dict.fromkeys(s["sources"] + [a["source"] for a in arts if a["source"]]))
        published = sorted((a["published"] for a in arts if dates.interval(a["published"])), key=dates.sort_key)
        start = s["start"] or (published[0] if published else None)
        end = s["end"] or (published[-1] if published else None)
        tid = self.thread_of.get(s["id"])
        thread = self.thread_by_id.get(tid) if tid else None
        first, last = dates.interval(start), dates.interval(end or start)
        return {
            "id": s["id"],
            "title": s["title"] or (arts[0]["title"] if arts and arts[0]["title"] else s["id"]),
            "start": start,
            "end": end,
            "thread": tid,
            "thread_title": (thread["title"] or tid) if thread else tid,
            "articles": len(aids),
            "outlets": len(sources),
            "origins": self.origins_of(aids),
            "sources": sources,
            "claims": sum(1 for c in self.claims if c["story"] == s["id"]),
            "first_day": first[0].isoformat() if first else None,
            "last_day": last[1].isoformat() if last else None,
        }

    def sources(self) -> list[str]:
        """Every outlet named by an article, sorted."""
        return sorted({a["source"] for a in self.articles.values() if a["source"]}, key=str.lower)

    def list_stories(
        self,
        ids: set[str] | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        source: str | None = None,
        thread: str | None = None,
    ) -> list[dict[str, Any]]:
        """Story summaries, newest first, restricted to ``ids`` and the filters given."""
        out = []
        for sid, summ in self.summaries.items():
            if ids is not None and sid not in ids:
                continue
            if (date_from or date_to) and not dates.overlaps(summ["start"], summ["end"], date_from, date_to):
                continue
            if source and source not in summ["sources"]:
                continue
            if thread and summ["thread"] != thread:
                continue
            out.append(summ)
        return sorted(out, key=lambda s: dates.recency_key(s["end"] or s["start"]), reverse=True)

    def stories_matching(self, article_ids: list[str]) -> set[str]:
        """Stories holding any of these articles."""
        return {sid for a in article_ids for sid in self.stories_of.get(a, [])}

    def loose_articles(self) -> list[dict[str, Any]]:
        """Articles in no story (all of them while no story stage has run), newest first."""
        rows = [self.article_summary(a) for a in self.articles if a not in self.stories_of]
        return sorted(rows, key=lambda r: dates.recency_key(r["published"]), reverse=True)

    def article_summary(self, aid: str) -> dict[str, Any]:
        """What a list row shows of an article (a placeholder for an id the store lacks)."""
        a = self.articles.get(aid)
        if a is None:
            return {
                "id": aid,
                "title": None,
                "source": None,
                "published": None,
                "url": None,
                "credits": [],
                "missing": True,
            }
        return {
            "id": aid,
            "title": a["title"],
            "source": a["source"],
            "published": self.shown_date(aid, a["published"]),
            "url": a["url"],
            "credits": a["credits"],
            "missing": False,
        }

    def shown_date(self, aid: str, published: str | None) -> str | None:
        """An article's date as lists show it: its own when it gives the day, else the anchor date the
        dates stage inferred (marked so), else what it has (a year, or None)."""
        anchor = self.anchors.get(aid)
        if published and len(published) >= 10 or not (anchor and anchor["date"]):
            return published
        return f"{anchor['date']} (inferred)"

    def story_groups(self, sid: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The story's articles as copy groups (origin first) and the articles in no group."""
        story = self.story_by_id[sid]
        aids = self.story_articles[sid]
        gids = list(
            dict.fromkeys(story["copy_group_ids"] + [self.group_of[a]["id"] for a in aids if a in self.group_of])
        )
        groups = []
        for gid in gids:
            g = self.group_by_id.get(gid)
            if not g:
                continue
            members = sorted(g["members"], key=lambda m: (m["article_id"] != g["origin"], -m["similarity"]))
            rows = [
                dict(
                    self.article_summary(m["article_id"]),
                    **_membership(m),
                    is_origin=m["article_id"] == g["origin"],
                    edits=_edit_tags(g["diffs"].get(m["article_id"], [])),
                )
                for m in members
            ]
            groups.append(
                {
                    "id": gid,
                    "origin": g["origin"],
                    "members": rows,
                    "origin_evidence": g["origin_evidence"],
                    "origin_undetermined": g["origin_undetermined"],
                    "origin_candidates": g["origin_candidates"],
                }
            )
        singles = [self.article_summary(a) for a in aids if a not in self.group_of]
        return groups, singles

    def story_claims(self, sid: str) -> list[dict[str, Any]]:
        """Claims of a story with their corroboration verdict."""
        return [self.claim_view(c) for c in self.claims if c["story"] == sid]

    def claim_view(self, c: dict[str, Any]) -> dict[str, Any]:
        """A claim with its verdict, its carriers and statements as article summaries, and what it contradicts."""
        unnamed = any(ch and ch[-1]["kind"] == "unnamed" for ch in c["chains"])
        n = len(c["origins"])
        verdict = "corroborated" if n >= 2 else ("single origin" if n == 1 else "origin unknown")
        statements = [dict(s, article=self.article_summary(s["article_id"])) for s in c["statements"]]
        return dict(
            c,
            unnamed=unnamed,
            verdict=verdict,
            n_origins=n,
            statements=statements,
            carriers=[self.article_summary(a) for a in c["article_ids"]],
            contradicts=[self._claim_ref(x) for x in c["contradicts"]],
            updates=[self._claim_ref(x) for x in c.get("updates") or []],
            updated_by=[self._claim_ref(x) for x in c.get("updated_by") or []],
        )

    def _claim_ref(self, cid: str) -> dict[str, Any]:
        for c in self.claims:
            if c["id"] == cid:
                return {
                    "id": c["id"],
                    "text": c["text"],
                    "story": c["story"],
                    "origins": list(c["origins"]),
                    "denies": c["denies"],
                }
        return {"id": cid, "text": cid, "story": None, "origins": [], "denies": False}

    def story_events(self, sid: str) -> list[dict[str, Any]]:
        """Timeline events of a story (those without a story key go by their article), in date order."""
        aids = set(self.story_articles.get(sid, []))
        rows = [e for e in self.events if e["story"] == sid or (e["story"] in (None, "") and e["article_id"] in aids)]
        return sorted(rows, key=lambda e: (dates.sort_key(e["date"]), e["text"]))

    def thread_stories(self, tid: str) -> list[dict[str, Any]]:
        """Summaries of a thread's stories, oldest first."""
        t = self.thread_by_id[tid]
        sids = list(dict.fromkeys(t["story_ids"] + [s for s, x in self.thread_of.items() if x == tid]))
        rows = [self.summaries[s] for s in sids if s in self.summaries]
        return sorted(rows, key=lambda s: dates.sort_key(s["start"]))

    def thread_summary(self, tid: str) -> dict[str, Any]:
        """A thread with its span and counts."""
        t = self.thread_by_id[tid]
        stories = self.thread_stories(tid)
        starts = sorted([s["start"] for s in stories if dates.interval(s["start"])], key=dates.sort_key)
        ends = sorted([s["end"] for s in stories if dates.interval(s["end"])], key=dates.sort_key)
        aids = list(dict.fromkeys(a for s in stories for a in self.story_articles[s["id"]]))
        return {
            "id": tid,
            "title": t["title"] or tid,
            "start": t["start"] or (starts[0] if starts else None),
            "end": t["end"] or (ends[-1] if ends else None),
            "stories": len(stories),
            "articles": len(aids),
            "origins": self.origins_of(aids),
        }

    def article_copies(self, aid: str) -> dict[str, Any] | None:
        """The copy group of an article, as the article page shows it."""
        g = self.group_of.get(aid)
        if not g:
            return None
        rows = [
            dict(self.article_summary(m["article_id"]), **_membership(m), is_origin=m["article_id"] == g["origin"])
            for m in g["members"]
        ]
        return {"id": g["id"], "origin": g["origin"], "members": rows}

    def copy_pair(self, aid: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]] | None] | None:
        """(origin article, copy article, stored diff items or None) when ``aid`` is a copy of another article."""
        g = self.group_of.get(aid)
        if not g or not g["origin"] or g["origin"] == aid:
            return None
        origin, copy = self.articles.get(g["origin"]), self.articles.get(aid)
        if origin is None or copy is None:
            return None
        return origin, copy, g["diffs"].get(aid)


def _membership(member: dict[str, Any]) -> dict[str, Any]:
    """What a copy group says of one member (relation, similarity, languages, ...), without its id."""
    return {k: v for k, v in member.items() if k != "article_id"}


def _edit_tags(items: list[dict[str, Any]]) -> list[str]:
    c = Counter(t for it in items for t in it["edits"])
    c.update(it["kind"] for it in items if it["kind"] in ("added", "removed"))
    return sorted(c)
