"""The admin of reviews (with their authors and quotes inline) and press requests: every save
goes through the press services, as everywhere in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from vernissage.core.access import can_see_private_press
from vernissage.core.admin import ServiceAdmin
from vernissage.press import services
from vernissage.press.models import PressRequest, Quote, Review, ReviewAuthor


class ReviewAuthorInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ReviewAuthor
    extra = 1
    autocomplete_fields = ("person",)
    fields = ("order", "person")


class QuoteInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Quote
    extra = 1
    fields = ("text", ("page", "may_publish"))


def _save_review(*, instance: Review, acting_user: Any) -> Review:
    return services.review_save(review=instance, acting_user=acting_user)


def _delete_review(*, instance: Review, acting_user: Any) -> None:
    services.review_delete(review=instance, acting_user=acting_user)


def _save_author(*, instance: ReviewAuthor, acting_user: Any) -> ReviewAuthor:
    return services.review_author_save(line=instance, acting_user=acting_user)


def _delete_author(*, instance: ReviewAuthor, acting_user: Any) -> None:
    services.review_author_remove(line=instance, acting_user=acting_user)


def _save_quote(*, instance: Quote, acting_user: Any) -> Quote:
    return services.quote_save(quote=instance, acting_user=acting_user)


def _delete_quote(*, instance: Quote, acting_user: Any) -> None:
    services.quote_remove(quote=instance, acting_user=acting_user)


class PressAdmin(ServiceAdmin):
    """Staff who keep the press read what they keep: private reviews and the private copy of
    a review's text, without seeing the catalogue's private records."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if can_see_private_press(request.user):
            return queryset
        visible_to = getattr(queryset, "visible_to", None)
        return visible_to(request.user) if visible_to is not None else queryset.none()

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if can_see_private_press(request.user):
            return admin.ModelAdmin.get_fieldsets(self, request, obj)
        return super().get_fieldsets(request, obj)


@admin.register(Review)
class ReviewAdmin(PressAdmin):
    save_service = staticmethod(_save_review)
    delete_service = staticmethod(_delete_review)
    inlines = (ReviewAuthorInline, QuoteInline)
    inline_services = {  # noqa: RUF012
        ReviewAuthor: (_save_author, _delete_author),
        Quote: (_save_quote, _delete_quote),
    }
    list_display = ("title", "kind", "publication", "date", "stance", "is_public")
    list_select_related = ("publication",)
    list_filter = ("kind", "stance", "is_public")
    search_fields = ("title", "publication__name", "author_lines__person__display_name")
    autocomplete_fields = ("publication", "people", "works", "exhibitions")
    fieldsets = (
        (None, {"fields": ("kind", "title", "publication", "date", "url", "language", "pages")}),
        (None, {"fields": ("stance", "is_public", "people", "works", "exhibitions")}),
        (None, {"fields": ("private_text", "private_file", "notes")}),
    )


@admin.register(PressRequest)
class PressRequestAdmin(PressAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.press_request_save(
            press_request=instance, acting_user=acting_user
        )
    )
    delete_service = staticmethod(
        lambda *, instance, acting_user: services.press_request_delete(
            press_request=instance, acting_user=acting_user
        )
    )
    list_display = ("date", "critic", "artist", "kind", "answer")
    list_select_related = ("critic", "artist")
    list_filter = ("kind", "answer")
    search_fields = ("critic__display_name", "artist__display_name", "note")
    autocomplete_fields = ("critic", "artist", "publication")
    fields = (
        "critic",
        "artist",
        "kind",
        "date",
        "publication",
        "answer",
        "answered_on",
        "note",
        "source",
    )
