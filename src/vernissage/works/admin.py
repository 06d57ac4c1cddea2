from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vernissage.core.admin import DeletedListFilter, ServiceAdmin, SoftDeleteAdmin
from vernissage.images.admin import ImageInline, ImageUploadFormMixin, add_uploaded_images
from vernissage.images.gallery import card_images_prefetch
from vernissage.images.models import Image
from vernissage.images.services import image_delete, image_save
from vernissage.search.selectors import WORK, search_records
from vernissage.works import services
from vernissage.works.models import (
    Artwork,
    ArtworkTitle,
    Creation,
    EditionItem,
    Inscription,
    Series,
    Term,
)
from vernissage.works.querysets import ArtworkQuerySet

#: The box of the change list's thumbnails, in CSS pixels.
ADMIN_THUMBNAIL_BOX = 64


class ArtworkAdminForm(ImageUploadFormMixin):
    class Meta:
        model = Artwork
        fields = "__all__"  # noqa: DJ007 - staff only; the public pages use selectors

    def clean_inventory_number(self) -> str:
        """Asked of the service while the form is checked, ahead of the model's own unique
        check, so that the error names the work holding the number (deleted ones too)."""
        number: str = self.cleaned_data.get("inventory_number", "").strip()
        if number:
            try:
                services.inventory_number_check(number=number, artwork=self.instance)
            except ValidationError as error:
                raise ValidationError(error.message_dict["inventory_number"]) from error
        return number


class CreationInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Creation
    extra = 1
    autocomplete_fields = ("person",)
    fields = ("person", "role", "position", "note")
    verbose_name = gettext_lazy("maker")
    verbose_name_plural = gettext_lazy("makers")


class ArtworkTitleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ArtworkTitle
    extra = 0


class InscriptionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Inscription
    extra = 0


class EditionItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = EditionItem
    extra = 0
    fields = ("kind", "number", "status", "note")


