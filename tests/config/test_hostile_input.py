"""Every form and query parameter of the product, sent hostile values: never a 500, always a Norwegian answer.

Like test_url_permissions.py walks every URL, this test walks every page an administrator can open, reads
the forms the page really renders (POST and GET) and the query parameters of its own links, and sends each
field in turn a value a careless or hostile client may send: letters where a number belongs, a number
beyond any database column, a NUL byte (PostgreSQL refuses it in text), a superscript digit (which
str.isdigit() accepts and int() refuses) and a text far longer than any column. Every other field keeps the
value the page rendered, so the hostile value is the only thing wrong. Each request runs in a savepoint
that is rolled back, so the world is the same for every request.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from core.params import BIGINT_MAX, parse_id
from tests.config import test_url_permissions as permissions
from tests.config.test_url_permissions import ADMINISTRATOR, ANONYMOUS, EXPECTED, build_url, url_kwargs

# The world of the permission test: one programme with every kind of object, and a user per role.
world = permissions.world

pytestmark = pytest.mark.django_db

HOSTILE = {
    "letters": "abc",
    "25 digits": "9" * 25,
    "NUL byte": "Ny\x00verdi",
    "superscript digit": "²",
    "20 000 characters": "x" * 20_000,
}

# Untranslated Django or project messages would show one of these instead of Norwegian.
ENGLISH = (
    "Enter a",
    "Ensure this value",
    "This field is required",
    "Select a valid choice",
    "Null characters",
    "is not allowed",
    "Bad Request",
    "Server Error",
)

# Pages an administrator opens; their forms are the product's forms (the admin site is Django's).
PAGES = sorted(name for name, statuses in EXPECTED.items() if statuses[ADMINISTRATOR] == 200)


@dataclass
class Form:
    method: str
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)
    has_file: bool = False
    htmx: bool = False  # posted by htmx too (hx-post), which must answer an error with 422


class FormParser(HTMLParser):
    """The forms of a page with the values a browser would send, and the links' query strings."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None
        self._text = ""
        self._radios: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href") and "?" in a["href"]:
            self.links.append(urljoin(self.page_url, a["href"]))
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            self._form = Form(method=(a.get("method") or "get").lower(), action=action, htmx="hx-post" in a)
            self._radios = {}
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                form.has_file = True
            elif kind == "submit":
                form.buttons.append((name, a.get("value", "")))
            elif kind == "radio":
                if "checked" in a or name not in self._radios:
                    self._radios[name] = a.get("value", "on")
            elif kind == "checkbox":
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            else:
                form.fields.append((name, a.get("value") or plausible(kind, a)))
        elif tag == "button" and name and (a.get("type") or "submit") == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select:
            # The selected option, else the first real one (not the empty «choose» line).
            if "selected" in a or not self._select_value:
                self._select_value = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        form = self._form
        if form is None:
            return
        if tag == "select" and self._select:
            form.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            form.fields.append((self._textarea, self._text.strip("\n") or "Tekst"))
            self._textarea = None
        elif tag == "form":
            form.fields.extend(self._radios.items())
            self.forms.append(form)
            self._form = None


def plausible(kind: str, attrs: dict) -> str:
    """A valid value for an empty input, so that the hostile value is the only thing wrong in the form."""
    if kind == "hidden":
        return ""
    if kind == "date":
        return "2027-01-15"
    if kind == "number":
        return attrs.get("min") or "1"
    if attrs.get("inputmode") in ("numeric", "decimal"):
        return "1"
    return "Tekst"


def parse(url: str, html: str) -> FormParser:
    parser = FormParser(f"http://testserver{url}")
    parser.feed(html)
    return parser


def is_product_url(url: str) -> bool:
    path = urlsplit(url).path
    return not path.startswith(("/admin/", "/static/", "/media/")) and path != reverse("logout")


def send(client, method: str, url: str, data: list[tuple[str, str]], *, htmx: bool = False):
    """One request in a savepoint that is rolled back, so every request meets the same world."""
    with transaction.atomic():
        if method == "post":
            headers = {"HX-Request": "true"} if htmx else {}
            response = client.post(url, data=_multi(data), headers=headers)
        else:
            split = urlsplit(url)
            response = client.get(f"{split.path}?{urlencode(data)}")
        transaction.set_rollback(True)
    return response


def _multi(pairs):
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def problem(response, what: str) -> str | None:
    """Why `response` is not a safe answer to a hostile value, or None when it is."""
    status = response.status_code
    if status >= 500:
        return f"{what}: {status}"
    if status in (301, 302, 303, 200, 403, 404, 405):
        return None
    body = response.content.decode(errors="replace")
    english = [text for text in ENGLISH if text in body]
    if english:
        return f"{what}: {status} with English text {english}"
    if "ds-error-summary" not in body and 'data-color="danger"' not in body and "<h1" not in body:
        return f"{what}: {status} without a Norwegian message (body {body[:200]!r})"
    return None


def htmx_problem(response, what: str) -> str | None:
    """As problem(), and an htmx swap that refuses the input answers 422 (htmx swaps no other error)."""
    if response.status_code == 400:
        return f"{what}: 400 to htmx, which swaps only a 422"
    return problem(response, what)


