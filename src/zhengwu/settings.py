"""zhengwu settings: one module, driven by environment variables.

Profiles: ``development`` (default, safe local defaults) and ``production``
(``ZHENGWU_PROFILE=production``: no debug, secure cookies, HSTS, a secret key and
allowed hosts are required).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = env(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PROFILE = env("ZHENGWU_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"ZHENGWU_PROFILE must be 'development' or 'production', not {PROFILE!r}"
    )
PRODUCTION = PROFILE == "production"

DATA_DIR = Path(env("ZHENGWU_DATA_DIR", "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env("ZHENGWU_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "ZHENGWU_SECRET_KEY is required in the production profile "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')"
        )
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("ZHENGWU_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "ZHENGWU_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ZHENGWU_ALLOWED_HOSTS is required in the production profile")
CSRF_TRUSTED_ORIGINS = env_list("ZHENGWU_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "csp",
    "django_otp.plugins.otp_totp",
    "zhengwu.common",
    "zhengwu.org",
    "zhengwu.workdays",
    "zhengwu.catalog",
    "zhengwu.cases",
    "zhengwu.supervision",
    "zhengwu.disclosure",
    "zhengwu.search",
    "zhengwu.interaction",
    "zhengwu.rulemaking",
    "zhengwu.enforcement",
    "zhengwu.reconsideration",
    "zhengwu.contracts",
    "zhengwu.decisions",
    "zhengwu.disputes",
    "zhengwu.proposals",
    "zhengwu.lawstudy",
    "zhengwu.assessment",
    "zhengwu.reports",
    "zhengwu.dashboard",
    "zhengwu.portal",
    "zhengwu.workbench",
    "zhengwu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhengwu.common.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhengwu.common.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zhengwu.org.otp.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhengwu.urls"
WSGI_APPLICATION = "zhengwu.wsgi.application"

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
                "zhengwu.org.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
SQLITE_PATH = DATA_DIR / "zhengwu.sqlite3"
# Connections are kept (ZHENGWU_CONN_MAX_AGE seconds, checked before reuse): opening one costs
# about 2.5 ms on SQLite (its pragmas and Django's functions), more than a tracking answer's three
# queries.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(env("ZHENGWU_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked" mid-way.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=30000;"
            # A page cache of its own per connection (SQLite's default is 2 MB) and temporary
            # tables in memory: set-based work such as the supervision sweep runs on them.
            f"PRAGMA cache_size=-{int(env('ZHENGWU_SQLITE_CACHE_MB', '64')) * 1024};"
            "PRAGMA temp_store=MEMORY;"
        ),
    }
    # A file (so WAL and locking are real in tests), one per test run so runs never collide.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test_zhengwu_{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = int(env("ZHENGWU_CONN_MAX_AGE", "60"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions ------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zhengwu",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Idle timeout: the session cookie lives SESSION_COOKIE_AGE seconds after the last request.
SESSION_COOKIE_AGE = int(env("ZHENGWU_SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
# Absolute timeout: enforced by SessionTimeoutMiddleware from the login time.
ZHENGWU_SESSION_ABSOLUTE_SECONDS = int(env("ZHENGWU_SESSION_ABSOLUTE_SECONDS", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# The password policy (decision 0027): length and character classes, configurable.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(env("ZHENGWU_PASSWORD_MIN_LENGTH", "10"))},
    },
    {
        "NAME": "zhengwu.org.passwords.CharacterClassesValidator",
        "OPTIONS": {"min_classes": int(env("ZHENGWU_PASSWORD_MIN_CLASSES", "3"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "portal:home"

# The second factor (zhengwu.org.otp): staff with these roles must log in with a TOTP code too.
ZHENGWU_OTP_REQUIRED_ROLES = env_list("ZHENGWU_OTP_REQUIRED_ROLES", ["administrator", "supervisor"])
OTP_TOTP_ISSUER = env("ZHENGWU_OTP_ISSUER", "zhengwu")

# django-axes: lock an account after repeated failures (by username, whatever the address).
AXES_FAILURE_LIMIT = int(env("ZHENGWU_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("ZHENGWU_LOGIN_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Locking by address as well would lock a whole service hall behind one NAT address after a few
# typos; accounts are locked instead (docs/decisions/0003-login-lockout.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(env("ZHENGWU_PROXY_COUNT", "0")) or None

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
# One catalogue for the project, and one per app that keeps its own (so apps are translated
# apart); every directory listed is converted and compiled by `zhengwu compile_locale`.
LOCALE_PATHS = [
    PACKAGE_DIR / "locale",
    PACKAGE_DIR / "rulemaking" / "locale",
    PACKAGE_DIR / "enforcement" / "locale",
    PACKAGE_DIR / "reconsideration" / "locale",
    PACKAGE_DIR / "contracts" / "locale",
    PACKAGE_DIR / "decisions" / "locale",
    PACKAGE_DIR / "disputes" / "locale",
    PACKAGE_DIR / "proposals" / "locale",
    PACKAGE_DIR / "lawstudy" / "locale",
    PACKAGE_DIR / "assessment" / "locale",
    PACKAGE_DIR / "reports" / "locale",
    PACKAGE_DIR / "dashboard" / "locale",
]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("ZHENGWU_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security headers -----------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only; no
# inline script or style, no plugins, no framing, forms post only here (decision 0029).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("ZHENGWU_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("ZHENGWU_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging --------------------------------------------------------------------------------
# Every handler masks ID and mobile numbers (zhengwu.common.logs), the development server's
# request log included.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "zhengwu.common.logs.MaskPersonalDataFilter"}},
    "formatters": {
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]},
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["mask_personal_data"],
        },
    },
    # Django's own handlers (its default configuration) are replaced by these, masked ones.
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("ZHENGWU_LOG_LEVEL", "WARNING")},
}

# --- zhengwu --------------------------------------------------------------------------------
ZHENGWU_SITE_NAME = _("zhengwu")
ZHENGWU_HOME_DIVISION = env("ZHENGWU_HOME_DIVISION")

# Notifications to applicants (zhengwu.cases.notify): e-mail through Django's mail backend, SMS
# through a gateway adapter. Development prints e-mail to the console.
EMAIL_BACKEND = env(
    "ZHENGWU_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("ZHENGWU_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("ZHENGWU_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("ZHENGWU_FROM_EMAIL", "zhengwu@localhost")
# Uploaded materials: the most one file, and all the files of one application, may take.
ZHENGWU_MAX_UPLOAD_BYTES = int(env("ZHENGWU_MAX_UPLOAD_MB", "20")) * 1024 * 1024
ZHENGWU_MAX_CASE_UPLOAD_BYTES = int(env("ZHENGWU_MAX_CASE_UPLOAD_MB", "100")) * 1024 * 1024
ZHENGWU_NOTIFICATION_CHANNELS = env_list(
    "ZHENGWU_NOTIFICATION_CHANNELS",
    ["zhengwu.cases.notify.EmailChannel", "zhengwu.cases.notify.SmsChannel"],
)
ZHENGWU_SMS_GATEWAY = env("ZHENGWU_SMS_GATEWAY", "zhengwu.cases.notify.OutboxSmsGateway")

# Government information disclosure and public interaction. The applicant's period for a
# correction (art. 30 leaves it to the agency: "a reasonable period"), in working days; the
# answer limits of consultations, complaints and mailbox letters, e.g.
# ZHENGWU_INTERACTION_LIMITS="consultation=5,complaint=10,mailbox=15".
ZHENGWU_DISCLOSURE_CORRECTION_DAYS = int(env("ZHENGWU_DISCLOSURE_CORRECTION_DAYS", "15"))
ZHENGWU_INTERACTION_LIMITS = {
    kind: int(days)
    for kind, _sep, days in (
        pair.partition("=") for pair in env_list("ZHENGWU_INTERACTION_LIMITS", []) if pair
    )
}

# Normative documents (zhengwu.rulemaking): the longest validity from entry into force, in
# years (interim and trial documents apart); the shortest public-comment period and the days
# to file with each filing authority after publication, both calendar days; the years between
# full clean-ups.
ZHENGWU_NORMATIVE_VALIDITY_YEARS = int(env("ZHENGWU_NORMATIVE_VALIDITY_YEARS", "5"))
ZHENGWU_INTERIM_VALIDITY_YEARS = int(env("ZHENGWU_INTERIM_VALIDITY_YEARS", "2"))
ZHENGWU_NORMATIVE_COMMENT_DAYS = int(env("ZHENGWU_NORMATIVE_COMMENT_DAYS", "30"))
ZHENGWU_NORMATIVE_FILING_DAYS = int(env("ZHENGWU_NORMATIVE_FILING_DAYS", "30"))
ZHENGWU_NORMATIVE_CLEANUP_YEARS = int(env("ZHENGWU_NORMATIVE_CLEANUP_YEARS", "2"))

# Law enforcement (zhengwu.enforcement): working days to file a major penalty decision with
# the legal-affairs office; days the body's head may add to the 90 days of a penalty case;
# years a passed law exam counts for a certificate.
ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS = int(env("ZHENGWU_ENFORCEMENT_MAJOR_FILING_DAYS", "15"))
ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS = int(
    env("ZHENGWU_ENFORCEMENT_DECISION_EXTENSION_DAYS", "30")
)
ZHENGWU_ENFORCEMENT_EXAM_VALID_YEARS = int(env("ZHENGWU_ENFORCEMENT_EXAM_VALID_YEARS", "3"))

# Administrative reconsideration and litigation (zhengwu.reconsideration): every period of the
# Administrative Reconsideration Law (2023) and the litigation answer, in the days the law
# counts (working days for 3, 5, 7 and 10 days, art. 88; calendar days otherwise), each
# overridable as ZHENGWU_RECONSIDERATION_<NAME>_DAYS; the case-number prefix (default: the
# county's first character and 政复字).
_RECONSIDERATION_DAYS = {
    "APPLICATION": 60, "EXAMINATION": 5, "CORRECTION": 10, "SEND": 7, "ANSWER": 10,
    "SIMPLIFIED_SEND": 3, "SIMPLIFIED_ANSWER": 5, "DECISION": 60, "EXTENSION": 30,
    "SIMPLIFIED_DECISION": 30, "DOCUMENT_REVIEW": 30, "DOCUMENT_TRANSFER": 7,
    "DRAFTER_NOTICE": 3, "DRAFTER_ANSWER": 10, "LITIGATION_ANSWER": 15,
}  # fmt: skip
for _name, _days in _RECONSIDERATION_DAYS.items():
    globals()[f"ZHENGWU_RECONSIDERATION_{_name}_DAYS"] = int(
        env(f"ZHENGWU_RECONSIDERATION_{_name}_DAYS", str(_days))
    )
ZHENGWU_RECONSIDERATION_NUMBER_PREFIX = env("ZHENGWU_RECONSIDERATION_NUMBER_PREFIX", "")

# Government contracts (zhengwu.contracts): working days of the legality review (local
# practice); days before a contract's expiry that e-supervision warns.
ZHENGWU_CONTRACT_REVIEW_DAYS = int(env("ZHENGWU_CONTRACT_REVIEW_DAYS", "7"))
ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS = int(env("ZHENGWU_CONTRACT_EXPIRY_WARNING_DAYS", "30"))

# Major administrative decisions (zhengwu.decisions, Decree 713): the shortest public comment
# (art. 15, calendar days); the notice before a hearing (art. 18); the working days the
# legality review is owed at least (art. 26) and the office's own limit; the days between
# implementation reports.
ZHENGWU_DECISION_COMMENT_DAYS = int(env("ZHENGWU_DECISION_COMMENT_DAYS", "30"))
ZHENGWU_DECISION_HEARING_NOTICE_DAYS = int(env("ZHENGWU_DECISION_HEARING_NOTICE_DAYS", "7"))
ZHENGWU_DECISION_REVIEW_MIN_DAYS = int(env("ZHENGWU_DECISION_REVIEW_MIN_DAYS", "7"))
ZHENGWU_DECISION_REVIEW_DAYS = int(env("ZHENGWU_DECISION_REVIEW_DAYS", "15"))
ZHENGWU_DECISION_FOLLOW_UP_DAYS = int(env("ZHENGWU_DECISION_FOLLOW_UP_DAYS", "180"))

# Disputes (zhengwu.disputes; local practice): calendar days of mediation from acceptance and
# the most the parties may agree to add; working days to report a dispute that may escalate.
ZHENGWU_DISPUTE_MEDIATION_DAYS = int(env("ZHENGWU_DISPUTE_MEDIATION_DAYS", "30"))
ZHENGWU_DISPUTE_MEDIATION_EXTENSION_DAYS = int(
    env("ZHENGWU_DISPUTE_MEDIATION_EXTENSION_DAYS", "30")
)
ZHENGWU_DISPUTE_REPORT_DAYS = int(env("ZHENGWU_DISPUTE_REPORT_DAYS", "1"))

# Deputies' suggestions and CPPCC proposals (zhengwu.proposals): months to reply and to reply
# again after an unsatisfied feedback; calendar days for a co-handler's opinion; working days
# in which a lead department may ask to be relieved.
ZHENGWU_PROPOSAL_REPLY_MONTHS = int(env("ZHENGWU_PROPOSAL_REPLY_MONTHS", "3"))
ZHENGWU_PROPOSAL_REHANDLE_MONTHS = int(env("ZHENGWU_PROPOSAL_REHANDLE_MONTHS", "1"))
ZHENGWU_PROPOSAL_COHANDLING_DAYS = int(env("ZHENGWU_PROPOSAL_COHANDLING_DAYS", "30"))
ZHENGWU_PROPOSAL_DECLINE_WORKDAYS = int(env("ZHENGWU_PROPOSAL_DECLINE_WORKDAYS", "5"))

# Law study and exams (zhengwu.lawstudy): the exam participation rate (percent) below which a
# unit is highlighted.
ZHENGWU_LAWSTUDY_PARTICIPATION_THRESHOLD = float(
    env("ZHENGWU_LAWSTUDY_PARTICIPATION_THRESHOLD", "95")
)

# The annual assessment (zhengwu.assessment): the percent of the points from which a unit is
# graded 优秀, 良好 and 合格; whether a new scheme opens every scorecard to every unit.
ZHENGWU_ASSESSMENT_EXCELLENT_FROM = float(env("ZHENGWU_ASSESSMENT_EXCELLENT_FROM", "90"))
ZHENGWU_ASSESSMENT_GOOD_FROM = float(env("ZHENGWU_ASSESSMENT_GOOD_FROM", "80"))
ZHENGWU_ASSESSMENT_PASS_FROM = float(env("ZHENGWU_ASSESSMENT_PASS_FROM", "60"))
ZHENGWU_ASSESSMENT_PUBLIC_SCORECARDS = env_bool("ZHENGWU_ASSESSMENT_PUBLIC_SCORECARDS", False)
