"""Figures cached under the data's last change: a fingerprint of the tables they are computed from is part of
the cache key, so any insert, update or delete in those tables makes the next read compute them afresh.

The fingerprint is, per table, the number of rows, a sum of hashes of their physical addresses (`ctid`) and
the newest transaction that wrote one of them (`xmin`). PostgreSQL never updates a row in place: every
UPDATE writes a new row version, at an address no live row holds and stamped with the writing transaction.
So a change made in an earlier transaction shows in the newest `xmin` (a row written again into an address
that VACUUM freed carries a newer one), and a change made earlier in the same transaction (tests, the
benchmarks, a page that writes and then reads) in the addresses; a delete shows in the count. The
fingerprint changes with every write however it was made (services, the admin, bulk updates, raw SQL), and
is the same again only when the rows are. Reading it scans the tables' row headers, not their contents:
about 10 ms for 24,000 rows.

On another database (SQLite, the zero-setup default) there is no such address, and nothing is cached: the
figures are computed on every read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, models

T = TypeVar("T")

TIMEOUT_SECONDS = 24 * 60 * 60  # a key that is no longer asked for is dropped after a day


def tables_fingerprint(model_classes: Iterable[type[models.Model]]) -> str | None:
    """A short string that changes whenever a row of any of the models' tables is written; None when the
    database cannot tell (not PostgreSQL). One query."""
    if connection.vendor != "postgresql":
        return None
    quote = connection.ops.quote_name
    tables = sorted({model._meta.db_table for model in model_classes})
    # hashtid (PostgreSQL 14 and later) hashes the address itself, three times faster than through text.
    address_hash = "hashtid(ctid)" if connection.pg_version >= 140000 else "hashtext(ctid::text)"
    parts = [
        f"(SELECT count(*)::text || ':' || coalesce(sum({address_hash}), 0)::text || ':' "
        f"|| coalesce(max(xmin::text::bigint), 0)::text FROM {quote(table)})"
        for table in tables
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " || '/' || ".join(parts))
        (state,) = cursor.fetchone()
    return hashlib.sha256(state.encode()).hexdigest()[:32]


def cached_by_data(
    *, name: str, key: Iterable[object], model_classes: Iterable[type[models.Model]], compute: Callable[[], T]
) -> T:
    """`compute()`, or what it returned before for the same `name`, `key` and state of the models' tables.

    `key` holds everything else the result depends on (ids, the day, the language)."""
    fingerprint = tables_fingerprint(model_classes)
    if fingerprint is None:
        return compute()
    cache_key = ":".join(["data", name, *map(str, key), fingerprint])
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, TIMEOUT_SECONDS)
    return value
