"""A real two-node Ray cluster on this machine, with PostgreSQL as the shared store: `analyze --engine ray
--address` against it gives the same copy groups, stories, threads, claims and timeline as the local engine.

Needs ray and a PostgreSQL server (STORYLINE_TEST_PG, as the store tests); skips without them, except under
CI=true, where a missing server fails (test_store_postgres's rule)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from test_store_postgres import _pg_address, _with_schema

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def pg_store() -> str:
    import psycopg

    server = _pg_address()
    schema = f"storyline_mn_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    yield _with_schema(server, schema)
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def two_nodes():
    """A head node and a second node, one CPU each, as separate raylets on this machine."""
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    if ray.is_initialized():
        ray.shutdown()
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    yield cluster
    if ray.is_initialized():
        ray.shutdown()
    cluster.shutdown()


def _partitions(doc: dict) -> dict:
    """What must not depend on the engine: groups and stories as sets of articles, claims with their origins."""
    return {
        "copy_groups": sorted((g["origin"], sorted(m["article_id"] for m in g["members"])) for g in doc["copy_groups"]),
        "stories": sorted(sorted(s["article_ids"]) for s in doc["stories"]),
        "threads": sorted(sorted(t["story_ids"]) for t in doc["threads"]),
        "claims": sorted((c["text"], sorted(c["origins"]), sorted(c["article_ids"])) for c in doc["claims"]),
        "timeline": sorted((e["date"], e["text"]) for e in doc["timeline"]),
    }


def test_two_node_cluster_with_a_shared_postgres_store_matches_the_local_engine(two_nodes, pg_store, tmp_path):
    import ray

    from storyline.cli import main

    common = ["--no-spacy", "--embed", "off", "--quiet"]
    local_json, remote_json = tmp_path / "local.json", tmp_path / "cluster.json"
    assert main(["analyze", str(EXAMPLES), "--db", str(tmp_path / "local.db"), "--json", str(local_json), *common]) == 0

    assert (
        main(
            [
                "analyze",
                str(EXAMPLES),
                "--db",
                pg_store,
                "--json",
                str(remote_json),
                "--engine",
                "ray",
                "--address",
                two_nodes.address,
                *common,
            ]
        )
        == 0
    )
    alive = [n for n in ray.nodes() if n["Alive"]]
    assert len(alive) == 2, "the run joined a cluster of two nodes"

    def node_of_task() -> str:  # defined here so that Ray ships it by value, not by this test module's name
        return ray.get_runtime_context().get_node_id()

    probe = ray.remote(num_cpus=1, scheduling_strategy="SPREAD")(node_of_task)
    assert len(set(ray.get([probe.remote() for _ in range(8)]))) == 2, "both nodes run tasks"

    local = json.loads(local_json.read_text(encoding="utf-8"))
    remote = json.loads(remote_json.read_text(encoding="utf-8"))
    assert local["claims"] and local["copy_groups"] and len(local["stories"]) > 2
    assert _partitions(remote) == _partitions(local)
    assert remote["articles"] == local["articles"]
