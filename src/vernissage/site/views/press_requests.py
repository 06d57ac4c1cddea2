"""An artist's press requests on the staff site: "art critics sought her out".

Critics and journalists ask an artist for an interview, a studio visit, images; the request is
kept, answered, and written in the critic's contact log (the press services). Those who keep
the press (Press, Owner) record and answer requests here; those who see private records read
them; anyone else gets the 404 of an unknown page (the press selectors' answer, decided by the
access rules in core). A refusal of a service comes back on the page with the input kept.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vernissage.core.access import can_keep_press, can_see_private_press
from vernissage.people.models import Organization, Person
from vernissage.people.selectors import person_get
from vernissage.press.models import PUBLICATION_KINDS, PressRequest
from vernissage.press.selectors import press_request_list
from vernissage.press.services import press_request_answer, press_request_record
from vernissage.site.views.press import errors_onto


class PressRequestForm(forms.Form):
    critic = forms.ModelChoiceField(
        label=gettext_lazy("Critic or journalist"), queryset=Person.objects.none()
    )
    kind = forms.ChoiceField(label=gettext_lazy("Asked for"), choices=PressRequest.Kind.choices)
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        help_text=gettext_lazy("Today when left empty."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    publication = forms.ModelChoiceField(
        label=gettext_lazy("For the publication"),
        queryset=Organization.objects.none(),
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, artist: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        critic = cast(forms.ModelChoiceField, self.fields["critic"])  # type: ignore[type-arg]
        publication = cast(forms.ModelChoiceField, self.fields["publication"])  # type: ignore[type-arg]
        # Every critic, private ones too: the page is for those who keep the press, who read
        # the critics of every request (the contact log's people are often private).
        critic.queryset = (
            Person.objects.with_role("critic").exclude(pk=artist.pk).order_by("sort_name")
        )
        publication.queryset = Organization.objects.filter(kind__in=PUBLICATION_KINDS).order_by(
            "name"
        )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            (PressRequest.Answer.ACCEPTED, PressRequest.Answer.ACCEPTED.label),
            (PressRequest.Answer.DECLINED, PressRequest.Answer.DECLINED.label),
        ]
    )
    on = forms.DateField(required=False)


def _artist_for_press(request: HttpRequest, slug: str) -> Person:
    if not can_see_private_press(request.user):
        raise Http404
    return person_get(slug=slug, viewer=request.user)


@require_http_methods(["GET", "POST"])
def person_press_requests_view(request: HttpRequest, slug: str) -> HttpResponse:
    artist = _artist_for_press(request, slug)
    keeps = can_keep_press(request.user)
    if request.method == "POST" and not keeps:
        raise Http404
    form = PressRequestForm(request.POST or None, artist=artist)
    here = reverse("site:person-press-requests", kwargs={"slug": artist.slug})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = press_request_record(
                critic=data["critic"],
                artist=artist,
                kind=data["kind"],
                date=data["date"],
                publication=data["publication"],
                note=data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(
                request,
                _("%(critic)s’s request (%(kind)s) is recorded, and in their contact log.")
                % {"critic": made.critic, "kind": made.get_kind_display()},
            )
            return HttpResponseRedirect(here)
    requests = press_request_list(viewer=request.user, artist=artist)
    return render(
        request,
        "site/press/press_requests.html",
        {
            "artist": artist,
            "requests": requests,
            "pending": sum(1 for item in requests if item.answer == PressRequest.Answer.PENDING),
            "form": form if keeps else None,
            "keeps": keeps,
            "answers": AnswerForm.base_fields["answer"].choices,  # type: ignore[attr-defined]
        },
    )


@require_POST
def press_request_answer_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    artist = _artist_for_press(request, slug)
    if not can_keep_press(request.user):
        raise Http404
    asked = get_object_or_404(PressRequest.objects.visible_to(request.user), pk=pk, artist=artist)
    here = reverse("site:person-press-requests", kwargs={"slug": artist.slug})
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose “accepted” or “declined”, and a date if not today."))
        return HttpResponseRedirect(here)
    try:
        answered = press_request_answer(
            press_request=asked,
            answer=form.cleaned_data["answer"],
            on=form.cleaned_data["on"],
            acting_user=request.user,
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("%(critic)s’s request is answered: %(answer)s.")
            % {"critic": answered.critic or _("a critic"), "answer": answered.get_answer_display()},
        )
    return HttpResponseRedirect(here)
