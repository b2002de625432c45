"""Leave-one-file-out figures for the regime settings: each regime file is scored with settings chosen
without it (nor its headline view)."""

import json

from storyline.evaluate import clusters


def _file(path, stories, day):
    rows = []
    for s, (title, body) in enumerate(stories):
        for i in range(2):
            rows.append(
                {
                    "id": f"{path.stem}-{s}-{i}",
                    "title": f"{title} ({i})",
                    "text": f"{body} Report {i}.",
                    "published": day,
                    "gold": {"story": f"{path.stem}-{s}"},
                }
            )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return str(path)


FERRY = ("Ferry Lindholm runs aground", "The ferry Lindholm ran aground off Skarvik with 212 passengers aboard.")
ORCHARD = ("Orchard fire at Beltane Farm", "Fire destroyed 40 hectares of the Beltane Farm orchard near Oldmere.")
CHOIR = ("Tamsin Oake choir wins cup", "The Wexley choir led by Tamsin Oake won the county cup with 31 voices.")


def test_each_regime_file_is_scored_with_settings_chosen_without_it(tmp_path, monkeypatch):
    core = [_file(tmp_path / "core1.jsonl", [FERRY, ORCHARD], "2031-05-02")]
    regimes = [
        _file(tmp_path / "reg1.jsonl", [CHOIR, FERRY], "2031-05-03"),
        _file(tmp_path / "reg2.jsonl", [ORCHARD, CHOIR], "2031-05-04"),
    ]
    monkeypatch.setattr(clusters, "REGIME_GRID", {"name_gap": (0.0, 1.0)})
    monkeypatch.setattr(clusters, "THRESHOLDS", (0.2,))
    seen = []
    fit = clusters.fit_regimes

    def spy(model, paths, **kw):
        seen.append(sorted(map(str, paths)))
        return fit(model, paths, **kw)

    monkeypatch.setattr(clusters, "fit_regimes", spy)
    out = clusters.cross_validate_regimes(core, regimes, headline_views=True)
    assert sorted(out) == sorted(regimes)
    for held, paths in zip(regimes, seen):
        assert held not in paths and clusters.headline_view(held) not in paths
        assert core[0] in paths and clusters.headline_view(core[0]) in paths
        again = clusters.evaluate_file(held, **clusters.model_params(out[held]))
        assert out[held]["bcubed_f1"] == again["bcubed_f1"] > 0