class NeedsCheckFilter(admin.SimpleListFilter):
    title = gettext_lazy("to check")
    parameter_name = "check"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("date", _("Unreadable date")), ("dimensions", _("Unreadable dimensions"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "date":
            return cast(ArtworkQuerySet, queryset).dates_to_check()
        if self.value() == "dimensions":
            return cast(ArtworkQuerySet, queryset).dimensions_to_check()
        return queryset


def _save_creation(*, instance: Creation, acting_user: Any) -> Creation:
    return services.creation_save(creation=instance, acting_user=acting_user)


def _delete_creation(*, instance: Creation, acting_user: Any) -> None:
    services.creation_delete(creation=instance, acting_user=acting_user)


def _save_title(*, instance: ArtworkTitle, acting_user: Any) -> ArtworkTitle:
    return services.artwork_title_save(title=instance, acting_user=acting_user)


def _delete_title(*, instance: ArtworkTitle, acting_user: Any) -> None:
    services.artwork_title_delete(title=instance, acting_user=acting_user)


def _save_inscription(*, instance: Inscription, acting_user: Any) -> Inscription:
    return services.inscription_save(inscription=instance, acting_user=acting_user)


def _delete_inscription(*, instance: Inscription, acting_user: Any) -> None:
    services.inscription_delete(inscription=instance, acting_user=acting_user)


def _save_item(*, instance: EditionItem, acting_user: Any) -> EditionItem:
    return services.edition_item_save(item=instance, acting_user=acting_user)


def _delete_item(*, instance: EditionItem, acting_user: Any) -> None:
    services.edition_item_delete(item=instance, acting_user=acting_user)


@admin.register(Artwork)
class ArtworkAdmin(SoftDeleteAdmin):
    form = ArtworkAdminForm
    delete_service = staticmethod(
        lambda *, instance, acting_user: services.artwork_delete(
            artwork=instance, acting_user=acting_user
        )
    )
    restore_service = staticmethod(
        lambda *, instance, acting_user: services.artwork_restore(
            artwork=instance, acting_user=acting_user
        )
    )
    inline_services = {  # noqa: RUF012
        Creation: (_save_creation, _delete_creation),
        ArtworkTitle: (_save_title, _delete_title),
        Inscription: (_save_inscription, _delete_inscription),
        EditionItem: (_save_item, _delete_item),
        Image: (
            lambda *, instance, acting_user: image_save(image=instance, acting_user=acting_user),
            lambda *, instance, acting_user: image_delete(image=instance, acting_user=acting_user),
        ),
    }
    list_display = (
        "thumbnail",
        "inventory_number",
        "title",
        "makers_display",
        "date",
        "classification",
        "status",
        "is_public",
    )
    list_display_links = ("inventory_number", "title")
    list_filter = (
        DeletedListFilter,
        "classification",
        "status",
        "is_public",
        NeedsCheckFilter,
        "series",
    )
    list_select_related = ("series",)
    search_fields = ("search_text",)
    autocomplete_fields = ("series",)
    filter_horizontal = ("themes",)
    readonly_fields = ("slug",)
    inlines = (
        CreationInline,
        ArtworkTitleInline,
        InscriptionInline,
        EditionItemInline,
        ImageInline,
    )
    list_per_page = 50
    show_full_result_count = False
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("inventory_number", "slug"),
                    "title",
                    "date",
                    "classification",
                    ("status", "is_public"),
                )
            },
        ),
        (
            gettext_lazy("Object"),
            {
                "fields": (
                    "medium",
                    "support",
                    "dimensions",
                    "framed_dimensions",
                    ("edition_size", "artist_proofs"),
                )
            },
        ),
        (gettext_lazy("About"), {"fields": ("description", "themes", "series")}),
        (gettext_lazy("Images"), {"fields": ("add_images",)}),
        (gettext_lazy("Rights"), {"fields": ("credit_line", "copyright")}),
        (gettext_lazy("Private"), {"fields": ("notes",)}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "creations",
                    queryset=Creation.objects.select_related("person").order_by("position", "id"),
                ),
                card_images_prefetch(request.user),
            )
        )

    @admin.display(description=gettext_lazy("picture"))
    def thumbnail(self, obj: Artwork) -> str:
        """The primary image, small, sized so the list does not jump; blank where none."""
        # Imported here: IIIF Presentation brings iiif-prezi3, slow to import, into every
        # process that loads the admin (`vernissage demo` waits for it before migrating).
        from vernissage.interop.iiif_presentation import image_fitted_path, thumbnail_size

        images: list[Image] = getattr(obj, "card_images", [])
        if not images:
            return ""
        image = images[0]
        width, height = thumbnail_size(image, ADMIN_THUMBNAIL_BOX)
        if not image.is_ready:
            return format_html(
                '<span class="thumbnail-preparing" style="display:inline-block;width:{}px;'
                'height:{}px">{}</span>',
                width,
                height,
                _("preparing"),
            )
        one = image_fitted_path(image, ADMIN_THUMBNAIL_BOX)
        two = image_fitted_path(image, ADMIN_THUMBNAIL_BOX * 2)
        return format_html(
            '<img src="{}" srcset="{} 1x, {} 2x" width="{}" height="{}" alt="{}" loading="lazy">',
            one,
            one,
            two,
            width,
            height,
            image.caption or obj.title,
        )

    @admin.display(description=gettext_lazy("makers"))
    def makers_display(self, obj: Artwork) -> str:
        return ", ".join(str(creation) for creation in obj.creations.all())

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        # The one search (typos, scripts), among the records this change list shows.
        found = search_records(viewer=request.user, kind=WORK, query=search_term, within=queryset)
        return found, False

    def _create_formsets(self, request: HttpRequest, obj: Any, change: bool) -> Any:
        formsets, inline_instances = super()._create_formsets(request, obj, change)  # type: ignore[misc]
        request.artwork_formsets = formsets  # type: ignore[attr-defined]
        return formsets, inline_instances

    def _makers_in_form(self, request: HttpRequest) -> list[Any]:
        """The makers typed in the inline, in credit order: a new work's inventory number
        is made from their initials before the inline rows themselves are saved."""
        rows = [
            form.cleaned_data
            for formset in getattr(request, "artwork_formsets", [])
            if formset.model is Creation
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("person")
            and not form.cleaned_data.get("DELETE")
        ]
        rows.sort(key=lambda row: row.get("position") or 0)
        return [row["person"] for row in rows]

    def save_model(
        self, request: HttpRequest, obj: Artwork, form: ModelForm[Any], change: bool
    ) -> None:
        services.artwork_save(
            artwork=obj, acting_user=request.user, makers=self._makers_in_form(request)
        )
        self.warn_unreadable_dates(request, obj)
        for label, dimensions in (
            (_("dimensions"), obj.unframed),
            (_("framed dimensions"), obj.framed),
        ):
            if dimensions.is_flagged:
                self.notify(
                    request,
                    _(
                        "The %(label)s “%(value)s” could not be read (write them like "
                        "“60 x 80 cm” or “24 × 36 in”). They are kept as written and flagged."
                    )
                    % {"label": label, "value": dimensions.text},
                    messages.WARNING,
                )

    def save_related(
        self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        services.artwork_refresh_search(artwork=form.instance)
        added = add_uploaded_images(
            artwork=form.instance,
            form=form,
            acting_user=request.user,
            on_refusal=lambda undo: self.on_refusal(request, undo),
        )
        if added:
            self.notify(
                request,
                ngettext(
                    "Added %(count)d image; its zoomable version is being built.",
                    "Added %(count)d images; their zoomable versions are being built.",
                    added,
                )
                % {"count": added},
            )


@admin.register(Series)
class SeriesAdmin(ServiceAdmin):
    save_service = staticmethod(
        lambda *, instance, acting_user: services.series_save(
            series=instance, acting_user=acting_user
        )
    )
    list_display = ("title", "artist", "is_public")
    list_select_related = ("artist",)
    search_fields = ("title",)
    autocomplete_fields = ("artist",)
    readonly_fields = ("slug",)


@admin.register(Term)
class TermAdmin(ServiceAdmin):
    list_display = ("label", "kind", "aat_id")
    list_filter = ("kind",)
    search_fields = ("label", "aat_id")
