"""The answers file of `import_benefits --mapping FILE`: what a person settles about a gains file that the
file leaves open, one `setting: value` per line (or a JSON object of the same), read without the database.

    overskriftsrad: 6
    kolonne A: tiltak
    kolonne «HP 2018»: plan 2018
    enhet: 1000 kr
    fortegn: negativ er gevinst
    ukoblede: hopp over
    delprogram: Oppvekst
    type: Redusert kostnad
    rad 7: prosjekt Digitalt tilsyn
    rad 8: forslag
    rad 9: hopp over

A column is named by its letter or its header, with or without `kolonne` (as in import_scorecard's mapping
file). Every mistake is refused with a Norwegian message naming the line (`MappingFileError`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from benefits import excel, reading
from core.tables import ColumnRole


class MappingFileError(Exception):
    """A line of the answers file that cannot be used; `line` is None for the file as a whole."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ColumnAnswer:
    line: int
    column: str  # a letter or a header, as written
    role: ColumnRole


@dataclass(frozen=True)
class RowAnswer:
    line: int
    decision: str  # reading.LINK, CREATE or SKIP
    project: str = ""  # the project's name, for LINK


@dataclass
class Answers:
    """The answers, typed; None (or empty) where the file says nothing. `lines` tells where a setting stands."""

    header_row: int | None = None  # as the spreadsheet numbers it
    columns: list[ColumnAnswer] = field(default_factory=list)
    scale: int | None = None
    negative_gains: bool | None = None
    unmatched: str = ""
    sub_programme: str = ""
    kind: str = ""
    rows: dict[int, RowAnswer] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


_SETTINGS = ("overskriftsrad", "enhet", "fortegn", "ukoblede", "delprogram", "type")
_SETTING = re.compile(rf"^({'|'.join(_SETTINGS)}|rad\s+\d+)\s*:(.*)$", re.IGNORECASE)
_COLUMN = re.compile(r"^kolonne\s+(.+):([^:]*)$", re.IGNORECASE)
_ROLE_WITH_YEAR = re.compile(r"^(.*?)\s*((?:19|20)\d{2})?$")
_QUOTES = "'\"«»“”"

_UNIT_WORDS = {
    "kr": reading.KRONER,
    "kroner": reading.KRONER,
    "hele kroner": reading.KRONER,
    "nok": reading.KRONER,
    "1": reading.KRONER,
    "1000": reading.THOUSANDS,
    "1 000": reading.THOUSANDS,
    "tusen": reading.THOUSANDS,
    "tusen kroner": reading.THOUSANDS,
    "1000000": reading.MILLIONS,
    "1 000 000": reading.MILLIONS,
    "millioner": reading.MILLIONS,
    "millioner kroner": reading.MILLIONS,
}
_NEGATIVE_WORDS = {"negativ er gevinst", "negative er gevinster", "negativ", "minus er gevinst"}
_POSITIVE_WORDS = {"positiv er gevinst", "positive er gevinster", "positiv", "pluss er gevinst"}
_SKIP_WORDS = {"hopp over", "hoppes over", "hopp"}
_CREATE_WORDS = {"forslag", "prosjektforslag", "nytt forslag"}
_PROJECT = re.compile(r"^prosjekt(?:et)?\s+(.+)$", re.IGNORECASE)


def column_named(key: str) -> str:
    """The column a key names: «kolonne B» → «B», «HP 2018» → «HP 2018»."""
    return _unquoted(re.sub(r"^kolonne\s+", "", key.strip(), flags=re.IGNORECASE))


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unquoted(text: str) -> str:
    return text.strip().strip(_QUOTES).strip()


def read_answers(path: Path) -> Answers:
    """The answers in the file; raises OSError, UnicodeDecodeError or MappingFileError."""
    text = path.read_text(encoding="utf-8-sig")
    return parse_answers(text)


def parse_answers(text: str) -> Answers:
    entries = _json_entries(text) if text.lstrip().startswith("{") else _line_entries(text)
    answers = Answers()
    seen: dict[str, int] = {}
    for line, key, value in entries:
        name = _words(key)
        setting = _SETTING.match(f"{name}:")
        identity = (
            re.sub(r"\s+", " ", setting.group(1)) if setting else f"kolonne {_words(column_named(key))}"
        )
        if identity in seen:
            raise MappingFileError(
                line,
                _("«%(key)s» is answered twice, in lines %(first)s and %(second)s.")
                % {"key": key, "first": seen[identity], "second": line},
            )
        seen[identity] = line
        answers.lines[identity] = line
        _answer(answers, line, identity, key, value)
    return answers


def _line_entries(text: str) -> list[tuple[int, str, str]]:
    entries = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        setting = _SETTING.match(line)
        column = _COLUMN.match(line)
        if setting:
            key, value = setting.group(1), setting.group(2)
        elif column:
            key, value = f"kolonne {_unquoted(column.group(1))}", column.group(2)
        else:
            # A header may hold a colon («120: Personal»); a role never does.
            key, colon, value = line.rpartition(":")
            if not colon or not _unquoted(key):
                raise MappingFileError(
                    number,
                    _("The line has no «setting: answer», e.g. «enhet: 1000 kr» or «kolonne A: tiltak»."),
                )
        entries.append((number, _unquoted(key), _unquoted(value)))
    return entries


