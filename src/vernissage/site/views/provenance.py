"""The staff pages of a work's provenance and certificates: the events listed, an event added
through the service, the AAM text and the Linked Art export; the certificates issued,
printed and revoked with a reason, through the services.

Reading needs ``can_see_contacts`` (the pages name private owners); changing needs
``can_keep_provenance``. Anyone else gets the 404 of an unknown page. A refusal of a service
comes back on the page as a message, never as an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vernissage.core.access import Viewer, can_keep_provenance
from vernissage.market.certificates import (
    certificate_for_staff,
    certificate_issue,
    certificate_revoke,
    certificate_verify_url,
    certificates_of,
)
from vernissage.market.provenance import (
    PartyInput,
    artwork_for_provenance,
    provenance_event_add,
    provenance_page,
)
from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
from vernissage.people.models import Organization, Person, Place


class NamedChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class ProvenanceEventForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ProvenanceEvent.Kind.choices)
    date = forms.CharField(
        label=gettext_lazy("Date"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("As written: “1998”, “c. 1998”, “by 2005”."),
    )
    place = NamedChoice(label=gettext_lazy("Place"), required=False, queryset=Place.objects.none())
    method = forms.CharField(
        label=gettext_lazy("Method"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("e.g. “by descent”, “purchased at the exhibition”."),
    )
    from_person = NamedChoice(
        label=gettext_lazy("From (person)"), required=False, queryset=Person.objects.none()
    )
    to_person = NamedChoice(
        label=gettext_lazy("To (person)"), required=False, queryset=Person.objects.none()
    )
    to_organization = NamedChoice(
        label=gettext_lazy("To (organization)"),
        required=False,
        queryset=Organization.objects.none(),
    )
    to_anonymous = forms.ChoiceField(
        label=gettext_lazy("To (nobody named)"),
        required=False,
        choices=[("", "—"), *ProvenanceParty.Anonymous.choices],
    )
    to_name_public = forms.BooleanField(
        label=gettext_lazy("Name shown publicly"), required=False, initial=True
    )
    price = forms.DecimalField(
        label=gettext_lazy("Price"), required=False, max_digits=14, decimal_places=2
    )
    currency = forms.CharField(label=gettext_lazy("Currency"), required=False, max_length=3)
    certainty = forms.ChoiceField(
        label=gettext_lazy("Certainty"),
        choices=ProvenanceEvent.Certainty.choices,
        initial=ProvenanceEvent.Certainty.CERTAIN,
    )
    source = forms.CharField(label=gettext_lazy("Source"), required=False)
    notes = forms.CharField(label=gettext_lazy("Private notes"), required=False)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.visible_to(viewer).order_by("sort_name", "id")
        self.fields["place"].queryset = Place.objects.order_by("name", "id")  # type: ignore[attr-defined]
        self.fields["from_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["to_person"].queryset = people  # type: ignore[attr-defined]
        self.fields["to_organization"].queryset = Organization.objects.order_by("name", "id")  # type: ignore[attr-defined]

    def parties(self) -> list[PartyInput]:
        data = self.cleaned_data
        parties: list[PartyInput] = []
        if data["from_person"] is not None:
            parties.append(PartyInput(role=ProvenanceParty.Role.FROM, person=data["from_person"]))
        if data["to_person"] or data["to_organization"] or data["to_anonymous"]:
            parties.append(
                PartyInput(
                    role=ProvenanceParty.Role.TO,
                    person=data["to_person"],
                    organization=data["to_organization"],
                    anonymous=data["to_anonymous"],
                    name_public=data["to_name_public"],
                )
            )
        return parties


class CertificateForm(forms.Form):
    issued_by = forms.CharField(
        label=gettext_lazy("Issued by"),
        max_length=200,
        help_text=gettext_lazy("Who signs: a name and a capacity."),
    )
    issued_on = forms.DateField(
        label=gettext_lazy("Issued on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    show_title = forms.BooleanField(label=gettext_lazy("Show the title"), required=False)
    show_artist = forms.BooleanField(label=gettext_lazy("Show the artist"), required=False)
    show_details = forms.BooleanField(
        label=gettext_lazy("Show date, medium and dimensions"), required=False
    )
    show_image = forms.BooleanField(label=gettext_lazy("Show the image"), required=False)
    show_owner = forms.BooleanField(label=gettext_lazy("Show the owner"), required=False)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Why it is revoked"), max_length=1000)


def _keeper(request: HttpRequest) -> None:
    if not can_keep_provenance(request.user):
        raise Http404


def _said(request: HttpRequest, form: forms.Form, action: Callable[[], str]) -> None:
    """Validate ``form``, run ``action``; what it says, or why not, becomes a message."""
    if not form.is_valid():
        for name, problems in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else str(problem))
        return
    try:
        messages.success(request, action())
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)


# --- provenance -----------------------------------------------------------------------------


@never_cache
@require_GET
def artwork_provenance_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_provenance(slug=slug, viewer=request.user)
    may_keep = can_keep_provenance(request.user)
    return render(
        request,
        "site/market/provenance.html",
        {
            "artwork": artwork,
            "page": provenance_page(artwork=artwork, viewer=request.user),
            "may_keep": may_keep,
            "form": ProvenanceEventForm(viewer=request.user) if may_keep else None,
        },
    )


@require_POST
def artwork_provenance_add_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_provenance(slug=slug, viewer=request.user)
    _keeper(request)
    form = ProvenanceEventForm(request.POST, viewer=request.user)

    def action() -> str:
        data = form.cleaned_data
        event = provenance_event_add(
            artwork=artwork,
            kind=data["kind"],
            parties=form.parties(),
            date=data["date"],
            place=data["place"],
            method=data["method"],
            price=data["price"],
            currency=data["currency"],
            certainty=data["certainty"],
            source=data["source"],
            notes=data["notes"],
            acting_user=request.user,
        )
        return _("The %(kind)s is added to the provenance.") % {"kind": event.get_kind_display()}

    _said(request, form, action)
    return HttpResponseRedirect(reverse("site:artwork-provenance", kwargs={"slug": slug}))


# --- certificates ---------------------------------------------------------------------------


@never_cache
@require_GET
def artwork_certificates_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_provenance(slug=slug, viewer=request.user)
    may_keep = can_keep_provenance(request.user)
    certificates = certificates_of(artwork=artwork, viewer=request.user)
    return render(
        request,
        "site/market/certificates.html",
        {
            "artwork": artwork,
            "certificates": [
                (certificate, certificate_verify_url(certificate)) for certificate in certificates
            ],
            "may_keep": may_keep,
            "form": CertificateForm(
                initial={
                    "issued_by": settings.VERNISSAGE_HOUSE_NAME,
                    "issued_on": timezone.localdate(),
                    "show_title": True,
                    "show_artist": True,
                    "show_details": True,
                    "show_image": True,
                }
            )
            if may_keep
            else None,
            "revoke_form": RevokeForm() if may_keep else None,
        },
    )


@require_POST
def artwork_certificate_issue_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_provenance(slug=slug, viewer=request.user)
    _keeper(request)
    form = CertificateForm(request.POST)

    def action() -> str:
        certificate = certificate_issue(artwork=artwork, acting_user=request.user, **{
            name: value for name, value in form.cleaned_data.items() if value is not None
        })  # fmt: skip
        return _("Certificate %(number)s is issued.") % {"number": certificate.number}

    _said(request, form, action)
    return HttpResponseRedirect(reverse("site:artwork-certificates", kwargs={"slug": slug}))


@require_POST
def certificate_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = certificate_for_staff(pk=pk, viewer=request.user)
    artwork_for_provenance(slug=certificate.artwork.slug, viewer=request.user)
    _keeper(request)
    form = RevokeForm(request.POST)

    def action() -> str:
        certificate_revoke(
            certificate=certificate, reason=form.cleaned_data["reason"], acting_user=request.user
        )
        return _("Certificate %(number)s is revoked.") % {"number": certificate.number}

    _said(request, form, action)
    return HttpResponseRedirect(
        reverse("site:artwork-certificates", kwargs={"slug": certificate.artwork.slug})
    )
