"""Benchmark of hostile files through the scorecard import page: for each hostile xlsx file of
tests/hostile.py (the sparse far cell took 45 s and 2.4 GB before core/intake.py; the zip bomb and the giant
shared string 380 and 880 MB), the time of the POST and the peak memory of the process that read it.

Each upload runs in a forked child (bench/child.py), as reports.py renders: the child posts through the
signed-in test client (upload handler, form, intake, parse), records its time and peak resident memory
(ru_maxrss, which starts at the parent's size: `baseline_mb` is the parent's at the fork) and leaves with
os._exit. Used by the `scorecard_import_hostile` entry of bench/run.py.
"""

from __future__ import annotations

import io
import resource
from types import SimpleNamespace

from bench.child import measure_in_child

KINDS = ("sparse_far_cell", "declared_dimension_bomb", "zip_bomb", "giant_shared_string", "giant_integer")
measurements: list[dict] = []


def _post_in_child(client, url: str, kind: str) -> dict:
    from tests import hostile

    content = hostile.content(kind, "scorecard")

    def post() -> dict:
        upload = io.BytesIO(content)
        upload.name = f"{kind}.xlsx"
        return {"status": client.post(url, {"file": upload}).status_code}

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = measure_in_child(post)
    return {"kind": kind, "bytes": len(content), "baseline_mb": round(baseline, 1), **result}


def post_hostile(client, url: str):
    """Stands in for a request: every hostile file through the import page; the slowest one counts."""
    results = [_post_in_child(client, url, kind) for kind in KINDS]
    measurements.extend(results)
    for result in results:
        print(
            f"    {result['kind']}: {result.get('bytes', 0) // 1024} kB, {result.get('seconds')} s, "
            f"peak {result.get('peak_rss_mb')} MB (fork at {result['baseline_mb']} MB), "
            f"status {result.get('status', result.get('error'))}",
            flush=True,
        )
    worst = max(results, key=lambda result: result.get("seconds", float("inf")))
    return SimpleNamespace(status_code=worst.get("status", 500), content=b"")
