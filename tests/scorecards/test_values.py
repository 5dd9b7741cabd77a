"""Scorecard values as municipalities write them: every form in DOMAIN.md, errors, formatting and status."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecards.values import (
    Bound,
    Direction,
    Kind,
    Status,
    Trend,
    Value,
    ValueParseError,
    format_value,
    parse_value,
    status,
    trend,
)

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # scores with a decimal comma
        ("4,5", Value(Kind.NUMBER, D("4.5"))),
        ("4,53", Value(Kind.NUMBER, D("4.53"))),
        # percentages with or without a space, negative, with a decimal, with a unicode minus
        ("98 %", Value(Kind.PERCENT, D(98))),
        ("58 %", Value(Kind.PERCENT, D(58))),
        ("-21%", Value(Kind.PERCENT, D(-21))),
        ("\u221221 %", Value(Kind.PERCENT, D(-21))),
        ("99,9 %", Value(Kind.PERCENT, D("99.9"))),
        ("98\u00a0%", Value(Kind.PERCENT, D(98))),
        # bounds as targets
        ("<205", Value(Kind.NUMBER, D(205), Bound.LT)),
        (">170", Value(Kind.NUMBER, D(170), Bound.GT)),
        ("<0,7", Value(Kind.NUMBER, D("0.7"), Bound.LT)),
        ("< 205", Value(Kind.NUMBER, D(205), Bound.LT)),
        ("≤ 1,5", Value(Kind.NUMBER, D("1.5"), Bound.LE)),
        (">=90 %", Value(Kind.PERCENT, D(90), Bound.GE)),
        ("≥92 %", Value(Kind.PERCENT, D(92), Bound.GE)),
        ("under 5", Value(Kind.NUMBER, D(5), Bound.LT)),
        ("minst 90 %", Value(Kind.PERCENT, D(90), Bound.GE)),
        # ranks
        ("1. plass", Value(Kind.RANK, D(1))),
        ("10. plass", Value(Kind.RANK, D(10))),
        ("3.plass", Value(Kind.RANK, D(3))),
        # durations
        ("15 min", Value(Kind.DURATION, D(15), unit="min")),
        ("2 timer", Value(Kind.DURATION, D(2), unit="t")),
        # counts with spaces (also non-breaking) between thousands, with a remark in parentheses
        ("39 083", Value(Kind.NUMBER, D(39083))),
        ("39\u00a0083", Value(Kind.NUMBER, D(39083))),
        ("610 000", Value(Kind.NUMBER, D(610000))),
        ("610 000 (pga pandemi)", Value(Kind.NUMBER, D(610000), remark="pga pandemi")),
        ("1.250.000", Value(Kind.NUMBER, D(1250000))),
        # a unit behind the number
        ("205 kr", Value(Kind.NUMBER, D(205), unit="kr")),
        # zero is a value
        ("0", Value(Kind.NUMBER, D(0))),
        ("0 %", Value(Kind.PERCENT, D(0))),
        # not measured, in any case, with a note
        ("Ikke målt", Value(Kind.NOT_MEASURED)),
        ("IKKE MÅLT", Value(Kind.NOT_MEASURED)),
        ("ikke målt", Value(Kind.NOT_MEASURED)),
        ("Ikke målt (ny undersøkelse fra 2026)", Value(Kind.NOT_MEASURED, remark="ny undersøkelse fra 2026")),
        ("  4,5\n", Value(Kind.NUMBER, D("4.5"))),
        # other ways reports write the same forms
        ("98 pst.", Value(Kind.PERCENT, D(98))),
        ("10. plass av 356 kommuner", Value(Kind.RANK, D(10), remark="av 356 kommuner")),
        ("Ikke aktuelt", Value(Kind.NOT_MEASURED, remark="Ikke aktuelt")),
        ("i.a.", Value(Kind.NOT_MEASURED, remark="i.a.")),
        ("98 %¹", Value(Kind.PERCENT, D(98), remark="¹")),
        ("0,7 m²", Value(Kind.NUMBER, D("0.7"), unit="m²")),
        # kroner with the currency first or as NOK, and per mille
        ("kr 1 250", Value(Kind.NUMBER, D(1250), unit="kr")),
        ("<kr 205", Value(Kind.NUMBER, D(205), Bound.LT, unit="kr")),
        ("NOK 500", Value(Kind.NUMBER, D(500), unit="kr")),
        ("500 NOK", Value(Kind.NUMBER, D(500), unit="kr")),
        ("3,2 ‰", Value(Kind.NUMBER, D("3.2"), unit="‰")),
    ],
)
def test_every_form_in_the_domain_is_parsed_into_a_typed_value(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["", "   ", None, "\u00a0", "-", "–"])
def test_an_empty_cell_is_no_value_and_not_the_same_as_not_measured(text):
    assert parse_value(text) is None


def test_zero_is_a_value_and_not_measured_is_not():
    assert parse_value("0").is_measured
    assert not parse_value("Ikke målt").is_measured


@pytest.mark.parametrize(
    ("cell", "percent", "expected"),
    [
        (0.98, True, Value(Kind.PERCENT, D(98))),
        (-0.21, True, Value(Kind.PERCENT, D(-21))),
        (0.999, True, Value(Kind.PERCENT, D("99.9"))),
        (39083, False, Value(Kind.NUMBER, D(39083))),
        (39083.0, False, Value(Kind.NUMBER, D(39083))),
        (4.53, False, Value(Kind.NUMBER, D("4.53"))),
        (0, False, Value(Kind.NUMBER, D(0))),
        (0.1 + 0.2, False, Value(Kind.NUMBER, D("0.3"))),
    ],
)
def test_numbers_stored_as_numbers_in_excel_are_read_and_percent_cells_are_scaled(cell, percent, expected):
    assert parse_value(cell, percent_format=percent) == expected


@pytest.mark.parametrize("text", ["4 5", "1e5", "4,5,6", "<", "12 34 %", "<>", "3/4/5", "+", True])
def test_unparseable_text_is_a_norwegian_error_never_a_silent_zero(text):
    with pytest.raises(ValueParseError) as raised:
        parse_value(text)
    assert raised.value.message.startswith(f"«{text}» er ikke en verdi. Skriv et tall")


@pytest.mark.parametrize(
    ("target", "result", "direction", "expected"),
    [
        ("<205", "194", "higher", Status.MET),
        ("<205", "226", "higher", Status.MISSED),
        ("<205", "205", "lower", Status.MISSED),
        ("≤205", "205", "lower", Status.MET),
        (">170", "175", "lower", Status.MET),
        (">170", "170", "higher", Status.MISSED),
        ("1. plass", "1. plass", "higher", Status.MET),
        ("1. plass", "3. plass", "higher", Status.MISSED),
        ("10. plass", "4. plass", "higher", Status.MET),
        ("98 %", "99 %", "higher", Status.MET),
        ("98 %", "97,5 %", "higher", Status.MISSED),
        ("5 min", "4 min", "lower", Status.MET),
        ("5 min", "1 t", "lower", Status.MISSED),
        ("0", "0", "lower", Status.MET),
        ("0", "1", "lower", Status.MISSED),
        ("-5 %", "-21%", "lower", Status.MET),
        ("4,5", "Ikke målt", "higher", Status.NOT_MEASURED),
        ("4,5", "", "higher", Status.NOT_MEASURED),
        ("", "4,5", "higher", Status.NO_TARGET),
        ("Ikke målt", "4,5", "higher", Status.NO_TARGET),
    ],
)
def test_status_follows_bounds_ranks_and_direction(target, result, direction, expected):
    assert status(parse_value(target), parse_value(result), direction) == expected


def test_trend_compares_results_by_direction_and_ranks_are_better_lower():
    assert trend(parse_value("6,8 %"), parse_value("6,1 %"), Direction.LOWER) == Trend.BETTER
    assert trend(parse_value("6,8 %"), parse_value("6,1 %"), Direction.HIGHER) == Trend.WORSE
    assert trend(parse_value("3. plass"), parse_value("1. plass"), Direction.HIGHER) == Trend.BETTER
    assert trend(parse_value("4,5"), parse_value("4,5"), Direction.HIGHER) == Trend.UNCHANGED
    assert trend(parse_value("Ikke målt"), parse_value("4,5"), Direction.HIGHER) is None


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("39083", "39 083"),
        ("4.5", "4,5"),
        ("-21%", "-21 %"),
        ("<0,7", "<0,7"),
        (">= 90%", "≥90 %"),
        ("1.plass", "1. plass"),
        ("15 minutter", "15 min"),
        ("610000 (pga pandemi)", "610 000 (pga pandemi)"),
        ("IKKE MÅLT", "Ikke målt"),
    ],
)
def test_values_are_formatted_the_norwegian_way(text, formatted):
    assert format_value(parse_value(text)) == formatted


# --- Round trips -----------------------------------------------------------------------------------------

numbers = st.decimals(
    min_value=D("-999999999999"), max_value=D("999999999999"), places=3, allow_nan=False, allow_infinity=False
)
remarks = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=0, max_size=20).map(
    lambda s: " ".join(s.split())
)
measured = st.one_of(
    st.builds(
        lambda n, b, r: Value(Kind.NUMBER, n, b, remark=r), numbers, st.sampled_from(list(Bound)), remarks
    ),
    st.builds(lambda n, b: Value(Kind.PERCENT, n, b), numbers, st.sampled_from(list(Bound))),
    st.builds(lambda n: Value(Kind.RANK, D(n)), st.integers(min_value=1, max_value=500)),
    st.builds(
        lambda n, u: Value(Kind.DURATION, n, unit=u),
        numbers.filter(lambda n: n >= 0),
        st.sampled_from(["min", "t", "dager", "uker", "mnd", "døgn"]),
    ),
    st.builds(
        lambda n, u: Value(Kind.NUMBER, n, unit=u), numbers, st.sampled_from(["kr", "m²", "kr per m²", "kWh"])
    ),
    st.builds(lambda r: Value(Kind.NOT_MEASURED, remark=r), remarks),
)


@given(measured)
def test_parsing_a_formatted_value_gives_the_same_value(value):
    assert parse_value(format_value(value)) == value


texts = st.one_of(
    st.text(alphabet="0123456789 ,.-−%<>≤≥()abcplasminIkemålt\u00a0", max_size=25),
    st.sampled_from(
        ["4,5", "98 %", "-21%", "<205", "1. plass", "15 min", "610 000 (pga pandemi)", "Ikke målt"]
    ),
)


@given(texts)
def test_formatting_a_parsed_text_and_parsing_again_gives_the_same_value(text):
    try:
        value = parse_value(text)
    except ValueParseError:
        return
    assert parse_value(format_value(value)) == value


# --- Values that real reports print -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ratios, as gender balance is printed
        ("38/62", Value(Kind.RATIO, D(38), unit="62")),
        ("50/50", Value(Kind.RATIO, D(50), unit="50")),
        ("38,5 / 61,5", Value(Kind.RATIO, D("38.5"), unit="61,5")),
        # yes/no, in any case, with footnote marks in front or behind
        ("ja", Value(Kind.YES_NO, D(1))),
        ("Nei", Value(Kind.YES_NO, D(0))),
        ("***)ja", Value(Kind.YES_NO, D(1), remark="***")),
        ("ja*", Value(Kind.YES_NO, D(1), remark="*")),
        ("¹) nei", Value(Kind.YES_NO, D(0), remark="¹")),
        ("*) 4,5", Value(Kind.NUMBER, D("4.5"), remark="*")),
        # targets relative to another year's result
        ("nivå som 2015", Value(Kind.RELATIVE, D(2015), unit="nivå")),
        ("På nivå med 2019", Value(Kind.RELATIVE, D(2019), unit="nivå")),
        ("som i fjor", Value(Kind.RELATIVE, unit="nivå")),
        ("Samme som i fjor", Value(Kind.RELATIVE, unit="nivå")),
        ("økning", Value(Kind.RELATIVE, unit="økning")),
        ("Økning fra 2015", Value(Kind.RELATIVE, D(2015), unit="økning")),
        ("høyere enn i fjor", Value(Kind.RELATIVE, unit="økning")),
        ("reduksjon", Value(Kind.RELATIVE, unit="reduksjon")),
        ("Nedgang fra i fjor", Value(Kind.RELATIVE, unit="reduksjon")),
        ("forbedring", Value(Kind.RELATIVE, unit="forbedring")),
        ("økning (jf. økonomiplan)", Value(Kind.RELATIVE, unit="økning", remark="jf. økonomiplan")),
        # bounds as PDFs and reports print them, with a unit
        ("=‹ 2", Value(Kind.NUMBER, D(2), Bound.LE)),
        ("‹3", Value(Kind.NUMBER, D(3), Bound.LT)),
        ("<3 uker", Value(Kind.DURATION, D(3), Bound.LT, unit="uker")),
        ("maks 5", Value(Kind.NUMBER, D(5), Bound.LE)),
        ("over 90 %", Value(Kind.PERCENT, D(90), Bound.GT)),
        # a comment where a value was expected is a note, not an error
        ("Tiltaket er utsatt", Value(Kind.TEXT, remark="Tiltaket er utsatt")),
        ("Under arbeid", Value(Kind.TEXT, remark="Under arbeid")),
        ("Gjennomført", Value(Kind.TEXT, remark="Gjennomført")),
        ("Tiltak", Value(Kind.TEXT, remark="Tiltak")),  # starts like «ti», but is a word
        ("Totalt", Value(Kind.TEXT, remark="Totalt")),
        ("(pga pandemi)", Value(Kind.TEXT, remark="(pga pandemi)")),
        ("***)Ny måling fra 2026 (se note)", Value(Kind.TEXT, remark="***)Ny måling fra 2026 (se note)")),
        # a comment that starts with a figure (Stavanger, årsrapport 2019) goes on in words
        ("16 % økning fra 2017*", Value(Kind.TEXT, remark="16 % økning fra 2017*")),
        ("1% nedgang fra 2018", Value(Kind.TEXT, remark="1% nedgang fra 2018")),
        (">3 prosentpoeng økning per år", Value(Kind.TEXT, remark=">3 prosentpoeng økning per år")),
    ],
)
def test_the_forms_real_reports_print_are_parsed(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["-", "–", "—", " - "])
def test_a_dash_is_no_value(text):
    assert parse_value(text) is None


@pytest.mark.parametrize("text", ["fire", "to uker", "x", "1e5", "4 5", "<", "4,5 av 6", "12 %%"])
def test_a_number_in_words_a_lone_letter_or_a_mistyped_number_is_refused_not_kept_as_a_note(text):
    with pytest.raises(ValueParseError):
        parse_value(text)


@pytest.mark.parametrize(
    ("text", "formatted"),
    [
        ("38 / 62", "38/62"),
        ("JA", "ja"),
        ("***)ja", "ja***"),
        ("¹)nei", "nei (¹)"),
        ("På nivå med 2015", "nivå som 2015"),
        ("Samme som i fjor", "som i fjor"),
        ("Økning fra i fjor", "økning"),
        ("Reduksjon fra 2019", "reduksjon fra 2019"),
        ("Tiltaket er utsatt", "Tiltaket er utsatt"),
    ],
)
def test_the_new_forms_are_formatted_so_that_parsing_gives_the_same_value(text, formatted):
    value = parse_value(text)
    assert format_value(value) == formatted
    assert parse_value(formatted) == value


@pytest.mark.parametrize(
    ("target", "result", "direction", "expected"),
    [
        ("ja", "ja", "higher", Status.MET),
        ("ja", "nei", "higher", Status.MISSED),
        ("nei", "nei", "lower", Status.MET),
        ("ja", "4,5", "higher", Status.NOT_ASSESSABLE),
        ("4,5", "ja", "higher", Status.NOT_ASSESSABLE),
        ("50/50", "38/62", "higher", Status.NOT_ASSESSABLE),
        ("50/50", "50/50", "higher", Status.NOT_ASSESSABLE),
        ("Tiltaket er utsatt", "4,5", "higher", Status.NOT_ASSESSABLE),
        ("4,5", "Under arbeid", "higher", Status.NOT_ASSESSABLE),
        # a relative target without the result it refers to is never a guess
        ("økning", "4,5", "higher", Status.NOT_ASSESSABLE),
        ("nivå som 2015", "4,5", "higher", Status.NOT_ASSESSABLE),
    ],
)
def test_status_of_yes_no_ratios_notes_and_unresolved_relative_targets(target, result, direction, expected):
    assert status(parse_value(target), parse_value(result), direction) == expected


RESULTS = {2015: parse_value("6,2 %"), 2024: parse_value("5 %"), 2025: parse_value("4,6 %")}


@pytest.mark.parametrize(
    ("target", "result", "direction", "expected"),
    [
        ("nivå som 2015", "6,2 %", "higher", Status.MET),
        ("nivå som 2015", "6,1 %", "higher", Status.MISSED),
        ("nivå som 2015", "6,1 %", "lower", Status.MET),
        ("som i fjor", "4,6 %", "lower", Status.MET),
        ("som i fjor", "5,1 %", "lower", Status.MISSED),
        ("økning", "5,1 %", "lower", Status.MET),  # the target says increase, whatever the direction
        ("økning", "5 %", "higher", Status.MISSED),
        ("reduksjon", "4,6 %", "higher", Status.MET),
        ("forbedring", "4,6 %", "lower", Status.MET),
        ("forbedring", "4,6 %", "higher", Status.MISSED),
        ("økning fra 2015", "6,3 %", "higher", Status.MET),
        ("økning fra 2016", "6,3 %", "higher", Status.NOT_ASSESSABLE),  # no result for 2016
        ("som i fjor", "4,6 %", "unknown", Status.NO_DIRECTION),
    ],
)
def test_a_relative_target_is_compared_with_the_result_of_the_year_it_names(
    target, result, direction, expected
):
    assert status(parse_value(target), parse_value(result), direction, year=2025, results=RESULTS) == expected


@pytest.mark.parametrize(
    ("target", "result"),
    [("<205", "194"), ("<205", "226"), ("1. plass", "1. plass"), ("98 %", "99 %"), ("ja", "ja"), ("0", "3")],
)
def test_without_a_confirmed_direction_no_target_is_met_or_missed_not_even_a_limit(target, result):
    assert status(parse_value(target), parse_value(result), Direction.UNKNOWN) == Status.NO_DIRECTION
    assert trend(parse_value(target), parse_value(result), Direction.UNKNOWN) is None


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=2, max_size=30).map(
    lambda s: " ".join(s.split())
)
real_report_values = st.one_of(
    st.builds(
        lambda a, b: Value(Kind.RATIO, D(a), unit=str(b)),
        st.integers(min_value=0, max_value=100),
        st.integers(min_value=0, max_value=100),
    ),
    st.builds(
        lambda n, r: Value(Kind.YES_NO, D(n), remark=r),
        st.sampled_from([0, 1]),
        st.sampled_from(["", "*", "***", "¹"]),
    ),
    st.builds(
        lambda unit, year, remark: Value(Kind.RELATIVE, year, unit=unit, remark=remark),
        st.sampled_from(["økning", "reduksjon", "forbedring", "nivå"]),
        st.one_of(st.none(), st.integers(min_value=1990, max_value=2099).map(D)),
        remarks,
    ),
    # a note is whatever text parses as one; its text comes back as it was
    words.map(lambda text: Value(Kind.TEXT, remark=text)).filter(
        lambda value: _parses_as(value.remark) == value
    ),
)


def _parses_as(text):
    try:
        return parse_value(text)
    except ValueParseError:
        return None


@given(real_report_values)
def test_parsing_a_formatted_ratio_yes_no_relative_target_or_note_gives_the_same_value(value):
    assert parse_value(format_value(value)) == value
