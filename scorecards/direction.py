"""Which way an indicator is better, inferred from its name and its values, with the reason shown to the user.

An inferred direction is only a proposal: until a person confirms it (or a file states it), the indicator
gets no Nådd/Ikke nådd (values.status with Direction.UNKNOWN). The words are data: a name that contains a
word of LOWER_IS_BETTER (also inside a compound: «Sykefravær i %», «Antall avvik», «Klagesaker») says lower
is better, one of HIGHER_IS_BETTER («Brukertilfredshet») says higher is better; a word that only hints
(«andel») counts when nothing stronger is there; an absence («avviksfri», «uten avvik») turns a word round.
When the signs point both ways the direction is unknown, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

from .values import DIRECTION_LABELS, Bound, Direction, Kind, Value

# Word stems, casefolded, found anywhere in a word unless the pattern says otherwise (regular expressions).
LOWER_IS_BETTER = (
    "avvik",
    "klage",
    "skade",
    "fravær",
    "sykefravær",
    "sykmeld",
    "ventetid",
    "venteliste",
    r"kø(?:en|er|ene)?\b",
    "behandlingstid",
    "gjennomføringstid",
    "svartid",
    "responstid",
    "liggetid",
    "kostnad",
    "utgift",
    "konflikt",
    "restanse",
    "etterslep",
    "forsinkelse",
    "feil",
    "brudd",
    "reklamasjon",
    "uønske",
    "hendelse",
    "ulykke",
    "overtid",
    "deltid",
    "turnover",
    "mobb",
    "vold",
    "trusler",
    "tvang",
    "overskridelse",
    "merforbruk",
    "underskudd",
    r"gjeld(?!e)",  # not «gjelder», «gjeldende»
    "forbruk",
    "energibruk",
    "utslipp",
    "klimagass",
    "avfall",
    "reinnleggelse",
    "korridorpasient",
    "dødsfall",
)
HIGHER_IS_BETTER = (
    "tilfredshet",
    "fornøyd",
    "trivsel",
    "dekningsgrad",
    "dekning",
    "oppmøte",
    "gjennomføring",
    "gjennomført",
    r"(?<!u)behandlet",  # «saksbehandlet», «behandlet innen frist»; not «ubehandlet»
    "fullført",
    "fullføring",
    "bestått",
    "nærvær",
    "heltid",
    "deltak",
    "mestring",
    "måloppnåelse",
    "driftsresultat",
    "overskudd",
    "disposisjonsfond",
    "gjenvinning",
    "sortering",
    "innen frist",
    "utnyttelse",
    "besøk",
    "utlån",
    "svarprosent",
    "sysselsetting",
    "tilgjengelighet",
)
# Words that hint at higher is better only when the name says nothing stronger: «Andel sykefravær» is lower.
HIGHER_HINTS = (r"(?<!h)andel",)  # not «handel»
# An absence turns a lower-is-better word round: «avviksfri», «skadefrie», «uten avvik».
ABSENCE_AFTER = re.compile(r"s?fri(?:e|tt)?\b")
ABSENCE_BEFORE = re.compile(r"\buten\s+\w*$")


class Inference(NamedTuple):
    direction: Direction
    reason: str  # one or two Norwegian sentences for the user


@dataclass(frozen=True)
class _Sign:
    direction: Direction
    reason: str
    hint: bool = False


def _patterns(words: Iterable[str]) -> list[re.Pattern]:
    return [re.compile(word) for word in words]


_WORDS = [
    *((pattern, Direction.LOWER, False) for pattern in _patterns(LOWER_IS_BETTER)),
    *((pattern, Direction.HIGHER, False) for pattern in _patterns(HIGHER_IS_BETTER)),
    *((pattern, Direction.HIGHER, True) for pattern in _patterns(HIGHER_HINTS)),
]


def infer_direction(name: str, *values: Value | None, targets: Iterable[Value | None] = ()) -> Inference:
    """The direction an indicator's name and values say, with the reason; Direction.UNKNOWN when they say
    nothing or disagree.

    `values` are any of its targets and results; `targets` are values known to be targets, for the signs
    only a target gives (a target of 0 on a count says lower is better; a result of 0 says nothing).
    """
    targets = [value for value in targets if value is not None]
    signs = _value_signs(targets, [value for value in values if value is not None]) + _name_signs(name)
    strong = [sign for sign in signs if not sign.hint] or signs
    if not strong:
        return Inference(Direction.UNKNOWN, _("Neither the name nor the values say which way is better."))
    if len({sign.direction for sign in strong}) > 1:
        reasons = " ".join(dict.fromkeys(sign.reason for sign in strong))
        return Inference(
            Direction.UNKNOWN,
            _("Unknown, because the signs point both ways. %(reasons)s") % {"reasons": reasons},
        )
    return Inference(strong[0].direction, strong[0].reason)


def _label(direction: Direction) -> str:
    return str(DIRECTION_LABELS[direction])


def _value_signs(targets: list[Value], values: list[Value]) -> list[_Sign]:
    signs = []
    for value in [*targets, *values]:
        if value.bound in (Bound.LT, Bound.LE):
            reason = _("«%(value)s» is an upper limit: %(direction)s.")
            signs.append(
                _Sign(Direction.LOWER, reason % {"value": value, "direction": _label(Direction.LOWER)})
            )
        elif value.bound in (Bound.GT, Bound.GE):
            reason = _("«%(value)s» is a lower limit: %(direction)s.")
            signs.append(
                _Sign(Direction.HIGHER, reason % {"value": value, "direction": _label(Direction.HIGHER)})
            )
        elif value.kind == Kind.RANK:
            reason = _("«%(value)s» is a rank: %(direction)s.")
            signs.append(
                _Sign(Direction.LOWER, reason % {"value": value, "direction": _label(Direction.LOWER)})
            )
    for target in targets:
        if target.kind == Kind.YES_NO and target.bound == Bound.NONE:
            direction = Direction.HIGHER if target.number else Direction.LOWER
            reason = _("The target is «%(value)s»: %(direction)s (ja is 1, nei is 0).")
            signs.append(_Sign(direction, reason % {"value": target, "direction": _label(direction)}))
        elif target.kind == Kind.NUMBER and target.bound == Bound.NONE and target.number == 0:
            reason = _("The target is 0: %(direction)s.")
            signs.append(_Sign(Direction.LOWER, reason % {"direction": _label(Direction.LOWER)}))
    return signs


def _name_signs(name: str) -> list[_Sign]:
    """The words of the name that say a direction; where two overlap («gjennomføringstid» holds
    «gjennomføring») the longer one counts."""
    text = " ".join(name.split()).casefold()
    found = []
    for pattern, says, hint in _WORDS:
        for match in pattern.finditer(text):
            (start, end), direction = match.span(), says
            if says == Direction.LOWER:
                if absence := ABSENCE_AFTER.match(text, end):
                    direction, end = Direction.HIGHER, absence.end()
                elif absence := ABSENCE_BEFORE.search(text, 0, start):
                    direction, start = Direction.HIGHER, absence.start()
            found.append((start, end, direction, hint))
    kept = [
        (start, end, direction, hint)
        for start, end, direction, hint in found
        if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _direction, _hint in found)
    ]
    signs, seen = [], set()
    for start, end, direction, hint in sorted(kept):
        word = text[start:end]
        if word in seen:
            continue
        seen.add(word)
        reason = _("The name contains «%(word)s»: %(direction)s.")
        signs.append(_Sign(direction, reason % {"word": word, "direction": _label(direction)}, hint))
    return signs
