"""Browser test harness: Playwright driving Debian's Chromium against live_server, with an axe-core check.

Every browser test gets `page` (a fresh context per test) and the helpers `login(page, username)` and
`assert_accessible(page)`. Console errors, including Content-Security-Policy violations, fail the test.
"""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the tests and by
# live_server are still synchronous, so Django's async-safety guard is lifted for the browser tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="nb-NO")
    page = context.new_page()
    # Say where a Content-Security-Policy violation comes from, not just that it happened.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation', e.violatedDirective, e.sourceFile + ':' + e.lineNumber, e.sample))"
    )
    problems: list[str] = []
    # A test that visits a page it expects to be refused says so: `page.expected_statuses.add(403)`.
    page.expected_statuses = set()

    def on_console(msg) -> None:
        if msg.type != "error":
            return
        if any(f"status of {status} " in msg.text for status in page.expected_statuses):
            return
        problems.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status} for {r.url}") if r.status == 404 else None,
    )
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert not problems, f"The browser reported errors: {problems}"


@pytest.fixture
def login():
    def sign_in(page, username: str, password: str = "demo") -> None:
        page.goto("/logg-inn/")
        page.get_by_label("Brukernavn").fill(username)
        page.get_by_label("Passord").fill(password)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(lambda url: "/logg-inn/" not in url)

    return sign_in


def axe_violations(page) -> list[dict]:
    """Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; evaluated over DevTools, so the CSP stays strict."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture
def assert_accessible():
    def check(page) -> None:
        violations = axe_violations(page)
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        ]
        assert not violations, f"axe-core found serious/critical violations on {page.url}:\n" + "\n".join(
            report
        )

    return check


@pytest.fixture
def screenshot():
    """Saves full-page screenshots at desktop and phone width into test-artifacts/ for a human to look at."""

    def shoot(page, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(path=ARTIFACTS / f"{name}-{label}.png", full_page=True)
        page.set_viewport_size(DESKTOP)

    return shoot


@pytest.fixture
def criteria(transactional_db):
    """The criteria the migrations seed: a browser test's database is emptied after each test, data
    migrations too, so the tests that need them load them again."""
    import importlib

    from portfolio.models import Criterion

    migration = importlib.import_module("portfolio.migrations.0002_criteria")
    for spec in migration.CRITERIA:
        values = {k: v for k, v in spec.items() if k != "steps"}
        values.update({f"step_{n}": text for n, text in enumerate(spec["steps"], start=1)})
        Criterion.objects.update_or_create(name=spec["name"], defaults=values)
