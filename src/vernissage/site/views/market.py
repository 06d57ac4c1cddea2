"""The staff pages of the market: a work's sales panel (hold, offer, sell), a sale from draft
to paid (confirm, invoice, record a payment, cancel) with its invoice PDF, and a contact's
market summary.

Only for staff who may see sales (``can_see_sales``; changing needs ``can_keep_sales``):
anyone else gets the 404 of an unknown page. Every form posts and redirects without
JavaScript; with htmx the same view answers with the panel it changed. A refusal of a
service is shown on the page as a message, never as an error page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from vernissage.core.access import can_keep_sales
from vernissage.market import holds, sales
from vernissage.market.consignments import payables_statement
from vernissage.market.documents import invoice_pdf, payables_pdf
from vernissage.market.models import Contact, Hold, Offer, Sale
from vernissage.market.reports import (
    artist_price_history,
    price_chart_svg,
    sales_by_artist,
    sales_by_artist_converted,
)
from vernissage.market.selectors import (
    artwork_for_sales,
    artwork_market,
    contact_get,
    contact_market,
    contacts_for_sales,
    sale_get,
    sales_allowed,
)
from vernissage.people.selectors import person_get
from vernissage.works.models import Artwork

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}


class ContactChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _contact_field(label: Any) -> ContactChoice:
    return ContactChoice(label=label, queryset=Contact.objects.none())


class HoldForm(forms.Form):
    contact = _contact_field(gettext_lazy("For"))
    until = forms.DateField(
        label=gettext_lazy("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=500)


class OfferForm(forms.Form):
    contact = _contact_field(gettext_lazy("From"))
    amount = forms.DecimalField(label=gettext_lazy("Amount"), **MONEY)  # type: ignore[arg-type]
    currency = forms.CharField(label=gettext_lazy("Currency"), max_length=3, initial="EUR")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=[
            (Offer.Answer.ACCEPTED, Offer.Answer.ACCEPTED.label),
            (Offer.Answer.DECLINED, Offer.Answer.DECLINED.label),
            (Offer.Answer.COUNTERED, Offer.Answer.COUNTERED.label),
        ],
    )
    counter_amount = forms.DecimalField(
        label=gettext_lazy("Counter-offer"),
        required=False,
        **MONEY,  # type: ignore[arg-type]
    )


class SellForm(forms.Form):
    buyer = _contact_field(gettext_lazy("Buyer"))
    price = forms.DecimalField(label=gettext_lazy("Price"), **MONEY)  # type: ignore[arg-type]
    currency = forms.CharField(label=gettext_lazy("Currency"), max_length=3, initial="EUR")
    discount = forms.DecimalField(
        label=gettext_lazy("Discount (%)"),
        initial=Decimal(0),
        **PERCENT,  # type: ignore[arg-type]
    )
    tax_rate = forms.DecimalField(
        label=gettext_lazy("Tax rate (%)"),
        initial=Decimal(0),
        **PERCENT,  # type: ignore[arg-type]
    )
    artist_share = forms.DecimalField(
        label=gettext_lazy("Artist's share (%)"),
        initial=Decimal(50),
        **PERCENT,  # type: ignore[arg-type]
    )


class PaymentForm(forms.Form):
    amount = forms.DecimalField(label=gettext_lazy("Amount"), **MONEY)  # type: ignore[arg-type]
    received_on = forms.DateField(
        label=gettext_lazy("Received on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    method = forms.CharField(label=gettext_lazy("Method"), required=False, max_length=100)
    reference = forms.CharField(label=gettext_lazy("Reference"), required=False, max_length=200)


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


def _with_contacts(form: forms.Form, request: HttpRequest) -> forms.Form:
    queryset = contacts_for_sales(viewer=request.user)
    for name in ("contact", "buyer"):
        if name in form.fields:
            form.fields[name].queryset = queryset  # type: ignore[attr-defined]
    return form


def _keeper(request: HttpRequest) -> None:
    if not can_keep_sales(request.user):
        raise Http404


def _form_errors(form: forms.Form) -> list[str]:
    errors: list[str] = []
    for name, problems in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        errors.extend(f"{label}: {problem}" if label else str(problem) for problem in problems)
    return errors


def _run(
    request: HttpRequest, form: forms.Form, action: Callable[[dict[str, Any]], str]
) -> tuple[list[str], list[str]]:
    """Validate ``form`` and run ``action`` with its data: (notices, errors)."""
    if not form.is_valid():
        return [], _form_errors(form)
    try:
        return [action(form.cleaned_data)], []
    except ValidationError as refusal:
        return [], list(refusal.messages)


# --- a work's sales panel -------------------------------------------------------------------


def _panel_context(
    request: HttpRequest, artwork: Artwork, notices: list[str], errors: list[str]
) -> dict[str, Any]:
    return {
        "artwork": artwork,
        "market": artwork_market(artwork=artwork, viewer=request.user),
        "may_keep": can_keep_sales(request.user),
        "hold_form": _with_contacts(
            HoldForm(initial={"until": timezone.localdate() + dt.timedelta(days=7)}), request
        ),
        "offer_form": _with_contacts(OfferForm(), request),
        "answer_form": AnswerForm(),
        "sell_form": _with_contacts(SellForm(), request),
        "notices": notices,
        "errors": errors,
    }


def _panel_answer(
    request: HttpRequest, artwork: Artwork, notices: list[str], errors: list[str]
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "site/market/_artwork_panel.html",
            _panel_context(request, artwork, notices, errors),
        )
    for notice in notices:
        messages.success(request, notice)
    for error in errors:
        messages.error(request, error)
    return HttpResponseRedirect(reverse("site:artwork-sales", kwargs={"slug": artwork.slug}))


@never_cache
@require_GET
def artwork_sales_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    return render(
        request, "site/market/artwork_sales.html", _panel_context(request, artwork, [], [])
    )


def _end_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))


@require_POST
def artwork_hold_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    _keeper(request)

    def action(data: dict[str, Any]) -> str:
        hold = holds.hold_place(
            artwork=artwork,
            contact=data["contact"],
            until=_end_of_day(data["until"]),
            note=data["note"],
            acting_user=request.user,
        )
        return _("“%(work)s” is on hold for %(contact)s.") % {
            "work": artwork.title,
            "contact": hold.contact,
        }

    notices, errors = _run(request, _with_contacts(HoldForm(request.POST), request), action)
    return _panel_answer(request, artwork, notices, errors)


@require_POST
def hold_release_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    _keeper(request)
    hold = Hold.objects.filter(pk=pk, artwork=artwork).first()
    if hold is None:
        raise Http404

    def action(data: dict[str, Any]) -> str:
        holds.hold_release(hold=hold, acting_user=request.user)
        return _("The hold is released.")

    notices, errors = _run(request, forms.Form({}), action)
    return _panel_answer(request, artwork, notices, errors)


@require_POST
def artwork_offer_view(request: HttpRequest, slug: str) -> HttpResponse:
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    _keeper(request)

    def action(data: dict[str, Any]) -> str:
        holds.offer_record(artwork=artwork, acting_user=request.user, **data)
        return _("The offer is recorded.")

    notices, errors = _run(request, _with_contacts(OfferForm(request.POST), request), action)
    return _panel_answer(request, artwork, notices, errors)


@require_POST
def offer_answer_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    _keeper(request)
    offer = Offer.objects.filter(pk=pk, artwork=artwork).first()
    if offer is None:
        raise Http404

    def action(data: dict[str, Any]) -> str:
        holds.offer_answer(offer=offer, acting_user=request.user, **data)
        return _("The answer is recorded.")

    notices, errors = _run(request, AnswerForm(request.POST), action)
    return _panel_answer(request, artwork, notices, errors)


@require_POST
def artwork_sell_view(request: HttpRequest, slug: str) -> HttpResponse:
    """Start a draft sale of this work; the sale's page takes it on from there."""
    artwork = artwork_for_sales(slug=slug, viewer=request.user)
    _keeper(request)
    made: list[Sale] = []

    def action(data: dict[str, Any]) -> str:
        with transaction.atomic():
            sale = sales.sale_create(
                buyer=data["buyer"],
                currency=data["currency"],
                artist_share=data["artist_share"],
                acting_user=request.user,
            )
            sales.sale_line_add(
                sale=sale,
                artwork=artwork,
                price=data["price"],
                currency=data["currency"],
                discount=data["discount"],
                tax_rate=data["tax_rate"],
                acting_user=request.user,
            )
        made.append(sale)
        return _("A draft sale to %(buyer)s is ready to confirm.") % {"buyer": sale.buyer}

    notices, errors = _run(request, _with_contacts(SellForm(request.POST), request), action)
    if not made:
        return _panel_answer(request, artwork, notices, errors)
    url = reverse("site:sale-detail", kwargs={"pk": made[0].pk})
    messages.success(request, notices[0])
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


