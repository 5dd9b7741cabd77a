"""One import problem and one summary: where a problem is, said in Norwegian, and what a job keeps of both."""

import pytest

from core.import_problems import ImportProblem, ImportSummary, SummaryLine


@pytest.mark.parametrize(
    ("problem", "said"),
    [
        (
            ImportProblem(12, "Plan 2027", "«mye» er ikke et beløp."),
            "Rad 12, kolonne «Plan 2027»: «mye» er ikke et beløp.",
        ),
        (ImportProblem(1, "", "Overskriftsraden er feil."), "Rad 1: Overskriftsraden er feil."),
        (ImportProblem.for_file("Filen er tom."), "Filen er tom."),
    ],
)
def test_a_problem_says_its_row_and_column_in_norwegian(problem, said):
    assert str(problem) == said


def test_a_job_keeps_the_problems_and_the_lines_as_json_and_gets_the_same_summary_back():
    refused = ImportSummary(
        problems=[ImportProblem(3, "Type", "Ukjent type «Feil»."), ImportProblem.for_file("x")]
    )
    done = ImportSummary(created=2)
    done.say("Importert: 2 nye.")
    done.say("Retningen er gjettet.", level="info")
    kept = ImportSummary.from_json(
        problems=[problem.to_json() for problem in refused.problems],
        lines=[list(line) for line in done.lines],
    )
    assert kept.problems == refused.problems and kept.refused
    assert kept.lines == [
        SummaryLine("success", "Importert: 2 nye."),
        SummaryLine("info", "Retningen er gjettet."),
    ]
