"""Veracity settings: one file, driven by environment variables.

Safe by default: DEBUG is off unless asked for, and with DEBUG off the app refuses to start
without a real SECRET_KEY and ALLOWED_HOSTS.
"""

import base64
import hashlib
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: use true or false.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


def refuse_to_start(message: str):
    """Stop with a message a person can act on, not a stack trace."""
    sys.stderr.write(f"Veracity refuses to start: {message}\n")
    raise SystemExit(2)


TESTING = "pytest" in sys.modules or env_bool("VERACITY_TESTING")
DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if TESTING:
    SECRET_KEY = SECRET_KEY or "insecure-key-for-the-test-suite-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["testserver", "localhost", "127.0.0.1"]
elif not DEBUG:
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        refuse_to_start(
            f"production settings need {' and '.join(missing)}. Set them in the environment "
            "(e.g. SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))') "
            "ALLOWED_HOSTS=factcheck.example.org), or set DEBUG=true for local development."
        )
    if len(SECRET_KEY) < 32 or SECRET_KEY.startswith("django-insecure"):
        refuse_to_start("SECRET_KEY is too weak for production: use at least 50 random characters.")
elif not SECRET_KEY:
    SECRET_KEY = "insecure-key-for-local-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "core.apps.AdminConfig",  # the admin, discovered by config/urls.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "concurrency",
    "axes",
    "core",
    "sources",
    "articles",
    # Before django_tasks_db: claims' db_worker command (the library's worker, also re-queuing
    # extractions whose worker died) takes the place of the library's own.
    "claims",
    "about",
    "tips",
    "webhooks",
    "django_tasks_db",
    "devdata",
]

MIDDLEWARE = [
    # First: a stored public response is answered before anything else runs.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "core.middleware.RefuseNulInQueryMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateCacheControlMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.csp",
            ],
        },
    },
]

# SQLite file in the project folder unless DATABASE_URL names another database.
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 600)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
USING_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if USING_POSTGRES:
    # Parameters sent apart from the query text, and a statement run five times on a connection
    # prepared: a claim page's nine-table query is planned once per connection, not per render
    # (1.1 ms of its 3 ms). Off behind a pooler in transaction mode (PgBouncer without
    # max_prepared_statements): docs/operations.md.
    if env_bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHE_URL = env("CACHE_URL")
REDIS_TIMEOUT = 0.5  # seconds; an unreachable Redis must not hold a request up
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
        if CACHE_URL.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # This process's memory: what core.shared_cache falls back on while Redis is unreachable.
    "process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "process"},
}

# Sessions live in the database: logins survive a Redis outage (docs/operations.md).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work: immediate by default; a database-backed queue (`manage.py db_worker`)
# when TASK_BACKEND=database.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env("TASK_BACKEND") == "database"
            else "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# The REST API (claims/api/urls.py, core/rest.py). Token first, so an anonymous write is told
# how to authenticate (401 with WWW-Authenticate) rather than just refused.
REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "core.rest.CookieSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": ["core.rest.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "core.rest.StrictFilterBackend",
        "core.rest.StableOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.rest.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "core.rest.AnonRateThrottle",
        "core.rest.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "120/minute"),
        "user": env("API_THROTTLE_USER", "1200/minute"),
        "claimreview_import": env("API_THROTTLE_IMPORT", "60/hour"),
    },
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api_errors.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Veracity API",
    "DESCRIPTION": "Claims, sources, articles and verdicts of the Veracity fact-checking desk. "
    "Anonymous clients read published fact checks; staff authenticate with a session or "
    "`Authorization: Token <key>` (`manage.py drf_create_token USER`). Errors are JSON: "
    '`{"field": ["message"]}` or `{"detail": "...", "code": "..."}`.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",  # operations tagged by resource: claims, sources, …
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimKindEnum": "claims.models.ClaimKind",
        "SourceKindEnum": "sources.models.SourceKind",
        # Claims and link checks each have a "status": name each set after its own type.
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "LinkCheckStatusEnum": "claims.models.LinkCheckStatus",
        "DeliveryStatusEnum": "webhooks.models.DeliveryStatus",
        "WebhookEventEnum": "webhooks.models.Event",
    },
}

# Readers who sent a tip are told by email when it is published; the console by default.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Veracity <desk@veracity.example.org>")

