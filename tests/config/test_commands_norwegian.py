"""Every management command of the project speaks Norwegian: its help, its output and summaries, and its errors,
with typical arguments and with bad ones, called from code (call_command) and from the shell.

The commands are discovered, so a new command without cases here fails the test that lists them. The check
is the shared list of English words in tests/config/english.py.
"""

import re
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, get_commands, load_command_class

from core.commands import NorwegianCommand

from .english import english_in

pytestmark = pytest.mark.django_db

OPTION = re.compile(r"(?<![\w-])--?[a-z][\w-]*")
SCORECARD = "120: Økonomi og administrasjon"
KULTUR = str(
    Path(__file__).resolve().parents[1] / "data" / "real" / "savings_kristiansand_kultur_2018-2021.xlsx"
)

# Per command: (arguments, whether the command refuses them). {tmp} is a folder of the test's own; the cases
# of one command run in order, so an import reads what the export before it wrote.
CASES: dict[str, list[tuple[list[str], bool]]] = {
    "seed_demo": [
        ([], False),  # the demo is loaded already: says so and changes nothing
        (["--reset", "--no-input"], False),
        (["--bogus"], True),
    ],
    "export_benefits": [
        (["{tmp}/gevinster.xlsx"], False),
        (["{tmp}/gevinster.xlsx", "--programme", "Utvikling og bærekraft"], False),
        (["{tmp}/x.xlsx", "--programme", "Finnes ikke"], True),
        (["{tmp}/finnes-ikke/x.xlsx"], True),
        ([], True),
    ],
    "import_benefits": [
        (["{tmp}/gevinster.xlsx", "--user", "admin"], False),
        (["{tmp}/finnes-ikke.xlsx"], True),
        (["{tmp}/gevinster.xlsx", "--user", "ingen"], True),
        (["{tmp}/tom.xlsx"], True),
        (["{tmp}/feil.xlsx"], True),
        (["{tmp}/gevinster.xlsx", "--bogus"], True),
        ([KULTUR, "--dry-run"], False),  # a published savings table: the preview
        ([KULTUR], True),  # stops with the questions it leaves open
        ([KULTUR, "--mapping", "{tmp}/svar.txt"], True),  # a wrong answers file
    ],
    "export_scorecard": [
        (["--title", SCORECARD, "{tmp}/malekort.xlsx"], False),
        (["--title", SCORECARD, "{tmp}/malekort.csv"], False),
        (["--title", "Finnes ikke", "{tmp}/x.csv"], True),
        (["--title", SCORECARD, "{tmp}/x.txt"], True),
        (["{tmp}/x.csv"], True),
    ],
    "import_scorecard": [
        (["{tmp}/malekort.xlsx", "--title", SCORECARD], False),
        (["{tmp}/malekort.csv", "--title", "130: Kopi", "--owner", "admin"], False),
        (["{tmp}/finnes-ikke.xlsx", "--title", "X"], True),
        (["{tmp}/feil.xlsx", "--title", "X"], True),
        (["{tmp}/malekort.csv", "--title", "131: Kopi", "--owner", "ingen"], True),
        (["{tmp}/malekort.csv"], True),
    ],
    "make_report": [
        (
            ["--period", "2026-T2", "--output", "{tmp}/rapport.pdf", "--subprogramme", "Innbyggerløftet"],
            False,
        ),
        (["--period", "sommeren", "--output", "{tmp}/x.pdf"], True),
        (["--period", "2026-T2", "--output", "{tmp}"], True),
        (["--period", "2026-T2", "--output", "{tmp}/finnes-ikke/x.pdf"], True),
        (["--period", "2026-T2", "--output", "{tmp}/x.pdf", "--subprogramme", "Finnes ikke"], True),
        (["--period", "2026-T2", "--output", "{tmp}/x.pdf", "--project", "Finnes ikke"], True),
        (["--period", "2026-T2", "--output", "{tmp}/x.pdf", "--project", "A", "--subprogramme", "B"], True),
        (["--period", "2026-T2", "--output", "{tmp}/x.pdf", "--timeout", "lenge"], True),
        (["--output", "{tmp}/x.pdf"], True),
    ],
    "clean_uploads": [
        ([], False),
        (["--hours", "0"], False),
        (["--hours", "-1"], True),
        (["--hours", "et døgn"], True),
    ],
}


