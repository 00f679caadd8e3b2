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
    "concurrency",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "registry.accounts.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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

# SQLite in the project folder unless DATABASE_URL says otherwise, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("CONN_MAX_AGE", "600"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and envbool(
    "DATABASE_PREPARED_STATEMENTS", "true"
):
    # Parameters bound by the server, and a query prepared once it has run five times on a
    # connection, so that the API's repeated queries are not planned again on every request.
    # Set DATABASE_PREPARED_STATEMENTS=false behind a pooler in transaction mode (PgBouncer),
    # which cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
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

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

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

# Rate limits and lockouts count in the default cache. With several app servers it must be a
# shared one, or each server counts on its own: set REDIS_URL (redis://host:6379/0, and install
# the redis package) or configure CACHES for another shared backend.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

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
