"""The staff pages of contacts: the list with its search, and one contact's page with their
details, interests, consent and log, a form to log an interaction, the exports (JSON, PDF)
and erasure, asked for twice.

Reading needs ``can_see_contacts``, changing ``can_keep_contacts``; anyone else gets the 404 of
an unknown page. Forms post and redirect (no JavaScript needed); a refusal of a service comes
back as a message on the page, never as an error page.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernissage.core.access import can_keep_contacts
from vernissage.exhibitions.models import Opening
from vernissage.market.contact_export import contact_export, contact_pdf
from vernissage.market.contact_selectors import (
    contact_get,
    contact_list,
    contact_log,
    price_range_label,
)
from vernissage.market.contacts import contact_consent_set, contact_erase, interaction_record
from vernissage.market.contacts_models import Interaction
from vernissage.market.models import Contact


class InteractionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What"), choices=Interaction.Kind.choices)
    at = forms.DateTimeField(
        label=gettext_lazy("When"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Now, if left empty."),
    )
    opening = forms.ModelChoiceField(
        label=gettext_lazy("Opening"),
        required=False,
        queryset=Opening.objects.select_related("exhibition", "venue__organization").order_by(
            "-starts_at"
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=5000, widget=forms.Textarea
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=gettext_lazy("Agrees to invitations and news"), required=False
    )
    source = forms.CharField(
        label=gettext_lazy("How we know"),
        max_length=200,
        help_text=gettext_lazy("e.g. “signed the guest book at the Paris opening”."),
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that this cannot be undone."), required=True
    )


def _kept(request: HttpRequest, pk: int) -> Contact:
    """The contact, for a viewer who may change contacts; the 404 of an unknown page
    otherwise."""
    contact = contact_get(pk=pk, viewer=request.user)
    if not can_keep_contacts(request.user):
        raise Http404
    return contact


def _back(contact: Contact) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("site:contact-detail", kwargs={"pk": contact.pk}))


@never_cache
@require_GET
def contact_list_view(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:200]
    contacts = contact_list(viewer=request.user, search=search)
    return render(
        request, "site/contacts/contact_list.html", {"contacts": contacts, "search": search}
    )


def _detail(
    request: HttpRequest,
    contact: Contact,
    *,
    interaction_form: InteractionForm | None = None,
    consent_form: ConsentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context: dict[str, Any] = {
        "contact": contact,
        "log": contact_log(contact=contact),
        "price_range": price_range_label(contact),
        "may_keep": can_keep_contacts(request.user) and not contact.is_erased,
        "interaction_form": interaction_form
        or InteractionForm(initial={"kind": Interaction.Kind.CALL}),
        "consent_form": consent_form
        or ConsentForm(initial={"consent": not contact.marketing_consent}),
    }
    return render(request, "site/contacts/contact_detail.html", context, status=status)


@never_cache
@require_GET
def contact_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, contact_get(pk=pk, viewer=request.user))


@require_POST
def interaction_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _kept(request, pk)
    form = InteractionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            interaction_record(
                contact=contact,
                kind=data["kind"],
                at=data["at"] or timezone.now(),
                note=data["note"],
                opening=data["opening"],
                acting_user=request.user,
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return _detail(request, contact, interaction_form=form, status=400)
        messages.success(request, _("Logged."))
        return _back(contact)
    return _detail(request, contact, interaction_form=form, status=400)


@require_POST
def contact_consent_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _kept(request, pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            contact_consent_set(
                contact=contact,
                consent=form.cleaned_data["consent"],
                source=form.cleaned_data["source"],
                acting_user=request.user,
            )
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return _detail(request, contact, consent_form=form, status=400)
        messages.success(request, _("Consent recorded."))
        return _back(contact)
    return _detail(request, contact, consent_form=form, status=400)


@never_cache
@require_GET
def contact_export_json_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_get(pk=pk, viewer=request.user)
    body = json.dumps(
        contact_export(contact=contact, viewer=request.user),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@never_cache
@require_GET
def contact_export_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_get(pk=pk, viewer=request.user)
    response = HttpResponse(
        contact_pdf(contact=contact, viewer=request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.pdf"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def contact_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _kept(request, pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_erase(contact=contact, acting_user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, _("The contact was erased."))
        return _back(contact)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "site/contacts/contact_erase.html",
        {"contact": contact, "form": form},
        status=status,
    )