# --- a sale ---------------------------------------------------------------------------------


def _sale_context(
    request: HttpRequest, sale: Sale, notices: list[str], errors: list[str]
) -> dict[str, Any]:
    return {
        "sale": sale,
        "lines": list(sale.lines.all()),
        "totals": sales.sale_totals(sale),
        "may_keep": can_keep_sales(request.user),
        "payment_form": PaymentForm(initial={"received_on": timezone.localdate()}),
        "cancel_form": CancelForm(),
        "notices": notices,
        "errors": errors,
    }


@never_cache
@require_GET
def sale_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    sale = sale_get(pk=pk, viewer=request.user)
    return render(request, "site/market/sale.html", _sale_context(request, sale, [], []))


STEPS: dict[str, tuple[type[forms.Form], Callable[..., Any], Any]] = {
    "confirm": (forms.Form, sales.sale_confirm, gettext_lazy("The sale is confirmed.")),
    "invoice": (forms.Form, sales.sale_invoice, gettext_lazy("The invoice is made.")),
    "payment": (PaymentForm, sales.payment_record, gettext_lazy("The payment is recorded.")),
    "cancel": (CancelForm, sales.sale_cancel, gettext_lazy("The sale is cancelled.")),
}


@require_POST
def sale_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    sale = sale_get(pk=pk, viewer=request.user)
    _keeper(request)
    if step not in STEPS:
        raise Http404
    form_class, service, done = STEPS[step]

    def action(data: dict[str, Any]) -> str:
        cleaned = {key: value for key, value in data.items() if value not in (None, "")}
        service(sale=sale, acting_user=request.user, **cleaned)
        return str(done)

    notices, errors = _run(request, form_class(request.POST), action)
    if request.htmx:  # type: ignore[attr-defined]
        fresh = sale_get(pk=pk, viewer=request.user)
        return render(
            request, "site/market/_sale_panel.html", _sale_context(request, fresh, notices, errors)
        )
    for notice in notices:
        messages.success(request, notice)
    for error in errors:
        messages.error(request, error)
    return HttpResponseRedirect(reverse("site:sale-detail", kwargs={"pk": pk}))