def _json_entries(text: str) -> list[tuple[int, str, str]]:
    try:
        pairs = json.loads(text, object_pairs_hook=list)
    except ValueError as exc:
        raise MappingFileError(getattr(exc, "lineno", None), _("The file is not valid JSON.")) from exc
    if not isinstance(pairs, list) or not all(isinstance(pair, tuple | list) for pair in pairs):
        raise MappingFileError(None, _("The JSON file must be one object of «setting: answer»."))
    lines = text.splitlines()
    entries = []
    for key, value in pairs:
        quoted = json.dumps(key, ensure_ascii=False)
        line = next((n for n, text in enumerate(lines, start=1) if quoted in text or f'"{key}"' in text), 1)
        if isinstance(value, dict | list) or value is None:
            raise MappingFileError(
                line, _("The answer to «%(key)s» must be a text or a number.") % {"key": key}
            )
        entries.append((line, _unquoted(str(key)), _unquoted(str(value))))
    return entries


def _answer(answers: Answers, line: int, identity: str, key: str, value: str) -> None:
    words = _words(value)
    if identity == "overskriftsrad":
        if not value.isdigit() or int(value) < 1:
            raise MappingFileError(
                line, _("«overskriftsrad» must be a row number, not «%(value)s».") % {"value": value}
            )
        answers.header_row = int(value)
    elif identity == "enhet":
        answers.scale = unit_answer(line, value)
    elif identity == "fortegn":
        if words not in _NEGATIVE_WORDS | _POSITIVE_WORDS:
            raise MappingFileError(
                line,
                _("«fortegn» must be «negativ er gevinst» or «positiv er gevinst», not «%(value)s».")
                % {"value": value},
            )
        answers.negative_gains = words in _NEGATIVE_WORDS
    elif identity == "ukoblede":
        if words not in _SKIP_WORDS | _CREATE_WORDS:
            raise MappingFileError(
                line, _("«ukoblede» must be «hopp over» or «forslag», not «%(value)s».") % {"value": value}
            )
        answers.unmatched = reading.SKIP if words in _SKIP_WORDS else reading.CREATE
    elif identity == "delprogram":
        if not value:
            raise MappingFileError(line, _("Write the name of the sub-programme after «delprogram:»."))
        answers.sub_programme = value
    elif identity == "type":
        kind = excel._KIND_LOOKUP.get(words)
        if kind is None:
            raise MappingFileError(
                line,
                _("Unknown type «%(value)s». Use one of: %(types)s.")
                % {"value": value, "types": ", ".join(excel.KIND_NAMES.values())},
            )
        answers.kind = kind
    elif identity.startswith("rad "):
        answers.rows[int(identity.split()[1])] = _row_answer(line, identity, value)
    else:
        answers.columns.append(ColumnAnswer(line, column_named(key), _role(line, key, value)))


def unit_answer(line: int, value: str) -> int:
    words = _words(value).removeprefix("i ").removeprefix("hele ")
    scale = _UNIT_WORDS.get(words) or _UNIT_WORDS.get(words.removesuffix(" kr").removesuffix(" kroner"))
    if scale is None:
        scale = reading.unit_in(f"i {value}") or reading.unit_in(value)
    if scale is None:
        raise MappingFileError(
            line,
            _("«%(value)s» is not a unit. Write «kroner», «1000 kr» or «mill. kr».") % {"value": value},
        )
    return scale


def _row_answer(line: int, identity: str, value: str) -> RowAnswer:
    words = _words(value)
    if words in _SKIP_WORDS:
        return RowAnswer(line, reading.SKIP)
    if words in _CREATE_WORDS:
        return RowAnswer(line, reading.CREATE)
    if match := _PROJECT.match(value.strip()):
        return RowAnswer(line, reading.LINK, _unquoted(match.group(1)))
    raise MappingFileError(
        line,
        _("«%(key)s» must be «prosjekt NAME», «forslag» or «hopp over», not «%(value)s».")
        % {"key": identity, "value": value},
    )


def _role(line: int, key: str, text: str) -> ColumnRole:
    match = _ROLE_WITH_YEAR.match(_words(text))
    role = reading.ROLE_WORDS.get(match.group(1))
    year = int(match.group(2)) if match.group(2) else None
    yearly = role in reading.VALUE_ROLES
    if role is None or (year is not None and not yearly):
        raise MappingFileError(
            line,
            _(
                "«%(role)s» for the column «%(column)s» is not a role. Write tiltak, prosjekt, type, gevinsteier, "
                "enhet, «plan YYYY», «lav YYYY», «høy YYYY», «driftskostnad YYYY», «uttak YYYY», «realisert YYYY» "
                "or ignorer."
            )
            % {"role": text, "column": column_named(key)},
        )
    if yearly and year is None:
        raise MappingFileError(
            line, _("«%(role)s» needs the year: e.g. «%(role)s 2025».") % {"role": match.group(1)}
        )
    return ColumnRole(role, year)
