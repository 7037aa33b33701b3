"""Settings shared by every environment.

Everything lives here; ``dev``, ``test`` and ``production`` only change what they must.
The embedded default needs nothing but Python: SQLite, Celery tasks run eagerly,
a local-memory cache. Two environment variables switch the data services to the ones
production uses, so that the same suite runs on PostgreSQL and Redis in CI:

* ``DATABASE_URL`` (for example ``postgres://postgres@127.0.0.1:5432/dataide``)
* ``CELERY_BROKER_URL`` (for example ``redis://127.0.0.1:6379/0``)
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Overridden by production from the environment; this one only ever serves a laptop.
SECRET_KEY = "dev-only-not-secret-3f1c8a2e-dataide"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    # Our apps first, so that their templates override the libraries' ones.
    "lms",
    "lms.accounts",
    "lms.outbox",
    "lms.privacy",
    "lms.moderation",
    "lms.pathway",
    "courses",
    "cohorts",
    "webinars",
    "lms.transition.assessment",
    "lms.transition.plan",
    "lms.selection",
    "content",
    "lms.demo",  # demonstration data, above every app it loads
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "lms.csp.NonceMiddleware",
    "lms.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

# --- Data services -------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
#: Sessions in the database, read from the cache first: a logged-in request reads no
#: session row. Ending a person's sessions removes both (``accounts.services``).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
#: How long a public page is served whole to visitors without a session
#: (``lms.page_cache``); 0 turns it off. Publishing drops the kept copies at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# A logged-in person's pages kept for them until what they show changes (lms.person_cache).
PERSON_PAGE_CACHE = os.environ.get("PERSON_PAGE_CACHE", "1") == "1"

# --- People ----------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the only identifier; no username anywhere.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "lms.accounts.forms.SignupForm"
# A new address and one that already has an account cost the same (one password hash,
# one e-mail) and get the same answer: the time taken tells nobody who has an account.
ACCOUNT_FORMS = {"signup": "lms.accounts.forms_signup.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DATAide] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
# Throttling: five failed logins per address per five minutes, ten a minute per IP.
# The Wagtail admin login redirects to this same view, so the same limits apply.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
#: Days an unconfirmed sign-up is kept before it is erased (data minimisation).
ACCOUNTS_UNVERIFIED_RETENTION_DAYS = 14
#: How long the link to download one's data works, and how long an account's erasure
#: waits (the person can cancel it meanwhile).
PRIVACY_EXPORT_VALID_DAYS = 7
PRIVACY_ERASURE_COOLING_OFF_DAYS = 14

# --- Languages -------------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "lms" / "locale"]
USE_I18N = True
TIME_ZONE = "America/Montreal"
#: How far an attendance report's meeting may start before, or end after, the live
#: session's scheduled time and still be taken as a report of that session. The times
#: in reports are read as Quebec time.
WEBINARS_REPORT_TOLERANCE_MINUTES = 60
USE_TZ = True
LANGUAGE_COOKIE_NAME = "langue"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "DATAide"
# No avatars from gravatar.com: it would receive a hash of each admin user's e-mail.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Workflow e-mails go to the authors who can act (lms/moderation/notifications.py), in
# their language, as plain text written for the platform; not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
#: The platform's address: every absolute link starts with it (``lms/links.py``). ``make
#: demo`` sets it from ``PORT``; production requires it.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin has no login form of its own: it sends people to the site's login, so that
# there is one login, one throttling and one password-reset flow.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Private pages send visitors to the same login (Wagtail's own, /_util/login/, redirects).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and addresses change through allauth only (/comptes/password/change/,
# /comptes/email/): its rate limits, its confirmation of a new address, its notices.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "key", "mp4", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "webm", "xlsx", "zip",
]  # fmt: skip
# Served inline so that <video> and <track> can use them; everything else (PDFs and text
# included) downloads as an attachment, here and in lms/media.py.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["text/vtt", "video/mp4", "video/webm"]
# Every document upload is checked by its content (lms/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "lms.uploads.DocumentForm"
#: Largest upload, by kind: a replay's video, and any other document.
UPLOAD_MAX_VIDEO_BYTES = 2 * 1024**3
UPLOAD_MAX_BYTES = 25 * 1024**2
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's own background work (search index, image renditions) stays immediate:
# it is quick, and it must not depend on our Celery broker being up.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Static and media ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
#: Serve uploaded media from Django itself, with byte ranges (``lms/media.py``): on in
#: the embedded default, tests included; production turns it on only without a web
#: server or object storage in front (``DJANGO_SERVE_MEDIA``).
SERVE_MEDIA = True
#: Documents (the replay's video, captions, slides) are linked at their media address,
#: so that whatever serves media answers byte ranges and seeking works, Safari included;
#: Wagtail's own document view answers with the whole file.
WAGTAILDOCS_SERVE_METHOD = "direct"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail ----------------------------------------------------------------------------

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "DATAide <ne-pas-repondre@dataide.example>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ----------------------------------------------------------------------------
# The embedded default runs every task in-process (no broker needed). Setting
# CELERY_BROKER_URL turns on the real broker, as production does.

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://localhost/")
CELERY_TASK_ALWAYS_EAGER = "CELERY_BROKER_URL" not in os.environ
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only once it has run, and given back to the queue if its worker
# dies, so nothing is lost; every task must therefore be safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that enqueues a task with the broker down must answer quickly: every side
# effect is an outbox row (lms/outbox/) written with the change, and the relay hands it
# over later, so publishing is tried once and gives up fast. Measured against a real
# Redis: stopped, the publish fails at once (connection refused); frozen (SIGSTOP, or a
# network that drops packets), redis-py waits forever unless ``socket_timeout`` is set,
# and each publish retry adds a connection check that waits as long again (one retry:
# 6 s; none: 2 s). Two seconds is far above the worker's one-second BRPOP polling.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {
        "task": "lms.outbox.tasks.relay_outbox",
        "schedule": 60,  # side effects kept while the broker was down leave within a minute
    },
    "webinars-reminders": {
        "task": "webinars.tasks.enqueue_due_reminders",
        "schedule": 300,  # every five minutes: reminders are looked for, never counted down
    },
    "privacy-erasures": {
        "task": "lms.privacy.tasks.run_due_erasures",
        "schedule": crontab(minute=23),  # hourly: an erasure runs within the hour it is due
    },
    "privacy-retention": {
        "task": "lms.privacy.tasks.enforce_retention",
        "schedule": crontab(hour=3, minute=41),
    },
    "accounts-purge-unverified": {
        "task": "lms.accounts.tasks.purge_unverified_accounts",
        "schedule": crontab(hour=3, minute=17),
    },
}

# --- Security defaults that hold everywhere -------------------------------------------

# Argon2 hashes new passwords; the others only read older hashes, which Django upgrades
# to Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Content-Security-Policy (django-csp, with per-response parts in lms/csp.py): our own
# origin and this response's nonce, nothing from another host. No 'unsafe-eval' anywhere
# and no 'unsafe-inline' for scripts; the Wagtail admin alone gets 'unsafe-inline' for
# styles (lms/csp.py says why); frames of the video players only in a response that
# embeds a video.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# No request from the admin's browsers to wagtail.org (the new-version check).
WAGTAIL_ENABLE_UPDATE_CHECK = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Wagtail's preview views set SAMEORIGIN on themselves; everything else refuses frames.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"lms": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- Privacy ---------------------------------------------------------------------------

#: The service providers that process personal information for the platform, and where
#: (shown on the privacy page, ``/confidentialite/``). Production names its own from the
#: environment (``PRIVACY_HOSTING``, ``PRIVACY_EMAIL_PROVIDER``).
PRIVACY_PROVIDERS = [
    {
        "service": _("Hosting of the platform and its database"),
        "name": "À préciser par l'équipe DATAide",
        "where": "Canada",
    },
    {
        "service": _("Sending of e-mails"),
        "name": "À préciser par l'équipe DATAide",
        "where": "Canada",
    },
]
