"""Settings read from the environment: Celery mode, production checks, Norwegian formats, headers."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.formats import number_format

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Runs code with freshly imported settings under exactly the given environment (no .env file)."""
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYTHONPATH"}}
    script = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings';"
        "import dotenv; dotenv.load_dotenv = lambda *a, **k: False;"  # ignore a developer's .env
        f"django.setup(); from django.conf import settings; {code}"
    )
    return subprocess.run(
        [sys.executable, "-c", script], env={**base, **env}, cwd=ROOT, capture_output=True, text=True
    )


def test_celery_queues_tasks_in_a_folder_for_a_real_worker_without_redis_url(tmp_path):
    result = settings_in_subprocess(
        {"DEBUG": "1", "CELERY_FILESYSTEM_DIR": str(tmp_path / "celery")},
        "from config.celery import app;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url, app.conf.result_backend);"
        "options = app.conf.broker_transport_options;"
        "print(options['data_folder_in'], options['data_folder_out'], options['control_folder'])",
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first.split() == ["False", "filesystem://", "None"]
    queue = tmp_path / "celery" / "queue"
    assert second.split() == [str(queue), str(queue), str(tmp_path / "celery" / "control")]
    # The first process to use the broker makes its folders.
    assert queue.is_dir()
    assert (tmp_path / "celery" / "control").is_dir()


def test_the_filesystem_broker_folder_is_var_in_the_project_by_default():
    result = settings_in_subprocess({"DEBUG": "1"}, "print(settings.CELERY_FILESYSTEM_DIR)")
    assert result.stdout.strip() == str(ROOT / "var" / "celery")


def test_celery_uses_redis_as_broker_and_result_backend_when_redis_url_is_set():
    result = settings_in_subprocess(
        {"DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/3"},
        "from config.celery import app;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, app.conf.broker_url, app.conf.result_backend)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3"]


def test_sqlite_file_in_the_project_folder_is_the_default_database():
    result = settings_in_subprocess({"DEBUG": "1"}, "print(settings.DATABASES['default']['NAME'])")
    assert result.stdout.strip() == str(ROOT / "db.sqlite3")


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = settings_in_subprocess({"DEBUG": "0"}, "print('started')")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_the_documented_production_variables():
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x7!kq2-production-like-secret-key-with-enough-entropy-3f9a0c1d8e",
        "ALLOWED_HOSTS": "omstilling.kommune.no",
    }
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_numbers_and_money_are_formatted_the_norwegian_way():
    assert number_format(68627, force_grouping=True) == "68\xa0627"
    assert number_format(Decimal("4.5"), 1) == "4,5"
    rendered = Template("{% load formatting %}{{ a|nok }} / {{ b|mnok }}").render(
        Context({"a": 68627, "b": 1_500_000})
    )
    assert rendered == "68\xa0627 kr / 1,5 mill. kr"


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy_and_security_headers(client):
    response = client.get("/logg-inn/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "default-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_integers_such_as_years_have_no_thousands_separator_unless_it_is_asked_for():
    rendered = Template('{% load formatting %}{{ y }} / {{ n|floatformat:"0g" }} / {{ a|nok }}').render(
        Context({"y": 2026, "n": 10000, "a": 68627})
    )
    assert rendered == "2026 / 10\xa0000 / 68\xa0627 kr"


def test_sqlite_lets_web_and_worker_write_at_once():
    result = settings_in_subprocess(
        {"DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"},
        "print(settings.DATABASES['default']['OPTIONS'])",
    )
    assert result.returncode == 0, result.stderr
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout
    assert "journal_mode=WAL" in result.stdout
