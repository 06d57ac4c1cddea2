"""Sign-in settings read from the environment: e-mail, cache, HTTPS, two-factor."""

from __future__ import annotations

import runpy
from typing import Any

import pytest

from vernissage.accounts.checks import check_shared_cache
from vernissage.config import settings as settings_module
from vernissage.config.settings import ConfigurationError

PREFIXES = ("VERNISSAGE_EMAIL_", "VERNISSAGE_HTTPS", "VERNISSAGE_HSTS", "VERNISSAGE_REDIS")


@pytest.fixture
def read_settings(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Read settings.py afresh with the given environment (on top of a clean one)."""
    import os

    for name in list(os.environ):
        if name.startswith(PREFIXES) or name in {
            "REDIS_URL",
            "VERNISSAGE_DEFAULT_FROM_EMAIL",
            "VERNISSAGE_REQUIRE_2FA",
            "VERNISSAGE_SECURE_COOKIES",
        }:
            monkeypatch.delenv(name)

    def read(**environment: str) -> dict[str, Any]:
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(settings_module.__file__, run_name="settings_under_test")

    return read


def test_email_is_printed_on_the_console_until_a_host_is_set(read_settings: Any) -> None:
    settings = read_settings()
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["DEFAULT_FROM_EMAIL"] == "Vernissage <webmaster@localhost>"


def test_an_email_host_switches_to_smtp(read_settings: Any) -> None:
    settings = read_settings(
        VERNISSAGE_EMAIL_HOST="smtp.gallery.example",
        VERNISSAGE_EMAIL_USE_TLS="true",
        VERNISSAGE_EMAIL_HOST_USER="desk",
        VERNISSAGE_EMAIL_HOST_PASSWORD="s3cret",
        VERNISSAGE_DEFAULT_FROM_EMAIL="Galerie <desk@gallery.example>",
    )
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (
        settings["EMAIL_HOST"],
        settings["EMAIL_PORT"],
        settings["EMAIL_USE_TLS"],
        settings["EMAIL_USE_SSL"],
        settings["EMAIL_HOST_USER"],
        settings["EMAIL_HOST_PASSWORD"],
        settings["DEFAULT_FROM_EMAIL"],
    ) == (
        "smtp.gallery.example",
        587,
        True,
        False,
        "desk",
        "s3cret",
        "Galerie <desk@gallery.example>",
    )


@pytest.mark.parametrize(
    ("tls_case", "environment", "port"),
    [
        ("plain", {}, 25),
        ("ssl", {"VERNISSAGE_EMAIL_USE_SSL": "yes"}, 465),
        ("explicit port", {"VERNISSAGE_EMAIL_PORT": "2525"}, 2525),
    ],
)
def test_email_port_follows_the_encryption(
    read_settings: Any, tls_case: str, environment: dict[str, str], port: int
) -> None:
    settings = read_settings(VERNISSAGE_EMAIL_HOST="smtp.gallery.example", **environment)
    assert settings["EMAIL_PORT"] == port


def test_tls_and_ssl_together_are_refused(read_settings: Any) -> None:
    # settings.py read afresh defines its own ConfigurationError class: match by name.
    with pytest.raises(RuntimeError, match="cannot both be true") as refused:
        read_settings(VERNISSAGE_EMAIL_USE_TLS="true", VERNISSAGE_EMAIL_USE_SSL="true")
    assert type(refused.value).__name__ == ConfigurationError.__name__


@pytest.mark.parametrize(
    ("cache_case", "environment", "backend", "location"),
    [
        ("none", {}, "django.core.cache.backends.db.DatabaseCache", "vernissage_cache"),
        (
            "REDIS_URL",
            {"REDIS_URL": "redis://cache:6379/2"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache:6379/2",
        ),
        (
            "both",
            {"REDIS_URL": "redis://other:6379/0", "VERNISSAGE_REDIS_URL": "redis://cache:6379/1"},
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache:6379/1",
        ),
    ],
)
def test_the_cache_is_shared_between_processes(
    read_settings: Any, cache_case: str, environment: dict[str, str], backend: str, location: str
) -> None:
    default = read_settings(**environment)["CACHES"]["default"]
    assert (default["BACKEND"], default["LOCATION"]) == (backend, location)


def test_a_per_process_cache_is_reported(settings: Any) -> None:
    assert check_shared_cache() == []
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [message.id for message in check_shared_cache()] == ["accounts.W001"]


def test_https_turns_on_secure_cookies_hsts_and_the_proxy_header(read_settings: Any) -> None:
    plain = read_settings()
    assert (plain["SESSION_COOKIE_SECURE"], plain["CSRF_COOKIE_SECURE"]) == (False, False)
    assert "SECURE_PROXY_SSL_HEADER" not in plain

    https = read_settings(VERNISSAGE_HTTPS="true")
    assert https["SESSION_COOKIE_SECURE"] is True
    assert https["CSRF_COOKIE_SECURE"] is True
    assert https["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert https["SECURE_SSL_REDIRECT"] is True
    assert https["SECURE_HSTS_SECONDS"] == 31_536_000
    assert https["ACCOUNT_DEFAULT_HTTP_PROTOCOL"] == "https"


@pytest.mark.parametrize(("value", "expected"), [("", False), ("false", False), ("true", True)])
def test_two_factor_requirement_is_off_unless_asked(
    read_settings: Any, value: str, expected: bool
) -> None:
    assert read_settings(VERNISSAGE_REQUIRE_2FA=value)["VERNISSAGE_REQUIRE_2FA"] is expected


def test_a_page_cost_that_is_not_a_number_is_refused_by_name(
    read_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test")
    with pytest.raises(RuntimeError, match="VERNISSAGE_PG_RANDOM_PAGE_COST must be") as refused:
        read_settings(VERNISSAGE_PG_RANDOM_PAGE_COST="fast")
    assert type(refused.value).__name__ == ConfigurationError.__name__
    settings = read_settings(VERNISSAGE_PG_RANDOM_PAGE_COST="")
    assert "random_page_cost" not in settings["DATABASES"]["default"].get("OPTIONS", {}).get(
        "options", ""
    )


def test_parallel_workers_are_none_unless_asked_and_a_wrong_number_is_refused(
    read_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?options=-c%20work_mem%3D8MB"
    )

    def options(**environment: str) -> str:
        return str(read_settings(**environment)["DATABASES"]["default"]["OPTIONS"]["options"])

    assert options() == (
        "-c work_mem=8MB -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"
    )
    assert options(VERNISSAGE_PG_PARALLEL_WORKERS="2").endswith(
        "-c max_parallel_workers_per_gather=2"
    )
    assert "max_parallel" not in options(VERNISSAGE_PG_PARALLEL_WORKERS="")
    for wrong in ("two", "-1", "2.5"):
        with pytest.raises(RuntimeError, match="VERNISSAGE_PG_PARALLEL_WORKERS must be"):
            read_settings(VERNISSAGE_PG_PARALLEL_WORKERS=wrong)
