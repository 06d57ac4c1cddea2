from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from vernissage.biographies.selectors import sources_of
from vernissage.core.pagination import CURSOR_PARAMETER, list_page
from vernissage.exhibitions.selectors import exhibitions_of_artwork
from vernissage.images.gallery import card_images_prefetch, images_for_artwork
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import (
    image_fitted_path,
    image_service_path,
    manifest_path,
)
from vernissage.interop.schema_org import artwork_document, structured_data_script
from vernissage.market.provenance import provenance_for
from vernissage.search.selectors import WORK, WorkFacets, search
from vernissage.site.cards import artwork_cards, card_rows_attach
from vernissage.site.page_cache import public_page_cache
from vernissage.site.views.press import press_section
from vernissage.site.views.search import facet_links
from vernissage.works.classification import Classification
from vernissage.works.selectors import artwork_get, series_for


@dataclass(frozen=True)
class ZoomableImage:
    """One picture on the artwork page: deep zoom from its info.json, plain JPEGs besides."""

    image: Image
    info_url: str
    preview_url: str  # for browsers without JavaScript
    thumbnail_url: str


class ArtworkFilterForm(forms.Form):
    q = forms.CharField(required=False, label=_("Search"))
    classification = forms.ChoiceField(
        required=False, label=_("Kind"), choices=[("", _("any kind")), *Classification.choices]
    )
    made = forms.CharField(required=False, label=_("Made"), help_text=_("e.g. 1990s, c. 2010"))
    maker = forms.SlugField(required=False, widget=forms.HiddenInput)


@login_not_required
@public_page_cache
def artwork_list_view(request: HttpRequest) -> HttpResponse:
    """The works list: the search's ranked works when a word is typed, the catalogue's
    order otherwise; facets with their counts either way. Facet values come from the URL as
    they are (one that names nothing finds nothing), not through the form."""
    form = ArtworkFilterForm(request.GET)
    facets = WorkFacets.from_query(request.GET)
    results = search(
        viewer=request.user,
        query=request.GET.get("q", ""),
        kinds=[WORK],
        facets=facets,
        with_facets=True,
        keyset=True,
        first_page=None if request.GET.get(CURSOR_PARAMETER) else settings.VERNISSAGE_PAGE_SIZE,
    )
    found = results.kinds[WORK]
    # No word typed: the catalogue's order, paged by keyset; a search's ranked works by number.
    numbered = not isinstance(found, QuerySet)
    listed = list_page(
        # A page by keyset reads the works alone; their makers and pictures come after, by
        # prepared reads (site.cards), which Django does not write again for every page.
        found if numbered else found.prefetch_related(None),
        params=request.GET,
        per_page=settings.VERNISSAGE_PAGE_SIZE,
        numbered=numbered,
    )
    works = list(listed.page.object_list)
    if numbered:
        prefetch_related_objects(works, card_images_prefetch(request.user))
    else:
        card_rows_attach(works, viewer=request.user)
    return render(
        request,
        "site/works/artwork_list.html",
        {
            "page": listed.page,
            "numbered": listed.numbered,
            "cards": artwork_cards(works),
            "form": form,
            "facets": facet_links(request.GET, results.facets),
            "facets_skipped": results.facets_skipped,
            "page_query": listed.query,
            # Facets chosen that the form has no field for, kept when it is sent again.
            "kept": [
                (name, value)
                for name, value in facets.chosen().items()
                if name not in ArtworkFilterForm.base_fields
            ],
        },
    )


@login_not_required
@public_page_cache
def artwork_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_get(slug=slug, viewer=request.user)
    images = images_for_artwork(artwork=artwork, viewer=request.user)
    press = press_section(viewer=request.user, artwork=artwork)
    return render(
        request,
        "site/works/artwork_detail.html",
        {
            "artwork": artwork,
            "images": [
                ZoomableImage(
                    image=image,
                    info_url=f"{image_service_path(image.identifier)}/info.json",
                    preview_url=image_fitted_path(image, 1200),
                    thumbnail_url=image_fitted_path(image, 160),
                )
                for image in images
            ],
            "manifest_url": manifest_path(artwork),
            "series": series_for(artwork=artwork, viewer=request.user),
            "exhibitions": exhibitions_of_artwork(artwork=artwork, viewer=request.user),
            "provenance": provenance_for(artwork=artwork, viewer=request.user),
            "structured_data": structured_data_script(
                artwork_document(
                    artwork=artwork,
                    images=images,
                    reviews=press.reviews,
                    viewer=request.user,
                    absolute=request.build_absolute_uri,
                )
            ),
            "press": press,
            "sources": sources_of(record=artwork, reviews=press.reviews, viewer=request.user),
        },
    )


@login_not_required
@public_page_cache
def artwork_mirador_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_get(slug=slug, viewer=request.user)
    if not images_for_artwork(artwork=artwork, viewer=request.user):
        raise Http404("This work has no image to show.")
    return render(
        request,
        "site/works/artwork_mirador.html",
        {
            "artwork": artwork,
            "manifest_url": request.build_absolute_uri(manifest_path(artwork)),
        },
    )
