"""The door of an opening night, for staff who may check guests in (Press, Owner).

Everyone else, anonymous visitors included, gets the 404 of an unknown page: the door must not
tell a stranger which openings exist or who is on their lists.

The page works without JavaScript (search by form, check-in by form, each form carrying its
own ``client_id`` so that a form sent twice checks in once). With JavaScript (``door.js``)
the search answers as one types (HTMX), the counts refresh themselves, the guest list is kept
in the browser, and check-ins go through a queue kept in the browser that is sent when the
network is there, so a venue whose wifi fails loses nothing and doubles nothing.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from vernissage.core.access import can_check_in
from vernissage.exhibitions.door import (
    WALK_IN_MAX_PARTY,
    CheckInOutcome,
    door_checkins,
    door_counts,
    door_find,
    door_guest_list,
    door_opening_get,
    door_openings,
    guest_check_in,
    guest_door_status,
    walk_in_add,
)
from vernissage.exhibitions.models import Guest, Opening

#: What the service worker keeps for the door to open offline (with the page itself).
WORKER_ASSETS = (
    "site/site.css",
    "site/door.css",
    "site/door.js",
    "vendor/htmx-2.0.11/htmx.min.js",
    "vendor/jsqr-1.4.0/jsQR.js",
)


class CheckInForm(forms.Form):
    guest = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    party = forms.IntegerField(label=gettext_lazy("Party"), min_value=1, max_value=1000)
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    at = forms.DateTimeField(required=False, widget=forms.HiddenInput)


class WalkInForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    party = forms.IntegerField(
        label=gettext_lazy("Party"), min_value=1, max_value=WALK_IN_MAX_PARTY, initial=1
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    at = forms.DateTimeField(required=False, widget=forms.HiddenInput)


@dataclass(frozen=True)
class DoorRow:
    """A guest as a search result: who, how they stand, and a check-in form of their own."""

    guest: Guest
    status: str
    client_id: uuid.UUID
    party_options: str
    checked_in_time: str
    checked_in_text: str


@dataclass(frozen=True)
class LatestCheckIn:
    """A line of the door's latest check-ins, its times in the venue's time zone."""

    time: str
    name: str
    party: int
    duplicate: bool
    first_time: str


def _party_options(guest: Guest) -> str:
    chosen = min(max(guest.party_size, 1), guest.party_allowed)
    return format_html_join(
        "",
        "<option{}>{}</option>",
        (
            (" selected" if party == chosen else "", party)
            for party in range(1, guest.party_allowed + 1)
        ),
    )


def _rows(opening: Opening, guests: list[Guest]) -> list[DoorRow]:
    rows = []
    for guest in guests:
        time = _local_time(opening, guest.checked_in_at)
        rows.append(
            DoorRow(
                guest=guest,
                status=guest_door_status(guest),
                client_id=uuid.uuid4(),
                party_options=_party_options(guest),
                checked_in_time=time,
                checked_in_text=_("checked in at %(time)s, party of %(party)s")
                % {"time": time, "party": guest.checked_in_party}
                if time
                else "",
            )
        )
    return rows


def _results(request: HttpRequest, opening: Opening, query: str) -> dict[str, Any]:
    """What the search results show, for the page and for its partial."""
    found = door_find(opening=opening, text=query) if query.strip() else None
    return {
        "query": query,
        "found": found,
        "more": found.more if found else False,
        "rows": _rows(opening, found.guests) if found else [],
        # One hidden input for every row's form, rather than a {% csrf_token %} per row.
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
    }


def _live(opening: Opening) -> dict[str, Any]:
    """The counts and the latest check-ins, which the page refreshes every few seconds."""
    return {
        "counts": door_counts(opening=opening),
        "checkins": [
            LatestCheckIn(
                time=_local_time(opening, checkin.at),
                name=checkin.guest.name,
                party=checkin.party,
                duplicate=checkin.duplicate,
                first_time=_local_time(opening, checkin.guest.checked_in_at),
            )
            for checkin in door_checkins(opening=opening)
        ],
    }


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _urls(opening: Opening) -> dict[str, str]:
    args = [opening.pk]
    return {
        "page": reverse("site:door", args=args),
        "search": reverse("site:door-search", args=args),
        "counts": reverse("site:door-counts", args=args),
        "guests": reverse("site:door-guests", args=args),
        "check_in": reverse("site:door-check-in", args=args),
        "walk_in": reverse("site:door-walk-in", args=args),
        "worker": reverse("site:door-worker"),
        "scope": reverse("site:door-index"),
    }


def _local_time(opening: Opening, moment: Any) -> str:
    return timezone.localtime(moment, opening.venue.zone).strftime("%H:%M") if moment else ""


def _strings() -> dict[str, str]:
    """What door.js says, translated here (the page has no JavaScript catalogue)."""
    return {
        "offline": _(
            "Offline: searching the list kept on this phone; check-ins wait here until the "
            "network is back."
        ),
        "waitingOne": _("1 check-in waiting to be sent."),
        "waitingMany": _("%(count)s check-ins waiting to be sent."),
        "queued": _("%(name)s: checked in on this phone, waiting to be sent."),
        "sending": _("Sending…"),
        "recorded": _("%(name)s: checked in, party of %(party)s."),
        "duplicate": _(
            "%(name)s was already checked in at %(time)s: this second check-in is flagged, "
            "not counted."
        ),
        "localDuplicate": _(
            "%(name)s was already checked in at %(time)s on this phone: this second check-in "
            "will be flagged, not counted."
        ),
        "refused": _("Refused: %(error)s"),
        "signIn": _(
            "The server does not take check-ins from this session: sign in again. "
            "The check-ins stay queued on this phone."
        ),
        "serverError": _("The server failed; the check-ins stay queued and are sent again."),
        "noMatch": _("No guest by that name on the list."),
        "noCode": _("This code is not on this opening's guest list."),
        "listKept": _("%(count)s guests kept on this phone for offline search."),
        "cameraFailed": _("The camera could not be opened: %(error)s"),
        "scanning": _("Point the camera at the guest's QR code."),
        "walkIn": _("walk-in"),
        "checkedInAt": _("checked in at %(time)s, party of %(party)s"),
        "checkIn": _("Check in"),
        "party": _("Party"),
    }


@login_not_required
@require_safe
def door_index_view(request: HttpRequest) -> HttpResponse:
    openings = door_openings(viewer=request.user)
    return render(request, "site/door/index.html", {"openings": openings})


@login_not_required
@require_safe
def door_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    return render(
        request,
        "site/door/door.html",
        {
            "opening": opening,
            **_results(request, opening, request.GET.get("q", "")[:300]),
            **_live(opening),
            "walk_in_form": WalkInForm(initial={"client_id": uuid.uuid4(), "party": 1}),
            "urls": _urls(opening),
            "strings": _strings(),
            "zone": opening.venue.time_zone,
        },
    )


@login_not_required
@require_safe
def door_search_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    """The search results as a partial, for HTMX (and anything else that asks)."""
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    return render(
        request,
        "site/door/_results.html",
        {
            "opening": opening,
            **_results(request, opening, request.GET.get("q", "")[:300]),
            "urls": _urls(opening),
        },
    )


@login_not_required
@require_safe
def door_counts_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    return render(
        request,
        "site/door/_counts.html",
        {"opening": opening, **_live(opening), "urls": _urls(opening)},
    )


@login_not_required
@require_safe
@never_cache
def door_guests_view(request: HttpRequest, opening_id: int) -> JsonResponse:
    """The whole list, for the browser to keep and search while offline."""
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    guests = door_guest_list(opening=opening)
    for guest in guests:
        guest["status"] = guest_door_status(guest)
        guest["checked_in_time"] = _local_time(opening, guest["checked_in_at"])
        guest.pop("waitlisted_at")
        guest.pop("search_name")
    return JsonResponse({"opening": opening.pk, "zone": opening.venue.time_zone, "guests": guests})


def _outcome_message(opening: Opening, outcome: CheckInOutcome) -> str:
    guest = outcome.guest
    if outcome.duplicate:
        return _(
            "%(name)s was already checked in at %(time)s (%(zone)s): this second check-in is "
            "flagged, not counted."
        ) % {
            "name": guest.name,
            "time": _local_time(opening, outcome.first_at),
            "zone": opening.venue.time_zone,
        }
    return _("%(name)s: checked in, party of %(party)s.") % {
        "name": guest.name,
        "party": outcome.checkin.party,
    }


def _outcome_json(opening: Opening, outcome: CheckInOutcome) -> JsonResponse:
    guest = outcome.guest
    return JsonResponse(
        {
            "client_id": str(outcome.checkin.client_id),
            "status": "duplicate" if outcome.duplicate else "recorded",
            "replayed": outcome.replayed,
            "message": _outcome_message(opening, outcome),
            "guest": {
                "id": guest.pk,
                "name": guest.name,
                "party_allowed": guest.party_allowed,
                "party_size": guest.party_size,
                "response": guest.response,
                "walk_in": guest.walk_in,
                "access_needs": guest.access_needs,
                "checked_in_at": guest.checked_in_at,
                "checked_in_party": guest.checked_in_party,
                "checked_in_time": _local_time(opening, guest.checked_in_at),
                "status": guest_door_status(guest),
                "token_hash": guest.token_hash,
            },
        }
    )


def _refused(request: HttpRequest, opening: Opening, errors: list[str], query: str) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"error": " ".join(errors)}, status=400)
    for error in errors:
        messages.error(request, error)
    return _back(opening, query)


def _back(opening: Opening, query: str) -> HttpResponse:
    url = reverse("site:door", args=[opening.pk])
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


def _form_errors(form: forms.Form) -> list[str]:
    return [
        f"{form.fields[name].label or name}: {error}" if name != "__all__" else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


@login_not_required
@require_POST
def door_check_in_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    query = request.POST.get("q", "")[:300]
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _refused(request, opening, _form_errors(form), query)
    try:
        outcome = guest_check_in(
            opening=opening,
            guest_id=form.cleaned_data["guest"],
            party=form.cleaned_data["party"],
            client_id=form.cleaned_data["client_id"],
            at=form.cleaned_data["at"],
            acting_user=request.user,
        )
    except ValidationError as error:
        return _refused(request, opening, error.messages, query)
    if _wants_json(request):
        return _outcome_json(opening, outcome)
    (messages.warning if outcome.duplicate else messages.success)(
        request, _outcome_message(opening, outcome)
    )
    return _back(opening, query)


@login_not_required
@require_POST
def door_walk_in_view(request: HttpRequest, opening_id: int) -> HttpResponse:
    opening = door_opening_get(opening_id=opening_id, viewer=request.user)
    form = WalkInForm(request.POST)
    if not form.is_valid():
        return _refused(request, opening, _form_errors(form), "")
    try:
        outcome = walk_in_add(
            opening=opening,
            name=form.cleaned_data["name"],
            party=form.cleaned_data["party"],
            client_id=form.cleaned_data["client_id"],
            at=form.cleaned_data["at"],
            acting_user=request.user,
        )
    except ValidationError as error:
        return _refused(request, opening, error.messages, "")
    if _wants_json(request):
        return _outcome_json(opening, outcome)
    messages.success(request, _outcome_message(opening, outcome))
    return _back(opening, "")


@login_not_required
@require_safe
def door_worker_view(request: HttpRequest) -> HttpResponse:
    """The service worker that keeps the door page and its scripts for offline use. Served
    from the door's own path so that its scope is the door; only to those who work it."""
    if not can_check_in(request.user):
        raise Http404
    assets = [static(path) for path in WORKER_ASSETS]
    response = render(
        request,
        "site/door/worker.js",
        {
            "assets_json": json.dumps(assets),
            "version": hashlib.sha256("\n".join(assets).encode()).hexdigest()[:16],
            "scope": reverse("site:door-index"),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    return response
