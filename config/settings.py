"""Settings for the portfolio system; every knob is read from the environment (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A local .env (made by `make run` from .env.example) fills in what the real environment does not set.
load_dotenv(BASE_DIR / ".env", override=False)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core.adminkit.PeopleAdminConfig",  # django.contrib.admin, naming people in its autocompletes
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "core",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "programmes",
    "benefits",
    "scorecards",
    "portfolio",
    "portfolio.reports",
    "notifications",
    "demo",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.middleware.NoStoreWhenSignedInMiddleware",
    "core.middleware.VaryOnHtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the authentication failures of every view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.navigation.navigation",
            ],
            # config is no app, so its tag library is named here (the project tabs link every app's pages).
            "libraries": {"navigation": "config.templatetags.navigation"},
        },
    },
]

# Widget templates are looked up like page templates, so templates/ can hold custom widgets.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has web, worker and beat writing one SQLite file at once: WAL lets pages read while a
    # worker writes, IMMEDIATE takes the write lock when a transaction begins (two writers queue rather than
    # one failing with «database is locked» halfway), and a writer waits up to 20 s for the other.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Sign-in with the municipality's account (answers only when OIDC is configured), then the password.
    "accounts.backends.MunicipalAccountBackend",
    "accounts.backends.LocalPasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Throttling of failed logins (django-axes): lock a username+address pair after repeated failures, and an
# address after many failures over any usernames (core/login_throttle.py), both for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "core.login_throttle.AddressThrottlingHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
# Behind N trusted reverse proxies the client address is read from X-Forwarded-For; otherwise every
# user would share the proxy's address and one username could be locked out for everybody.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# No thousands separator unless asked for: years, ids and row numbers are plain integers (`2026`, not
# `2 026`). Figures are written by core.numbers, in templates through core/templatetags/formatting.py
# (`nok`, `mnok`, `number`, `percent`, `person_years`, `year`).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads: a file past MAX_UPLOAD_BYTES is counted to its end but not kept (core.intake); the imports then
# refuse it in Norwegian. Form fields without files stay within Django's DATA_UPLOAD_MAX_MEMORY_SIZE.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", 5 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "core.intake.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A file uploaded for an import and never confirmed is deleted after this many hours (core.uploads, beat).
UPLOAD_KEEP_HOURS = int(os.environ.get("UPLOAD_KEEP_HOURS", "24"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Test runs and `make run` serve static files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG

# Security. HTTPS-related settings default to on when DEBUG is off; SECURE_SSL_REDIRECT can be turned
# off where a proxy terminates TLS and redirects by itself.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 10)))
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only this origin; no inline script, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}


# --- Sign-in with the municipality's account: OpenID Connect (accounts/, README, docs/entra-id.md) ------
# Password sign-in: `all`, `admin` (superusers and the Administrator role only) or `none`.
LOCAL_LOGIN = (os.environ.get("LOCAL_LOGIN") or "all").strip().lower()
# With OIDC_ENTRA_TENANT_ID set, the Microsoft Entra ID endpoints of that tenant are the defaults.
_entra_tenant = os.environ.get("OIDC_ENTRA_TENANT_ID", "").strip()
_entra = f"https://login.microsoftonline.com/{_entra_tenant}" if _entra_tenant else ""


def _oidc_endpoint(name: str, entra_path: str) -> str:
    return os.environ.get(name, "").strip() or (f"{_entra}{entra_path}" if _entra else "")


OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_ISSUER = _oidc_endpoint("OIDC_OP_ISSUER", "/v2.0")
OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc_endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT", "/oauth2/v2.0/authorize")
OIDC_OP_TOKEN_ENDPOINT = _oidc_endpoint("OIDC_OP_TOKEN_ENDPOINT", "/oauth2/v2.0/token")
OIDC_OP_JWKS_ENDPOINT = _oidc_endpoint("OIDC_OP_JWKS_ENDPOINT", "/discovery/v2.0/keys")
OIDC_OP_LOGOUT_ENDPOINT = _oidc_endpoint("OIDC_OP_LOGOUT_ENDPOINT", "/oauth2/v2.0/logout")
# Optional: Entra ID's ID token carries every claim needed, so no userinfo call is made by default.
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "").strip()
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT)
# The claim that names a person for good (the username here), and the claim with their group ids.
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "").strip() or ("oid" if _entra else "sub")
OIDC_GROUPS_CLAIM = (os.environ.get("OIDC_GROUPS_CLAIM") or "groups").strip()
# Group id -> role: JSON (`{"<id>": "Politiker"}`) or `<id>=Politiker,<id>=Prosjektleder` (accounts/oidc.py).
OIDC_ROLE_GROUPS = os.environ.get("OIDC_ROLE_GROUPS", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO") or "RS256"
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES") or "openid email profile"
OIDC_CLOCK_SKEW_SECONDS = int(os.environ.get("OIDC_CLOCK_SKEW_SECONDS") or "60")
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the hint the provider's end-session endpoint asks for at sign-out
OIDC_TIMEOUT = 10
OIDC_CALLBACK_CLASS = "accounts.views.CallbackView"
OIDC_AUTHENTICATE_CLASS = "accounts.views.AuthenticateView"
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.provider_logout_url"
LOGIN_REDIRECT_URL_FAILURE = "login"
if OIDC_ENABLED and OIDC_OP_LOGOUT_ENDPOINT:
    # The sign-out form's answer redirects to the provider, which the form-action directive must allow.
    from urllib.parse import urlsplit

    _logout = urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_logout.scheme}://{_logout.netloc}")

# Celery: Redis (REDIS_URL) is the broker and result backend in production; with REDIS_URL unset, see the
# filesystem broker below. Tasks run in-process (eager) only in tests that ask for it (tests/conftest.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One queue name per installation (tests use their own so that a stray worker never takes their tasks).
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
# A message taken by a worker that dies is given to another worker after this many seconds; it must be
# longer than the longest task (the report's hard time limit).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "1800")),
    "socket_connect_timeout": 2,
}
# The zero-setup default (`make run`, scripts/run.py): with REDIS_URL unset, the broker is Kombu's filesystem
# transport, a folder of message files that web, worker and beat on one machine share, so tasks are queued
# and run by a worker as in production with no server to install. No result backend: nothing reads a task's
# result (a report or job records its own outcome in the database). config/celery.py makes the folders.
CELERY_FILESYSTEM_DIR = Path(os.environ.get("CELERY_FILESYSTEM_DIR") or BASE_DIR / "var" / "celery")
if not REDIS_URL:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_RESULT_BACKEND = None
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "control_folder": str(CELERY_FILESYSTEM_DIR / "control"),
    }
    CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_FILESYSTEM_DIR / "beat-schedule")
# A prefork worker child that has grown beyond this (KiB) after a task is replaced by a fresh one.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("CELERY_MAX_MEMORY_KB", str(1024 * 1024)))
# PDF status reports (portfolio.reports): time limits of one rendering, in seconds.
REPORT_SOFT_TIME_LIMIT = int(os.environ.get("REPORT_SOFT_TIME_LIMIT", "240"))
REPORT_TIME_LIMIT = int(os.environ.get("REPORT_TIME_LIMIT", "300"))
# A worker making a report writes a sign of life this often (seconds); a running report without one for
# REPORT_HEARTBEAT_STALE seconds was left by a dead worker, and the watchdog (beat) makes it again. This,
# not the broker's visibility timeout (which must stay longer than any task), is what picks up a report
# whose worker died within minutes.
REPORT_HEARTBEAT_SECONDS = float(os.environ.get("REPORT_HEARTBEAT_SECONDS", "15"))
REPORT_HEARTBEAT_STALE = int(os.environ.get("REPORT_HEARTBEAT_STALE", "120"))
# Seconds to pause between the steps of a rendering: 0 in production; tests and demos of the progress
# bar set it to watch a report being made.
REPORT_STEP_DELAY = float(os.environ.get("REPORT_STEP_DELAY", "0"))
CELERY_BEAT_SCHEDULE = {
    # Draft reports of each programme on the day after a reporting period has ended.
    "reports-at-period-end": {
        "task": "portfolio.reports.tasks.order_period_end_reports",
        "schedule": crontab(hour=6, minute=0),
    },
    # Orders recorded while the broker was down are sent when it is back.
    "reports-send-unsent": {"task": "portfolio.reports.tasks.send_unsent_reports", "schedule": 60.0},
    # Reports whose worker died or that ran past their time limit are made again or marked failed.
    "reports-watchdog": {"task": "portfolio.reports.tasks.watch_reports", "schedule": 60.0},
    # Import and export jobs whose worker died are marked failed, so their page offers «Prøv igjen».
    "jobs-watchdog": {"task": "core.tasks.watch_jobs", "schedule": 60.0},
    # Uploads never confirmed are deleted with their files after UPLOAD_KEEP_HOURS.
    "uploads-cleanup": {"task": "core.tasks.clean_uploads", "schedule": 3600.0},
}

# --- E-mail (notifications/): reminders, digests, decisions and reports, sent by Celery workers ---------
# Absolute links in e-mail point here (no request to take the host from).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# With no EMAIL_HOST, e-mail is printed to the console (`make run`); with one, it goes through SMTP.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Omstillingsprogrammet <omstilling@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A project leader is reminded this many days before a status report's deadline (and once when overdue).
REPORT_REMINDER_DAYS = int(os.environ.get("REPORT_REMINDER_DAYS", "7"))
# A refused send is tried again this many times, after EMAIL_RETRY_SECONDS, then twice that, and so on.
EMAIL_MAX_RETRIES = int(os.environ.get("EMAIL_MAX_RETRIES", "3"))
EMAIL_RETRY_SECONDS = int(os.environ.get("EMAIL_RETRY_SECONDS", "60"))
CELERY_BEAT_SCHEDULE |= {
    # Status reports due within REPORT_REMINDER_DAYS, or overdue: to the project leaders.
    "mail-report-reminders": {
        "task": "notifications.tasks.send_report_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Each sub-programme leader's week, on Monday mornings.
    "mail-weekly-digests": {
        "task": "notifications.tasks.send_weekly_digests",
        "schedule": crontab(hour=7, minute=15, day_of_week=1),
    },
    # Realised gains still to report: to the benefit owners, one message a month (notifications.services).
    "mail-gains-reminders": {
        "task": "notifications.tasks.send_gains_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # Messages never queued are queued; messages left «being sent» by a dead worker are marked failed.
    "mail-watchdog": {"task": "notifications.tasks.watch_messages", "schedule": 300.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every step of every page at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
