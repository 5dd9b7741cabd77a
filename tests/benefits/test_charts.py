"""Gain charts: SVG with text kept as text, a text alternative with the numbers, the same SVG every time."""

import base64

import pytest

from benefits import charts, selectors

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def test_yearly_chart_is_svg_with_text_and_an_alternative_that_names_the_figures(programme, project):
    add_benefit(project, title="A", planned=[1_250_000, 2_500_000], realised=[1_000_000])
    overview = selectors.gain_overview(programme_id=programme.pk)

    chart = charts.yearly_chart(overview)

    assert chart.svg.startswith("<?xml") and "<svg" in chart.svg
    assert "<script" not in chart.svg
    assert ">2026</text>" in chart.svg  # svg.fonttype "none": labels are text, not paths
    assert "Planlagt" in chart.svg and "Realisert" in chart.svg
    assert "2026: planlagt 1,25 mill. kr, realisert 1 mill. kr, mål –" in chart.alt
    assert base64.b64decode(chart.data_uri.split(",", 1)[1]).decode() == chart.svg
    charts.bar_chart.cache_clear()
    assert charts.yearly_chart(overview).svg == chart.svg


def test_the_axis_shows_millions_without_the_unit_its_label_names():
    assert charts.axis_millions(1_250_000.0) == "1,25"
    assert charts.axis_millions(25_000_000.0) == "25"
