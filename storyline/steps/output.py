"""The JSON forms of an analysis: an article as the output shows it, and the whole ``--json`` document."""

from __future__ import annotations

from typing import Any

from ..incremental import RESULT_KINDS
from ..model import Article
from ..schema import to_json
from ..store import Store


def article_json(a: Article) -> dict[str, Any]:
    """An article as the ``articles`` list of the JSON output shows it (:func:`schema.to_json`): ``raw_text``
    is the text as given when cleaning changed it (every offset storyline writes points into it), else None."""
    d = to_json(a)
    if a.raw_text is not None and a.raw_text == a.text:
        d["raw_text"] = None
    return d


def analysis_json(store: Store, results: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The whole JSON document of ``storyline analyze --json``."""
    results = results if results is not None else {k: store.get_results(k) for k in RESULT_KINDS}
    doc: dict[str, Any] = {"articles": [article_json(a) for a in store.iter_articles()]}
    doc.update({k: results.get(k, []) for k in RESULT_KINDS})
    return doc
