"""Running a piece of benchmark work in a forked child, the way a Celery prefork worker runs it: its time
and peak memory.

The child uses the inherited database connection inside the benchmark's transaction (the parent waits
meanwhile) and leaves with os._exit, so no cleanup closes that connection and everything is rolled back
afterwards. Its peak resident memory (ru_maxrss) starts at the parent's size at the fork.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable


def resident_mb() -> float:
    """This process's resident memory now (Linux), in MB; 0 where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def measure_in_child(work: Callable[[], dict]) -> dict:
    """`work()`'s result (JSON data) with `seconds` and `peak_rss_mb` of the child that ran it, and
    `parent_rss_mb`, the parent's resident memory at the fork (the child's peak starts there), or
    `{"status": "crashed", "error": …}` when it raised."""
    from django.db import connection

    connection.ensure_connection()
    parent_rss_mb = resident_mb()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work, report, leave without running any cleanup
        os.close(read_end)
        try:
            started = time.perf_counter()
            result = work()
            result = {
                "seconds": round(time.perf_counter() - started, 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "parent_rss_mb": parent_rss_mb,
                **result,
            }
        except BaseException as exc:  # reported to the parent, which says so
            result = {"status": "crashed", "error": repr(exc)}
        os.write(write_end, json.dumps(result).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(output or b"{}")
