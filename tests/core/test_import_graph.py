"""Dependencies point one way: no module imports, or links by URL name to, an app above its own.

The order, bottom to top: core < programmes, accounts < scorecards < benefits < portfolio < reports
(portfolio.reports) < notifications < demo, config. benefits sits above scorecards since a gain serves the master
plan's goals and may be measured by a scorecard indicator (issue 18). Apps on the same level (demo and config) do
not import each other either. The test reads the source with `ast` and never imports it, so a cycle cannot hide a violation.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Package prefix -> (app, level). The longest prefix wins, so portfolio.reports is not portfolio.
LAYERS = {
    "core": 0,
    "programmes": 1,
    "accounts": 1,
    "scorecards": 2,
    "benefits": 3,
    "portfolio": 4,
    "portfolio.reports": 5,
    "notifications": 6,
    "demo": 7,
    "config": 7,
}
# URL namespaces of the apps, as `{% url %}`, `reverse()` and `redirect()` name them.
NAMESPACES = {"programmes": "programmes", "benefits": "benefits", "scorecards": "scorecards"}
NAMESPACES |= {"portfolio": "portfolio", "reports": "portfolio.reports", "demo": "demo"}
NAMESPACES |= {"notifications": "notifications"}
URL_NAME = re.compile(r"^(?P<namespace>[a-z_]+):[a-z_]+$")
TEMPLATE_URL = re.compile(r"""{%\s*url\s+['"](?P<namespace>[a-z_]+):""")
# `{% include "benefits/x.html" %}` uses the templates of benefits (templates/<app>/, reports for its app).
TEMPLATE_USE = re.compile(r"""{%\s*(?:include|extends)\s+['"](?P<folder>[a-z_]+)/""")
FOLDERS = {"reports": "portfolio.reports"}


def app_of(dotted: str) -> str | None:
    """The app a dotted module name belongs to, or None for Django, libraries and the standard library."""
    parts = dotted.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        if prefix in LAYERS:
            return prefix
    return None


def may_use(importer: str, imported: str) -> bool:
    return imported == importer or LAYERS[imported] < LAYERS[importer]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(tree: ast.Module, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module the source imports, relative imports resolved, with the line that imports it."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            # `from . import reports` imports a submodule: name it, so portfolio.reports is seen.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def url_names(tree: ast.Module) -> list[tuple[int, str]]:
    """String constants that look like a namespaced URL name ("reports:archive")."""
    return [
        (node.lineno, match["namespace"])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for match in [URL_NAME.match(node.value)]
        if match and match["namespace"] in NAMESPACES
    ]


def python_violations(root: Path) -> list[str]:
    problems = []
    for top in sorted({prefix.split(".")[0] for prefix in LAYERS}):
        for path in sorted((root / top).rglob("*.py")):
            module = module_name(path, root)
            importer = app_of(module)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            where = path.relative_to(root)
            for line, name in imported_modules(tree, module, path.name == "__init__.py"):
                imported = app_of(name)
                if imported and not may_use(importer, imported):
                    problems.append(f"{where}:{line} ({importer}) imports {name} ({imported})")
            for line, namespace in url_names(tree):
                if not may_use(importer, NAMESPACES[namespace]):
                    problems.append(f"{where}:{line} ({importer}) names a URL of {NAMESPACES[namespace]}")
    return problems


def template_violations(root: Path) -> list[str]:
    """templates/<app>/ belongs to that app; the shared templates (base, includes) sit at the top."""
    problems = []
    for folder in sorted((root / "templates").iterdir()):
        importer = FOLDERS.get(folder.name, folder.name)
        if importer not in LAYERS:
            continue
        for path in sorted(folder.rglob("*.html")):
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                where = path.relative_to(root)
                for match in TEMPLATE_URL.finditer(text):
                    imported = NAMESPACES.get(match["namespace"])
                    if imported and not may_use(importer, imported):
                        problems.append(f"{where}:{number} ({importer}) links to a URL of {imported}")
                for match in TEMPLATE_USE.finditer(text):
                    imported = FOLDERS.get(match["folder"], match["folder"])
                    if imported in LAYERS and not may_use(importer, imported):
                        problems.append(f"{where}:{number} ({importer}) uses a template of {imported}")
    return problems


def test_no_module_imports_or_names_a_url_of_an_app_above_its_own():
    assert python_violations(ROOT) == []


def test_no_app_template_links_to_a_url_of_an_app_above_its_own():
    assert template_violations(ROOT) == []


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("core/x.py", "from programmes.models import Project\n", "x.py:1 (core) imports programmes.models"),
        ("programmes/views/x.py", "from ...portfolio import models\n", "imports portfolio.models"),
        ("programmes/x.py", "def f():\n    import benefits.selectors\n", "x.py:2 (programmes) imports"),
        ("scorecards/x.py", "from benefits import selectors\n", "(scorecards) imports benefits.selectors"),
        ("portfolio/x.py", "from .reports import tasks\n", "imports portfolio.reports.tasks"),
        ("portfolio/reports/x.py", "import demo.story\n", "(portfolio.reports) imports demo.story (demo)"),
        ("config/x.py", "from demo import seed\n", "(config) imports demo.seed (demo)"),
        ("programmes/x.py", "redirect('reports:archive')\n", "(programmes) names a URL of portfolio.reports"),
    ],
)
def test_a_module_that_reaches_upward_is_found(tmp_path, path, source, expected):
    for top in {prefix.split(".")[0] for prefix in LAYERS}:
        (tmp_path / top).mkdir()
    (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / path).write_text(source, encoding="utf-8")
    problems = python_violations(tmp_path)
    assert len(problems) == 1
    assert expected in problems[0]


@pytest.mark.parametrize(
    "source",
    [
        "from core import roles\nimport django.db\n",
        "from . import models\nfrom .models import Project\n",
        "redirect('programmes:project_detail')\n",
    ],
)
def test_a_module_that_uses_its_own_app_or_lower_passes(tmp_path, source):
    for top in {prefix.split(".")[0] for prefix in LAYERS}:
        (tmp_path / top).mkdir()
    (tmp_path / "programmes" / "x.py").write_text(source, encoding="utf-8")
    assert python_violations(tmp_path) == []


def test_a_template_that_links_upward_is_found(tmp_path):
    (tmp_path / "templates" / "programmes").mkdir(parents=True)
    (tmp_path / "templates" / "includes").mkdir()
    (tmp_path / "templates" / "programmes" / "x.html").write_text(
        "<a href=\"{% url 'programmes:project_detail' 1 %}\">\n<a href=\"{% url 'benefits:overview' %}\">\n"
        '{% include "includes/field.html" %}{% include "programmes/x.html" %}\n{% include "reports/y.html" %}\n'
    )
    (tmp_path / "templates" / "includes" / "tabs.html").write_text("{% url 'portfolio:board' %}")
    assert template_violations(tmp_path) == [
        "templates/programmes/x.html:2 (programmes) links to a URL of benefits",
        "templates/programmes/x.html:4 (programmes) uses a template of portfolio.reports",
    ]
