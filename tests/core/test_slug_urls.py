"""``slug_url`` gives what ``reverse`` gives, whatever the slug and the script prefix."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from vernissage.core.slugs import slug_url

NAMES = ("site:artwork-detail", "site:person-detail", "site:exhibition-detail")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("slug", ["jacques", "ana-kalmurzaeva-2", "a_b", "X9"])
def test_slug_url_is_the_reversed_address(name: str, slug: str) -> None:
    assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


@pytest.mark.parametrize("slug", ["", "two words", "../admin", "москва", "a/b"])
def test_a_slug_django_would_refuse_is_refused(slug: str) -> None:
    with pytest.raises(NoReverseMatch):
        reverse("site:person-detail", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        slug_url("site:person-detail", slug)


def test_the_script_prefix_is_followed() -> None:
    before = slug_url("site:person-detail", "jacques")
    try:
        set_script_prefix("/vernissage/")
        assert slug_url("site:person-detail", "jacques") == "/vernissage" + before
        assert slug_url("site:person-detail", "jacques") == reverse(
            "site:person-detail", kwargs={"slug": "jacques"}
        )
    finally:
        set_script_prefix("/")
    assert slug_url("site:person-detail", "jacques") == before
