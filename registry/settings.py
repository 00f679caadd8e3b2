"""Settings for the political prisoner registry.

Everything that differs between a laptop and production comes from environment variables, read
by the small helpers below. The defaults are safe for local use: SQLite in the project folder,
DEBUG on, only localhost allowed. With DEBUG off the app refuses to start without a real SECRET_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name, default):
    return int(os.environ.get(name, default))


DEBUG = envbool("DEBUG", "true")

# Only for local development: never accepted with DEBUG off.
INSECURE_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", INSECURE_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == INSECURE_DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "DEBUG is off, so SECRET_KEY must be set to a random value of at least 32 characters "
        '(for example: python -c "import secrets; print(secrets.token_urlsafe(50))").'
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "import_export",
    "prisoners",
    "releases",
    "registry.accounts",
    "concurrency",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "registry.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "registry" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "registry.wsgi.application"

# SQLite in the project folder unless DATABASE_URL says otherwise, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", "600"),
        conn_health_checks=True,
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The admin's list pages and autocomplete never count a large table more than once per view.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "registry.api.schema.RegistryAutoSchema",
    "EXCEPTION_HANDLER": "registry.api.exceptions.api_exception_handler",
    # The research API's views (registry.api.views.RegistryAPISettings) and the schema view.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "registry.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Per client address for anonymous users, per account for signed-in researchers.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "user": os.environ.get("API_USER_RATE", "1200/minute"),
    },
    # Behind a load balancer, the client address is the last X-Forwarded-For entry it adds.
    "NUM_PROXIES": envint("NUM_PROXIES", "0") or None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Political Prisoner Registry API",
    "DESCRIPTION": (
        "Read-only research API over the published records of the registry.\n\n"
        "- Only published records and their public fields appear, in lists, filters, counts "
        "and statistics alike.\n"
        "- Lists are paginated (`page`, `page_size`: default 50, at most 500) and answer "
        "`count`, `count_is_exact`, `next`, `previous`, `results`. Counting stops at 10,000: "
        "beyond, `count` is 10000 and `count_is_exact` is false.\n"
        "- `format=csv` returns every matching row of a list or statistic as UTF-8 CSV, "
        "ignoring pagination.\n"
        "- A bad, unknown or repeated query parameter is a 400 with the body "
        '`{"errors": {"<parameter>": ["<reason>", ...]}}`, naming every bad parameter.'
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The documentation pages load their JavaScript from this server, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "NameKindEnum": "prisoners.models.NameKind",
        "DealKindEnum": "releases.models.DealKind",
        "ReleaseKindEnum": "releases.models.ReleaseKind",
    },
}

# Spreadsheet import and export in the admin (django-import-export). The permission codes make
# the import and export buttons need prisoners.import_prisoner / prisoners.export_prisoner
# (releases.import_release / releases.export_release), which the models declare.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# An import writes everything or nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
