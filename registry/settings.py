"""Settings for the political prisoner registry.

Everything that differs between a laptop and production comes from environment variables, read
by the small helpers below. The defaults are safe for local use: SQLite in the project folder,
DEBUG on, only localhost allowed. With DEBUG off the app refuses to start without a real SECRET_KEY.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name, default):
    return int(os.environ.get(name, default))


def first_domain(hosts):
    """The first of ``hosts`` (ALLOWED_HOSTS entries) that is a domain name, not an address."""
    for host in hosts:
        name = host.lstrip(".").strip("[]")
        if not name or "*" in name:
            continue
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return name
    return "localhost"


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
    # Shared machinery: first, so that its templates can override the admin's own.
    "registry.core",
    # django.contrib.admin, with the registry's site (two-factor login).
    "registry.accounts.apps.RegistryAdminConfig",
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
    "registry.ops",
    "concurrency",
    "registry.accounts.apps.LoginLockoutsConfig",
    "django_otp",
    "registry.accounts.apps.AuthenticatorAppsConfig",
    "registry.accounts.apps.RecoveryCodesConfig",
    "registry.accounts.apps.SecurityKeysConfig",
    "csp",
]

MIDDLEWARE = [
    # First: the request's id, for every log line, then the health checks, answered before the
    # host check, the HTTPS redirect, sessions and rate limits (registry/ops/health.py).
    "registry.ops.middleware.RequestIdMiddleware",
    "registry.ops.health.HealthCheckMiddleware",
    # A database that cannot answer is a 503 or 504, not a 500 (registry/ops/errors.py).
    "registry.ops.errors.DatabaseFailureMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "registry.accounts.middleware.RequestSizeLimitMiddleware",
    "registry.core.middleware.InvalidCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The admin in the staff member's language; the API in English.
    "registry.core.middleware.StaffLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of every login (see "Staff login" below).
    "axes.middleware.AxesMiddleware",
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

# ---------------------------------------------------------------------------------------------
# Databases

# manage.py sets REGISTRY_PROCESS=command: management commands (migrations, imports, backups) may
# run longer, and wait longer for a lock, than a web request.
RUNNING_COMMAND = os.environ.get("REGISTRY_PROCESS") == "command"

# Timeouts in seconds, 0 for none. A web request that meets one is answered at once with a 503
# (no connection, a lock held too long) or a 504 (a statement too long) instead of holding its
# worker for as long as the database is stuck (registry/ops/errors.py).
DATABASE_CONNECT_TIMEOUT = envint("DATABASE_CONNECT_TIMEOUT", "5")
if RUNNING_COMMAND:
    DATABASE_STATEMENT_TIMEOUT = envint("COMMAND_STATEMENT_TIMEOUT", "0")
    DATABASE_LOCK_TIMEOUT = envint("COMMAND_LOCK_TIMEOUT", "60")
else:
    DATABASE_STATEMENT_TIMEOUT = envint("DATABASE_STATEMENT_TIMEOUT", "30")
    DATABASE_LOCK_TIMEOUT = envint("DATABASE_LOCK_TIMEOUT", "5")
# PostgreSQL: each process keeps a pool of at most this many connections per database. The ASGI
# server runs every request in a thread of its own, so a connection kept per thread would be
# opened again for every request. 0: no pool; each thread keeps its connection CONN_MAX_AGE
# seconds (e.g. under a WSGI server behind PgBouncer).
DATABASE_POOL_SIZE = envint("DATABASE_POOL_SIZE", "10")
# What a 503 asks the client to wait before trying again (Retry-After), in seconds.
RETRY_AFTER_SECONDS = 30
# CSV downloads each process writes at once, each holding a database connection while it does;
# more wait their turn, holding none, for up to API_EXPORT_WAIT_SECONDS, then get a 503. Half
# the pool, so that a burst of downloads leaves connections for every other request.
API_EXPORTS_PER_PROCESS = envint(
    "API_EXPORTS_PER_PROCESS", str(max(1, DATABASE_POOL_SIZE // 2) if DATABASE_POOL_SIZE else 4)
)
API_EXPORT_WAIT_SECONDS = envint("API_EXPORT_WAIT_SECONDS", "60")


def database(url):
    """The DATABASES entry for ``url``, with the timeouts, prepared statements and the pool."""
    config = dj_database_url.parse(
        url, conn_max_age=envint("CONN_MAX_AGE", "600"), conn_health_checks=True
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite has no statement timeout; this is how long it waits for another connection's
        # write lock.
        options.setdefault("timeout", DATABASE_LOCK_TIMEOUT or 3600)
        return config
    if config["ENGINE"] != "django.db.backends.postgresql":
        return config
    options["connect_timeout"] = DATABASE_CONNECT_TIMEOUT
    # Set by the server for each session at connection time (libpq's "options"), so they cost no
    # query. A transaction left idle is ended after as long as a statement may last.
    timeouts = {
        "statement_timeout": DATABASE_STATEMENT_TIMEOUT,
        "lock_timeout": DATABASE_LOCK_TIMEOUT,
        "idle_in_transaction_session_timeout": DATABASE_STATEMENT_TIMEOUT,
    }
    given = options.get("options", "")
    options["options"] = " ".join(
        [given, *(f"-c {name}={seconds * 1000}" for name, seconds in timeouts.items())]
    ).strip()
    if envbool("DATABASE_PREPARED_STATEMENTS", "true"):
        # Parameters bound by the server, and a query prepared once it has run five times on a
        # connection, so that the API's repeated queries are not planned again on every request.
        # Set DATABASE_PREPARED_STATEMENTS=false behind a pooler in transaction mode
        # (PgBouncer), which cannot keep prepared statements.
        options.update(server_side_binding=True, prepare_threshold=5)
    if DATABASE_POOL_SIZE:
        config["CONN_MAX_AGE"] = 0
        options["pool"] = {
            "min_size": min(2, DATABASE_POOL_SIZE),
            "max_size": DATABASE_POOL_SIZE,
            # How long a request waits for a free connection before its 503.
            "timeout": max(DATABASE_CONNECT_TIMEOUT, 1),
        }
    return config


# SQLite in the project folder unless DATABASE_URL says otherwise, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry
DATABASES = {
    "default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))
}
# Streaming replicas of the primary (comma-separated URLs): the public API's reads go to one of
# them, and everything else, staff and every write included, to the primary
# (registry/ops/routing.py). Tests point them at the primary's test database.
DATABASE_REPLICAS = []
for number, url in enumerate(envlist("DATABASE_REPLICA_URLS", ""), 1):
    DATABASES[f"replica{number}"] = database(url) | {"TEST": {"MIRROR": "default"}}
    DATABASE_REPLICAS.append(f"replica{number}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["registry.ops.routing.ReplicaRouter"]

# ---------------------------------------------------------------------------------------------
# Logs and error reports

# Everything at LOG_LEVEL and above goes to stderr, each line with the id of its request
# (registry/ops/logs.py): as text, or with LOG_FORMAT=json as one JSON object per line.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").lower()
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured("LOG_FORMAT must be text or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "registry.ops.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "registry.ops.logs.JSONFormatter"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        # Its start-up notice on every command is not news.
        "axes": {"level": "WARNING"},
        # Instead of Django's own handlers (the console only with DEBUG on, e-mail to ADMINS).
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's line per request.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}

# Error reports to Sentry (or a service that speaks its protocol), off unless SENTRY_DSN is set;
# needs the optional package: pip install -r requirements-sentry.txt. Nothing restricted is sent:
# no request bodies, cookies, users or local variables (registry/ops/reporting.py).
if os.environ.get("SENTRY_DSN"):
    from registry.ops.reporting import start_error_reporting

    start_error_reporting(
        os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
    )

# ---------------------------------------------------------------------------------------------
# Staff login

# The first backend refuses any login while its account or address is locked out (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# How many proxies (load balancer, nginx ...) that append to X-Forwarded-For stand in front of
# the app. 0: the client address is REMOTE_ADDR and X-Forwarded-For is ignored, so a client
# cannot forge its address. Used by the login lockout and the API rate limits alike
# (registry.accounts.addresses.client_address).
NUM_PROXIES = envint("NUM_PROXIES", "0")

# After LOGIN_FAILURE_LIMIT failed logins, login is refused for LOGIN_LOCKOUT_MINUTES after the
# last attempt. Counted separately per username and per client address: an account is locked
# after that many failures from anywhere, and an address after that many failures on any
# accounts. A wrong two-factor code counts as a failure. Administrators clear a lock by deleting
# its "access attempt" in the admin, or with `manage.py axes_reset_username <name>`.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", "60"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "registry.accounts.addresses.client_address"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# A success must not clear failures: one's own account would then reset an address's count.
AXES_RESET_ON_SUCCESS = False

# Two-factor authentication (django-otp; see registry/accounts/two_factor.py). Anyone with a
# device always completes a second step after the password; with REQUIRE_2FA every staff member
# must set one up, at /account/two-factor/, before the admin opens. On by default when DEBUG is
# off.
REQUIRE_2FA = envbool("REQUIRE_2FA", "false" if DEBUG else "true")
# Security keys and passkeys only: an app code, which a phishing page can relay, no longer
# completes the login of staff who have a key, and staff without one must register one before
# the admin opens. Recovery codes still complete the login. For everyone with REQUIRE_PASSKEY,
# or for the members of the groups in REQUIRE_PASSKEY_GROUPS (e.g. "administrator").
REQUIRE_PASSKEY = envbool("REQUIRE_PASSKEY", "false")
REQUIRE_PASSKEY_GROUPS = envlist("REQUIRE_PASSKEY_GROUPS", "")
OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Prisoner Registry")

# Security keys and passkeys (WebAuthn, django-otp-webauthn). A key is bound to WEBAUTHN_RP_ID,
# the domain staff open the admin on (by default the first domain name in ALLOWED_HOSTS):
# changing it later makes every registered key useless. The browser must be on one of
# WEBAUTHN_ORIGINS; keys work on https:// origins and on http://localhost, never on a bare IP
# address such as 127.0.0.1.
OTP_WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID") or first_domain(ALLOWED_HOSTS)
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_ALLOWED_ORIGINS = envlist(
    "WEBAUTHN_ORIGINS",
    f"https://{OTP_WEBAUTHN_RP_ID}"
    + (f",http://localhost:{os.environ.get('PORT', '8000')}" if DEBUG else ""),
)
# A key is a second factor here, after the password, never a login of its own.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "registry.accounts.webauthn.RegistryWebAuthnHelper"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The languages of the admin: the staff's own in the region, each name written in itself.
LANGUAGES = [
    ("en", "English"),
    ("be", "Беларуская"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("lt", "Lietuvių"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Dates typed in forms as in spreadsheets: 2020-06-25, 25.06.2020 or 25/06/2020.
FORMAT_MODULE_PATH = ["registry.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------------------------------------
# Request limits

# Form fields of one request (not files). The admin's largest pages (a deal with hundreds of
# releases inline) stay well under both.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("MAX_FORM_SIZE_MB", "5") * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
# Any request body, uploaded spreadsheets included: larger is a 413
# (registry.accounts.middleware.RequestSizeLimitMiddleware).
MAX_REQUEST_BODY_SIZE = envint("MAX_UPLOAD_SIZE_MB", "20") * 1024 * 1024
# Uploads larger than this go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

# ---------------------------------------------------------------------------------------------
# Security headers and cookies

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

if not DEBUG:
    # HTTPS only. Behind a proxy that terminates TLS, set TRUSTED_PROXY_SSL_HEADER to the header
    # it sets (e.g. HTTP_X_FORWARDED_PROTO, with the value https), and make sure it overwrites
    # that header when a client sends it; otherwise every request would be redirected forever.
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Preloading binds the whole registrable domain to HTTPS in browsers for good: its owner
    # opts in with SECURE_HSTS_PRELOAD=true. Until then the deploy check's reminder is silenced.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
if os.environ.get("TRUSTED_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.environ["TRUSTED_PROXY_SSL_HEADER"], "https")

# Content Security Policy (django-csp): everything from this server, no inline script or style,
# no framing. The admin and the API documentation work under it.
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

# API rate limits count in a store every worker and app server shares (registry.core.ratelimits):
# the database by default, or Redis (REDIS_URL, e.g. redis://host:6379/0, with the redis package
# installed), which then also becomes the default cache. Login lockouts count in the database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
RATE_LIMIT_STORE = os.environ.get(
    "RATE_LIMIT_STORE", "redis" if os.environ.get("REDIS_URL") else "database"
)
# The API's statistics are kept in the default cache (each process's memory, or Redis) under the
# version of the data (registry.core.dataversion), for at most this many seconds; 0 turns it off.
STATISTICS_CACHE_SECONDS = envint("STATISTICS_CACHE_SECONDS", "600")

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
    # OPTIONS says what an endpoint is and which formats it speaks; nothing about records.
    "DEFAULT_METADATA_CLASS": "registry.api.metadata.MinimalMetadata",
    # One rate per role (registry.api.throttling): anonymous visitors per client address,
    # researchers (API token) and staff per account.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "60/minute"),
        "researcher": os.environ.get("API_RESEARCHER_RATE", "600/minute"),
        "staff": os.environ.get("API_STAFF_RATE", "600/minute"),
    },
    # 0: REMOTE_ADDR only; see NUM_PROXIES above.
    "NUM_PROXIES": NUM_PROXIES,
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
        "- A parameter that takes several values (an array here) takes them separated by "
        "commas (`nationality=BY,UA`) or repeated (`nationality=BY&nationality=UA`), which "
        "means the same.\n"
        "- A bad or unknown query parameter, or one that takes a single value given twice, is "
        'a 400 with the body `{"errors": {"<parameter>": ["<reason>", ...]}}`, naming every '
        "bad parameter.\n"
        '- Every other error is JSON too, with the body `{"detail": "<reason>"}`: 401, 403, '
        "404, 405, 429 (with `Retry-After`), 500, 503 when the database is unavailable (with "
        "`Retry-After`: try again then) and 504 when the database took too long to answer.\n"
        "- Every response carries `X-Request-ID`; quote it when reporting an error."
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
        "PlaceKindEnum": "prisoners.legal.PlaceKind",
        "SentenceKindEnum": "prisoners.legal.SentenceKind",
        "DatePrecisionEnum": "registry.core.fields.DatePrecision",
        "LegalBasisEnum": "releases.models.LegalBasis",
        "MovementEnum": "releases.models.Movement",
    },
}

# Spreadsheet import and export in the admin (django-import-export). The permission codes make
# the import and export buttons need prisoners.import_prisoner / prisoners.export_prisoner
# (releases.import_release / releases.export_release), which the models declare.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# The country whose codes a charge is read under when its text names none (prisoners.charges).
REGISTRY_JURISDICTION = os.environ.get("REGISTRY_JURISDICTION", "BY")

# An import writes everything or nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
# What an import in the admin reads at most (registry.core.spreadsheets.formats): rows besides
# the header, and megabytes of data once unpacked (an XLSX file is compressed). Larger files go
# through `manage.py import_prisoners`, which has its own, larger limits.
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "10000")
IMPORT_MAX_MEGABYTES = envint("IMPORT_MAX_MEGABYTES", "50")
# Rows (and rows with problems) shown in an import's preview; the counts cover the whole file.
IMPORT_PREVIEW_ROWS = envint("IMPORT_PREVIEW_ROWS", "200")
# An uploaded file waits for its confirmation in this private directory, at most this long
# (registry.core.spreadsheets.uploads).
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR", BASE_DIR / "var" / "imports"))
IMPORT_PREVIEW_MAX_AGE = envint("IMPORT_PREVIEW_MAX_AGE", "3600")