def told(text: str, tmp_path: Path | None = None) -> set[str]:
    """The English in what a command told its user. The options' names (--programme, --output) are the
    commands' interface, like names in code, and the test's own folder is not the command's words."""
    if tmp_path is not None:
        text = text.replace(str(tmp_path), "MAPPE")
    return english_in(OPTION.sub("", text))


def project_commands() -> dict[str, str]:
    """The commands of the project's own apps, not Django's or a library's: name → app."""
    root = Path(settings.BASE_DIR).resolve()
    found = {}
    for name, app in get_commands().items():
        path = Path(import_module(app).__file__).resolve()
        if root in path.parents and "site-packages" not in path.parts:
            found[name] = app
    return found


@pytest.fixture
def demo_output(settings, tmp_path, eager, media_root):
    """What seed_demo said loading the demo, with report tasks run in-process and the files the import
    cases read."""
    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    (tmp_path / "tom.xlsx").write_bytes(b"")
    (tmp_path / "feil.xlsx").write_bytes(b"dette er ikke et regneark")
    (tmp_path / "svar.txt").write_text("fortegn: kanskje\n", encoding="utf-8")
    return out.getvalue()


def run(name: str, args: list[str], tmp_path: Path) -> tuple[str, bool]:
    """What the command printed and raised, with the test's folder left out; and whether it refused."""
    out, err = StringIO(), StringIO()
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except CommandError as error:
        refused, text = True, f"{out.getvalue()}\n{err.getvalue()}\n{error}"
    else:
        refused, text = False, f"{out.getvalue()}\n{err.getvalue()}"
    return text, refused


def test_every_project_command_has_cases_here_and_speaks_through_the_shared_base():
    commands = project_commands()
    assert set(commands) == set(CASES)
    for name, app in commands.items():
        assert isinstance(load_command_class(app, name), NorwegianCommand), name


@pytest.mark.django_db(transaction=True)  # make_report waits for a task queued when its order commits
def test_every_command_speaks_norwegian_with_typical_and_bad_arguments(demo_output, tmp_path):
    found = {}
    assert demo_output.strip() and not told(demo_output), demo_output
    for name, cases in CASES.items():
        for args, refuses in cases:
            text, refused = run(name, args, tmp_path)
            assert refused == refuses, (name, args, text)
            assert text.strip(), (name, args)
            english = told(text, tmp_path)
            if english:
                found[f"{name} {' '.join(args)}"] = (sorted(english), text.strip())
    assert not found, found


def test_every_command_help_is_norwegian():
    found = {}
    for name, app in project_commands().items():
        text = load_command_class(app, name).create_parser("manage.py", name).format_help()
        english = told(text)
        if english:
            found[name] = (sorted(english), text)
    assert not found, found


def test_a_bad_argument_from_the_shell_is_told_in_norwegian(capsys):
    found = {}
    for name, app in project_commands().items():
        with pytest.raises(SystemExit) as exited:
            load_command_class(app, name).run_from_argv(["manage.py", name, "--bogus"])
        assert exited.value.code == 2
        text = capsys.readouterr().err
        english = told(text)
        if english:
            found[name] = (sorted(english), text)
    assert not found, found


def test_a_refusal_from_the_shell_is_told_in_norwegian(settings, capsys):
    settings.DEBUG = False
    with pytest.raises(SystemExit) as exited:
        load_command_class("demo", "seed_demo").run_from_argv(["manage.py", "seed_demo"])
    assert exited.value.code == 1
    text = capsys.readouterr().err
    assert text.startswith("Feil: "), text
    assert not told(text), text
