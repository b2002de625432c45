"""The analysis document indexed for display: lookups by id and the per-page views built from them.

Every result list is read defensively (missing keys, ``None`` lists, unknown ids are tolerated),
because the stages that write them evolve independently of the pages that show them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from . import dates

_STORY = {"id": None, "title": "", "article_ids": [], "copy_group_ids": [], "start": None, "end": None, "sources": [], "thread": None}
_THREAD = {"id": None, "title": "", "story_ids": [], "start": None, "end": None}
_GROUP = {"id": None, "origin": None, "members": [], "diffs": {}, "origin_evidence": [], "origin_undetermined": False,
          "origin_candidates": []}
_CLAIM = {"id": None, "story": None, "text": "", "article_ids": [], "origins": [], "chains": [], "contradicts": [],
          "statements": [], "origin_reasons": [], "denies": False}
_EVENT = {"date": None, "text": "", "article_id": None, "reported": None, "sources": [], "story": None}
_ARTICLE = {"id": None, "path": None, "url": None, "source": None, "credits": [], "title": None, "published": None,
            "language": None, "text": "", "raw_text": None, "removed": [], "inferred": {}}


def _norm(item: Any, defaults: dict[str, Any], prefix: str, n: int) -> dict[str, Any] | None:
    """A copy of ``item`` with every expected key present and of the expected container type."""
    if not isinstance(item, dict):
        return None
    out = dict(item)
    for key, default in defaults.items():
        value = out.get(key)
        if isinstance(default, list):
            out[key] = list(value) if isinstance(value, (list, tuple)) else []
        elif isinstance(default, dict):
            out[key] = dict(value) if isinstance(value, dict) else {}
        elif isinstance(default, str):
            out[key] = value if isinstance(value, str) else ("" if value is None else str(value))
        else:
            out.setdefault(key, default)
    if out.get("id") in (None, "") and "id" in defaults:
        out["id"] = f"{prefix}{n + 1}"
    if "id" in out:
        out["id"] = str(out["id"])
    return out


def _norm_all(items: Any, defaults: dict[str, Any], prefix: str) -> list[dict[str, Any]]:
    rows = items if isinstance(items, list) else []
    out = []
    for n, item in enumerate(rows):
        x = _norm(item, defaults, prefix, n)
        if x is not None:
            out.append(x)
    return out


class Corpus:
    """One analysis document (``pipeline.analysis_json``) with the indexes the views need."""

    def __init__(self, doc: dict[str, Any]):
        doc = doc if isinstance(doc, dict) else {}
        self.articles: dict[str, dict[str, Any]] = {}
        for a in _norm_all(doc.get("articles"), _ARTICLE, "article-"):
            a["removed"] = [r for r in a["removed"] if isinstance(r, dict)]
            self.articles.setdefault(a["id"], a)
        self.groups = _norm_all(doc.get("copy_groups"), _GROUP, "copy-group-")
        self.stories = _norm_all(doc.get("stories"), _STORY, "story-")
        self.threads = _norm_all(doc.get("threads"), _THREAD, "thread-")
        self.claims = _norm_all(doc.get("claims"), _CLAIM, "claim-")
        self.events = _norm_all(doc.get("timeline"), _EVENT, "")
        self.anchors = {str(x["id"]): x for x in doc.get("anchors") or [] if isinstance(x, dict) and x.get("id") is not None
                        and x.get("how") != "publication date"}
        self.group_by_id = {g["id"]: g for g in self.groups}
        self.group_of: dict[str, dict[str, Any]] = {}
        for g in self.groups:
            g["members"] = [m for m in g["members"] if isinstance(m, dict) and m.get("article_id") is not None]
            if g["origin"] and g["origin"] not in {m["article_id"] for m in g["members"]}:
                g["members"].insert(0, {"article_id": g["origin"], "relation": "origin", "similarity": 1.0})
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
                self.thread_of.setdefault(str(sid), t["id"])
        for s in self.stories:
            if s["thread"] is not None:
                self.thread_of[s["id"]] = str(s["thread"])
        self.summaries = {s["id"]: self._summary(s) for s in self.stories}
        self.cache: dict[Any, Any] = {}

    def _articles_of(self, story: dict[str, Any]) -> list[str]:
        ids = [str(a) for a in story["article_ids"]]
        for gid in story["copy_group_ids"]:
            g = self.group_by_id.get(str(gid))
            if g:
                ids.extend(m["article_id"] for m in g["members"])
        return list(dict.fromkeys(ids))

    def origins_of(self, article_ids: list[str]) -> int:
        """Independent origins among articles: each copy group counts once, each other article once."""
        return len({("g", self.group_of[a]["id"]) if a in self.group_of else ("a", a) for a in article_ids})

    def _summary(self, s: dict[str, Any]) -> dict[str, Any]:
        aids = self.story_articles[s["id"]]
        arts = [self.articles[a] for a in aids if a in self.articles]
        sources = list(dict.fromkeys([str(x) for x in s["sources"]] + [a["source"] for a in arts if a["source"]]))
        published = sorted((a["published"] for a in arts if dates.interval(a["published"])), key=dates.sort_key)
        start = s["start"] or (published[0] if published else None)
        end = s["end"] or (published[-1] if published else None)
        tid = self.thread_of.get(s["id"])
        thread = self.thread_by_id.get(tid) if tid else None
        first, last = dates.interval(start), dates.interval(end or start)
        return {
            "id": s["id"], "title": s["title"] or (arts[0]["title"] if arts and arts[0]["title"] else s["id"]),
            "start": start, "end": end, "thread": tid, "thread_title": (thread["title"] or tid) if thread else tid,
            "articles": len(aids), "outlets": len(sources), "origins": self.origins_of(aids), "sources": sources,
            "claims": sum(1 for c in self.claims if c["story"] == s["id"]),
            "first_day": first[0].isoformat() if first else None, "last_day": last[1].isoformat() if last else None,
        }

    def sources(self) -> list[str]:
        """Every outlet named by an article, sorted."""
        return sorted({a["source"] for a in self.articles.values() if a["source"]}, key=str.lower)

    def list_stories(self, ids: set[str] | None = None, date_from: date | None = None, date_to: date | None = None,
                     source: str | None = None, thread: str | None = None) -> list[dict[str, Any]]:
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
            return {"id": aid, "title": None, "source": None, "published": None, "url": None, "credits": [], "missing": True}
        return {"id": aid, "title": a["title"], "source": a["source"], "published": self.shown_date(aid, a["published"]),
                "url": a["url"], "credits": a["credits"], "missing": False}

    def shown_date(self, aid: str, published: str | None) -> str | None:
        """An article's date as lists show it: its own when it gives the day, else the anchor date the
        dates stage inferred (marked so), else what it has (a year, or None)."""
        anchor = self.anchors.get(aid)
        if published and len(published) >= 10 or not (anchor and anchor.get("date")):
            return published
        return f"{anchor['date']} (inferred)"

    def story_groups(self, sid: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The story's articles as copy groups (origin first) and the articles in no group."""
        story = self.story_by_id[sid]
        aids = self.story_articles[sid]
        gids = list(dict.fromkeys([str(g) for g in story["copy_group_ids"]] +
                                  [self.group_of[a]["id"] for a in aids if a in self.group_of]))
        groups = []
        for gid in gids:
            g = self.group_by_id.get(gid)
            if not g:
                continue
            members = sorted(g["members"], key=lambda m: (m["article_id"] != g["origin"], -float(m.get("similarity") or 0)))
            rows = [dict(self.article_summary(m["article_id"]), relation=m.get("relation") or "",
                         similarity=m.get("similarity"), is_origin=m["article_id"] == g["origin"],
                         edits=_edit_tags(g["diffs"].get(m["article_id"]))) for m in members]
            groups.append({"id": gid, "origin": g["origin"], "members": rows, "origin_evidence": [str(e) for e in g["origin_evidence"]],
                           "origin_undetermined": bool(g["origin_undetermined"]),
                           "origin_candidates": [str(c) for c in g["origin_candidates"]]})
        singles = [self.article_summary(a) for a in aids if a not in self.group_of]
        return groups, singles

    def story_claims(self, sid: str) -> list[dict[str, Any]]:
        """Claims of a story with their corroboration verdict."""
        return [self.claim_view(c) for c in self.claims if c["story"] == sid]

    def claim_view(self, c: dict[str, Any]) -> dict[str, Any]:
        chains = [[_link(x) for x in ch] for ch in c["chains"] if isinstance(ch, list)]
        unnamed = any(ch and ch[-1]["kind"] == "unnamed" for ch in chains)
        n = len(c["origins"])
        verdict = "corroborated" if n >= 2 else ("single origin" if n == 1 else "origin unknown")
        statements = [dict(s, chain=[_link(x) for x in s.get("chain") or []], article=self.article_summary(str(s.get("article_id"))))
                      for s in c["statements"] if isinstance(s, dict) and s.get("article_id") is not None]
        return dict(c, chains=chains, unnamed=unnamed, verdict=verdict, n_origins=n, statements=statements,
                    denies=bool(c["denies"]), origin_reasons=[str(r) for r in c["origin_reasons"]],
                    carriers=[self.article_summary(str(a)) for a in c["article_ids"]],
                    contradicts=[self._claim_ref(x) for x in c["contradicts"]])

    def _claim_ref(self, cid: Any) -> dict[str, Any]:
        for c in self.claims:
            if c["id"] == str(cid):
                return {"id": c["id"], "text": c["text"], "story": c["story"], "origins": list(c["origins"]),
                        "denies": bool(c["denies"])}
        return {"id": str(cid), "text": str(cid), "story": None, "origins": [], "denies": False}

    def story_events(self, sid: str) -> list[dict[str, Any]]:
        """Timeline events of a story (those without a story key go by their article), in date order."""
        aids = set(self.story_articles.get(sid, []))
        rows = [e for e in self.events if e["story"] == sid or (e["story"] in (None, "") and e["article_id"] in aids)]
        return sorted(rows, key=lambda e: (dates.sort_key(e["date"]), e["text"]))

    def thread_stories(self, tid: str) -> list[dict[str, Any]]:
        """Summaries of a thread's stories, oldest first."""
        t = self.thread_by_id[tid]
        sids = list(dict.fromkeys([str(s) for s in t["story_ids"]] + [s for s, x in self.thread_of.items() if x == tid]))
        rows = [self.summaries[s] for s in sids if s in self.summaries]
        return sorted(rows, key=lambda s: dates.sort_key(s["start"]))

    def thread_summary(self, tid: str) -> dict[str, Any]:
        """A thread with its span and counts."""
        t = self.thread_by_id[tid]
        stories = self.thread_stories(tid)
        starts = sorted([s["start"] for s in stories if dates.interval(s["start"])], key=dates.sort_key)
        ends = sorted([s["end"] for s in stories if dates.interval(s["end"])], key=dates.sort_key)
        aids = list(dict.fromkeys(a for s in stories for a in self.story_articles[s["id"]]))
        return {"id": tid, "title": t["title"] or tid, "start": t["start"] or (starts[0] if starts else None),
                "end": t["end"] or (ends[-1] if ends else None), "stories": len(stories), "articles": len(aids),
                "origins": self.origins_of(aids)}

    def article_copies(self, aid: str) -> dict[str, Any] | None:
        """The copy group of an article, as the article page shows it."""
        g = self.group_of.get(aid)
        if not g:
            return None
        rows = [dict(self.article_summary(m["article_id"]), relation=m.get("relation") or "", similarity=m.get("similarity"),
                     is_origin=m["article_id"] == g["origin"]) for m in g["members"]]
        return {"id": g["id"], "origin": g["origin"], "members": rows}

    def copy_pair(self, aid: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]] | None] | None:
        """(origin article, copy article, stored diff items or None) when ``aid`` is a copy of another article."""
        g = self.group_of.get(aid)
        if not g or not g["origin"] or g["origin"] == aid:
            return None
        origin, copy = self.articles.get(g["origin"]), self.articles.get(aid)
        if origin is None or copy is None:
            return None
        stored = g["diffs"].get(aid)
        return origin, copy, stored if isinstance(stored, list) else None


def _link(x: Any) -> dict[str, str]:
    if isinstance(x, dict):
        return {"name": str(x.get("name") or "?"), "kind": str(x.get("kind") or "unknown")}
    if isinstance(x, (list, tuple)) and len(x) == 2:
        return {"name": str(x[0]), "kind": str(x[1])}
    return {"name": str(x), "kind": "unknown"}


def _edit_tags(items: Any) -> list[str]:
    if not isinstance(items, list):
        return []
    c = Counter(t for it in items if isinstance(it, dict) for t in (it.get("edits") or []) if isinstance(t, str))
    c.update(str(it.get("kind")) for it in items if isinstance(it, dict) and it.get("kind") in ("added", "removed"))
    return sorted(c)
