"""`make_report`: orders a PDF status report through the same task as the pages, waits for it, saves it."""

import os
import shutil
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.models import Programme, Project, SubProgramme
from programmes.periods import Period

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
    raise CommandError(f"Unknown period {text!r}; write it as '2. tertial 2026' or '2026-T2'.")


def writable_output(text: str) -> Path:
    """The output path, refused before any work is done if the PDF could not be written there."""
    path = Path(text).expanduser()
    folder = path.parent.resolve()
    if path.is_dir():
        raise CommandError(f"--output {text!r} is a folder; give a file name such as report.pdf.")
    if not folder.is_dir():
        raise CommandError(f"Cannot write {text!r}: the folder {str(folder)!r} does not exist.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"Cannot write {text!r}: permission denied.")
    return path


class Command(BaseCommand):
    help = (
        "Make a PDF status report and save it to a file: the whole programme, or one sub-programme or project. "
        "Queues the same Celery task as the pages and waits for the file (in-process when REDIS_URL is unset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="e.g. '2. tertial 2026' or 2026-T2")
        parser.add_argument("--output", required=True, help="where to write the PDF")
        parser.add_argument("--programme", help="the programme's name (needed only when there are several)")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--subprogramme", help="a sub-programme's name")
        scope.add_argument("--project", help="a project's name")
        parser.add_argument("--timeout", type=int, default=600, help="seconds to wait for the worker")

    def handle(self, *args, period, output, programme, subprogramme, project, timeout, **options):
        output_path = writable_output(output)
        programme_obj = self._programme(programme)
        if subprogramme:
            scope_object = SubProgramme.objects.filter(
                programme=programme_obj, name__iexact=subprogramme
            ).first()
            if scope_object is None:
                raise CommandError(f"No sub-programme named {subprogramme!r} in {programme_obj}.")
        elif project:
            matches = list(
                Project.objects.filter(
                    sub_programme__programme=programme_obj, name__iexact=project
                ).select_related("sub_programme__programme")
            )
            if len(matches) != 1:
                raise CommandError(
                    f"{len(matches)} projects named {project!r} in {programme_obj}; need exactly one."
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
                f"Report {report.pk} for this scope and period is already being made; waiting for it."
            )
        elif report.sent_at is None and report.is_active:
            self.stderr.write("The queue is not available; the order is recorded and waits for the queue.")
        deadline = time.monotonic() + timeout
        while True:
            report = Report.objects.get(pk=report.pk)
            if report.status == ReportStatus.DONE:
                break
            if report.status == ReportStatus.FAILED:
                raise CommandError(report.error or "The report failed.")
            if time.monotonic() > deadline:
                raise CommandError(f"No report after {timeout} s (status: {report.get_status_display()}).")
            time.sleep(0.5)
        try:
            with report.file.open("rb") as source, open(output_path, "wb") as target:
                shutil.copyfileobj(source, target)
        except OSError as exc:
            raise CommandError(
                f"Report {report.pk} was made but could not be written to {output!r}: {exc.strerror}."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {report.page_count} pages, {report.size} bytes, sha256 {report.sha256}"
            )
        )

    def _programme(self, name: str | None) -> Programme:
        programmes = Programme.objects.all()
        if name:
            programmes = programmes.filter(name__iexact=name)
        found = list(programmes[:2])
        if len(found) != 1:
            raise CommandError("Name the programme with --programme." if found else "No such programme.")
        return found[0]
