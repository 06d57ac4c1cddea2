"""The press on the site: the section of an artist's, a work's and an exhibition's page (its
reviews, public quotes and bibliography), the bibliography's exports (CSL JSON, BibTeX), and
the staff's quick form to add a review from an artist's or an exhibition's page.

What each viewer sees is the press selectors' answer; the quick form needs
``can_keep_press`` (anyone else gets the 404 of an unknown page), and a refusal of the
service comes back on the page with the input kept, never as an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from vernissage.core.access import Viewer, can_keep_press, can_see_press, can_see_private_press
from vernissage.exhibitions.models import Exhibition
from vernissage.exhibitions.selectors import exhibition_artists, exhibition_get
from vernissage.people.models import Organization, Person
from vernissage.people.selectors import person_get
from vernissage.press.bibliography import Entry, bibtex_entries, csl_json, formatted
from vernissage.press.models import PUBLICATION_KINDS, Review
from vernissage.press.selectors import (
    critic_suggestions,
    critics_named,
    review_count,
    review_list,
)
from vernissage.press.services import quote_add, review_create
from vernissage.site.widgets import SuggestInput
from vernissage.works.models import Artwork
from vernissage.works.selectors import artwork_get

#: How many reviews a page shows; the exports hold them all.
SECTION_LIMIT = 20


class ReviewQuickForm(forms.Form):
    """A review in under a minute: who wrote it, where, when, its title and address."""

    author = forms.CharField(
        label=gettext_lazy("Critic"),
        required=False,
        max_length=300,
        widget=SuggestInput(suggest_url="site:critic-suggestions"),
        help_text=gettext_lazy("Type a few letters of their name and choose."),
    )
    publication = forms.ModelChoiceField(
        label=gettext_lazy("Publication"), queryset=Organization.objects.none(), required=False
    )
    date = forms.CharField(
        label=gettext_lazy("Date"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("As written: “12 March 2011”, “spring 2011”."),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=500)
    url = forms.CharField(label=gettext_lazy("Web address"), required=False, max_length=500)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), choices=Review.Kind.choices, initial=Review.Kind.REVIEW
    )
    stance = forms.ChoiceField(
        label=gettext_lazy("Stance"), choices=Review.Stance.choices, required=False
    )
    quote = forms.CharField(
        label=gettext_lazy("Quote"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    quote_may_publish = forms.BooleanField(
        label=gettext_lazy("The rights allow the quote on public pages"), required=False
    )
    is_public = forms.BooleanField(label=gettext_lazy("Public"), required=False, initial=True)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        publication = cast(forms.ModelChoiceField, self.fields["publication"])  # type: ignore[type-arg]
        publication.queryset = Organization.objects.filter(kind__in=PUBLICATION_KINDS).order_by(
            "name"
        )

    def clean_author(self) -> Person | None:
        """The critic typed: the one the viewer may see by that name (a suggestion names two
        of the same name apart), none when left empty."""
        text = self.cleaned_data["author"].strip()
        if not text:
            return None
        found = critics_named(viewer=self.viewer, text=text)
        if not found:
            raise ValidationError(
                _(
                    "No critic is called “%(name)s”. Choose one of the suggestions, or add "
                    "them as a person with the critic role first."
                ),
                params={"name": text},
            )
        if len(found) > 1:
            raise ValidationError(
                _(
                    "%(count)d critics are called “%(name)s”: choose one of the suggestions, "
                    "which tell them apart."
                ),
                params={"count": len(found), "name": text},
            )
        return found[0]


@dataclass
class PressSection:
    """What the press section of a page shows this viewer."""

    reviews: list[Review]
    count: int
    entries: list[Entry]
    csl_url: str
    bibtex_url: str
    staff: bool = False
    #: Where staff who keep the press add a review: the quick form, fetched when they open it.
    form_url: str = ""
    more: int = field(default=0)
    #: Where the formatted bibliography is read, when the section does not format it.
    bibliography_url: str = ""
    #: The artist's press requests, for staff who may read them.
    requests_url: str = ""


def press_section(
    *,
    viewer: Viewer,
    person: Person | None = None,
    artwork: Artwork | None = None,
    exhibition: Exhibition | None = None,
    count: int | None = None,
) -> PressSection:
    """The press section of a person's, a work's or an exhibition's page. ``count``, the
    number of reviews the viewer may see, is passed by a page that has already read them
    all (the artist's timeline), and is not counted again."""
    reviews = review_list(
        viewer=viewer,
        person=person,
        artwork=artwork,
        exhibition=exhibition,
        limit=SECTION_LIMIT + 1,
    )
    if len(reviews) > SECTION_LIMIT:
        reviews = reviews[:SECTION_LIMIT]
        if count is None:
            count = review_count(
                viewer=viewer, person=person, artwork=artwork, exhibition=exhibition
            )
    else:
        count = len(reviews)
    if person is not None:
        area, slug = "person", person.slug
    elif artwork is not None:
        area, slug = "artwork", artwork.slug
    elif exhibition is not None:
        area, slug = "exhibition", exhibition.slug
    else:
        raise ValueError("a press section is about a person, a work or an exhibition")
    keeps = can_keep_press(viewer) and area != "artwork"
    # An artist may have hundreds of reviews, and citeproc takes some 15 ms an entry: their
    # page links to the bibliography on their CV, which formats it, instead of formatting
    # it twice (a work's or an exhibition's handful of reviews is formatted in place).
    in_place = area != "person"
    return PressSection(
        reviews=reviews,
        count=count,
        entries=formatted(reviews) if in_place else [],
        bibliography_url=(
            "" if in_place else reverse("site:person-cv", kwargs={"slug": slug}) + "#bibliography"
        ),
        csl_url=reverse(f"site:{area}-bibliography", kwargs={"slug": slug, "fmt": "json"}),
        bibtex_url=reverse(f"site:{area}-bibliography", kwargs={"slug": slug, "fmt": "bib"}),
        staff=can_see_press(viewer),
        form_url=reverse(f"site:{area}-review-add", kwargs={"slug": slug}) if keeps else "",
        more=max(count - len(reviews), 0),
        requests_url=(
            reverse("site:person-press-requests", kwargs={"slug": slug})
            if area == "person" and can_see_private_press(viewer)
            else ""
        ),
    )


# --- the exports ----------------------------------------------------------------------------

_FORMATS = {
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
    "bib": ("application/x-bibtex; charset=utf-8", bibtex_entries),
}


def _export(request: HttpRequest, reviews: list[Review], slug: str, fmt: str) -> HttpResponse:
    if fmt not in _FORMATS:
        raise Http404
    content_type, write = _FORMATS[fmt]
    response = HttpResponse(write(reviews), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-bibliography.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@require_safe
def person_bibliography_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    person = person_get(slug=slug, viewer=request.user)
    return _export(request, review_list(viewer=request.user, person=person), slug, fmt)


@login_not_required
@require_safe
def artwork_bibliography_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    artwork = artwork_get(slug=slug, viewer=request.user)
    return _export(request, review_list(viewer=request.user, artwork=artwork), slug, fmt)


@login_not_required
@require_safe
def exhibition_bibliography_view(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    exhibition = exhibition_get(slug=slug, viewer=request.user)
    return _export(request, review_list(viewer=request.user, exhibition=exhibition), slug, fmt)


# --- the quick form -------------------------------------------------------------------------


def _review_add(
    request: HttpRequest,
    *,
    back_to: str,
    subject: str,
    people: list[Person],
    exhibitions: list[Exhibition] | None = None,
) -> HttpResponse:
    if not can_keep_press(request.user):
        raise Http404
    form = ReviewQuickForm(request.POST or None, viewer=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = review_create(
                acting_user=request.user,
                title=data["title"],
                kind=data["kind"],
                publication=data["publication"],
                date=data["date"],
                url=data["url"],
                stance=data["stance"] or "",
                is_public=data["is_public"],
                authors=[data["author"]] if data["author"] else [],
                people=people,
                exhibitions=exhibitions or [],
            )
            if data["quote"].strip():
                quote_add(
                    review=review,
                    text=data["quote"],
                    may_publish=data["quote_may_publish"],
                    acting_user=request.user,
                )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("The review “%(title)s” was added.") % {"title": review})
            if review.date and review.date_earliest is None:
                messages.warning(
                    request,
                    _("The date “%(date)s” could not be read; it is kept as written.")
                    % {"date": review.date},
                )
            return HttpResponseRedirect(f"{back_to}#reviews")
    # The press section of a page holds only the form's address: htmx asks for the form
    # itself when the section's "Add a review" is opened (rendering its ten fields and the
    # publications on every visit cost a fifth of the staff's artist page).
    template = (
        "site/press/_review_form.html"
        if request.method == "GET" and request.htmx  # type: ignore[attr-defined]
        else "site/press/review_add.html"
    )
    response = render(
        request,
        template,
        {"form": form, "subject": subject, "back_to": back_to, "action": request.path},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


def errors_onto(form: forms.Form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names if the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_http_methods(["GET", "POST"])
def person_review_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_get(slug=slug, viewer=request.user)
    return _review_add(
        request,
        back_to=person.get_absolute_url(),
        subject=person.display_name,
        people=[person],
    )


@require_http_methods(["GET", "POST"])
def exhibition_review_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    exhibition = exhibition_get(slug=slug, viewer=request.user)
    return _review_add(
        request,
        back_to=exhibition.get_absolute_url(),
        subject=exhibition.title,
        # a review of a show is about its artists too: it is on their pages
        people=list(exhibition_artists(exhibition=exhibition, viewer=request.user)),
        exhibitions=[exhibition],
    )


@require_safe
def critic_suggestions_view(request: HttpRequest) -> HttpResponse:
    """The critics a few typed letters find, as ``<option>``s for the quick form's field."""
    if not can_keep_press(request.user):
        raise Http404
    # HTMX sends the field under its own name: whichever field asks, its text is the one given.
    typed = next((text for key in request.GET if (text := request.GET.get(key, "").strip())), "")
    suggestions = critic_suggestions(viewer=request.user, text=typed[:200]) if typed else []
    response = render(request, "site/widgets/suggestions.html", {"suggestions": suggestions})
    response["Cache-Control"] = "private, no-store"
    return response
