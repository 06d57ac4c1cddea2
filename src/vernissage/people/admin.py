from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vernissage.core.admin import DeletedListFilter, ServiceAdmin, SoftDeleteAdmin
from vernissage.people import services
from vernissage.people.models import (
    LifeEvent,
    Organization,
    Person,
    PersonName,
    Place,
    PlaceName,
    Relationship,
)
from vernissage.people.querysets import PersonQuerySet, PlaceQuerySet
from vernissage.search.selectors import PERSON, search_records


class FlaggedDateFilter(admin.SimpleListFilter):
    title = gettext_lazy("dates to check")
    parameter_name = "date_flagged"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("Unreadable birth or death date"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return cast(PersonQuerySet, queryset).dates_to_check()
        return queryset


class PersonNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PersonName
    extra = 0
    fields = ("name", "kind", "language", "script")


class RelationshipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Relationship
    fk_name = "person"
    extra = 0
    autocomplete_fields = ("other_person", "organization")
    fields = (
        "kind",
        "other_person",
        "organization",
        "start_date",
        "end_date",
        "source",
        "is_public",
    )


class LifeEventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = LifeEvent
    extra = 0
    autocomplete_fields = ("place", "organization")
    fields = ("kind", "date", "place", "organization", "description", "source", "is_public")


@admin.register(Person)
class PersonAdmin(SoftDeleteAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.person_save(
            person=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(
        lambda *, instance, acting_user: services.person_delete(
            person=instance, acting_user=acting_user
        )
    )
    restore_service = staticmethod(
        lambda *, instance, acting_user: services.person_restore(
            person=instance, acting_user=acting_user
        )
    )
    inline_services = {  # noqa: RUF012
        PersonName: (
            lambda *, instance, acting_user: services.person_name_save(
                name=instance, acting_user=acting_user
            ),
            lambda *, instance, acting_user: services.person_name_delete(
                name=instance, acting_user=acting_user
            ),
        ),
        Relationship: (
            lambda *, instance, acting_user: services.relationship_save(
                relationship=instance, acting_user=acting_user
            ),
            lambda *, instance, acting_user: services.relationship_delete(
                relationship=instance, acting_user=acting_user
            ),
        ),
        LifeEvent: (
            lambda *, instance, acting_user: services.life_event_save(
                event=instance, acting_user=acting_user
            ),
            lambda *, instance, acting_user: services.life_event_delete(
                event=instance, acting_user=acting_user
            ),
        ),
    }
    list_display = ("display_name", "sort_name", "birth_date", "birth_place", "is_public")
    list_select_related = ("birth_place",)
    list_filter = (DeletedListFilter, "roles", "is_public", FlaggedDateFilter, "nationality")
    search_fields = ("search_names",)
    autocomplete_fields = ("birth_place", "death_place")
    filter_horizontal = ("roles", "media", "themes")
    readonly_fields = ("slug",)
    inlines = (PersonNameInline, RelationshipInline, LifeEventInline)
    fieldsets = (
        (None, {"fields": ("display_name", "sort_name", "slug", "roles", "is_public")}),
        (
            gettext_lazy("Life"),
            {
                "fields": (
                    ("birth_date", "birth_place"),
                    ("death_date", "death_place"),
                    "nationality",
                    "biography",
                )
            },
        ),
        (gettext_lazy("Work"), {"fields": ("media", "themes")}),
        (gettext_lazy("Authorities"), {"fields": ("ulan_id", "wikidata_id")}),
        (gettext_lazy("Private"), {"fields": ("notes",)}),
    )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # The one search (typos, scripts), among the records this change list shows.
        found = search_records(viewer=request.user, kind=PERSON, query=search_term, within=queryset)
        return found, False


class PlaceNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PlaceName
    extra = 0


@admin.register(Place)
class PlaceAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.place_save(
            place=instance, acting_user=acting_user
        )
    )
    inline_services = {  # noqa: RUF012
        PlaceName: (
            lambda *, instance, acting_user: services.place_name_save(
                name=instance, acting_user=acting_user
            ),
            lambda *, instance, acting_user: services.place_name_delete(
                name=instance, acting_user=acting_user
            ),
        ),
    }
    list_display = ("name", "kind", "country", "within", "latitude", "longitude")
    list_select_related = ("within",)
    list_filter = ("kind", "country")
    search_fields = ("search_names", "name")
    autocomplete_fields = ("within",)
    readonly_fields = ("geonames_id",)
    inlines = (PlaceNameInline,)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        return cast(PlaceQuerySet, queryset).search(search_term), False


@admin.register(Organization)
class OrganizationAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.organization_save(
            organization=instance, acting_user=acting_user
        )
    )
    list_display = ("name", "kind", "place", "is_public")
    list_select_related = ("place",)
    list_filter = ("kind", "is_public")
    search_fields = ("name",)
    autocomplete_fields = ("place",)
    readonly_fields = ("slug",)


@admin.register(Relationship)
class RelationshipAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.relationship_save(
            relationship=instance, acting_user=acting_user
        )
    )
    list_display = ("person", "kind", "other_person", "organization", "start_date", "is_public")
    list_select_related = ("person", "other_person", "organization")
    list_filter = ("kind", "is_public")
    search_fields = ("person__display_name", "other_person__display_name", "organization__name")
    autocomplete_fields = ("person", "other_person", "organization")