# The fact-checking organisation named as author of every ClaimReview.
VERACITY_ORGANISATION = {
    "name": env("VERACITY_ORG_NAME", "Veracity"),
    "url": env("VERACITY_ORG_URL", "https://veracity.example.org/"),
}
# Claim matching: above the lower score an editor is told "possibly the same as";
# above the higher one the claim is linked as a duplicate automatically.
VERACITY_MATCH_SUGGEST = float(env("VERACITY_MATCH_SUGGEST", "0.45"))
VERACITY_MATCH_LINK = float(env("VERACITY_MATCH_LINK", "0.8"))
VERACITY_MAX_ARTICLE_CHARS = env_int("VERACITY_MAX_ARTICLE_CHARS", 2_000_000)
# An uploaded or fetched HTML page may be larger than its text (markup, scripts, styles).
VERACITY_MAX_PAGE_BYTES = env_int("VERACITY_MAX_PAGE_BYTES", 5_000_000)
# Anchor checks (manage.py check_anchors) ask one host for a page at most once per this many
# seconds, counted from when the previous page was read.
VERACITY_ANCHOR_HOST_INTERVAL = float(env("VERACITY_ANCHOR_HOST_INTERVAL", "2"))

# Webhooks to API consumers (webhooks/): a failed delivery is retried after the first wait,
# three times longer each time, for as long as the window allows, then its endpoint is paused.
WEBHOOKS_FIRST_RETRY_SECONDS = env_int("WEBHOOKS_FIRST_RETRY_SECONDS", 10)
WEBHOOKS_RETRY_WINDOW_SECONDS = env_int("WEBHOOKS_RETRY_WINDOW_SECONDS", 24 * 3600)
# Endpoints must be public addresses, as for URL ingestion; loopback only for tests and local
# development (a receiver on this machine). Never in production: it opens the server itself.
WEBHOOKS_ALLOW_LOOPBACK = env_bool("WEBHOOKS_ALLOW_LOOPBACK", default=False)

LOGIN_URL = "admin:login"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # Django's own default config also logs "django" to the console; once is enough.
    "loggers": {
        "django": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False}
    },
}

# --- Security -------------------------------------------------------------------------------
# Served over HTTPS unless told otherwise (local `make serve` on plain HTTP sets HTTPS=false):
# HTTP is redirected, cookies are marked Secure, and browsers are told to remember it (HSTS).
HTTPS = env_bool("HTTPS", default=not (DEBUG or TESTING))
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docs/operations.md).
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts only from our own origin or inline with this response's
# nonce (`<script nonce="{{ csp_nonce }}">`); no inline styles, plugins, framing or foreign
# form targets. The admin of Django 6 works under it.
# The browsable API's templates carry a few fixed style attributes: exactly those are allowed,
# by hash ('unsafe-hashes' covers attributes only, never a <style> element or a script).
DRF_STYLE_ATTRIBUTES = [
    "float: right; margin-right: 10px",
    "float: right",
    "width: 350px",
    "border-bottom: 1px solid #e5e5e5",
    "border-bottom: 0",
]


def csp_hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, "'unsafe-hashes'", *map(csp_hash, DRF_STYLE_ATTRIBUTES)],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Request size: bodies over the limit are refused with 413 and a message that says the limit
# (core.middleware.RequestSizeLimitMiddleware); uploads above 2.5 MB go to a temporary file.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Brute-force protection for every password login (the admin's included): after
# AXES_FAILURE_LIMIT failures for one user name from one address, that pair is locked out for
# AXES_COOLOFF_HOURS. Attempts are kept in the database so every web process sees them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Lockouts are logged either way; verbose adds a banner at every start and more per attempt.
AXES_VERBOSE = env_bool("AXES_VERBOSE", default=False)
# The client address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT proxies in front of us add
# X-Forwarded-For (trusting that header without a proxy would let an attacker pick any address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# A running extraction holds a lease its worker renews every quarter of it; a lease that runs
# out means the worker died, and any db_worker re-queues the article (claims/leases.py).
EXTRACTION_LEASE_SECONDS = env_int("EXTRACTION_LEASE_SECONDS", 30)
# Extraction stores an article's claims this many sentences per transaction, recording its
# progress with each (claims/extraction_store.py): no transaction of minutes for a long text.
EXTRACTION_CHUNK_SENTENCES = env_int("EXTRACTION_CHUNK_SENTENCES", 500)
# /healthz (core/health.py) answers 503 when a queued task has waited longer than this, or
# a dead worker's extraction has not been re-queued for this long.
HEALTH_MAX_TASK_WAIT_SECONDS = env_int("HEALTH_MAX_TASK_WAIT_SECONDS", 300)
# Load balancers probe over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
