"""The guest's own page, opened from the personal link (or QR code) of their invitation: the
evening, their answer, the calendar file. Public, no JavaScript needed, made for a phone.

A link that is none of ours, and a link past its life, get a friendly page that says nothing
of any guest; the pages of a link are never cached, never indexed, and go as a referrer to
this site only.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from vernissage.exhibitions.calendar import calendar_file_name, opening_ics, opening_title
from vernissage.exhibitions.guests import (
    Outcome,
    answers_are_open,
    answers_close_at,
    guest_for_token,
    guest_rsvp,
    local_moment,
    rsvp_link_is_expired,
)
from vernissage.exhibitions.links import absolute_url, rsvp_calendar_path, rsvp_path
from vernissage.exhibitions.mail import qr_svg
from vernissage.exhibitions.models import Guest

ANSWERS = [
    (Guest.Response.ATTENDING, _("Yes, I will come")),
    (Guest.Response.NOT_ATTENDING, _("No, I cannot come")),
    (Guest.Response.MAYBE, _("Maybe")),
]
#: What the page says after an answer (``?done=…``); anything else says nothing.
DONE = {
    Outcome.SAVED: _("Thank you: your answer is saved."),
    Outcome.WAITING: _(
        "Thank you. The evening is full for now: you are on the waiting list, and we will "
        "write to you as soon as a place is yours."
    ),
    Outcome.UNCHANGED: _("We already had this answer; nothing changed."),
}


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Will you come?"), choices=ANSWERS, widget=forms.RadioSelect
    )
    party_size = forms.IntegerField(
        label=_("How many of you, yourself included?"), min_value=1, required=False
    )
    access_needs = forms.CharField(
        label=_("Access needs"),
        help_text=_("A wheelchair, a seat, step-free access, an interpreter: tell us."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, guest: Guest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser is told the limit; the service says it clearly to anyone past it.
        self.fields["party_size"].widget.attrs.update(
            {"max": str(guest.party_allowed), "inputmode": "numeric"}
        )


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "site/rsvp/invalid.html", status=404))


def _expired(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "site/rsvp/expired.html", status=410))


def _page(
    request: HttpRequest, guest: Guest, token: str, form: RsvpForm, *, status: int = 200
) -> HttpResponse:
    opening = guest.opening
    rsvp_url = absolute_url(rsvp_path(token))
    is_open = answers_are_open(opening)
    confirmed = guest.response == Guest.Response.ATTENDING and guest.waitlisted_at is None
    context = {
        "guest": guest,
        "opening": opening,
        "title": opening_title(opening),
        "venue": opening.venue,
        "zone": opening.venue.time_zone,
        "form": form,
        "is_open": is_open,
        "closes": local_moment(answers_close_at(opening), opening),
        "calendar_path": rsvp_calendar_path(token),
        "confirmed": confirmed,
        "waiting": guest.response == Guest.Response.ATTENDING and not confirmed,
        "qr": qr_svg(rsvp_url) if confirmed else "",
        "done": DONE.get(request.GET.get("done", "")),
    }
    return _private(render(request, "site/rsvp/rsvp.html", context, status=status))


@login_not_required
@never_cache
def rsvp_view(request: HttpRequest, token: str) -> HttpResponse:
    guest = guest_for_token(token=token)
    if guest is None:
        return _invalid(request)
    if rsvp_link_is_expired(guest):
        return _expired(request)
    if request.method != "POST":
        initial = {
            "response": guest.response if guest.response != Guest.Response.PENDING else "",
            "party_size": guest.party_size or 1,
            "access_needs": guest.access_needs,
        }
        return _page(request, guest, token, RsvpForm(initial=initial, guest=guest))
    form = RsvpForm(request.POST, guest=guest)
    if not form.is_valid():
        return _page(request, guest, token, form, status=400)
    try:
        result = guest_rsvp(
            guest=guest,
            response=form.cleaned_data["response"],
            party_size=form.cleaned_data["party_size"] or 1,
            access_needs=form.cleaned_data["access_needs"],
            acting_user=None,
        )
    except ValidationError as refusal:
        form.add_error(None, refusal)
        guest.refresh_from_db()
        return _page(
            request, guest, token, form, status=409 if not answers_are_open(guest.opening) else 400
        )
    return _private(HttpResponseRedirect(f"{rsvp_path(token)}?done={result.outcome}"))


@login_not_required
@never_cache
def rsvp_calendar_view(request: HttpRequest, token: str) -> HttpResponse:
    """The evening as an .ics file, in the venue's time zone."""
    guest = guest_for_token(token=token)
    if guest is None:
        return _invalid(request)
    if rsvp_link_is_expired(guest):
        return _expired(request)
    opening = guest.opening
    response = HttpResponse(
        opening_ics(opening, url=absolute_url(rsvp_path(token))),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{calendar_file_name(opening)}"'
    return _private(response)
