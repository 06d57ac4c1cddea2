from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vernissage.works.classification import Classification
from vernissage.works.selectors import ArtworkFilters, artwork_get, artwork_list


class ArtworkFilterForm(forms.Form):
    q = forms.CharField(required=False, label="Search")
    classification = forms.ChoiceField(
        required=False, choices=[("", "any kind"), *Classification.choices]
    )
    made = forms.CharField(required=False, label="Made", help_text="e.g. 1990s, c. 2010")
    maker = forms.SlugField(required=False, widget=forms.HiddenInput)


@login_not_required
def artwork_list_view(request: HttpRequest) -> HttpResponse:
    form = ArtworkFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    filters = ArtworkFilters(
        query=data.get("q", ""),
        classification=data.get("classification", ""),
        made=data.get("made", ""),
        maker=data.get("maker", ""),
    )
    page = Paginator(
        artwork_list(viewer=request.user, filters=filters), settings.VERNISSAGE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "site/works/artwork_list.html", {"page": page, "form": form})


@login_not_required
def artwork_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_get(slug=slug, viewer=request.user)
    return render(request, "site/works/artwork_detail.html", {"artwork": artwork})
