"""Vernissage settings: one module, read from the environment.

With no configuration at all Vernissage runs on a SQLite file inside ``VERNISSAGE_HOME``
(default ``./vernissage-data``), which also holds the media folder and a secret key made on
first run. Production sets ``DATABASE_URL`` (PostgreSQL), ``VERNISSAGE_SECRET_KEY`` and
``VERNISSAGE_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _


class ConfigurationError(RuntimeError):
    """A setting in the environment cannot be read."""


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by ``NAME_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def home_secret_key(home: Path) -> str:
    """The secret key kept in the data folder, made on first run."""
    key_file = home / "secret_key"
    if not key_file.exists():
        home.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


def home_served_at(home: Path) -> str:
    """The address `vernissage demo` or `serve` last served on, kept in the data folder."""
    try:
        return (home / "served-at").read_text(encoding="utf-8").strip()
    except OSError:
        return ""


BASE_DIR = Path(__file__).resolve().parent.parent
HOME = Path(env_str("VERNISSAGE_HOME", "vernissage-data")).resolve()

DEBUG = env_bool("VERNISSAGE_DEBUG", False)
SECRET_KEY = env_str("VERNISSAGE_SECRET_KEY") or home_secret_key(HOME)
ALLOWED_HOSTS = env_list("VERNISSAGE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("VERNISSAGE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    # Before allauth, so that our templates of its pages win.
    "vernissage.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "vernissage.core",
    "vernissage.people",
    "vernissage.works",
    "vernissage.images",
    "vernissage.market",
    "vernissage.exhibitions",
    "vernissage.press",
    "vernissage.interop",
    "vernissage.site",
    "vernissage.insights",
    "vernissage.biographies",
    "vernissage.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vernissage.images.early.AnonymousImageMiddleware",
    "vernissage.site.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before anything that writes text: picks the visitor's language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "vernissage.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "vernissage.config.urls"
WSGI_APPLICATION = "vernissage.config.wsgi.application"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# allauth's backend alone (it is Django's ModelBackend, permissions included, that also
# accepts an e-mail address): with both, a wrong password would be hashed twice.
AUTHENTICATION_BACKENDS = ["vernissage.core.backends.AuthenticationBackend"]

TEMPLATES = [
    {
        "BACKEND": "vernissage.config.templating.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vernissage.site.context_processors.access",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{HOME / 'vernissage.sqlite3'}",
        conn_max_age=env_int("VERNISSAGE_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work side by side; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock of deferred transactions. SQLite's own page cache
    # is 2 MB a connection: the full-text index (24 MB at 100,000 works, 200 MB at a million)
    # then goes back to the file for every page it merges, and writing its documents slows
    # twentyfold (4,000 works at a million: 78 s with 64 MB, 3.8 s with 128 MB or more). The
    # cache is a ceiling, filled only as pages are read; sorts and groupings stay in memory.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            f"PRAGMA cache_size=-{env_int('VERNISSAGE_SQLITE_CACHE_MB', 256) * 1024}; "
            "PRAGMA temp_store=MEMORY;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if DEBUG else 600
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's planner prices a random page read at 4 sequential ones (spinning disks).
    # A catalogue lives in memory or on SSD, where 1.1 is the usual price: with 4, the
    # works a search found (4,000 of 100,000) were joined by a scan of every public work
    # (67 ms) instead of their 4,000 index lookups (30 ms).
    random_page_cost = env_str("VERNISSAGE_PG_RANDOM_PAGE_COST", "1.1").strip()
    if random_page_cost:  # empty: the server's own setting
        try:
            price = float(random_page_cost)
        except ValueError:
            price = -1.0
        if not 0 < price < 1_000:
            raise ConfigurationError(
                "VERNISSAGE_PG_RANDOM_PAGE_COST must be a positive number (1.1 for SSD), "
                f"or empty for the server's own setting, not {random_page_cost!r}"
            )
        options = DATABASES["default"].setdefault("OPTIONS", {})
        given = options.get("options", "")  # from DATABASE_URL's ?options=, kept first
        options["options"] = f"{given} -c random_page_cost={price}".strip()
    # Workers one query may start besides its own process. A web server's processes already
    # use the cores, and the catalogue's queries are short reads through indexes, which the
    # workers' start made slower: at a million works, counting what a search of a maker's
    # name found took 36 to 44 ms with two workers and 24 to 26 ms with none, and the
    # slowest search page's p95 went from 121.8 to 75.3 ms (bench/catalogue.py).
    parallel_workers = env_str("VERNISSAGE_PG_PARALLEL_WORKERS", "0").strip()
    if parallel_workers:  # empty: the server's own setting
        if not parallel_workers.isdigit() or int(parallel_workers) > 1_024:
            raise ConfigurationError(
                "VERNISSAGE_PG_PARALLEL_WORKERS must be a whole number from 0 to 1024, or "
                f"empty for the server's own setting, not {parallel_workers!r}"
            )
        options = DATABASES["default"].setdefault("OPTIONS", {})
        workers = f"-c max_parallel_workers_per_gather={int(parallel_workers)}"
        options["options"] = f"{options.get('options', '')} {workers}".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# English only for now; French, German and Russian follow as their catalogues are complete
# (every string a person reads is already marked for translation).
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("VERNISSAGE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("VERNISSAGE_MEDIA_ROOT") or HOME / "media")
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
WHITENOISE_USE_FINDERS = DEBUG

# HTTPS. Vernissage speaks plain HTTP and expects a TLS proxy (nginx, Caddy, a load balancer)
# in front; VERNISSAGE_HTTPS=true says there is one, and turns on everything `check --deploy`
# asks for: secure cookies, HSTS, the redirect to https, and trust in the proxy's
# X-Forwarded-Proto header (so the proxy must set it, and overwrite what clients send).
HTTPS = env_bool("VERNISSAGE_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("VERNISSAGE_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("VERNISSAGE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("VERNISSAGE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("VERNISSAGE_HSTS_PRELOAD", True)
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# The cache shared by every process: login rate limits and one-time TOTP codes live here, so
# it must not be per process. Redis when VERNISSAGE_REDIS_URL (or REDIS_URL) is set,
# otherwise a table in the database (made by the accounts migrations).
REDIS_URL = env_str("VERNISSAGE_REDIS_URL") or env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("VERNISSAGE_CACHE_KEY_PREFIX", "vernissage"),
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "vernissage_cache",
            "KEY_PREFIX": env_str("VERNISSAGE_CACHE_KEY_PREFIX", "vernissage"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    )
}

# E-mail (password resets). Printed on the console until VERNISSAGE_EMAIL_HOST names an SMTP
# server.
EMAIL_HOST = env_str("VERNISSAGE_EMAIL_HOST")
EMAIL_USE_TLS = env_bool("VERNISSAGE_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("VERNISSAGE_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ConfigurationError(
        "VERNISSAGE_EMAIL_USE_TLS (STARTTLS) and VERNISSAGE_EMAIL_USE_SSL cannot both be true"
    )
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int(
    "VERNISSAGE_EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25
)
EMAIL_HOST_USER = env_str("VERNISSAGE_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("VERNISSAGE_EMAIL_HOST_PASSWORD")
EMAIL_TIMEOUT = env_int("VERNISSAGE_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("VERNISSAGE_DEFAULT_FROM_EMAIL", "Vernissage <webmaster@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sign-in (django-allauth, wired in vernissage.accounts). Staff sign in with their user name
# or e-mail; there is no public sign-up, the owner makes the accounts.
ACCOUNT_ADAPTER = "vernissage.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Vernissage] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Eight failed logins in a row, from one address or at one account, and the next attempt is
# refused (the password is not even tried) until the oldest of them is 15 minutes old.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("VERNISSAGE_LOGIN_FAILED_RATE", "8/15m/ip,8/15m/key"),
}
# Behind proxies, the client's address is the Nth address from the right of X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("VERNISSAGE_TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vernissage"
# A code of the previous or next 30 s also counts, for phones whose clock is a little off.
MFA_TOTP_TOLERANCE = 1
# Owners, sales staff and superusers must set up TOTP before any other staff page.
VERNISSAGE_REQUIRE_2FA = env_bool("VERNISSAGE_REQUIRE_2FA", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("VERNISSAGE_LOG_LEVEL", "WARNING")},
}

# Inventory numbers of new works are made from this pattern when none is given:
# {initials} of the first maker, {year} the earliest year of the work's date (or this year),
# {seq} the next free number for that prefix.
VERNISSAGE_INVENTORY_PATTERN = env_str(
    "VERNISSAGE_INVENTORY_PATTERN", "{initials}-{year}-{seq:03d}"
)
VERNISSAGE_PAGE_SIZE = env_int("VERNISSAGE_PAGE_SIZE", 48)

# Images: the largest file and the most pixels an upload may have (decompression bombs stop
# at the header), and the size limit of the disk cache of IIIF derivatives.
VERNISSAGE_IMAGE_MAX_BYTES = env_int("VERNISSAGE_IMAGE_MAX_BYTES", 2_000_000_000)
VERNISSAGE_IMAGE_MAX_PIXELS = env_int("VERNISSAGE_IMAGE_MAX_PIXELS", 1_000_000_000)
VERNISSAGE_IIIF_MAX_WIDTH = env_int("VERNISSAGE_IIIF_MAX_WIDTH", 10_000)
VERNISSAGE_IIIF_MAX_HEIGHT = env_int("VERNISSAGE_IIIF_MAX_HEIGHT", 10_000)
VERNISSAGE_IIIF_MAX_AREA = env_int("VERNISSAGE_IIIF_MAX_AREA", 50_000_000)
VERNISSAGE_IIIF_CACHE_BYTES = env_int("VERNISSAGE_IIIF_CACHE_BYTES", 2_000_000_000)
# Decoded tiles kept in each server process's memory for answers cut from several tiles
# (thumbnails, regions off the grid): images/decoded.py. IIPImage's default, 10 of its MB.
VERNISSAGE_IIIF_TILE_MEMORY_BYTES = env_int("VERNISSAGE_IIIF_TILE_MEMORY_BYTES", 10_240_000)
# The JPEG quality (1-100) of IIIF answers that are encoded anew (tiles on the pyramid's grid
# are sent as stored, at the quality the pyramid was built with).
VERNISSAGE_IIIF_JPEG_QUALITY = env_int("VERNISSAGE_IIIF_JPEG_QUALITY", 85)
if not 1 <= VERNISSAGE_IIIF_JPEG_QUALITY <= 100:
    raise ConfigurationError(
        f"VERNISSAGE_IIIF_JPEG_QUALITY must be from 1 to 100, not {VERNISSAGE_IIIF_JPEG_QUALITY}"
    )

TASKS = {
    "default": {
        "BACKEND": env_str("VERNISSAGE_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "ENQUEUE_ON_COMMIT": False,
    }
}

# The house as its invoices and statements print it: name, postal address and tax number on
# the letterhead, bank details and terms at the foot. Lines of the address, bank details and
# terms are separated by "\n" in the variable (or written on lines in the *_FILE).
VERNISSAGE_HOUSE_NAME = env_str("VERNISSAGE_HOUSE_NAME", "Vernissage")
VERNISSAGE_HOUSE_ADDRESS = env_str("VERNISSAGE_HOUSE_ADDRESS").replace("\\n", "\n")
VERNISSAGE_HOUSE_TAX_ID = env_str("VERNISSAGE_HOUSE_TAX_ID")
VERNISSAGE_BANK_DETAILS = env_str("VERNISSAGE_BANK_DETAILS").replace("\\n", "\n")
VERNISSAGE_INVOICE_TERMS = env_str(
    "VERNISSAGE_INVOICE_TERMS",
    "Payment due within 30 days of the invoice date. Title passes on payment in full.",
).replace("\\n", "\n")

# The currency the sales report converts totals into, at the exchange rates staff enter
# (market.ExchangeRate); an ISO 4217 code.
VERNISSAGE_REPORTING_CURRENCY = env_str("VERNISSAGE_REPORTING_CURRENCY", "EUR").upper()

# Where this site is reached from outside, for links printed by the command line.
# Without the variable: where `vernissage demo`/`serve` last served (issue 11).
VERNISSAGE_BASE_URL = (
    env_str("VERNISSAGE_BASE_URL") or home_served_at(HOME) or "http://127.0.0.1:8000"
)

# Public pages as anonymous visitors see them are cached for this long (0 turns it off);
# every committed write invalidates them at once (vernissage.core.generation).
VERNISSAGE_PAGE_CACHE_SECONDS = env_int("VERNISSAGE_PAGE_CACHE_SECONDS", 600)
VERNISSAGE_PAGE_CACHE_ENTRIES = env_int("VERNISSAGE_PAGE_CACHE_ENTRIES", 5000)

# `vernissage demo` serves the static files from the apps' folders as they are, uncollected:
# collecting and compressing them (Mirador, OpenSeadragon) was the longest step of the demo's
# first start (issue 11). `serve` collects them, hashed and compressed, as before.
if env_bool("VERNISSAGE_STATIC_FROM_APPS", False):
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True

# Prepared reads (vernissage.core.prepared) build their SQL once per process; with this on,
# every run builds it again and fails if it differs (the tests turn it on).
VERNISSAGE_PREPARED_CHECK = env_bool("VERNISSAGE_PREPARED_CHECK", False)