def hostile_requests(form: Form):
    """(description, data) for every field of `form` with each hostile value, the rest as rendered."""
    buttons = form.buttons[:1]
    base = form.fields + buttons
    names = [name for name, _value in base if name != "csrfmiddlewaretoken"]
    for name in dict.fromkeys(names):
        for label, value in HOSTILE.items():
            data = [(n, value if n == name else v) for n, v in base]
            yield f"{form.method.upper()} {urlsplit(form.action).path} {name}={label}", data
    for button in form.buttons[1:]:
        for label, value in HOSTILE.items():
            data = [*form.fields, (button[0], value)]
            yield f"{form.method.upper()} {urlsplit(form.action).path} {button[0]}={label}", data


def link_requests(parser: FormParser, page_path: str):
    """Each query parameter of the page's links to itself, with each hostile value."""
    seen = set()
    for link in parser.links:
        split = urlsplit(link)
        if split.path != page_path:
            continue
        params = parse_qsl(split.query, keep_blank_values=True)
        for name, _value in params:
            if name in seen:
                continue
            seen.add(name)
            for label, value in HOSTILE.items():
                data = [(n, value if n == name else v) for n, v in params]
                yield f"GET {page_path} ?{name}={label}", data


def walk(client, url: str) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200, f"{url}: {page.status_code}"
    html = page["Content-Type"].startswith("text/html")
    parser = parse(url, page.content.decode() if html else "")
    problems = []
    for form in parser.forms:
        if not is_product_url(form.action):
            continue
        for what, data in hostile_requests(form):
            problems.append(problem(send(client, form.method, form.action, data), what))
            if form.htmx:
                response = send(client, form.method, form.action, data, htmx=True)
                problems.append(htmx_problem(response, f"{what} (htmx)"))
    for what, data in link_requests(parser, urlsplit(url).path):
        problems.append(problem(send(client, "get", url, data), what))
    # Every page also takes the programme it shows from ?programme= (portfolio, reports).
    for label, value in HOSTILE.items():
        problems.append(
            problem(send(client, "get", url, [("programme", value)]), f"GET {url} ?programme={label}")
        )
    return [text for text in problems if text]


@pytest.mark.parametrize("name", PAGES)
def test_every_form_of_the_page_answers_hostile_values_without_a_server_error(client, world, name):
    users, objects = world
    client.force_login(users[ADMINISTRATOR])
    client.raise_request_exception = False
    url = build_url(name, url_kwargs(name), objects)
    problems = walk(client, url)
    assert not problems, "\n".join(problems)


def test_the_login_form_answers_hostile_values_without_a_server_error(client):
    client.raise_request_exception = False
    assert EXPECTED["login"][ANONYMOUS] == 200
    problems = walk(client, reverse("login"))
    assert not problems, "\n".join(problems)


# --- The defects as they were found (issue 14) ------------------------------------------------------------


def test_a_non_numeric_criterion_on_the_board_is_not_found_rather_than_a_server_error(client, world):
    users, objects = world
    client.force_login(users[ADMINISTRATOR])
    url = reverse("portfolio:assess", args=[objects["project"].pk])
    response = client.post(url, {"criterion": "abc", "score": "3", "rationale": "Begrunnelse"})
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()


def test_a_capacity_of_25_digits_is_refused_in_norwegian_with_the_input_kept(client, world):
    from portfolio.models import Capacity

    users, objects = world
    client.force_login(users[ADMINISTRATOR])
    url = f"{reverse('portfolio:capacity')}?programme={objects['programme'].pk}"
    kroner = "9" * 25
    response = client.post(url, {"year": "2027", "person_years": "2,5", "kroner": kroner})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv et beløp på høyst 999\u00a0999\u00a0999\u00a0999 kr." in html
    assert 'class="ds-error-summary' in html
    assert f'value="{kroner}"' in html
    assert not Capacity.objects.exists()


def test_a_capacity_at_the_limit_is_saved(client, world):
    from portfolio.models import Capacity

    users, objects = world
    client.force_login(users[ADMINISTRATOR])
    url = f"{reverse('portfolio:capacity')}?programme={objects['programme'].pk}"
    response = client.post(url, {"year": "2027", "person_years": "2,5", "kroner": "999 999 999 999"})
    assert response.status_code == 302
    assert Capacity.objects.get().kroner == 999_999_999_999


def test_a_tampered_hidden_field_gets_a_norwegian_page_not_an_empty_400(client, world):
    users, objects = world
    client.force_login(users[ADMINISTRATOR])
    url = f"{reverse('portfolio:rank_by_priority')}?programme={objects['programme'].pk}"
    response = client.post(url, {"confirm": "1", "version": "abc"})
    assert response.status_code == 400
    assert "Forespørselen kunne ikke forstås" in response.content.decode()


def test_an_over_long_username_is_refused_in_norwegian_not_a_server_error(client, db):
    response = client.post(reverse("login"), {"username": "x" * 20_000, "password": "feil"})
    assert response.status_code == 200
    assert "150 eller færre tegn" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", None),
        ("-1", None),
        ("abc", None),
        ("²", None),
        ("1\x00", None),
        ("9" * 25, None),
        (str(BIGINT_MAX), BIGINT_MAX),
        (None, None),
    ],
)
def test_an_id_from_a_query_or_raw_form_value_is_a_plausible_id_or_none(value, expected):
    assert parse_id(value) == expected
