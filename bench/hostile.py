"""Benchmark of hostile files through the scorecard import page: for each hostile xlsx file of
tests/hostile.py (the sparse far cell took 45 s and 2.4 GB before core/intake.py; the zip bomb and the giant
shared string 380 and 880 MB), the time of the POST and the peak memory of the process that read it.

Each upload runs in a forked child, as reports.py renders: the child posts through the signed-in test
client (upload handler, form, intake, parse), records its time and peak resident memory (ru_maxrss, which
starts at the parent's size: `baseline_mb` is the parent's at the fork) and leaves with os._exit. Used by
the `scorecard_import_hostile` entry of bench/run.py.
"""

from __future__ import annotations

import io
import json
import os
import resource
import time
from types import SimpleNamespace

KINDS = ("sparse_far_cell", "declared_dimension_bomb", "zip_bomb", "giant_shared_string", "giant_integer")
measurements: list[dict] = []


def _post_in_child(client, url: str, kind: str) -> dict:
    from django.db import connection

    from tests import hostile

    content = hostile.content(kind, "scorecard")
    connection.ensure_connection()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: upload, report, leave without running any cleanup
        os.close(read_end)
        result: dict = {}
        try:
            upload = io.BytesIO(content)
            upload.name = f"{kind}.xlsx"
            started = time.perf_counter()
            response = client.post(url, {"file": upload})
            result = {
                "status": response.status_code,
                "seconds": round(time.perf_counter() - started, 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        except BaseException as exc:  # reported to the parent, which prints it
            result = {"error": repr(exc)}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    result = json.loads(output or b"{}")
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
