"""The staff admin of venues and exhibitions: every write goes through the services, and each
inline hides what its viewer may not see (lenders without ``view_private_records``, prices
without ``view_prices``: a Registrar keeps checklists without ever seeing a price).

Opening times are typed and shown on the venue's wall clock, whatever the server's time zone:
“18:00” at a Paris venue is 18:00 in Paris (:class:`OpeningForm`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy

from vernissage.core.access import can_see_prices
from vernissage.core.admin import (
    DeletedListFilter,
    ServiceAdmin,
    SoftDeleteAdmin,
    private_fields_for,
)
from vernissage.exhibitions import services
from vernissage.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    ExhibitionVenue,
    Opening,
    Venue,
)


def hidden_fields_for(request: HttpRequest, model: type[Any]) -> set[str]:
    """Fields of ``model`` this staff member may not read: private ones without
    ``view_private_records``, prices without ``view_prices``."""
    hidden = private_fields_for(request, model)
    if not can_see_prices(request.user):
        hidden |= set(getattr(model, "price_fields", ()))
    return hidden


class AccessInline(admin.TabularInline):  # type: ignore[type-arg]
    """An inline whose rows show only the fields the staff member may read; a hidden field
    is not in the form at all, so saving the row leaves its value as it was."""

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        hidden = hidden_fields_for(request, self.model)
        return [name for name in super().get_fields(request, obj) if name not in hidden]


# --- opening times on the venue's clock ------------------------------------------------------


OPENING_FIELDS = (
    "venue",
    "title",
    "starts_at",
    "ends_at",
    "capacity",
    "rsvp_deadline",
    "is_public",
)


class WallClockField(forms.DateTimeField):
    """A date and time as read on a clock, with no zone: the form places it in the venue's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None:
            parsed = BaseTemporalField.to_python(self, value)
        return parsed

    def prepare_value(self, value: Any) -> Any:
        return value  # already on the venue's clock (see OpeningForm.__init__)


class OpeningForm(forms.ModelForm):  # type: ignore[type-arg]
    starts_at = WallClockField(
        label=gettext_lazy("starts"), help_text=gettext_lazy("On the venue's clock.")
    )
    ends_at = WallClockField(
        label=gettext_lazy("ends"), help_text=gettext_lazy("Same day, usually.")
    )
    rsvp_deadline = WallClockField(label=gettext_lazy("answer by"), required=False)

    class Meta:
        model = Opening
        fields = (
            "venue",
            "title",
            "starts_at",
            "ends_at",
            "capacity",
            "rsvp_deadline",
            "is_public",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opening = self.instance
        if opening.pk is not None:
            zone = opening.venue.zone
            for name in ("starts_at", "ends_at", "rsvp_deadline"):
                value = getattr(opening, name)
                if value is not None:
                    self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        venue = cleaned.get("venue")
        if venue is None:
            return cleaned
        for name in ("starts_at", "ends_at", "rsvp_deadline"):
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                cleaned[name] = services.venue_local_time(venue=venue, when=value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


# --- inlines --------------------------------------------------------------------------------


class StopInline(AccessInline):
    model = ExhibitionVenue
    extra = 0
    autocomplete_fields = ("venue",)
    fields = ("venue", "start_date", "end_date", "position")
    verbose_name = gettext_lazy("venue and dates")
    verbose_name_plural = gettext_lazy("venues and dates (a touring show has several)")


class ChecklistItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """Asks the service's price rule while the form is checked, so that its refusal lands on
    the field at fault rather than as the database constraint's bare name."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if "price" in self.fields and "currency" in self.fields:
            try:
                cleaned["currency"] = services.checklist_price_check(
                    price=cleaned.get("price"), currency=cleaned.get("currency") or ""
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    self.add_error(field, errors)
        return cleaned


class ChecklistInline(AccessInline):
    model = ChecklistItem
    form = ChecklistItemForm
    extra = 0
    autocomplete_fields = ("artwork", "lender_person", "lender_organization")
    fields = (
        "position",
        "section",
        "catalogue_number",
        "artwork",
        "status",
        "lender_credit",
        "lender_person",
        "lender_organization",
        "price",
        "currency",
    )


class OpeningInline(AccessInline):
    model = Opening
    form = OpeningForm
    extra = 0
    fields = OPENING_FIELDS


def _save_stop(*, instance: ExhibitionVenue, acting_user: Any) -> ExhibitionVenue:
    return services.exhibition_stop_save(stop=instance, acting_user=acting_user)


def _remove_stop(*, instance: ExhibitionVenue, acting_user: Any) -> None:
    services.exhibition_stop_remove(stop=instance, acting_user=acting_user)


def _save_item(*, instance: ChecklistItem, acting_user: Any) -> ChecklistItem:
    return services.checklist_item_save(item=instance, acting_user=acting_user)


def _remove_item(*, instance: ChecklistItem, acting_user: Any) -> None:
    services.checklist_remove(item=instance, acting_user=acting_user)


def _save_opening(*, instance: Opening, acting_user: Any) -> Opening:
    return services.opening_save(opening=instance, acting_user=acting_user)


def _delete_opening(*, instance: Opening, acting_user: Any) -> None:
    services.opening_delete(opening=instance, acting_user=acting_user)


# --- the admins -----------------------------------------------------------------------------


@admin.register(Venue)
class VenueAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.venue_save(
            venue=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(
        lambda *, instance, acting_user: services.venue_delete(
            venue=instance, acting_user=acting_user
        )
    )
    list_display = ("organization", "place", "time_zone", "capacity")
    list_select_related = ("organization", "place")
    autocomplete_fields = ("organization", "place")
    search_fields = ("organization__name", "place__name")
    fields = ("organization", "address", "place", "time_zone", "capacity")


@admin.register(Exhibition)
class ExhibitionAdmin(SoftDeleteAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.exhibition_save(
            exhibition=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(
        lambda *, instance, acting_user: services.exhibition_delete(
            exhibition=instance, acting_user=acting_user
        )
    )
    restore_service = staticmethod(
        lambda *, instance, acting_user: services.exhibition_restore(
            exhibition=instance, acting_user=acting_user
        )
    )
    inlines = (StopInline, OpeningInline, ChecklistInline)
    inline_services = {  # noqa: RUF012
        ExhibitionVenue: (_save_stop, _remove_stop),
        ChecklistItem: (_save_item, _remove_item),
        Opening: (_save_opening, _delete_opening),
    }
    list_display = ("title", "kind", "start_date", "end_date", "is_public")
    list_filter = (DeletedListFilter, "kind", "is_public")
    search_fields = ("title",)
    autocomplete_fields = ("organizer", "curators", "artists")
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "organizer", "curators", "artists")}),
        (gettext_lazy("Dates"), {"fields": (("start_date", "end_date"),)}),
        (gettext_lazy("Texts"), {"fields": ("public_text", "press_release", "source")}),
        (gettext_lazy("Publishing"), {"fields": ("is_public", "notes")}),
    )


# Invitations to exhibit, guests and their e-mails (kept in their own module).
from vernissage.exhibitions import admin_guests  # noqa: E402, F401
