"""The form of a gains file's column page with the gains ledger's roles: beside the project, measure, type,
owner and responsible unit, each year's planned, low, high, operating cost, budget withdrawal and realised
figure (reading.VALUE_ROLES). It takes the place of forms.GainsColumnsForm, which offered only the planned
and realised figures and a yes/no withdrawal."""

from __future__ import annotations

from core import tables, upload_pages
from core.tables import ColumnRole

from . import reading

# The roles a column of a gains file may be given, before the years' figures.
GAINS_ROLES = reading.SINGLE_ROLES


def column_choices(mapping: reading.GainsMapping, years: list[int]) -> list[tuple[str, str]]:
    """Every role a column may be given: the single ones, then each figure for each year (a figure without a
    year only when the mapping proposed one, to be given its year), and «Not to be imported» last."""
    choices = [
        (reading.role_name(ColumnRole(key)), reading.role_label(ColumnRole(key))) for key in GAINS_ROLES
    ]
    yearless = {role.key for role in mapping.columns.values() if role.year is None}
    for key in reading.VALUE_ROLES:
        choices += [
            (reading.role_name(ColumnRole(key, year)), reading.role_label(ColumnRole(key, year)))
            for year in years
        ]
        if key in yearless:
            choices.append((reading.role_name(ColumnRole(key)), reading.role_label(ColumnRole(key))))
    choices.append((tables.IGNORE, reading.role_label(ColumnRole(tables.IGNORE))))
    return choices


class GainsColumnsForm(upload_pages.ColumnsForm):
    """What each column of an uploaded gains file holds; its `mapping` once valid, with the unit, sign and
    row choices made before kept. The errors are the questions the columns leave open, on the column they
    are about (reading.mapping_questions)."""

    def __init__(
        self,
        *args,
        header: tables.Header,
        mapping: reading.GainsMapping,
        columns: list[int],
        years: list[int],
        **kwargs,
    ):
        super().__init__(
            *args,
            header=header,
            columns=columns,
            choices=column_choices(mapping, years),
            initial_roles={index: reading.role_name(role) for index, role in mapping.columns.items()},
            **kwargs,
        )
        self.mapping = mapping

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        mapping = self.mapping.replace(
            header_rows=self.header.rows, columns=self.roles(reading.role_from_name), remembered=False
        )
        self.add_questions(reading.mapping_questions(self.header, mapping))
        cleaned["mapping"] = mapping
        return cleaned
