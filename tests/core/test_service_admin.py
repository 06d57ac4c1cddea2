"""The admin's plumbing: every inline of a service admin has its services."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured

from vernissage.core.admin import ServiceAdmin
from vernissage.people.models import Person, PersonName, Relationship


class NameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PersonName


class TieInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Relationship
    fk_name = "person"


def test_an_inline_without_services_fails_when_the_admin_is_made() -> None:
    class PersonAdmin(ServiceAdmin):
        inlines = (NameInline, TieInline)
        inline_services = {  # noqa: RUF012
            PersonName: (lambda **_: None, lambda **_: None),
        }

    with pytest.raises(ImproperlyConfigured) as refused:
        PersonAdmin(Person, admin.AdminSite())

    assert str(refused.value) == (
        "PersonAdmin has no (save, delete) services in inline_services for Relationship: "
        "the rows of every inline are written through services."
    )


def test_every_registered_service_admin_has_its_inline_services() -> None:
    checked = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ServiceAdmin) and model_admin.inlines
    ]
    assert {type(model_admin).__name__ for model_admin in checked} == {
        "ArtworkAdmin",
        "ContactAdmin",
        "ExhibitionAdmin",
        "GuestAdmin",
        "InvitationAdmin",
        "PersonAdmin",
        "PlaceAdmin",
        "ProvenanceEventAdmin",
        "ReviewAdmin",
        "SaleAdmin",
    }
    for model_admin in checked:
        assert {inline.model for inline in model_admin.inlines} <= set(model_admin.inline_services)
