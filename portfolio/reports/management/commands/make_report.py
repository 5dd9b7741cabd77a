"""`make_report`: orders a PDF status report through the same task as the pages, waits for it, saves it."""

import os
import shutil
import time
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.commands import NorwegianCommand, file_problem
from core.periods import Period
from programmes.models import Programme, Project, SubProgramme

from ... import services
from ...models import Origin, Report, ReportStatus


def parse_period(text: str, scheme: str) -> Period:
    """`2. tertial 2026`, `2026-T2`, or a month's label or key (`2026-03`) for monthly programmes."""
    text = text.strip()
    try:
        return Period.from_key(text)
    except ValueError:
        pass
    for year in range(2000, 2101):
        if str(year) not in text:
            continue
        period = Period(year, 1, scheme)
        while period.year == year:
            if str(period.label).casefold() == text.casefold():
                return period
            period = period.next()
    raise CommandError(
        _("Unknown period «%(period)s»; write it as «2. tertial 2026» or «2026-T2».") % {"period": text}
    )


def writable_output(text: str) -> Path:
    """The output path, refused before any work is done if the PDF could not be written there."""
    path = Path(text).expanduser()
    folder = path.parent.resolve()
    if path.is_dir():
        raise CommandError(
            _("--output «%(output)s» is a folder; give a file name such as rapport.pdf.") % {"output": text}
        )
    if not folder.is_dir():
        raise CommandError(
            _("Cannot write «%(output)s»: the folder «%(folder)s» does not exist.")
            % {"output": text, "folder": folder}
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(_("Cannot write «%(output)s»: permission denied.") % {"output": text})
    return path


class Command(NorwegianCommand):
    help = gettext_lazy(
        "Make a PDF status report and save it to a file: the whole programme, or one sub-programme or project. "
        "Queues the same Celery task as the pages and waits for a worker to make the file (make run starts one)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--period", required=True, metavar=_("PERIOD"), help=_("e.g. «2. tertial 2026» or 2026-T2")
        )
        parser.add_argument("--output", required=True, metavar=_("FILE"), help=_("where to write the PDF"))
        parser.add_argument(
            "--programme",
            metavar=_("PROGRAMME"),
            help=_("the programme's name (needed only when there are several)"),
        )
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--subprogramme", metavar=_("SUB-PROGRAMME"), help=_("a sub-programme's name"))
        scope.add_argument("--project", metavar=_("PROJECT"), help=_("a project's name"))
        parser.add_argument(
            "--timeout", type=int, default=600, metavar=_("SECONDS"), help=_("seconds to wait for the worker")
        )

    def handle(self, *args, period, output, programme, subprogramme, project, timeout, **options):
        output_path = writable_output(output)
        programme_obj = self._programme(programme)
        if subprogramme:
            scope_object = SubProgramme.objects.filter(
                programme=programme_obj, name__iexact=subprogramme
            ).first()
            if scope_object is None:
                raise CommandError(
                    _("No sub-programme is named «%(name)s» in %(programme)s.")
                    % {"name": subprogramme, "programme": programme_obj}
                )
        elif project:
            matches = list(
                Project.objects.filter(
                    sub_programme__programme=programme_obj, name__iexact=project
                ).select_related("sub_programme__programme")
            )
            if not matches:
                raise CommandError(
                    _("No project is named «%(name)s» in %(programme)s.")
                    % {"name": project, "programme": programme_obj}
                )
            if len(matches) > 1:
                raise CommandError(
                    _(
                        "%(count)s projects are named «%(name)s» in %(programme)s; the report needs exactly one."
                    )
                    % {"count": len(matches), "name": project, "programme": programme_obj}
                )
            scope_object = matches[0]
        else:
            scope_object = programme_obj
        the_period = parse_period(period, programme_obj.reporting_scheme)

        report, created = services.report_order(
            user=None, scope_object=scope_object, period=the_period, origin=Origin.COMMAND
        )
        if not created:
            self.stderr.write(
                _("Report %(number)s for this scope and period is already being made; waiting for it.")
                % {"number": report.pk}
            )
        elif report.sent_at is None and report.is_active:
            self.stderr.write(_("The queue is not available; the order is recorded and waits for the queue."))
        deadline = time.monotonic() + timeout
        while True:
            report = Report.objects.get(pk=report.pk)
            if report.status == ReportStatus.DONE:
                break
            if report.status == ReportStatus.FAILED:
                raise CommandError(report.error or _("The report failed."))
            if time.monotonic() > deadline:
                raise CommandError(
                    _("No report after %(seconds)s s (status: %(status)s).")
                    % {"seconds": timeout, "status": report.get_status_display()}
                )
            time.sleep(0.5)
        try:
            with report.file.open("rb") as source, open(output_path, "wb") as target:
                shutil.copyfileobj(source, target)
        except OSError as exc:
            raise CommandError(
                _("Report %(number)s was made but could not be written to «%(output)s»: %(reason)s.")
                % {"number": report.pk, "output": output, "reason": file_problem(exc)}
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                ngettext(
                    "Wrote %(output)s: %(pages)s page, %(bytes)s bytes, sha256 %(sha256)s",
                    "Wrote %(output)s: %(pages)s pages, %(bytes)s bytes, sha256 %(sha256)s",
                    report.page_count or 0,
                )
                % {
                    "output": output,
                    "pages": report.page_count,
                    "bytes": report.size,
                    "sha256": report.sha256,
                }
            )
        )

    def _programme(self, name: str | None) -> Programme:
        programmes = Programme.objects.all()
        if name:
            programmes = programmes.filter(name__iexact=name)
        found = list(programmes[:2])
        if len(found) != 1:
            if not found:
                raise CommandError(
                    _("No programme is named «%(name)s».") % {"name": name}
                    if name
                    else _("There is no programme yet.")
                )
            raise CommandError(_("There are several programmes; name the one you mean with --programme."))
        return found[0]
