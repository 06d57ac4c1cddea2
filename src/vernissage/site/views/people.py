from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from vernissage.biographies.selectors import sources_for
from vernissage.core.pagination import keyset_page, list_page
from vernissage.exhibitions.selectors import exhibitions_of_artist
from vernissage.insights.selectors import career_summary
from vernissage.interop.schema_org import person_document, structured_data_script
from vernissage.people.selectors import (
    artist_list,
    life_events_for,
    person_get,
    person_merged_into,
    relationships_for,
)
from vernissage.search.selectors import PERSON, search
from vernissage.site.cards import artist_cards, artwork_cards, card_rows_attach
from vernissage.site.page_cache import public_page_cache
from vernissage.site.views.press import press_section
from vernissage.works.selectors import works_by

WORKS_PAGE_SIZE = 48


@login_not_required
@public_page_cache
def artist_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    artists = artist_list(viewer=request.user)
    found = search(viewer=request.user, query=query, kinds=[PERSON], within={PERSON: artists})
    # A search's ranked artists are paged by number, the list itself by keyset.
    listed = list_page(
        found.kinds[PERSON] if found.has_query else artists,
        params=request.GET,
        per_page=60,
        numbered=found.has_query,
    )
    return render(
        request,
        "site/people/artist_list.html",
        {
            "page": listed.page,
            "numbered": listed.numbered,
            "page_query": listed.query,
            "cards": artist_cards(list(listed.page.object_list), viewer=request.user),
            "query": query,
        },
    )


@login_not_required
@public_page_cache
def person_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        person = person_get(slug=slug, viewer=request.user)
    except Http404:
        # A person merged into another: their old address leads to the record kept.
        kept = person_merged_into(slug=slug, viewer=request.user)
        if kept is None:
            raise
        return HttpResponsePermanentRedirect(kept.get_absolute_url())
    read_ties = relationships_for(person=person, viewer=request.user)
    ties = [
        (
            tie.label_from(person),
            tie.other_person if tie.person_id == person.pk else tie.person,
            tie,
        )
        if tie.other_person_id is not None
        else (tie.label_from(person), tie.organization, tie)
        for tie in read_ties
    ]
    works = keyset_page(
        works_by(person=person, viewer=request.user, cards=True),
        params=request.GET,
        per_page=WORKS_PAGE_SIZE,
    )
    card_rows_attach(works.object_list, viewer=request.user)
    exhibitions = exhibitions_of_artist(person=person, viewer=request.user)
    events = list(life_events_for(person=person, viewer=request.user))
    career = career_summary(
        viewer=request.user, person=person, exhibitions=exhibitions, events=events, ties=read_ties
    )
    # The timeline read every review the viewer may see: the press section need not count them.
    press = press_section(viewer=request.user, person=person, count=len(career.career.reviews))
    return render(
        request,
        "site/people/person_detail.html",
        {
            "person": person,
            "ties": ties,
            "events": events,
            "works": works,
            "cards": artwork_cards(works),
            "exhibitions": exhibitions,
            "career": career,
            "structured_data": structured_data_script(
                person_document(
                    person=person,
                    ties=read_ties,
                    reviews=press.reviews,
                    viewer=request.user,
                    absolute=request.build_absolute_uri,
                )
            ),
            "press": press,
            "counts": reverse("site:person-career", kwargs={"slug": person.slug}),
            "sources": sources_for(
                person=person,
                ties=read_ties,
                events=events,
                reviews=press.reviews,
                viewer=request.user,
            ),
        },
    )