@never_cache
@require_GET
def sale_invoice_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    sale = sale_get(pk=pk, viewer=request.user)
    if not sale.invoice_number:
        raise Http404
    response = HttpResponse(invoice_pdf(sale=sale, viewer=request.user), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="invoice-{sale.invoice_number}.pdf"'
    return response


# --- a contact ------------------------------------------------------------------------------


@never_cache
@require_GET
def contact_market_view(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_get(pk=pk, viewer=request.user)
    return render(
        request,
        "site/market/contact.html",
        {"summary": contact_market(contact=contact, viewer=request.user)},
    )


# --- consignments, reports ------------------------------------------------------------------


@never_cache
@require_GET
def payables_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/market/payables.html",
        {"statements": payables_statement(viewer=request.user)},
    )


@never_cache
@require_GET
def payables_pdf_view(request: HttpRequest) -> HttpResponse:
    statements = payables_statement(viewer=request.user)
    response = HttpResponse(payables_pdf(statements=statements), "application/pdf")
    response["Content-Disposition"] = 'inline; filename="payables.pdf"'
    return response


@never_cache
@require_GET
def sales_report_view(request: HttpRequest) -> HttpResponse:
    """Sales by artist, year and currency; with ``convert``, each total also in the reporting
    currency at the exchange rates staff entered, what has no rate listed apart."""
    year = request.GET.get("year", "")
    chosen = int(year) if year.isdigit() else None
    convert = request.GET.get("convert") == "1"
    context: dict[str, Any] = {"year": year, "convert": convert}
    if convert:
        context["report"] = sales_by_artist_converted(viewer=request.user, year=chosen)
    else:
        context["rows"] = sales_by_artist(viewer=request.user, year=chosen)
    return render(request, "site/market/sales_report.html", context)


@never_cache
@require_GET
def artist_prices_view(request: HttpRequest, slug: str) -> HttpResponse:
    sales_allowed(request.user)
    person = person_get(slug=slug, viewer=request.user)
    points = artist_price_history(person=person, viewer=request.user)
    return render(
        request,
        "site/market/artist_prices.html",
        {"person": person, "points": points, "chart": price_chart_svg(points)},
    )
