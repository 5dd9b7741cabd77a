"""The answers file of `import_benefits --mapping` read on its own (no database): every setting in the words a
person writes, columns by letter or header, rows by number, and each mistake refused naming its line."""

import pytest

from benefits import reading
from benefits.management.commands._gains_mapping import MappingFileError, parse_answers
from core.tables import ColumnRole


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("kroner", reading.KRONER),
        ("hele kroner", reading.KRONER),
        ("kr", reading.KRONER),
        ("1000 kr", reading.THOUSANDS),
        ("1 000 kr", reading.THOUSANDS),
        ("i 1000 kroner", reading.THOUSANDS),
        ("tusen kroner", reading.THOUSANDS),
        ("Tall i hele 1000", reading.THOUSANDS),
        ("tkr", reading.THOUSANDS),
        ("mill. kr", reading.MILLIONS),
        ("millioner kroner", reading.MILLIONS),
        ("MNOK", reading.MILLIONS),
    ],
)
def test_a_unit_is_read_as_people_write_it(text, scale):
    assert parse_answers(f"enhet: {text}").scale == scale


def test_every_setting_is_read_with_its_line():
    answers = parse_answers(
        "# Svar for Kristiansand\n"
        "\n"
        "overskriftsrad: 6\n"
        "Fortegn: Positiv er gevinst\n"
        "ukoblede: hopp over\n"
        "delprogram: Velferd og teknologi\n"
        "type: Unngått kostnad\n"
        "kolonne A: tiltak\n"
        "kolonne «HP 2018»: plan 2018\n"
        "Realisert: realisert 2019\n"
        "C: ignorer\n"
        "rad 7: prosjekt Velferd og teknologi / Digitalt tilsyn: fase 2\n"
        "rad 8: forslag\n"
        "Rad 9: hopp over\n"
    )
    assert answers.header_row == 6
    assert answers.negative_gains is False
    assert answers.unmatched == reading.SKIP
    assert answers.sub_programme == "Velferd og teknologi"
    assert answers.kind == "avoided_cost"
    assert [(a.line, a.column, a.role) for a in answers.columns] == [
        (8, "A", ColumnRole(reading.MEASURE)),
        (9, "HP 2018", ColumnRole(reading.PLANNED, 2018)),
        (10, "Realisert", ColumnRole(reading.REALISED, 2019)),
        (11, "C", ColumnRole(reading.IGNORE)),
    ]
    assert {row: (a.line, a.decision, a.project) for row, a in answers.rows.items()} == {
        7: (12, reading.LINK, "Velferd og teknologi / Digitalt tilsyn: fase 2"),
        8: (13, reading.CREATE, ""),
        9: (14, reading.SKIP, ""),
    }
    assert answers.lines["fortegn"] == 4


def test_negative_is_a_gain_and_every_unmatched_row_a_proposal():
    answers = parse_answers("fortegn: negativ er gevinst\nukoblede: forslag\n")
    assert (answers.negative_gains, answers.unmatched) == (True, reading.CREATE)


def test_a_json_object_says_the_same_and_its_mistakes_name_their_line():
    answers = parse_answers('{\n  "enhet": "mill. kr",\n  "kolonne B": "plan 2025",\n  "rad 4": "forslag"\n}')
    assert answers.scale == reading.MILLIONS
    assert answers.columns[0].line == 3 and answers.columns[0].role == ColumnRole(reading.PLANNED, 2025)
    assert answers.rows[4].decision == reading.CREATE
    with pytest.raises(MappingFileError) as raised:
        parse_answers('{\n  "enhet": "mill. kr",\n  "rad 4": "kanskje"\n}')
    assert raised.value.line == 3


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("enhet: 1000 kr\nfortegn: ja", 2),
        ("\n\nukoblede: kanskje", 3),
        ("kolonne A: indikator", 1),
        ("kolonne A: realisert", 1),
        ("kolonne A: tiltak 2018", 1),
        ("rad 7: prosjekt", 1),
        ("overskriftsrad: 0", 1),
        ("type: Lykke", 1),
        ("delprogram:", 1),
        ("tiltak uten kolon", 1),
        ("rad 7: forslag\nrad  7: hopp over", 2),
        ("kolonne A: tiltak\nA: prosjekt", 2),
        ('{"enhet": ', 1),
        ('{"enhet": ["1000 kr"]}', 1),
    ],
)
def test_a_mistake_is_refused_naming_its_line(text, line):
    with pytest.raises(MappingFileError) as raised:
        parse_answers(text)
    assert raised.value.line == line
    assert raised.value.message
