"""Case folding beyond A–Z on SQLite, the zero-setup default database.

SQLite's own LOWER(), UPPER() and LIKE fold only the ASCII letters, so on SQLite a search for «ØKONOMI» did
not find «økonomi», while PostgreSQL folds every letter. Every connection to SQLite gets Python versions of
the three that fold like PostgreSQL does, so that every `icontains`/`iexact` lookup (the register's search, the
admin's search boxes, the commands' name look-ups) and every Lower() (ordering, case-insensitive uniqueness)
means the same on both databases.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _text(value):
    # SQLite compares numbers with LIKE as their text.
    return value if value is None or isinstance(value, str) else str(value)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _upper(value):
    return value.upper() if isinstance(value, str) else value


@lru_cache(maxsize=512)
def _like_regex(pattern: str, escape: str | None) -> re.Pattern[str]:
    parts = []
    characters = iter(pattern)
    for character in characters:
        if escape is not None and character == escape:
            parts.append(re.escape(next(characters, "")))
        elif character == "%":
            parts.append(".*")
        elif character == "_":
            parts.append(".")
        else:
            parts.append(re.escape(character))
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _like(pattern, value, escape=None):
    """`value LIKE pattern [ESCAPE escape]` (SQLite passes the pattern first), case-insensitive for all letters."""
    pattern, value = _text(pattern), _text(value)
    if pattern is None or value is None:
        return None
    return _like_regex(pattern, escape).fullmatch(value) is not None


def fold_case_on_sqlite(sender, connection, **kwargs) -> None:
    """A `connection_created` receiver: replaces SQLite's ASCII-only LOWER, UPPER and LIKE on the connection."""
    if connection.vendor != "sqlite":
        return
    database = connection.connection
    database.create_function("LOWER", 1, _lower, deterministic=True)
    database.create_function("UPPER", 1, _upper, deterministic=True)
    database.create_function("LIKE", 2, _like, deterministic=True)
    database.create_function("LIKE", 3, _like, deterministic=True)
