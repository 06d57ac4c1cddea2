"""The staff admin of contacts and their tags: every write goes through the services of
:mod:`vernissage.market.contacts`. Consent and erasure are not edited here: they are changed on
the contact's page, where the date and source of a consent are asked for and erasure is
confirmed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vernissage.core.admin import ServiceAdmin
from vernissage.market import contacts as services
from vernissage.market.contacts_models import (
    ContactAddress,
    ContactEmail,
    ContactPhone,
    Interaction,
)
from vernissage.market.models import Contact, ContactTag


def _save_point(*, instance: Any, acting_user: Any) -> Any:
    return services.contact_point_save(point=instance, acting_user=acting_user)


def _remove_point(*, instance: Any, acting_user: Any) -> None:
    services.contact_point_remove(point=instance, acting_user=acting_user)


def _save_interaction(*, instance: Interaction, acting_user: Any) -> Interaction:
    return services.interaction_save(interaction=instance, acting_user=acting_user)


def _delete_interaction(*, instance: Interaction, acting_user: Any) -> None:
    services.interaction_delete(interaction=instance, acting_user=acting_user)


class EmailInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ContactEmail
    extra = 0
    fields = ("address", "kind", "primary")


class PhoneInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ContactPhone
    extra = 0
    fields = ("number", "kind", "primary")


class AddressInline(admin.StackedInline):  # type: ignore[type-arg]
    model = ContactAddress
    extra = 0
    fields = (("kind", "primary"), "lines", ("postal_code", "city", "country"))


class InteractionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Interaction
    extra = 0
    fields = ("kind", "at", "staff", "opening", "exhibition", "note")
    raw_id_fields = ("opening", "exhibition", "staff")


def _save_contact(*, instance: Contact, acting_user: Any) -> Contact:
    return services.contact_save(contact=instance, acting_user=acting_user)


def _refuse_delete(*, instance: Contact, acting_user: Any) -> None:
    raise ValidationError(
        _("A contact is not deleted: erase it on its page, which keeps the ledger whole.")
    )


@admin.register(Contact)
class ContactAdmin(ServiceAdmin):
    save_service = staticmethod(_save_contact)
    delete_service = staticmethod(_refuse_delete)
    inlines = (EmailInline, PhoneInline, AddressInline, InteractionInline)
    inline_services = {  # noqa: RUF012
        ContactEmail: (_save_point, _remove_point),
        ContactPhone: (_save_point, _remove_point),
        ContactAddress: (_save_point, _remove_point),
        Interaction: (_save_interaction, _delete_interaction),
    }
    list_display = ("__str__", "email", "looked_after_by", "marketing_consent", "erased_at")
    list_select_related = ("person", "organization", "looked_after_by")
    list_filter = ("marketing_consent", "tags")
    search_fields = ("person__display_name", "organization__name", "email", "emails__address")
    autocomplete_fields = ("person", "organization")
    filter_horizontal = (
        "tags",
        "interested_in_artists",
        "interested_in_media",
        "interested_in_themes",
    )
    readonly_fields = (
        "email",
        "phone",
        "marketing_consent",
        "consent_at",
        "consent_source",
        "erased_at",
    )
    fieldsets = (
        (None, {"fields": ("person", "organization", "language", "looked_after_by", "tags")}),
        (
            gettext_lazy("Interests"),
            {
                "fields": (
                    "interested_in_artists",
                    "interested_in_media",
                    "interested_in_themes",
                    ("price_min", "price_max", "price_currency"),
                )
            },
        ),
        (
            gettext_lazy("Consent"),
            {"fields": ("marketing_consent", "consent_at", "consent_source")},
        ),
        (gettext_lazy("Notes"), {"fields": ("notes", "email", "phone", "erased_at")}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.erased_at is not None:
            fields += ["person", "organization", "notes", "tags", "language"]
        return fields


@admin.register(ContactTag)
class ContactTagAdmin(ServiceAdmin):
    list_display = ("name",)
    search_fields = ("name",)


# Provenance and certificates have their own module.
from vernissage.market import admin_provenance  # noqa: E402, F401, I001

# Exchange rates (and the sales' money) have their own module.
from vernissage.market import admin_sales  # noqa: E402, F401, I001
