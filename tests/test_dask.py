"""The Dask runner gives what a local run gives, byte for byte (a 2-worker LocalCluster)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import main
from engine.model import Article
from engine.sources import iter_inputs
from tests.conftest import AS_OF, SEEDS

distributed = pytest.importorskip(
    "distributed", reason="Dask is an optional extra: pip install 'reliability-engine[dask]'")
dask_bag = pytest.importorskip("dask.bag", reason="Dask is an optional extra")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local.scheduler_address


def _corpus(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": f"{item.id}-{n}", "title": item.title, "text": item.text})
             for n in range(8) for item in iter_inputs([str(SEEDS)])
             if isinstance(item, Article)]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([*lines, "{broken"]) + "\n", encoding="utf-8")
    return path


def _score(*args: str) -> str:
    result = CliRunner().invoke(main, ["score", *args, "--as-of", AS_OF, "-q"])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_a_dask_run_is_byte_identical_to_a_local_one(cluster: str, tmp_path: Path,
                                                     fmt: str) -> None:
    corpus = str(_corpus(tmp_path))
    local = _score(corpus, "--format", fmt, "--no-cache")
    assert _score(corpus, "--format", fmt, "--no-cache", "--dask", cluster) == local
    # Through the cache too: the first run fills it from the cluster, the second reads it.
    assert _score(corpus, "--format", fmt, "--dask", cluster) == local
    assert _score(corpus, "--format", fmt, "--dask", cluster) == local


@pytest.mark.slow
def test_score_jsonl_bag_scores_each_line_like_a_local_run(cluster: str,
                                                           tmp_path: Path) -> None:
    from engine.dask_run import score_jsonl_bag

    corpus = _corpus(tmp_path)
    local = {row["id"]: row for row in map(json.loads, _score(str(corpus), "--format", "jsonl",
                                                              "--no-cache").splitlines())
             if "skipped" not in row}
    lines = dask_bag.read_text(str(corpus), blocksize=4000)  # several partitions
    assert lines.npartitions > 1
    with distributed.Client(cluster):
        rows = score_jsonl_bag(lines, as_of=dt.date.fromisoformat(AS_OF),
                               label="corpus").compute()
    cards = [row for row in rows if "skipped" not in row]
    assert [c["id"] for c in cards] == list(local)  # every line, in order
    reasons = [r["skipped"]["reason"] for r in rows if "skipped" in r]
    assert len(reasons) == 1 and reasons[0].startswith("invalid JSON")
    for card in cards:
        want = local[card["id"]]
        for key in ("score", "band", "findings", "contributions", "subscores", "outlet"):
            assert card[key] == want[key], (card["id"], key)
