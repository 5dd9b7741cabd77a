"""Which way an indicator is better, inferred from its name and values: the direction and the reason the user
reads, for the names and values of real annual reports."""

import pytest
from django.utils import translation

from scorecards.direction import HIGHER_HINTS, HIGHER_IS_BETTER, LOWER_IS_BETTER, infer_direction
from scorecards.values import Direction, parse_value

HIGHER, LOWER, UNKNOWN = Direction.HIGHER, Direction.LOWER, Direction.UNKNOWN


@pytest.fixture(autouse=True)
def norwegian():
    with translation.override("nb"):
        yield


@pytest.mark.parametrize(
    ("name", "direction", "reason"),
    [
        # words that say lower is better, also inside compounds and in any case
        ("Avvik fra vedlikeholdsplan", LOWER, "Navnet inneholder «avvik»: lavere er bedre."),
        ("Antall avvik", LOWER, "Navnet inneholder «avvik»: lavere er bedre."),
        ("Avviksmeldinger i HMS-systemet", LOWER, "Navnet inneholder «avvik»: lavere er bedre."),
        ("Sykefravær i %", LOWER, "Navnet inneholder «sykefravær»: lavere er bedre."),
        ("SYKEFRAVÆR", LOWER, "Navnet inneholder «sykefravær»: lavere er bedre."),
        ("Legemeldt fravær", LOWER, "Navnet inneholder «fravær»: lavere er bedre."),
        ("Klagesaker til Statsforvalteren", LOWER, "Navnet inneholder «klage»: lavere er bedre."),
        ("Antall klager", LOWER, "Navnet inneholder «klage»: lavere er bedre."),
        ("Skader på kommunale bygg", LOWER, "Navnet inneholder «skade»: lavere er bedre."),
        ("Gjennomsnittlig ventetid i telefonkø", LOWER, "Navnet inneholder «ventetid»: lavere er bedre."),
        ("Energikostnad per m²", LOWER, "Navnet inneholder «kostnad»: lavere er bedre."),
        ("Konflikter i barnehagen", LOWER, "Navnet inneholder «konflikt»: lavere er bedre."),
        ("Restanser byggesak", LOWER, "Navnet inneholder «restanse»: lavere er bedre."),
        ("Feil i lønnsutbetalinger", LOWER, "Navnet inneholder «feil»: lavere er bedre."),
        ("Brudd på tidsfrister", LOWER, "Navnet inneholder «brudd»: lavere er bedre."),
        ("Reklamasjoner", LOWER, "Navnet inneholder «reklamasjon»: lavere er bedre."),
        ("Uønskede hendelser", LOWER, "Navnet inneholder «uønske»: lavere er bedre."),
        ("Timer overtid per årsverk", LOWER, "Navnet inneholder «overtid»: lavere er bedre."),
        ("Saksbehandlingstid byggesøknader", LOWER, "Navnet inneholder «behandlingstid»: lavere er bedre."),
        # the longer word wins where two overlap
        ("Gjennomføringstid i dager", LOWER, "Navnet inneholder «gjennomføringstid»: lavere er bedre."),
        # words that say higher is better
        ("Brukertilfredshet", HIGHER, "Navnet inneholder «tilfredshet»: høyere er bedre."),
        ("Innbyggernes tilfredshet med service", HIGHER, "Navnet inneholder «tilfredshet»: høyere er bedre."),
        ("Dekningsgrad barnehage", HIGHER, "Navnet inneholder «dekningsgrad»: høyere er bedre."),
        ("Oppmøte på foreldremøter", HIGHER, "Navnet inneholder «oppmøte»: høyere er bedre."),
        (
            "Gjennomføring av medarbeidersamtaler",
            HIGHER,
            "Navnet inneholder «gjennomføring»: høyere er bedre.",
        ),
        ("Netto driftsresultat i prosent", HIGHER, "Navnet inneholder «driftsresultat»: høyere er bedre."),
        # «andel» only hints: a stronger word wins, and alone it says higher
        ("Andel sykefravær", LOWER, "Navnet inneholder «sykefravær»: lavere er bedre."),
        ("Andel elever som fullfører", HIGHER, "Navnet inneholder «andel»: høyere er bedre."),
        ("Kvinneandel i ledelsen", HIGHER, "Navnet inneholder «andel»: høyere er bedre."),
        # an absence turns a lower-is-better word round
        ("Andel leveranser uten avvik", HIGHER, "Navnet inneholder «uten avvik»: høyere er bedre."),
        ("Avviksfrie tilsyn", HIGHER, "Navnet inneholder «avviksfrie»: høyere er bedre."),
        ("Skadefritt arbeid", HIGHER, "Navnet inneholder «skadefritt»: høyere er bedre."),
        # words that look alike but say nothing
        ("Omsetning i varehandel", UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        ("Saker som gjelder barn", UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        ("Antall innbyggere", UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        ("Endring i vikarbruk", UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        ("Andel saker behandlet", HIGHER, "Navnet inneholder «behandlet»: høyere er bedre."),
        ("Ubehandlet post", UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        # both ways: unknown, naming both
        (
            "Andel avvik som er saksbehandlet",  # Stavanger, årsrapport 2019: the target is 100 %
            UNKNOWN,
            "Ukjent, fordi tegnene peker begge veier. Navnet inneholder «avvik»: lavere er bedre. "
            "Navnet inneholder «behandlet»: høyere er bedre.",
        ),
        (
            "Tilfredshet med klagebehandlingen",
            UNKNOWN,
            "Ukjent, fordi tegnene peker begge veier. Navnet inneholder «tilfredshet»: høyere er bedre. "
            "Navnet inneholder «klage»: lavere er bedre.",
        ),
    ],
)
def test_the_name_says_the_direction_with_the_word_as_the_reason(name, direction, reason):
    assert infer_direction(name) == (direction, reason)


@pytest.mark.parametrize(
    ("targets", "results", "direction", "reason"),
    [
        (["<3"], [], LOWER, "«<3» er en øvre grense: lavere er bedre."),
        (["=‹ 2"], [], LOWER, "«≤2» er en øvre grense: lavere er bedre."),
        (["maks 5"], [], LOWER, "«≤5» er en øvre grense: lavere er bedre."),
        (["<3 uker"], [], LOWER, "«<3 uker» er en øvre grense: lavere er bedre."),
        (["minst 90 %"], [], HIGHER, "«≥90 %» er en nedre grense: høyere er bedre."),
        (["over 170"], [], HIGHER, "«>170» er en nedre grense: høyere er bedre."),
        (["1. plass"], ["3. plass"], LOWER, "«1. plass» er en plassering: lavere er bedre."),
        ([], ["12. plass"], LOWER, "«12. plass» er en plassering: lavere er bedre."),
        (["0"], ["3"], LOWER, "Målet er 0: lavere er bedre."),
        (["ja"], ["nei"], HIGHER, "Målet er «ja»: høyere er bedre (ja er 1, nei er 0)."),
        (["nei"], [], LOWER, "Målet er «nei»: lavere er bedre (ja er 1, nei er 0)."),
        # a result of 0 is no target of 0; a plain number says nothing
        ([], ["0"], UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        (["4,5"], ["4,53"], UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        (["som i fjor"], ["38/62"], UNKNOWN, "Verken navnet eller verdiene sier hvilken vei som er bedre."),
        (
            ["<5", ">3"],
            [],
            UNKNOWN,
            "Ukjent, fordi tegnene peker begge veier. «<5» er en øvre grense: lavere er bedre. "
            "«>3» er en nedre grense: høyere er bedre.",
        ),
    ],
)
def test_the_values_say_the_direction_when_the_name_does_not(targets, results, direction, reason):
    inferred = infer_direction(
        "Indikator", *map(parse_value, results), targets=[parse_value(t) for t in targets]
    )
    assert inferred == (direction, reason)


def test_a_target_of_zero_on_a_deviation_count_says_lower_and_agrees_with_the_name():
    inferred = infer_direction("Avvik fra vedlikeholdsplan", parse_value("3"), targets=[parse_value("0")])
    assert inferred == (LOWER, "Målet er 0: lavere er bedre.")


def test_when_the_name_and_the_values_disagree_the_direction_is_unknown_and_both_are_named():
    direction, reason = infer_direction("Brukertilfredshet", targets=[parse_value("<3")])
    assert direction == UNKNOWN
    assert "«<3» er en øvre grense" in reason and "«tilfredshet»: høyere er bedre" in reason


def test_the_word_lists_are_data_that_compile_and_hold_no_word_twice():
    import re

    words = [*LOWER_IS_BETTER, *HIGHER_IS_BETTER, *HIGHER_HINTS]
    assert len(words) == len(set(words))
    for word in words:
        re.compile(word)
        assert word == word.casefold()
