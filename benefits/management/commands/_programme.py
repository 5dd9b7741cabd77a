"""The programme a benefits command works on: --programme (id or name), or the only one there is."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from core.params import parse_id
from programmes.models import Programme


def add_programme_argument(parser) -> None:
    parser.add_argument(
        "--programme",
        metavar=_("PROGRAMME"),
        help=_("The programme's id or name; may be left out when there is only one programme."),
    )


def find_programme(value: str | None) -> Programme:
    if value:
        pk = parse_id(value)
        found = Programme.objects.filter(pk=pk) if pk else Programme.objects.none()
        found = found or Programme.objects.filter(name__iexact=value.strip())
        programme = found.first()
        if programme is None:
            raise CommandError(_("No programme has the id or name «%(value)s».") % {"value": value})
        return programme
    programmes = list(Programme.objects.all()[:2])
    if len(programmes) != 1:
        raise CommandError(
            _("There are several programmes; name the one you mean with --programme.")
            if programmes
            else _("There is no programme yet.")
        )
    return programmes[0]
