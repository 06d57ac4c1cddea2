"""The artist's page for an invitation to exhibit, opened from the link in its e-mail: who
invites, to what, the message, and the answer (accept or decline, with a message). Public;
the link dies at the deadline. No other invitation, nor anything private, is ever shown."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from vernissage.exhibitions.invitations import (
    invitation_accept,
    invitation_decline,
    invitation_for_token,
    invitation_link_is_expired,
)
from vernissage.exhibitions.links import invitation_answer_path
from vernissage.exhibitions.models import Invitation

DECISIONS = [("accept", _("Accept")), ("decline", _("Decline"))]
DONE = {
    "accepted": _("Thank you: you accepted the invitation. The inviter is told."),
    "declined": _("Thank you: you declined the invitation. The inviter is told."),
}


class InvitationAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your message (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decision = forms.ChoiceField(choices=DECISIONS)


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _page(
    request: HttpRequest, invitation: Invitation, form: InvitationAnswerForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "invitation": invitation,
        "inviter": invitation.inviter,
        "form": form,
        "is_open": invitation.state == Invitation.State.SENT,
        "done": DONE.get(request.GET.get("done", "")),
    }
    return _private(render(request, "site/invitations/answer.html", context, status=status))


@login_not_required
@never_cache
def invitation_answer_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for_token(token=token)
    if invitation is None:
        return _private(render(request, "site/rsvp/invalid.html", status=404))
    if invitation_link_is_expired(invitation):
        return _private(render(request, "site/invitations/expired.html", status=410))
    if request.method != "POST":
        return _page(request, invitation, InvitationAnswerForm())
    form = InvitationAnswerForm(request.POST)
    if not form.is_valid():
        return _page(request, invitation, form, status=400)
    answer = form.cleaned_data["answer"]
    service = invitation_accept if form.cleaned_data["decision"] == "accept" else invitation_decline
    try:
        service(invitation=invitation, answer=answer, acting_user=None)
    except ValidationError as refusal:
        form.add_error(None, refusal)
        invitation.refresh_from_db()
        return _page(request, invitation, form, status=409)
    return _private(
        HttpResponseRedirect(f"{invitation_answer_path(token)}?done={invitation.state}")
    )
