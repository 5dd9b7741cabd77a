"""`make run` on a fresh clone with nothing configured: scripts/run.py (what `make run` starts) migrates, loads
the demo, and runs the web server beside a Celery worker and beat on the filesystem broker and SQLite. A report
ordered in the browser returns at once and its progress bar moves to done by htmx polling, made by that worker;
stopped with Ctrl-C and started again, it keeps what was changed in between (the demo is not loaded over it).

The launcher runs with a clean environment: no REDIS_URL, no PostgreSQL; only its SQLite file, broker folder
and media folder are put in the test's own folder, so a developer's db.sqlite3 and var/ are never touched.
"""

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP

ROOT = Path(__file__).resolve().parents[2]
NEW_NAME = "Endret mens make run var stoppet"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Launcher:
    """`python scripts/run.py` in a session of its own, stopped as a terminal's Ctrl-C would (SIGINT)."""

    def __init__(self, folder: Path, port: int):
        self.folder = folder
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        kept = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}}
        self.env = kept | {
            "DEBUG": "1",  # what `make run` copies from .env.example
            "REDIS_URL": "",  # set and empty: a developer's .env cannot bring Redis in
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "CELERY_FILESYSTEM_DIR": str(folder / "celery"),
            "MEDIA_ROOT": str(folder / "media"),
            "REPORT_STEP_DELAY": "0.3",  # slow enough to see the bar move
        }
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def log(self) -> Path:
        return self.folder / f"run-{self.starts}.log"

    def start(self, timeout: float = 240) -> None:
        self.starts += 1
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "scripts/run.py", "--port", str(self.port), "--noreload"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"scripts/run.py ended: {self.output()[-3000:]}")
            if " ready." in self.output():  # the worker; the web server answers below
                try:
                    urllib.request.urlopen(f"{self.url}/logg-inn/", timeout=2)
                    return
                except OSError:
                    pass
            time.sleep(0.5)
        pytest.fail(f"scripts/run.py did not start in {timeout} s: {self.output()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """Ctrl-C; returns its exit code once it and everything it started have ended."""
        os.kill(self.process.pid, signal.SIGINT)
        try:
            return self.process.wait(40)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"scripts/run.py did not stop in 40 s: {self.output()[-3000:]}")

    def kill(self) -> None:
        """After a failure: the launcher and every process it named in its output."""
        pids = [int(pid) for pid in re.findall(r"\bpid (\d+)", self.output())]
        for pid in [*pids, self.process.pid]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)

    def answers(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0


@pytest.fixture
def launcher(tmp_path):
    launcher = Launcher(tmp_path, free_port())
    yield launcher
    if launcher.process and launcher.process.poll() is None:
        launcher.kill()


@pytest.fixture
def browser_page(browser, launcher):
    context = browser.new_context(base_url=launcher.url, viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not problems, f"The browser reported errors: {problems}"


def query(launcher: Launcher, sql: str, *params):
    with sqlite3.connect(launcher.folder / "db.sqlite3") as db:
        return db.execute(sql, params).fetchall()


def test_make_run_makes_reports_with_its_own_worker_and_keeps_changes_across_restarts(
    launcher, browser_page, login
):
    page = browser_page
    launcher.start()
    assert re.search(r"web pid \d+, worker pid \d+", launcher.output())
    assert "transport:   filesystem://" in launcher.output()

    # The Kommunedirektør orders a report: the order returns at once, and the worker makes it.
    login(page, "direktor")
    page.goto("/rapporter/bestill/")
    page.get_by_label("Rapport for").select_option(label="Velferd og teknologi")
    started = time.monotonic()
    page.get_by_role("button", name="Bestill rapport").click()
    expect(page).to_have_url(re.compile(r"/rapporter/\d+/$"))
    ordered_in = time.monotonic() - started
    bar = page.locator("progress#report-progress-bar")
    expect(bar).to_be_visible()  # not made within the request: it is still queued or being made
    assert ordered_in < 5, f"ordering took {ordered_in:.1f} s"
    report_id = int(re.search(r"/rapporter/(\d+)/$", page.url).group(1))
    page.evaluate("window.__notReloaded = true")
    expect(
        page.get_by_text(re.compile(r"Leser prosjekt \d+ av \d+|Setter opp sidene|Skriver PDF-en"))
    ).to_be_visible(timeout=120_000)
    expect(page.get_by_role("link", name="Åpne PDF")).to_be_visible(timeout=120_000)
    assert page.evaluate("window.__notReloaded === true")  # the bar moved in place, by htmx
    assert query(launcher, "SELECT status, progress FROM reports_report WHERE id = ?", report_id) == [
        ("done", 100)
    ]

    # A project leader renames a project of theirs.
    page.get_by_role("button", name="Logg ut").click()
    login(page, "prosjektleder")
    [(project_id, old_name)] = query(
        launcher,
        "SELECT p.id, p.name FROM programmes_project p JOIN auth_user u ON u.id = p.leader_id "
        "WHERE u.username = 'prosjektleder' ORDER BY p.id LIMIT 1",
    )
    page.goto(f"/prosjekter/{project_id}/endre/")
    page.get_by_label(re.compile(r"^Navn( \(må fylles ut\))?$")).fill(NEW_NAME)
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status")).to_contain_text("Endringene er lagret.")
    projects = query(launcher, "SELECT COUNT(*) FROM programmes_project")

    # Ctrl-C stops web, worker and beat; started again, it loads nothing over the changes. The page is left
    # first: a page still open on a stopped server would ask it for something and be refused.
    page.goto("about:blank")
    assert launcher.stop() == 0
    assert not launcher.answers()
    launcher.start()
    assert "Databasen har allerede data" in launcher.output()
    assert query(launcher, "SELECT COUNT(*) FROM programmes_project") == projects
    page.goto(f"/prosjekter/{project_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    assert old_name != NEW_NAME
    assert query(launcher, "SELECT status FROM reports_report") == [("done",)]
    page.goto("about:blank")
    assert launcher.stop() == 0
