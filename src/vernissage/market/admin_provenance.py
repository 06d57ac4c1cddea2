"""The admin of provenance events (with their parties) and certificates: every save goes
through the services, as everywhere in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from vernissage.core.admin import ServiceAdmin
from vernissage.market import provenance
from vernissage.market.provenance_models import Certificate, ProvenanceEvent, ProvenanceParty


class PartyInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProvenanceParty
    extra = 1
    autocomplete_fields = ("person", "organization")
    fields = ("role", "person", "organization", "anonymous", "name_public")


def _save_party(*, instance: ProvenanceParty, acting_user: Any) -> ProvenanceParty:
    return provenance.provenance_party_save(party=instance, acting_user=acting_user)


def _delete_party(*, instance: ProvenanceParty, acting_user: Any) -> None:
    provenance.provenance_party_delete(party=instance, acting_user=acting_user)


def _save_event(*, instance: ProvenanceEvent, acting_user: Any) -> ProvenanceEvent:
    if instance.pk is None:
        instance.position = ProvenanceEvent.objects.filter(artwork=instance.artwork).count()
    return provenance.provenance_event_save(event=instance, acting_user=acting_user)


def _delete_event(*, instance: ProvenanceEvent, acting_user: Any) -> None:
    provenance.provenance_event_delete(event=instance, acting_user=acting_user)


@admin.register(ProvenanceEvent)
class ProvenanceEventAdmin(ServiceAdmin):
    save_service = staticmethod(_save_event)
    delete_service = staticmethod(_delete_event)
    inlines = (PartyInline,)
    inline_services = {ProvenanceParty: (_save_party, _delete_party)}  # noqa: RUF012
    list_display = ("artwork", "position", "kind", "date", "certainty")
    list_select_related = ("artwork",)
    list_filter = ("kind", "certainty")
    search_fields = ("artwork__title", "artwork__inventory_number", "source")
    autocomplete_fields = ("artwork", "place")
    fields = (
        "artwork",
        "kind",
        "date",
        "place",
        "method",
        ("price", "currency"),
        "certainty",
        "source",
        "notes",
    )


def _save_certificate(*, instance: Certificate, acting_user: Any) -> Certificate:
    # Imported here: certificates bring WeasyPrint (PDF) with them, a third of the time
    # Django takes to start, which `vernissage demo` waits for before migrating (issue 11).
    from vernissage.market import certificates

    if instance.pk is None:
        return certificates.certificate_issue(
            artwork=instance.artwork,
            issued_by=instance.issued_by,
            issued_on=instance.issued_on,
            show_title=instance.show_title,
            show_artist=instance.show_artist,
            show_details=instance.show_details,
            show_image=instance.show_image,
            show_owner=instance.show_owner,
            acting_user=acting_user,
        )
    return certificates.certificate_choices_save(certificate=instance, acting_user=acting_user)


@admin.register(Certificate)
class CertificateAdmin(ServiceAdmin):
    save_service = staticmethod(_save_certificate)
    list_display = ("number", "artwork", "issued_on", "issued_by", "revoked_at")
    list_select_related = ("artwork",)
    search_fields = ("number", "artwork__title", "artwork__inventory_number")
    autocomplete_fields = ("artwork",)
    readonly_fields = ("number", "revoked_at", "revoked_reason")
    fields = (
        "artwork",
        "number",
        "issued_on",
        "issued_by",
        ("show_title", "show_artist", "show_details", "show_image", "show_owner"),
        "revoked_at",
        "revoked_reason",
    )

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # a certificate is revoked, never erased: its QR code is out there
