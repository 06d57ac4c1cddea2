from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static

from vernissage.people.selectors import artist_list
from vernissage.site.cards import artwork_cards, with_card_images
from vernissage.site.page_cache import public_page_cache
from vernissage.works.selectors import artwork_list


@login_not_required
@public_page_cache
def home_view(request: HttpRequest) -> HttpResponse:
    artists = artist_list(viewer=request.user)[:24]
    works = with_card_images(artwork_list(viewer=request.user), viewer=request.user)[:12]
    return render(request, "site/home.html", {"artists": artists, "cards": artwork_cards(works)})


@login_not_required
def favicon_view(request: HttpRequest) -> HttpResponse:
    """The site's icon, for browsers that ask for /favicon.ico without reading the page."""
    return HttpResponsePermanentRedirect(static("site/favicon.svg"))
