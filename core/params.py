"""Whole numbers read from a URL's query or a raw form value: anything implausible is None, never a 500."""

# The largest value of a PostgreSQL bigint, the type of every primary key (DEFAULT_AUTO_FIELD).
BIGINT_MAX = 9_223_372_036_854_775_807


def parse_int(value: object, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """`value` as a whole number from `minimum` to `maximum`, or None for anything else: letters, a NUL
    byte, `²` (which str.isdigit() accepts and int() refuses), a sign, or a number beyond any column."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def parse_id(value: object) -> int | None:
    """`value` as a database id (a positive bigint), or None."""
    return parse_int(value, minimum=1)


def search_text(value: object, *, max_length: int = 100) -> str:
    """A search box's text from a raw query or form value: trimmed, at most `max_length` characters, and
    without NUL bytes (which PostgreSQL refuses in any text, so a search for one would be a server error)."""
    return str(value or "").replace("\x00", "").strip()[:max_length]
