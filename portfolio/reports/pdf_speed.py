"""Three measured fixes that make WeasyPrint render a long report faster.

1. pydyf (WeasyPrint's PDF writer, 0.13) rebuilds the tuple of every page reference each time
   `PDF.page_references` is read, and WeasyPrint reads it once per tagged element and per link. A tagged
   report of 226 pages read it 56,000 times: 12.8 million tuple items, 4–5 s of a 60 s render. The cached
   property below returns the same tuple and rebuilds it only when a page has been added.
2. Laying out a long document makes millions of small objects that live until the PDF is written, so
   Python's cyclic garbage collector walks the same live objects over and over. `rendering()` raises its
   thresholds for the duration of one render (the objects are freed when the render is over either way).
3. pydyf compresses every stream at zlib's slowest level (9). At the default level (6) the 200-project
   report's 1,773 streams (37 MB before compression) compress in 0.8 s instead of 3.1 s, and the PDF grows
   by 4 % (5.0 → 5.2 MB). The output is still deterministic, and the same for every reader.

The first two change no byte of the output.

`bench/reports.py` measures the effect; `tests/reports/test_pdf_speed.py` checks the cache gives the same
references as pydyf's own property.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf

GC_THRESHOLDS = (100_000, 50, 100)
COMPRESSION_LEVEL = 6


class _Zlib:
    """zlib for pydyf, at COMPRESSION_LEVEL whatever level pydyf asks for."""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = -1, *args, **kwargs):
        return zlib.compressobj(COMPRESSION_LEVEL, *args, **kwargs)

    @staticmethod
    def compress(data: bytes, level: int = -1) -> bytes:
        return zlib.compress(data, COMPRESSION_LEVEL)


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]  # [number, 0, "R", number, 0, "R", ...]; pages are only ever appended
    cached = pdf.__dict__.get("_cached_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_cached_page_references"] = cached
    return cached[1]


_original_page_references = getattr(pydyf.PDF, "page_references", None)


def install() -> None:
    """Replaces pydyf's property with the cached one and its zlib with one at COMPRESSION_LEVEL (once; a pydyf
    without the property, or without its own zlib, is left alone)."""
    if (
        isinstance(_original_page_references, property)
        and pydyf.PDF.page_references is _original_page_references
    ):
        pydyf.PDF.page_references = property(_page_references, doc=_original_page_references.__doc__)
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Zlib()


@contextmanager
def rendering() -> Iterator[None]:
    """Fewer garbage collections while one document is laid out and written."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
