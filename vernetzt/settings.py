"""Settings for vernetzt, read from environment variables.

Every variable is documented in the README's configuration table; keep the two in step.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def env(name, default=None):
    import os

    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = env_bool("VERNETZT_DEBUG", False)
SECRET_KEY = env("VERNETZT_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("VERNETZT_SECRET_KEY must be set when VERNETZT_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = env_list("VERNETZT_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("VERNETZT_CSRF_TRUSTED_ORIGINS")
DATA_DIR = Path(env("VERNETZT_DATA_DIR", str(BASE_DIR / "data")))
SITE_NAME = env("VERNETZT_SITE_NAME", "vernetzt")
TOWN_NAME = env("VERNETZT_TOWN_NAME", "Musterstadt")
# The address people reach the site at: links in e-mails, which have no request to ask.
BASE_URL = env("VERNETZT_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "vernetzt.core",
    "vernetzt.accounts",
    "vernetzt.audit",
    "vernetzt.directory",
    "vernetzt.council",
    "vernetzt.network",
    "vernetzt.events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
    "vernetzt.core.access.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vernetzt.urls"
WSGI_APPLICATION = "vernetzt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vernetzt.core.context_processors.site",
            ],
        },
    }
]

# Database: SQLite in the data directory unless DATABASE_URL names another one.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "vernetzt.sqlite3",
            # Each worker thread keeps its connection: opening one per request re-ran the
            # PRAGMAs and began every request with an empty page cache (docs/benchmarks.md).
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE avoids
                # "database is locked" on lock upgrades inside transactions.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): lock a username from one address after repeated failures.
AXES_FAILURE_LIMIT = int(env("VERNETZT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(seconds=int(env("VERNETZT_LOGIN_LOCKOUT_SECONDS", "900")))
# Known usernames per client address, unknown ones per address (vernetzt/accounts/throttling.py);
# the address comes from the proxy header behind VERNETZT_BEHIND_PROXY (vernetzt/core/client.py).
AXES_LOCKOUT_PARAMETERS = "vernetzt.accounts.throttling.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "vernetzt.core.client.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Anonymous writes, per client address (and per e-mail for password resets): scope →
# (requests, seconds). vernetzt/core/throttle.py.
THROTTLES = {
    "proposal": (int(env("VERNETZT_PROPOSALS_PER_HOUR", "20")), 3600),
    "password_reset_address": (int(env("VERNETZT_PASSWORD_RESETS_PER_HOUR", "5")), 3600),
    "password_reset_email": (3, 3600),
    "privacy_request": (5, 3600),
    "event_registration": (int(env("VERNETZT_EVENT_REGISTRATIONS_PER_HOUR", "20")), 3600),
    "event_registration_email": (3, 3600),
}

SESSION_COOKIE_AGE = int(env("VERNETZT_SESSION_SECONDS", str(8 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: the age counts from the last request
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# One cache shared by every server process (the directory's cached public pages and its
# revision, ``directory/cache.py``): files in the data directory, or Redis when
# VERNETZT_CACHE_URL names one (``redis://host:6379/0``).
# Not the database cache: on SQLite each cache write would wait for the one write lock.
CACHE_URL = env("VERNETZT_CACHE_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
    } if CACHE_URL else {
        # Django's FileBasedCache, but it counts its entries on one write in 100, not on each
        # (vernetzt/core/file_cache.py says why).
        "BACKEND": "vernetzt.core.file_cache.SometimesCulledFileCache",
        "LOCATION": str(DATA_DIR / "cache"),
        # A page is ~20-50 KB: 5,000 entries stay below ~250 MB; a third goes when full.
        "OPTIONS": {
            "MAX_ENTRIES": int(env("VERNETZT_PAGE_CACHE_ENTRIES", "5000")),
            "CULL_EVERY": 100,
        },
    }
}

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("ar", "العربية"),
    ("uk", "Українська"),
    ("ru", "Русский"),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English dates as en-GB (dd/mm/yyyy), see vernetzt/formats/en/formats.py.
FORMAT_MODULE_PATH = ["vernetzt.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("VERNETZT_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("VERNETZT_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Forms without files: the longest (a profile with every text at its limit) is far below
# 1 MB; a larger body is refused with 400 before any form code runs. Uploads (the import)
# are files and are limited on their own.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

EMAIL_BACKEND = env("VERNETZT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("VERNETZT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("VERNETZT_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("VERNETZT_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("VERNETZT_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VERNETZT_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("VERNETZT_DEFAULT_FROM_EMAIL", "vernetzt@localhost")

# Security: strict by default; local HTTP development relaxes only what it must.
SECURE_SSL_REDIRECT = env_bool("VERNETZT_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(env("VERNETZT_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("VERNETZT_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# One trusted reverse proxy in front: it terminates TLS and appends the client's address to
# X-Forwarded-For (the rightmost entry is the one vernetzt trusts, vernetzt/core/client.py).
BEHIND_PROXY = env_bool("VERNETZT_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("VERNETZT_LOG_LEVEL", "INFO")},
}

DIRECTORY_PAGE_SIZE = 20

FORM_RENDERER = "vernetzt.core.forms.AccessibleFormRenderer"
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (imports, e-mails, later planning and PDFs) runs in a real task queue:
# django-tasks, the backport of Django 6's tasks framework, with its database backend, so the
# embedded SQLite set-up needs no broker. Workers: ``manage.py db_worker`` (docs/deployment in
# README). Tasks are plain functions decorated with ``django_tasks.task``.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task running longer is marked failed (vernetzt.core.tasks).
TASK_TIME_LIMIT = int(env("VERNETZT_TASK_TIME_LIMIT", "3600"))
