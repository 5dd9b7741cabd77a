"""`clean_uploads [--hours N]`: deletes the uploads never confirmed, with their files (core.uploads), as beat
does every hour."""

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.commands import NorwegianCommand
from core.uploads import Cleaned, uploads_clean


class Command(NorwegianCommand):
    help = gettext_lazy(
        "Delete the uploaded files whose import was never confirmed, once they are older than "
        "UPLOAD_KEEP_HOURS, and files that no upload holds."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            metavar=_("HOURS"),
            help=_("Delete uploads older than this many hours (default: UPLOAD_KEEP_HOURS, now %(hours)s).")
            % {"hours": settings.UPLOAD_KEEP_HOURS},
        )

    def handle(self, *args, hours: int | None, **options):
        if hours is not None and hours < 0:
            raise CommandError(_("The number of hours cannot be negative."))
        self.stdout.write(said(uploads_clean(hours=hours)))


def said(cleaned: Cleaned) -> str:
    """What a cleanup did, as one Norwegian sentence."""
    age = ngettext("%(count)s hour", "%(count)s hours", cleaned.hours) % {"count": cleaned.hours}
    if not (cleaned.uploads or cleaned.files):
        return _("No uploads were older than %(age)s.") % {"age": age}
    parts = []
    if cleaned.uploads:
        parts.append(
            ngettext(
                "%(count)s upload older than %(age)s",
                "%(count)s uploads older than %(age)s",
                cleaned.uploads,
            )
            % {"count": cleaned.uploads, "age": age}
        )
    if cleaned.files:
        parts.append(
            ngettext(
                "%(count)s file that no upload held", "%(count)s files that no upload held", cleaned.files
            )
            % {"count": cleaned.files}
        )
    what = (
        parts[0]
        if len(parts) == 1
        else _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]}
    )
    return _("Deleted %(what)s.") % {"what": what}
