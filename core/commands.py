"""The base of every project management command: it speaks Norwegian, from its help text and argument errors
to its last line, whatever language the shell or a caller has active.

A command writes its texts as English msgids through gettext, like the rest of the codebase; this base runs
the command, builds its parser and reports its errors in the product's language (settings.LANGUAGE_CODE).
argparse marks its own words for gettext (usage, options, «the following arguments are required», …) but
looks them up in Python's catalogue, which has no Norwegian; while one of our parsers works, argparse looks
them up in ours instead.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser, SystemCheckError
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, ngettext, ngettext_lazy

from . import intake
from .import_problems import ImportProblem, ImportSummary


@contextlib.contextmanager
def in_norwegian() -> Iterator[None]:
    """The product's language active, and argparse's own messages taken from our catalogue."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        with translation.override(settings.LANGUAGE_CODE):
            yield
    finally:
        argparse._, argparse.ngettext = saved


class NorwegianParser(CommandParser):
    """Django's parser, with argparse's texts and errors in Norwegian also when called through call_command."""

    def parse_args(self, args=None, namespace=None):
        with in_norwegian():
            return super().parse_args(args, namespace)

    def format_usage(self) -> str:
        with in_norwegian():
            return super().format_usage()

    def format_help(self) -> str:
        with in_norwegian():
            return super().format_help()

    def error(self, message):
        with in_norwegian():
            if self.called_from_command_line:
                super().error(message)
            raise CommandError(gettext("Error: %(message)s") % {"message": message})


class NorwegianCommand(BaseCommand):
    """What every command of the project derives from instead of Django's BaseCommand.

    `help` may be a lazy translation (gettext_lazy); texts in `add_arguments` and `handle` use gettext.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        with in_norwegian():
            parser = super().create_parser(prog_name, subcommand, **kwargs)
            # Django's create_parser builds a CommandParser and has no hook for another class; the parser
            # holds no state of its own beyond what CommandParser holds, so it can take on our methods.
            parser.__class__ = NorwegianParser
            parser.description = str(self.help) or None
            # Django's own options (--verbosity, --settings, …) have English help texts, translated in our
            # catalogue (see DJANGO_OPTIONS); a command's own help texts are translated already.
            for action in parser._actions:
                if action.help and action.help != argparse.SUPPRESS:
                    action.help = gettext(action.help)
                if action.dest in DJANGO_METAVARS:
                    action.metavar = gettext(DJANGO_METAVARS[action.dest])
        return parser

    def execute(self, *args, **options):
        with in_norwegian():
            try:
                return super().execute(*args, **options)
            except CommandError as error:
                # From the shell, Django would print «CommandError: …»; say «Feil: …» instead.
                from_shell = getattr(self, "_called_from_command_line", False)
                if not from_shell or options.get("traceback") or isinstance(error, SystemCheckError):
                    raise
                self.stderr.write(gettext("Error: %(message)s") % {"message": error})
                sys.exit(error.returncode)

    def write_file(self, file: Path, content: bytes) -> None:
        """Writes `content` to `file`; a file that cannot be written ends the command, saying why."""
        try:
            file.write_bytes(content)
        except OSError as exc:
            raise CommandError(
                gettext("Cannot write %(file)s: %(reason)s.") % {"file": file, "reason": file_problem(exc)}
            ) from exc

    def user_named(self, username: str | None) -> AbstractBaseUser | None:
        """The user with `username` (None when none is given); a name no user has ends the command."""
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(gettext("No user has the username «%(username)s».") % {"username": username})
        return user


class ImportCommand(NorwegianCommand):
    """A command that imports a file, all or nothing: a refused file prints every problem (row, column,
    message) and exits with status 1; an imported one prints the import's summary."""

    def read_file(self, file: Path, limits: intake.Limits) -> bytes:
        """The file's bytes; a file that cannot be read, or is refused as a whole (too large, empty), ends
        the command."""
        try:
            return intake.read_path(file, limits)
        except OSError as exc:
            raise CommandError(
                gettext("Cannot read %(file)s: %(reason)s.") % {"file": file, "reason": file_problem(exc)}
            ) from exc
        except intake.FileRefused as exc:
            raise self.refused(file, exc.problems) from exc

    def report(self, file: Path, summary: ImportSummary) -> None:
        if summary.refused:
            raise self.refused(file, summary.problems)
        for line in summary.lines:
            self.stdout.write(self.style.SUCCESS(line.text) if line.level == "success" else line.text)

    def refused(self, file: Path, problems: list[ImportProblem]) -> CommandError:
        for problem in problems:
            self.stderr.write(str(problem))
        return CommandError(
            ngettext(
                "%(file)s was not imported: %(count)s error. Nothing was changed.",
                "%(file)s was not imported: %(count)s errors. Nothing was changed.",
                len(problems),
            )
            % {"file": file.name, "count": len(problems)}
        )


def file_problem(exc: OSError) -> str:
    """Why a file could not be read or written, in Norwegian: the system's own reason (strerror) is English."""
    reasons = {
        errno.ENOENT: gettext("the file or folder does not exist"),
        errno.EACCES: gettext("permission denied"),
        errno.EPERM: gettext("permission denied"),
        errno.EISDIR: gettext("it is a folder, not a file"),
        errno.ENOTDIR: gettext("a part of the path is not a folder"),
        errno.ENOSPC: gettext("the disk is full"),
        errno.EROFS: gettext("the disk is read-only"),
    }
    return reasons.get(exc.errno, gettext("error number %(number)s") % {"number": exc.errno})


# Django's and argparse's own texts, so that `make messages` keeps their Norwegian translations.
DJANGO_OPTIONS = (
    gettext_noop("Show program's version number and exit."),
    gettext_noop(
        "Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output"
    ),
    gettext_noop(
        'The Python path to a settings module, e.g. "myproject.settings.main". If this isn\'t provided, the '
        "DJANGO_SETTINGS_MODULE environment variable will be used."
    ),
    gettext_noop('A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".'),
    gettext_noop("Display a full stack trace on CommandError exceptions."),
    gettext_noop("Don't colorize the command output."),
    gettext_noop("Force colorization of the command output."),
    gettext_noop("Skip system checks."),
)
DJANGO_METAVARS = {"settings": gettext_noop("MODULE"), "pythonpath": gettext_noop("FOLDER")}
ARGPARSE_MESSAGES = (
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    ngettext_lazy("expected %s argument", "expected %s arguments", 1),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("unexpected option string: %s"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
)
