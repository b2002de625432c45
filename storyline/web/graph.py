"""Who cites whom in a story: outlets, agencies and sources as nodes, citations and copies as edges."""

from __future__ import annotations

from typing import Any

from .corpus import Corpus

_KIND_RANK = {"unnamed": 0, "person": 1, "document": 2, "organisation": 3, "agency": 4, "outlet": 5, "unknown": 6}


def source_graph(corpus: Corpus, sid: str) -> dict[str, list[dict[str, Any]]]:
    """Nodes ``{id, name, kind}`` and edges ``{source, target, kind: cites|copies|credits, count}`` of one story."""
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], int] = {}

    def node(name: str, kind: str, key: str | None = None) -> str:
        key = key or " ".join(name.lower().split())
        cur = nodes.get(key)
        if cur is None:
            nodes[key] = {"id": key, "name": name, "kind": kind}
        elif _KIND_RANK.get(kind, 6) < _KIND_RANK.get(cur["kind"], 6) and kind != "unnamed":
            cur["kind"] = kind
        return key

    def edge(a: str, b: str, kind: str) -> None:
        if a != b:
            edges[(a, b, kind)] = edges.get((a, b, kind), 0) + 1

    aids = corpus.story_articles.get(sid, [])
    for aid in aids:
        art = corpus.articles.get(aid)
        if art and art["source"]:
            me = node(art["source"], "outlet")
            for credit in art["credits"]:
                if isinstance(credit, str) and credit:
                    edge(me, node(credit, "agency"), "credits")
            g = corpus.group_of.get(aid)
            if g and g["origin"] and g["origin"] != aid:
                origin = corpus.articles.get(g["origin"])
                if origin and origin["source"]:
                    edge(me, node(origin["source"], "outlet"), "copies")
    for claim in corpus.story_claims(sid):
        for chain in claim["chains"]:
            keys: list[str] = []
            for link in chain:
                if link["kind"] == "unnamed":
                    # An unnamed source is one node under whoever cites it, not one node per name across outlets.
                    parent = keys[-1] if keys else ""
                    keys.append(
                        node(link["name"], "unnamed", f"{parent} \u2192 {' '.join(link['name'].lower().split())}")
                    )
                else:
                    keys.append(node(link["name"], link["kind"]))
            for a, b in zip(keys, keys[1:]):
                edge(a, b, "cites")
    linked = {k for a, b, _ in edges for k in (a, b)}
    return {
        "nodes": [n for n in nodes.values() if n["id"] in linked],
        "edges": [{"source": a, "target": b, "kind": k, "count": n} for (a, b, k), n in edges.items()],
    }
