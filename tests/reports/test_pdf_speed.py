"""The rendering speed-ups change nothing in what is rendered."""

import gc

import pydyf

from portfolio.reports import pdf_speed


def test_cached_page_references_equal_pydyfs_own_as_pages_are_added():
    pdf = pydyf.PDF()
    own = pdf_speed._original_page_references
    for _ in range(5):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert pdf_speed._page_references(pdf) == own.fget(pdf)
    assert len(pdf_speed._page_references(pdf)) == 5


def test_install_puts_the_cached_property_on_pydyf_once():
    pdf_speed.install()
    pdf_speed.install()
    assert pydyf.PDF.page_references.fget is pdf_speed._page_references


def test_rendering_restores_the_garbage_collector_afterwards():
    before = gc.get_threshold()
    with pdf_speed.rendering():
        assert gc.get_threshold() == pdf_speed.GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_pydyf_compresses_at_the_default_level_and_streams_still_decompress():
    import zlib

    pdf_speed.install()
    stream = pydyf.Stream([b"BT /F1 12 Tf (Statusrapport) Tj ET"] * 200, compress=True)
    data = stream.data
    compressed = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    raw = b"\n".join([b"BT /F1 12 Tf (Statusrapport) Tj ET"] * 200)
    assert zlib.decompress(compressed) == raw
    assert compressed == zlib.compress(raw, pdf_speed.COMPRESSION_LEVEL)
    assert isinstance(pydyf.zlib, pdf_speed._Zlib)
